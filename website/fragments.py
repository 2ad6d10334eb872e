"""Rendered fragments kept in each process's memory, valid until the content or the data changes.

A page that misses the page cache (another territory, another filter combination, another
search, the first visit after a publication) still shows mostly the same pieces: the same job
profile cards sit on the listing, on its filtered pages, in search results, on filière pages and
under related profiles. Rendering a card (its picture's renditions, its facts) costs more than
reading it back. ``{% fragment %}`` (``website_tags``) keeps the rendered HTML of such a piece
under a key made of what it shows (the ``vary`` values the template names) and every cache
version of the site (``website.versions``): a publication, a saved snippet or an import moves a
version, and every fragment rendered before it is unreachable at once, in every process.

Kept in the local-memory cache ``fragments`` of each process (bounded, a few MB), not in Redis:
a fragment is read many times a page, and a network round trip each would cost what it saves.
Nothing is kept when a version cannot be read (the shared cache is down), in a preview, or when
the HTML carries a CSRF token (a form is personal).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable

from django.core.cache import caches

from website.versions import all_versions

ALIAS = "fragments"


def fragment_key(name: str, vary: Iterable[object]) -> str | None:
    """The key of fragment ``name`` showing ``vary`` under the current versions; None: do not keep it."""
    versions = all_versions()
    if versions is None:
        return None
    described = repr((name, tuple(vary), versions)).encode("utf-8", "surrogatepass")
    return f"fragment:{name}:{hashlib.md5(described, usedforsecurity=False).hexdigest()}"


def held_for_request(request, names: Iterable[str], vary: Iterable[object]) -> bool:
    """Read the fragments ``names`` (each varying on ``vary``) at once; True when every one is kept.

    A page whose template consists partly of such fragments asks before it computes its context:
    when all are kept, it computes only what the rest of the template needs. They are then held
    on the request, so that a fragment expiring between this read and the render cannot be
    rendered from that partial context.
    """
    if request is None or getattr(request, "is_preview", False):
        return False
    vary = tuple(vary)
    keys = [fragment_key(name, vary) for name in names]
    if None in keys:
        return False
    found = caches[ALIAS].get_many(keys)
    if len(found) < len(keys):
        return False
    request._held_fragments = {**getattr(request, "_held_fragments", {}), **found}
    return True


def rendered(name: str, vary: Iterable[object], render: Callable[[], str], request=None) -> str:
    """The fragment's HTML: kept from an earlier render under the same key, else ``render()`` (and kept)."""
    if request is not None and getattr(request, "is_preview", False):
        return render()
    key = fragment_key(name, vary)
    if key is None:
        return render()
    held = getattr(request, "_held_fragments", None)
    if held and key in held:
        return held[key]
    cache = caches[ALIAS]
    html = cache.get(key)
    if html is None:
        html = render()
        if "csrfmiddlewaretoken" not in html:
            cache.set(key, html)
    return html
