"""Turn a public video address into a privacy-friendly embed address (pure functions).

YouTube videos play from ``youtube-nocookie.com`` and Vimeo with ``dnt=1``. Only these two
hosts are accepted because the Content-Security-Policy allows frames from them alone.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

_YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")


def _youtube_id(url: str) -> str | None:
    parsed = urlparse(url)
    host = (parsed.hostname or "").removeprefix("www.").removeprefix("m.")
    candidate = None
    if host == "youtu.be":
        candidate = parsed.path.lstrip("/").split("/")[0]
    elif host in {"youtube.com", "youtube-nocookie.com"}:
        if parsed.path == "/watch":
            candidate = parse_qs(parsed.query).get("v", [None])[0]
        else:
            parts = parsed.path.strip("/").split("/")
            if len(parts) == 2 and parts[0] in {"embed", "shorts", "live"}:
                candidate = parts[1]
    return candidate if candidate and _YOUTUBE_ID.match(candidate) else None


def _vimeo_id(url: str) -> str | None:
    parsed = urlparse(url)
    host = (parsed.hostname or "").removeprefix("www.")
    if host not in {"vimeo.com", "player.vimeo.com"}:
        return None
    digits = [part for part in parsed.path.split("/") if part.isascii() and part.isdigit()]
    return digits[-1] if digits else None


def embed_url_for(url: str) -> str:
    """The embed address for ``url``, or an empty string when the host is not supported."""
    if video_id := _youtube_id(url):
        return f"https://www.youtube-nocookie.com/embed/{video_id}?autoplay=1&rel=0"
    if video_id := _vimeo_id(url):
        return f"https://player.vimeo.com/video/{video_id}?autoplay=1&dnt=1"
    return ""


def host_name_for(url: str) -> str:
    """A human name for the host, shown on the play button ("Lire sur YouTube")."""
    if _youtube_id(url):
        return "YouTube"
    if _vimeo_id(url):
        return "Vimeo"
    return ""
