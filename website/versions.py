"""Cache versions: the one mechanism by which every cached value of the site is invalidated.

A version is a number kept in a cache that every process sees (Redis in production), bumped
whenever what it stands for changes. A cached value puts the version in its key (or carries it),
so a bump makes every older entry unreachable at once — in every process, whatever the backend —
without scanning keys; the old entries expire on their own.

Two versions exist, both instances of :class:`CacheVersion`:

- ``content_version`` (``website.caching``): anything an editor publishes or saves, and any
  observatory publication. Keys the whole-page cache and the site data (``website.site_cache``).
- ``data_version`` (``observatory.cache``): observatory publications and imports only. Keys the
  observatory's figures, which an editor's page publication leaves valid.

Within a request each version is read once and kept in the request's memo
(:func:`request_scope`, opened by ``website.caching.PageCacheUpdateMiddleware``), with the values
read under it: a page asks for the territories or a figure several times, and each cache read is
a network round trip. A bump clears the memo.

A new version starts at the current time in milliseconds rather than at 1: if Redis evicts or
loses the version key while older entries survive, the fresh number can never equal theirs.
"""

from __future__ import annotations

import contextvars
import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from django.core.cache import caches
from django.core.cache.backends.dummy import DummyCache
from django.db import transaction

logger = logging.getLogger(__name__)

T = TypeVar("T")
_MISSING = object()

# Per request: the versions read at its start and the values read since. None outside a request.
_memo: contextvars.ContextVar[dict[Any, Any] | None] = contextvars.ContextVar("cache_versions_memo", default=None)


@contextmanager
def request_scope() -> Iterator[dict[Any, Any]]:
    """Remember versions and versioned values for the duration of one request."""
    memo: dict[Any, Any] = {}
    token = _memo.set(memo)
    try:
        yield memo
    finally:
        _memo.reset(token)


def request_memo() -> dict[Any, Any] | None:
    """The memo of the current request, or ``None`` outside a request."""
    return _memo.get()


#: Every version of the site, so that a request reads them all at once (:func:`read_versions`).
_registry: list[CacheVersion] = []


def read_versions() -> None:
    """Read every version into the request's memo: one round trip per cache rather than one per version and use.

    Called at the start of a request that will render a page (``website.site_cache``). Versions
    kept in the same cache are read together (``get_many``); a failure leaves them unread, and
    each is then read, or found unavailable, at its first use as before.
    """
    memo = _memo.get()
    if memo is None:
        return
    by_cache: dict[int, tuple[Any, list[CacheVersion]]] = {}
    for version in _registry:
        if ("version", version.key) in memo:
            continue
        cache = version.cache()
        by_cache.setdefault(id(cache), (cache, []))[1].append(version)
    for cache, versions in by_cache.values():
        try:
            found = cache.get_many([version.key for version in versions])
        except Exception:
            logger.warning("cache unavailable", exc_info=True)
            continue
        for version in versions:
            if version.key in found and found[version.key] is not None:
                version.remember(found[version.key])


def all_versions() -> tuple[int, ...] | None:
    """The current value of every version of the site (read once per request); None if one is unavailable."""
    values = tuple(version.current() for version in _registry)
    return None if not all(values) else values


#: How many values each version keeps in a process's memory for ``cached(..., keep_local=True)``:
#: enough for every territory's figures of the pages most visited; a few MB at most.
RECENT_VALUES = 256


def _fresh() -> int:
    return int(time.time() * 1000)


class CacheVersion:
    """A version number stored under ``key`` in the cache ``alias`` (resolved at each use, for tests)."""

    def __init__(self, key: str, alias: Callable[[], str] | str):
        self.key = key
        self._alias = alias
        self._local: dict[str, tuple[int, Any, float]] = {}
        # ``cached(..., keep_local=True)``: the most recently used values, newest last (bounded).
        self._recent: OrderedDict[str, tuple[int, Any]] = OrderedDict()
        self._recent_lock = threading.Lock()
        _registry.append(self)

    def cache(self):
        return caches[self._alias() if callable(self._alias) else self._alias]

    def remember(self, value: Any) -> int:
        """Keep a version read by the caller (e.g. together with a page, in one ``get_many``)."""
        memo = _memo.get()
        version = int(value)
        if memo is not None:
            memo[("version", self.key)] = version
        return version

    def current(self) -> int:
        """The version (≥ 1), or 0 when the cache is unavailable (then nothing shared is trusted)."""
        memo = _memo.get()
        if memo is not None and ("version", self.key) in memo:
            return memo[("version", self.key)]
        cache = self.cache()
        if isinstance(cache, DummyCache):
            # Production without a shared cache (PAGE_CACHE_ENABLED=false): no version can be kept,
            # so nothing is kept under one either (fragments, kept pages, lists: all computed).
            return 0
        try:
            version = cache.get_or_set(self.key, _fresh, timeout=None)
        except Exception:  # a cache outage must not break the site
            logger.warning("cache unavailable", exc_info=True)
            return 0
        if version is None:  # the backend's own failsafe answered "no value"
            return 0
        return self.remember(version)

    def bump(self, **kwargs) -> None:
        """Invalidate every value cached under this version; usable as a signal receiver.

        Bumped at once, so that the rest of the transaction (and tests) see fresh data, and again
        when the transaction commits: a request that read the old rows while the change was not
        yet committed must not have cached them under the new version.
        """
        self.bump_now()
        transaction.on_commit(self.bump_now)

    def bump_now(self) -> None:
        memo = _memo.get()
        if memo is not None:
            memo.clear()  # this request reads the new versions and fresh values from now on
        cache = self.cache()
        try:
            try:
                cache.incr(self.key)
            except ValueError:  # no version yet (new or evicted cache)
                cache.set(self.key, _fresh(), timeout=None)
        except Exception:
            logger.warning("could not bump cache version %s", self.key, exc_info=True)

    def local(self, name: str, build: Callable[[], T], max_age: float | None = None) -> T:
        """``build()``, kept in this process's memory until the version moves (one value per ``name``).

        For values read on every page that are small and few (the site, its menus, its
        territories) or costly to unpickle (model instances with their prefetched relations):
        no cache round trip at all, only the version, which the request has read anyway. Under
        load a round trip to Redis is not free: the Redis server competes with the workers for
        the same cores, and ten reads a page cost more than the page's SQL.

        ``max_age`` (seconds) bounds how long a value is trusted when a bump was lost (Redis
        unreachable at the moment of a publication): the cached site data keeps the page cache's
        lifetime. The value is shared by the requests of the process: callers must not change it
        (copy the instances they annotate).
        """
        version = self.current()
        if not version:
            return build()
        held = self._local.get(name)
        now = time.monotonic()
        if held is not None and held[0] == version and (max_age is None or now - held[2] < max_age):
            return held[1]
        value = build()
        memo = _memo.get()
        if memo is None or memo.get(("version", self.key)) == version:  # not if content changed meanwhile
            self._local[name] = (version, value, now)
        return value

    def cached(self, name: str, build: Callable[[], T], timeout: int | None, alias: str | None = None,
               keep_local: bool = False) -> T:
        """``build()``, computed once per version (``name`` must identify the value fully).

        Stored in the cache ``alias`` (this version's own cache by default) under
        ``<name>@v<version>``, and kept in the request's memo. Any cache error is a miss. A ``None``
        result is cached like any other value.

        ``keep_local``: also kept in this process's memory among the :data:`RECENT_VALUES` values
        used last, checked before the shared cache. For values read on many pages and costly to
        unpickle (figures holding model instances): reading the observatory's tension levels of
        every job profile back from Redis cost 10 ms of each /metiers/ page (issue #17). Still
        exact: the entry carries the version, read once per request from the shared cache. The
        value is shared by the requests of the process: callers must not change it.
        """
        memo = _memo.get()
        if memo is not None and ("value", self.key, name) in memo:
            return memo[("value", self.key, name)]
        version = self.current()
        if not version:  # cache unavailable: no shared state to trust
            return build()
        if keep_local:
            held = self._recent_get(name, version)
            if held is not _MISSING:
                if memo is not None:
                    memo[("value", self.key, name)] = held
                return held
        cache = caches[alias] if alias else self.cache()
        key = f"{name}@v{version}"
        try:
            value = cache.get(key, _MISSING)
        except Exception:
            logger.warning("cache unavailable", exc_info=True)
            value = _MISSING
        if value is _MISSING:
            value = build()
            try:
                cache.set(key, value, timeout)
            except Exception:
                logger.warning("cache unavailable", exc_info=True)
        # Not memoised if content changed while it was built (the bump cleared the memo).
        if memo is not None and memo.get(("version", self.key)) == version:
            memo[("value", self.key, name)] = value
            if keep_local:
                self._recent_put(name, version, value)
        return value

    def recent(self, name: str, build: Callable[[], T]) -> T:
        """``build()``, kept in this process's memory among the :data:`RECENT_VALUES` values used last,
        until the version moves; never in the shared cache.

        For values that hold model instances with their prefetched relations (a job profile's
        related pages, its companies, its events): cheap to keep, costly to pickle. The value is
        shared by the requests of the process: callers must not change it (copy what they annotate).
        """
        version = self.current()
        if not version:
            return build()
        held = self._recent_get(name, version)
        if held is not _MISSING:
            return held
        value = build()
        memo = _memo.get()
        if memo is not None and memo.get(("version", self.key)) == version:  # not if content changed meanwhile
            self._recent_put(name, version, value)
        return value

    def _recent_get(self, name: str, version: int) -> Any:
        with self._recent_lock:
            held = self._recent.get(name)
            if held is None or held[0] != version:
                return _MISSING
            self._recent.move_to_end(name)
            return held[1]

    def _recent_put(self, name: str, version: int, value: Any) -> None:
        with self._recent_lock:
            self._recent[name] = (version, value)
            self._recent.move_to_end(name)
            while len(self._recent) > RECENT_VALUES:
                self._recent.popitem(last=False)
