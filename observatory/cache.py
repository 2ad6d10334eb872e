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
from collections.abc import Callable
from typing import TypeVar

from website.versions import CacheVersion

T = TypeVar("T")

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


def cached_figures(parts: tuple[object, ...], build: Callable[[], T]) -> T:
    """``build()`` (figures computed from published data), cached until the next publication.

    ``parts`` identify the value (what is asked, the territory's key, the codes…). Kept in the
    shared ``default`` cache under the data version, and in each process's memory among the
    values used last (``CacheVersion.cached``, ``keep_local``): a figure shown on many pages is
    neither recomputed nor unpickled at each of them. ``None`` (nothing published) is cached too.
    The value is shared: callers must not change it.
    """
    name = ":".join(["observatory", *(str(part) for part in parts)])
    if len(name) > 200:  # memcached refuses keys over 250 characters; Django warns for every backend
        name = f"observatory:h:{hashlib.sha256(name.encode()).hexdigest()}"
    return data_version_store.cached(name, build, TIMEOUT, alias="default", keep_local=True)
