"""Whole-page cache for anonymous visitors: one Redis round trip per cached page.

What is cached, and why not Django's cache middleware as is:
- only anonymous GET/HEAD requests on public pages (never the admin, the API, a logged-in
  editor, whose pages carry the Wagtail user bar, or a preview);
- pages vary on the ``Cookie`` header, because the visitor's territory (a functional cookie)
  changes the figures shown. The key holds that cookie's value only, and only the query
  parameters that change a page (:func:`cache_variant`): random cookies or query strings
  neither create entries nor fill Redis; a parameter no page declared is served uncached.
  A response that varies on anything else is not cached;
- invalidation is a content version: publishing a page, saving a snippet or a setting, or
  publishing a dataset bumps it (:func:`bump_content_version`), and an entry stored under an
  older version is a miss, so every cached page is refreshed at once without scanning keys;
- a hit costs **one** round trip: the version and the page are read together (``MGET``). The
  page's key does not contain the version; the entry carries the version it was rendered
  under. Django's middleware needs three (version, its "header key" that lists the ``Vary``
  headers, then the page), which kept cached pages above 3× the static-file ceiling of
  issue #8 (``bench/README.md``).

The version is one of the site's cache versions (``website.versions``): read once per request
and kept for the rest of it, so that the site data of an uncached page (``website.site_cache``)
does not read it again at each use; any bump clears that memo.

Enabled by ``PAGE_CACHE_ENABLED`` (on in production, off in development and tests so that
editors and tests always see fresh pages). Every cache error (Redis down, full, or answering
nonsense) is a miss: the page is rendered and served uncached. Production refuses to start
without a shared cache (``website/settings/production.py``): with a per-process cache, a page
unpublished in one worker would stay public in the others.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import time

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.utils.cache import cc_delim_re, get_max_age, patch_cache_control, patch_response_headers, patch_vary_headers
from django.utils.encoding import iri_to_uri

from website.versions import CacheVersion, request_memo, request_scope

logger = logging.getLogger(__name__)

__all__ = ["bump_content_version", "content_version", "current_version", "request_memo", "request_scope"]

VERSION_KEY = "page-cache-version"
UNCACHED_PREFIXES = ("/admin/", "/documents/", "/api/")
#: The only request header a cached page may vary on.
CACHEABLE_VARY = {"cookie"}
#: The only cookie that changes a public page: the visitor's territory (observatory.territory).
#: Any other cookie (analytics, consent, a stale csrftoken) is left out of the key.
TERRITORY_COOKIE = "territoire"
#: Query parameters that change a page, whatever the page: pagination and search. The section apps
#: add theirs on their ``AppConfig`` (``page_cache_query_params``), as they do for invalidation.
BASE_QUERY_PARAMS = frozenset({"page", "q"})
#: Campaign tracking parameters: counted by ``audience`` before the cache is read, never shown.
#: Left out of the key, so that a campaign's links share the page's copy.
IGNORED_QUERY_PARAMS = frozenset({"canal", "utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content",
                                  "fbclid", "gclid", "mc_cid", "mc_eid"})
#: Values longer than this are not looked up or stored (a search is capped below it anyway).
MAX_PARAM_LENGTH = 200

#: Anything an editor publishes or saves, and any observatory publication (``website.versions``).
content_version = CacheVersion(VERSION_KEY, lambda: settings.CACHE_MIDDLEWARE_ALIAS)


def _cache():
    return caches[settings.CACHE_MIDDLEWARE_ALIAS]


def current_version() -> int:
    """The content version (≥ 1), or 0 when the cache is unavailable."""
    return content_version.current()


def bump_content_version(**kwargs) -> None:
    """Invalidate every cached page and site data (connected to publish/save/import signals)."""
    content_version.bump()


@functools.cache
def page_cache_query_params() -> frozenset[str]:
    """Every query parameter that may change a public page: the base's and those the apps declare."""
    from django.apps import apps

    params = set(BASE_QUERY_PARAMS)
    for config in apps.get_app_configs():
        params.update(getattr(config, "page_cache_query_params", ()))
    return frozenset(params)


def cache_variant(request: HttpRequest) -> str | None:
    """What, besides the address, tells one copy of a page from another; ``None``: not cacheable.

    Only the territory cookie and the known query parameters count (sorted, so that their order
    does not matter): 300 random cookies or tracking parameters share one copy. A request with a
    parameter nobody declared is served uncached and never stored, so that a page reading a
    parameter missing from the lists (a quiz's answers) is never answered with another's copy.
    """
    known = page_cache_query_params()
    items = []
    for name, values in sorted(request.GET.lists()):
        if name in IGNORED_QUERY_PARAMS:
            continue
        if name not in known or any(len(value) > MAX_PARAM_LENGTH for value in values):
            return None
        items.extend(f"{name}={value}" for value in sorted(values))
    territory = (request.COOKIES.get(TERRITORY_COOKIE) or "").strip().upper()[:16]
    return "&".join(items) + "#" + territory


def is_cacheable_request(request: HttpRequest) -> bool:
    if not getattr(settings, "PAGE_CACHE_ENABLED", False):
        return False
    if request.method not in ("GET", "HEAD") or request.path.startswith(UNCACHED_PREFIXES):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "HTTP_AUTHORIZATION" in request.META:
        return False  # editors, anyone with a session, and any authenticated client
    return not request.GET.get("preview")


def page_key(request: HttpRequest, method: str) -> str | None:
    """The cache key of a page: method, host and path, territory and known parameters (hashed).

    ``None`` when the request carries a parameter that no page declared (see :func:`cache_variant`).
    """
    variant = cache_variant(request)
    if variant is None:
        return None
    address = f"{request.scheme}://{request.get_host()}{iri_to_uri(request.path)}?{variant}"
    digest = hashlib.md5(address.encode("utf-8", "surrogatepass"), usedforsecurity=False).hexdigest()
    return f"{settings.CACHE_MIDDLEWARE_KEY_PREFIX}.{method}.{digest}"


def _is_storable(response: HttpResponse) -> bool:
    """Django's rules (no streaming, no cookie set, not private…) plus: varies on nothing but Cookie."""
    if response.streaming or response.status_code != 200 or response.cookies:
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if any(directive in cache_control for directive in ("private", "no-cache", "no-store")):
        return False
    vary = {header.strip().lower() for header in cc_delim_re.split(response.get("Vary", "")) if header.strip()}
    return vary <= CACHEABLE_VARY


class PageCacheUpdateMiddleware:
    """First in MIDDLEWARE: opens the request scope, stores cacheable anonymous responses."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with request_scope():
            response = self.get_response(request)
            return self.process_response(request, response)

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        version = getattr(request, "_page_cache_version", None)
        if not version or not is_cacheable_request(request) or (
                getattr(request, "user", None) and request.user.is_authenticated):
            return response
        if response.status_code == 200 and not response.streaming and "Cache-Control" not in response:
            patch_cache_control(response, public=True, max_age=settings.CACHE_MIDDLEWARE_SECONDS)
        patch_vary_headers(response, ("Cookie",))
        if not _is_storable(response):
            return response
        timeout = get_max_age(response)
        if timeout is None:
            timeout = settings.CACHE_MIDDLEWARE_SECONDS
        if not timeout:
            return response
        patch_response_headers(response, timeout)
        key = page_key(request, request.method)
        if key is None:
            return response

        def store(rendered: HttpResponse) -> None:
            try:
                # Tagged with the version read when the request began: if content changed
                # while it rendered, the entry is already stale and never served.
                _cache().set(key, (version, time.time(), rendered), timeout)
            except Exception:
                logger.warning("page cache unavailable", exc_info=True)

        if callable(getattr(response, "render", None)):
            response.add_post_render_callback(store)
        else:
            store(response)
        return response


class PageCacheFetchMiddleware:
    """Answers from the cache when it can, early in MIDDLEWARE: a hit skips the middlewares listed after it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.process_request(request) or self.get_response(request)

    def process_request(self, request: HttpRequest) -> HttpResponse | None:
        if not is_cacheable_request(request):
            return None
        get_key = page_key(request, "GET")
        if get_key is None:  # a parameter no page declared: served uncached, never stored
            return None
        keys = [VERSION_KEY, get_key]
        if request.method == "HEAD":
            keys.append(page_key(request, "HEAD"))
        try:
            found = _cache().get_many(keys)  # one round trip: the version and the page together
        except Exception:
            logger.warning("page cache unavailable", exc_info=True)
            return None
        try:
            if VERSION_KEY in found:
                content_version.remember(found[VERSION_KEY])
            version = current_version()  # set up the version when the cache is new
            for key in keys[1:]:
                entry = found.get(key)
                if entry and entry[0] == version:
                    _, stored_at, response = entry
                    response["Age"] = str(max(0, int(time.time() - stored_at)))
                    return response
        except Exception:  # an entry of another shape (an older release's): a miss
            logger.warning("unreadable page cache entry", exc_info=True)
            return None
        request._page_cache_version = version  # a miss: store the page under this version
        return None


def connect_invalidation_signals() -> None:
    """Everything that changes what a visitor sees bumps the cache version."""
    from django.db.models.signals import post_delete, post_save
    from wagtail.signals import (
        page_published,
        page_slug_changed,
        page_unpublished,
        post_page_move,
        published,
        unpublished,
    )

    for signal in (page_published, page_unpublished, page_slug_changed, post_page_move, published, unpublished):
        signal.connect(bump_content_version, dispatch_uid=f"page-cache-{signal!r}")
    post_delete.connect(_on_model_change, dispatch_uid="page-cache-delete")
    post_save.connect(_on_model_change, dispatch_uid="page-cache-save")


#: Wagtail's apps whose rows visitors see: pages, images, documents, search promotions, redirects.
WAGTAIL_CONTENT_APPS = frozenset({"wagtailcore", "wagtailimages", "wagtaildocs", "wagtailsearchpromotions",
                                  "wagtailredirects"})
#: High-volume bookkeeping (Wagtail's, the base's renditions) that does not change what visitors see.
IGNORED_MODELS = frozenset({"revision", "pagelogentry", "modellogentry", "pagesubscription", "querydailyhits", "query",
                            "rendition", "siterendition", "uploadedfile", "uploadedimage", "uploadeddocument",
                            "workflowstate", "taskstate", "comment", "commentreply", "pagelock", "referenceindex"})


@functools.cache
def page_cache_apps() -> dict[str, frozenset[str]]:
    """App label → names of its models whose changes leave public pages as they are, for every app
    whose saved or deleted rows change what visitors see.

    Wagtail's apps are listed here. The project's apps say it themselves on their ``AppConfig``:
    ``page_cache_relevant = True``, and ``page_cache_ignored_models`` for their own bookkeeping
    (download counters), so that this base module names none of them. An attribute rather than a
    Wagtail hook: the receiver runs on every save, in every process (the import worker too),
    whether or not the admin's hooks have been loaded.
    """
    from django.apps import apps

    relevant = dict.fromkeys(WAGTAIL_CONTENT_APPS, IGNORED_MODELS)
    for config in apps.get_app_configs():
        if getattr(config, "page_cache_relevant", False):
            relevant[config.label] = IGNORED_MODELS | frozenset(getattr(config, "page_cache_ignored_models", ()))
    return relevant


def _on_model_change(sender, **kwargs) -> None:
    meta = sender._meta
    ignored = page_cache_apps().get(meta.app_label)
    if ignored is not None and meta.model_name not in ignored:
        bump_content_version()
