"""Cache invalidation for observatory figures: one version number, bumped on every publication.

Cached figures put the version in their key, so a publication makes every older entry
unreachable at once (they expire on their own), whatever the cache backend. The mechanism is the
site's own (``website.versions.CacheVersion``, shared with the page cache and the site data);
this version is separate from the content version because an editor publishing a page leaves
every figure valid.

The version itself lives in the ``shared`` cache, which every process sees: publications also
happen in the task worker (background imports), and without Redis the ``default`` cache is the
local memory of each process — the web server would never learn of them.
"""

from __future__ import annotations

import hashlib

from website.versions import CacheVersion

VERSION_KEY = "observatory:data-version"
TIMEOUT = 60 * 60 * 24

#: Observatory publications and imports (``observatory.importers.derived``, ``industry_service``).
data_version_store = CacheVersion(VERSION_KEY, "shared")


def data_version() -> int:
    """The observatory's data version, read once per request."""
    return data_version_store.current()


def bump_data_version() -> None:
    """Called after a publication commits: every cached figure is recomputed on next use."""
    data_version_store.bump_now()


def versioned_key(*parts: object) -> str:
    """A cache key for ``parts`` under the current data version.

    Long keys (a list of many ROME codes) are hashed: memcached refuses keys over 250
    characters and Django warns about them for every backend.
    """
    version = data_version()
    key = ":".join(["observatory", str(version), *(str(part) for part in parts)])
    if len(key) > 200:
        key = f"observatory:{version}:h:{hashlib.sha256(key.encode()).hexdigest()}"
    return key
