"""Robot detection on the User-Agent header, in memory only (the header is never stored).

Pure function, no Django import. Crawlers, link previewers, uptime monitors and scripted
clients are not visitors: counting them would inflate the figures, especially the
"direct" channel.
"""

from __future__ import annotations

import re

_BOT_PATTERN = re.compile(
    r"bot\b|bot/|crawl|spider|slurp|scrap|fetch|preview|monitor|uptime|pingdom|lighthouse|"
    r"headless|phantom|selenium|puppeteer|playwright|curl|wget|httpie|python-|requests|aiohttp|"
    r"go-http|java/|okhttp|libwww|axios|node-fetch|facebookexternalhit|embedly|whatsapp|"
    r"bingpreview|mediapartners|apis-google|feedfetcher|validator|checker|archive\.org",
    re.IGNORECASE,
)


def is_bot(user_agent: str | None) -> bool:
    """True when the User-Agent looks like a robot, a script or is missing altogether.

    A real browser always sends a User-Agent beginning with ``Mozilla/`` (or ``Opera``);
    anything without one is treated as a script.
    """
    if not user_agent:
        return True
    agent = user_agent[:512]
    if not (agent.startswith("Mozilla/") or agent.startswith("Opera")):
        return True
    return bool(_BOT_PATTERN.search(agent))
