"""Whole-page cache for anonymous visitors, built on Django's cache middleware.

Why a subclass and not Django's middleware as is:
- only anonymous GET/HEAD requests on public pages are cached (never the admin, never a
  logged-in editor, whose pages carry the Wagtail user bar);
- pages vary on the ``Cookie`` header, because the visitor's territory (a functional cookie)
  changes the figures shown; visitors without cookies — the vast majority — share one copy;
- invalidation is a version number in the key prefix: publishing a page, saving a snippet
  or a setting, or publishing a dataset bumps it, so every cached page is refreshed at once
  without scanning keys (the old entries simply expire).

Enabled by ``PAGE_CACHE_ENABLED`` (on in production, off in development and tests so that
editors and tests always see fresh pages). A cache outage degrades to uncached pages.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.middleware.cache import FetchFromCacheMiddleware, UpdateCacheMiddleware
from django.utils.cache import patch_cache_control, patch_vary_headers

logger = logging.getLogger(__name__)

VERSION_KEY = "page-cache-version"
UNCACHED_PREFIXES = ("/admin/", "/django-admin/", "/documents/", "/api/")


def _cache():
    return caches[settings.CACHE_MIDDLEWARE_ALIAS]


def current_version() -> int:
    try:
        return int(_cache().get_or_set(VERSION_KEY, 1, timeout=None))
    except Exception:  # a cache outage must not break the site
        logger.warning("page cache unavailable", exc_info=True)
        return 0


def bump_content_version(**kwargs) -> None:
    """Invalidate every cached page and site data (connected to publish/save/import signals).

    Bumped at once, so that the rest of the transaction (and tests) see fresh data, and again
    when the transaction commits: a request that read the old rows while the change was not
    yet committed must not have cached them under the new version.
    """
    _increment_version()
    transaction.on_commit(_increment_version)


def _increment_version() -> None:
    try:
        _cache().incr(VERSION_KEY)
    except ValueError:
        _cache().set(VERSION_KEY, 2, timeout=None)
    except Exception:
        logger.warning("could not invalidate the page cache", exc_info=True)


def is_cacheable_request(request) -> bool:
    if not getattr(settings, "PAGE_CACHE_ENABLED", False):
        return False
    if request.method not in ("GET", "HEAD") or request.path.startswith(UNCACHED_PREFIXES):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES:  # editors and anyone with a session
        return False
    return not request.GET.get("preview")


class _VersionedPrefix:
    @property
    def key_prefix(self) -> str:
        return f"{settings.CACHE_MIDDLEWARE_KEY_PREFIX}-v{current_version()}"

    @key_prefix.setter
    def key_prefix(self, value) -> None:  # Django's __init__ assigns it; the version decides
        pass


class PageCacheUpdateMiddleware(_VersionedPrefix, UpdateCacheMiddleware):
    """First in MIDDLEWARE: stores cacheable anonymous responses and sets their headers."""

    def process_response(self, request, response):
        if not is_cacheable_request(request) or (getattr(request, "user", None) and request.user.is_authenticated):
            request._cache_update_cache = False
            return response
        if response.status_code == 200 and not response.streaming and "Cache-Control" not in response:
            patch_cache_control(response, public=True, max_age=settings.CACHE_MIDDLEWARE_SECONDS)
        patch_vary_headers(response, ("Cookie",))
        try:
            return super().process_response(request, response)
        except Exception:
            logger.warning("page cache unavailable", exc_info=True)
            return response


class PageCacheFetchMiddleware(_VersionedPrefix, FetchFromCacheMiddleware):
    """Answers from the cache when it can, early in MIDDLEWARE: a hit skips the middlewares listed after it."""

    def process_request(self, request):
        if not is_cacheable_request(request):
            request._cache_update_cache = False
            return None
        try:
            return super().process_request(request)
        except Exception:
            logger.warning("page cache unavailable", exc_info=True)
            request._cache_update_cache = False
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


CONTENT_APPS = {"website", "careers", "schools", "observatory", "wagtailcore", "wagtailimages", "wagtaildocs",
                "wagtailsearchpromotions", "wagtailredirects"}
# High-volume bookkeeping that does not change what visitors see.
IGNORED_MODELS = {"revision", "pagelogentry", "modellogentry", "pagesubscription", "querydailyhits", "query",
                  "rendition", "siterendition", "uploadedfile", "uploadedimage", "uploadeddocument",
                  "workflowstate", "taskstate", "pageviewcount", "pagefeedback", "kitdownloadcount",
                  "comment", "commentreply", "pagelock", "referenceindex"}


def _on_model_change(sender, **kwargs) -> None:
    meta = sender._meta
    if meta.app_label in CONTENT_APPS and meta.model_name not in IGNORED_MODELS:
        bump_content_version()
