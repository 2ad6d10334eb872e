"""Rate-limit anonymous feedback through the cache, without storing who sent it.

The client address is hashed with the site's secret and today's date (so the key changes
every day and cannot be reversed or linked across days), and the hash lives only in the
cache for an hour. Nothing reaches the database.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.utils import timezone

#: Answers accepted per client and per page within :data:`WINDOW_SECONDS`.
MAX_PER_PAGE = 3
#: Answers accepted per page from everyone within :data:`WINDOW_SECONDS` (flood guard).
MAX_PER_PAGE_GLOBAL = 200
WINDOW_SECONDS = 60 * 60


def _client_fingerprint(request: HttpRequest) -> str:
    address = request.META.get("REMOTE_ADDR", "")
    salt = f"{settings.SECRET_KEY}:{timezone.localdate().isoformat()}"
    return hashlib.sha256(f"{salt}:{address}".encode()).hexdigest()[:24]


def _hit(key: str, limit: int) -> bool:
    """Add one to ``key``'s counter; True while it stays within ``limit``."""
    if cache.add(key, 1, WINDOW_SECONDS):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.add(key, 1, WINDOW_SECONDS)
        return True
    return count <= limit


def allow_feedback(request: HttpRequest, page_id: int) -> bool:
    """True when this client may send one more answer about ``page_id`` now."""
    client_ok = _hit(f"audience:feedback:{page_id}:{_client_fingerprint(request)}", MAX_PER_PAGE)
    global_ok = _hit(f"audience:feedback:{page_id}:all", MAX_PER_PAGE_GLOBAL)
    return client_ok and global_ok
