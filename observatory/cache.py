"""Cache invalidation for observatory figures: one version number, bumped on every publication.

Cached figures put the version in their key, so a publication makes every older entry
unreachable at once (they expire on their own), whatever the cache backend.

The version itself lives in the ``shared`` cache, which every process sees: publications also
happen in the task worker (background imports), and without Redis the ``default`` cache is the
local memory of each process — the web server would never learn of them.
"""

from __future__ import annotations

import hashlib
import time

from django.core.cache import caches

VERSION_KEY = "observatory:data-version"
TIMEOUT = 60 * 60 * 24


def _version_cache():
    return caches["shared"]


def data_version() -> int:
    versions = _version_cache()
    version = versions.get(VERSION_KEY)
    if version is None:
        version = int(time.time() * 1000)
        versions.add(VERSION_KEY, version, None)
        version = versions.get(VERSION_KEY, version)
    return version


def bump_data_version() -> None:
    """Called after a publication commits: every cached figure is recomputed on next use."""
    versions = _version_cache()
    versions.set(VERSION_KEY, max(int(time.time() * 1000), (versions.get(VERSION_KEY) or 0) + 1), None)


def versioned_key(*parts: object) -> str:
    """A cache key for ``parts`` under the current data version.

    Long keys (a list of many ROME codes) are hashed: memcached refuses keys over 250
    characters and Django warns about them for every backend.
    """
    key = ":".join(["observatory", str(data_version()), *(str(part) for part in parts)])
    if len(key) > 200:
        key = f"observatory:{data_version()}:h:{hashlib.sha256(key.encode()).hexdigest()}"
    return key
