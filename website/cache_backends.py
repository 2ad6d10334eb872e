"""A Redis cache that turns an outage into cache misses instead of server errors.

Django's built-in ``RedisCache`` raises when Redis is unreachable, and Wagtail reads the
cache on every page (site root paths, renditions). During a Redis outage the site must keep
serving, uncached: every operation here answers as a miss (or does nothing), and after a
failure Redis is left alone for ``RETRY_AFTER`` seconds so that requests do not each wait
for a connection timeout.
"""

from __future__ import annotations

import logging
import time
from functools import wraps

from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger(__name__)
RETRY_AFTER = 5.0  # seconds


def _failsafe(default_factory):
    def decorator(method):
        @wraps(method)
        def wrapper(self, *args, **kwargs):
            if time.monotonic() < self._down_until:
                return default_factory(*args, **kwargs)
            try:
                return method(self, *args, **kwargs)
            except self._connection_errors:
                logger.warning("Redis unreachable: serving without cache for %s s", RETRY_AFTER, exc_info=True)
                self._down_until = time.monotonic() + RETRY_AFTER
                return default_factory(*args, **kwargs)

        return wrapper

    return decorator


def _default_for_get(key, default=None, *args, **kwargs):
    return default


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        import redis

        self._connection_errors = (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError, OSError)
        self._down_until = 0.0

    @property
    def is_down(self) -> bool:
        """True while Redis is left alone after a failure (counters then fall back, see audience.ratelimit)."""
        return time.monotonic() < self._down_until

    get = _failsafe(_default_for_get)(RedisCache.get)
    get_many = _failsafe(lambda *a, **k: {})(RedisCache.get_many)
    has_key = _failsafe(lambda *a, **k: False)(RedisCache.has_key)
    add = _failsafe(lambda *a, **k: False)(RedisCache.add)
    set = _failsafe(lambda *a, **k: None)(RedisCache.set)
    set_many = _failsafe(lambda *a, **k: [])(RedisCache.set_many)
    touch = _failsafe(lambda *a, **k: False)(RedisCache.touch)
    delete = _failsafe(lambda *a, **k: False)(RedisCache.delete)
    delete_many = _failsafe(lambda *a, **k: None)(RedisCache.delete_many)
    clear = _failsafe(lambda *a, **k: False)(RedisCache.clear)

    @_failsafe(lambda key, delta=1, *a, **k: delta)
    def incr(self, key, delta=1, version=None):
        return super().incr(key, delta, version)

    @_failsafe(lambda key, default, *a, **k: default() if callable(default) else default)
    def get_or_set(self, key, default, timeout=..., version=None):
        from django.core.cache.backends.base import DEFAULT_TIMEOUT

        return super().get_or_set(key, default, DEFAULT_TIMEOUT if timeout is ... else timeout, version)
