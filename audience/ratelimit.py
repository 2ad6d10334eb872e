"""Rate-limit anonymous feedback through the cache, without storing who sent it.

The client address (through the site's trusted proxies, ``audience.client_address``) is hashed
with the site's secret and today's date (so the key changes every day and cannot be reversed or
linked across days), and the hash lives only in the cache for an hour. Nothing reaches the database.

- A client's refused answers do not count toward the page's limit for everyone: one client cannot
  use up a page's answers for all visitors.
- While the shared cache (Redis) is down, counting goes on in each server process's memory, so
  the limits still hold (per process) instead of vanishing.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache, caches
from django.http import HttpRequest
from django.utils import timezone

from audience.client_address import client_address

#: Answers accepted per client and per page within :data:`WINDOW_SECONDS`.
MAX_PER_PAGE = 3
#: Answers accepted per page from everyone within :data:`WINDOW_SECONDS` (flood guard).
MAX_PER_PAGE_GLOBAL = 200
WINDOW_SECONDS = 60 * 60


#: Cache of the counters used while the shared cache is unreachable (this process's memory).
FALLBACK_CACHE = "counters"


def visitor_address(request: HttpRequest) -> str:
    """The visitor's address, through the proxies listed in ``TRUSTED_PROXIES``."""
    return client_address(request.META.get("REMOTE_ADDR", ""), request.META.get("HTTP_X_FORWARDED_FOR"),
                          settings.TRUSTED_PROXY_NETWORKS)


def visitor_fingerprint(request: HttpRequest) -> str:
    """The visitor's address hashed with the secret and today's date: anonymous, changes every day."""
    address = visitor_address(request)
    salt = f"{settings.SECRET_KEY}:{timezone.localdate().isoformat()}"
    return hashlib.sha256(f"{salt}:{address}".encode()).hexdigest()[:24]


def _shared_cache_is_down() -> bool:
    return bool(getattr(cache, "is_down", False))


def count_in(store, key: str, window: int = WINDOW_SECONDS) -> int:
    """Add one to ``key``'s counter in the cache ``store`` (expiring after ``window`` seconds) and return it."""
    if store.add(key, 1, window):
        return 1
    try:
        return store.incr(key)
    except ValueError:  # expired between add() and incr()
        store.add(key, 1, window)
        return 1


def _hit(key: str, limit: int) -> bool:
    """Add one to ``key``'s counter; True while it stays within ``limit``."""
    if not _shared_cache_is_down():
        count = count_in(cache, key)
        if not _shared_cache_is_down():  # the shared cache answered: its count holds
            return count <= limit
    return count_in(caches[FALLBACK_CACHE], key) <= limit


def allow_feedback(request: HttpRequest, page_id: int) -> bool:
    """True when this client may send one more answer about ``page_id`` now."""
    if not _hit(f"audience:feedback:{page_id}:{visitor_fingerprint(request)}", MAX_PER_PAGE):
        return False  # refused before touching the page's global count
    return _hit(f"audience:feedback:{page_id}:all", MAX_PER_PAGE_GLOBAL)
