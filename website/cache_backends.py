"""A Redis cache that turns every Redis error into a cache miss instead of a server error.

Django's built-in ``RedisCache`` raises when Redis is unreachable or refuses a command, and
Wagtail and the site read the cache on every page (site root paths, renditions, the page cache).
Here every operation answers as a miss (or does nothing) when Redis fails:

- unreachable or timing out: Redis is left alone for ``RETRY_AFTER`` seconds, so that requests do
  not each wait for a connection timeout during an outage;
- any other error (``OOM command not allowed`` when Redis is full, a read-only replica…): that
  one operation is a miss, the next one tries again. A full Redis must not make a page a 500.

Why not django-redis with ``IGNORE_EXCEPTIONS``: it ignores the same errors, but has no back-off
(each operation during an outage waits for the connection timeout, 1 s here, several times per
page), and it would be one more dependency doing what Django's own backend does with these lines.
"""

from __future__ import annotations

import logging
import pickle
import time
from functools import wraps

from django.core.cache.backends.redis import RedisCache, RedisCacheClient

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
            except self._other_errors:
                logger.warning("Redis error: answered as a cache miss", exc_info=True)
                return default_factory(*args, **kwargs)

        return wrapper

    return decorator


def _default_for_get(key, default=None, *args, **kwargs):
    return default


class ReusedClientRedisCacheClient(RedisCacheClient):
    """One ``redis.Redis`` per connection pool, made once, instead of one per cache operation.

    Django's client builds a ``redis.Redis`` at every operation, and redis-py's constructor fills
    its table of about 170 reply handlers each time: 0.4 ms of CPU per operation, 17 % of a page
    served from the page cache (cProfile of 2,000 cached « /metiers/ », 2026-12-02). The client
    holds nothing but the pool and that table: it is thread-safe, and the pool reopens its
    connections in a process forked by gunicorn (it checks its process id).
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients: dict[int, object] = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)  # kept by Django for the process's life: its id is stable
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient
        import redis

        self._connection_errors = (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError, OSError)
        # Every other Redis error (ResponseError: OutOfMemoryError, ReadOnlyError…), and an entry
        # that no longer unpickles (written by another release).
        self._other_errors = (redis.exceptions.RedisError, pickle.UnpicklingError)
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
