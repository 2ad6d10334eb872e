"""Data every page shows, cached until the next content change: the site, its settings, its menus.

Each page needs the Wagtail site for its host, the site settings (header, footer), the menu
links and the list of territories. They change only when an editor saves something or a
statistician imports data, and each of those bumps the page-cache version
(``website.caching.bump_content_version``). Keying these entries on that version makes them
correct without any explicit invalidation: a save moves every key on, the old entries expire
(the mechanism is ``website.versions``, shared with the page cache and the observatory).

Saves about five SQL queries on every uncached page (the query budget of issue #8). The values
are kept in each process's memory, under the content version read once per request, rather than
read from Redis at each use: ten round trips a page to a Redis server that shares the machine's
cores with the workers cost more than the page's SQL (issue #17). With the cache unavailable
(Redis down), everything is computed from the database as before.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import TypeVar

from django.conf import settings

from website.caching import UNCACHED_PREFIXES, content_version
from website.versions import read_versions

T = TypeVar("T")


def cached_until_content_changes(name: str, build: Callable[[], T]) -> T:
    """``build()``, computed once per content version and process (``name`` must identify the value fully).

    Kept in the process's memory (``CacheVersion.local``): only the version is read from the
    shared cache, once per request. At most as long as a cached page, which bounds staleness if a
    version bump was lost in a cache outage. Callers must not change the value they get.
    """
    return content_version.local(f"site-data-{name}", build, max_age=settings.CACHE_MIDDLEWARE_SECONDS)


class CachedSiteMiddleware:
    """Finds the Wagtail site of the request from the cache rather than with one query per request.

    Wagtail memoises the site on ``request._wagtail_site`` (documented in
    ``Site.find_for_request``); this middleware fills that memo from the cache, with the
    site's specific home page where routing starts. The host is taken after ``ALLOWED_HOSTS``
    validation, so the keys are bounded by the allowed names.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.core.exceptions import DisallowedHost
        from wagtail.models import Site

        if request.path.startswith(UNCACHED_PREFIXES):  # the admin and the API find the site their own way
            return self.get_response(request)
        try:
            host = request.get_host()
        except DisallowedHost:  # CommonMiddleware answers 400 later; do not cache anything for it
            return self.get_response(request)
        def find_site():
            site = Site._find_for_request(request)
            if site is not None:
                # Routing starts from the specific home page: keep it, rather than a query per request.
                site.root_page = site.root_page.specific
                if getattr(site.root_page, "hero_image_id", None):
                    site.root_page.hero_image  # noqa: B018 — read now: the home page shows it at every visit
            return site

        read_versions()  # the content and data versions in one round trip per cache, not one each
        name = f"wagtail-site-{host[:200]}-{request.get_port()}"
        site = cached_until_content_changes(name, find_site)
        if site is not None:
            # The process's copy is shared by its requests: each gets its own, so that nothing a
            # request sets on its site or home page (Wagtail's memos) reaches another.
            site = copy.copy(site)
            site.root_page = copy.copy(site.root_page)
        request._wagtail_site = site
        # Wagtail reads the root paths of the sites from the cache for every page URL it builds
        # without this memo on the request (``Page._get_site_root_paths``); they change with a
        # site or a page's address, both of which move the content version.
        request._wagtail_cached_site_root_paths = cached_until_content_changes("site-root-paths",
                                                                                Site.get_site_root_paths)
        return self.get_response(request)
