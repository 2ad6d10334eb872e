"""Robot detection on the User-Agent header, in memory only (the header is never stored).

No Django import. Crawlers, link previewers, uptime monitors and scripted clients are not
visitors: counting them would inflate the figures, especially the "direct" channel. The patterns
are the maintained community list ``crawler-user-agents`` (monperrus/crawler-user-agents, several
hundred crawlers, updated with each release) rather than a hand-written regex.
"""

from __future__ import annotations

from functools import lru_cache

import crawleruseragents


@lru_cache(maxsize=4096)  # a few browser strings make most of the traffic: checked once each
def is_bot(user_agent: str | None) -> bool:
    """True when the User-Agent looks like a robot, a script or is missing altogether.

    A real browser always sends a User-Agent beginning with ``Mozilla/`` (or ``Opera``);
    anything without one is treated as a script (curl, python-requests…).
    """
    if not user_agent:
        return True
    agent = user_agent[:512]
    if not (agent.startswith("Mozilla/") or agent.startswith("Opera")):
        return True
    return crawleruseragents.is_crawler(agent)
