"""Anonymous pages are cached, and any edit or publication shows up at once."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from tests.website.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_ENABLED = True
    cache.clear()
    yield
    cache.clear()


def test_anonymous_page_is_served_from_cache_with_public_headers(client, home_page, page_cache,
                                                                 django_assert_num_queries):
    page = StandardPageFactory(parent=home_page, slug="cachee", title="Page en cache")
    first = client.get(page.url)
    assert first.status_code == 200
    assert "public" in first["Cache-Control"] and "max-age=300" in first["Cache-Control"]
    assert "Cookie" in first["Vary"]
    with django_assert_num_queries(0):
        second = client.get(page.url)
    assert second.content == first.content


def test_publishing_a_change_shows_up_immediately(client, home_page, page_cache):
    page = StandardPageFactory(parent=home_page, slug="modifiee", title="Avant")
    assert "Avant" in client.get(page.url).content.decode()
    page.title = "Après"
    page.save_revision().publish()
    assert "Après" in client.get(page.url).content.decode()


def test_saving_site_settings_invalidates_cached_pages(client, home_page, page_cache):
    from wagtail.models import Site

    from website.models import SiteSettings

    assert "Hauts-de-France" in client.get("/").content.decode()
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.region_name = "Normandie"
    site_settings.save()
    assert "Normandie" in client.get("/").content.decode()


def test_a_visitor_with_a_territory_cookie_gets_a_separate_copy(client, home_page, page_cache):
    client.get("/")
    client.cookies["territoire"] = "DEP-59"
    response = client.get("/")
    assert response.status_code == 200
    assert response.get("Age") is None  # freshly rendered, not the cookie-less copy


def test_logged_in_editors_never_get_cached_pages(client, home_page, page_cache, django_user_model):
    page = StandardPageFactory(parent=home_page, slug="editeur", title="Vue éditeur")
    client.get(page.url)
    user = django_user_model.objects.create_superuser("ed", "ed@example.invalid", "pw")
    client.force_login(user)
    response = client.get(page.url)
    assert "public" not in response.get("Cache-Control", "")


def test_admin_is_never_cached(client, page_cache):
    response = client.get("/admin/login/")
    assert "public" not in response.get("Cache-Control", "")


def test_site_keeps_serving_when_the_cache_is_down(client, home_page, settings):
    settings.PAGE_CACHE_ENABLED = True
    settings.CACHES = {
        **settings.CACHES,
        "default": {"BACKEND": "website.cache_backends.ResilientRedisCache", "LOCATION": "redis://127.0.0.1:1/0",
                    "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2}},
    }
    # Django's test signals rebuild the cache handlers when CACHES changes.
    response = client.get("/")
    assert response.status_code == 200


def _redis_url() -> str:
    import os
    import socket

    url = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        pytest.skip("Redis is not running on 127.0.0.1:6379: start it (`redis-server`) to test the Redis page cache")
    return url


def test_pages_are_cached_in_redis_when_it_is_configured(client, home_page, settings, django_assert_num_queries):
    settings.PAGE_CACHE_ENABLED = True
    settings.CACHES = {
        **settings.CACHES,
        "default": {"BACKEND": "website.cache_backends.ResilientRedisCache", "LOCATION": _redis_url(),
                    "KEY_PREFIX": "ida-test"},
    }
    from django.core.cache import cache as redis_cache

    redis_cache.clear()
    page = StandardPageFactory(parent=home_page, slug="redis", title="Servie par Redis")
    client.get(page.url)
    with django_assert_num_queries(0):
        assert "Servie par Redis" in client.get(page.url).content.decode()
    redis_cache.clear()


def test_a_page_served_from_the_cache_keeps_its_security_headers(client, home_page, page_cache):
    # On a hit the cache answers before the CSP, Permissions-Policy and framing middlewares run
    # (website/settings/base.py): the headers must come from the stored copy.
    page = StandardPageFactory(parent=home_page, slug="entetes", title="En-têtes")
    first = client.get(page.url)
    second = client.get(page.url)
    assert second.get("Age") is not None  # served from the cache
    for header in ("Content-Security-Policy", "Permissions-Policy", "X-Frame-Options", "X-Content-Type-Options"):
        assert second.get(header) and second[header] == first[header], header


@pytest.fixture
def cache_calls(monkeypatch):
    """Every read of the default cache, as (method, keys), in order: one per round trip to Redis.

    The test cache (local memory) builds ``get_many`` and ``get_or_set`` out of ``get``; only
    the outer call is a round trip, so only it is recorded.
    """
    calls: list[tuple[str, tuple[str, ...]]] = []
    depth = [0]
    for method in ("get", "get_many", "get_or_set", "has_key"):
        original = getattr(cache, method)

        def spy(key, *args, _original=original, _method=method, **kwargs):
            if not depth[0]:
                calls.append((_method, tuple(key) if _method == "get_many" else (key,)))
            depth[0] += 1
            try:
                return _original(key, *args, **kwargs)
            finally:
                depth[0] -= 1

        monkeypatch.setattr(cache, method, spy)
    return calls


def test_a_cached_page_costs_a_single_cache_read(client, home_page, page_cache, cache_calls):
    page = StandardPageFactory(parent=home_page, slug="une-lecture", title="Une lecture")
    client.get(page.url)
    cache_calls.clear()
    response = client.get(page.url)
    assert response.get("Age") is not None
    assert [method for method, _ in cache_calls] == ["get_many"], cache_calls


def test_an_uncached_page_reads_the_versions_in_one_round_trip_and_the_site_data_from_memory(
        client, home_page, cache_calls):
    page = StandardPageFactory(parent=home_page, slug="sans-cache", title="Sans cache")
    client.get(page.url)  # fills the site data
    cache_calls.clear()
    assert client.get(page.url).status_code == 200
    assert cache_calls[0] == ("get_many", ("page-cache-version",)), cache_calls
    keys = [key for _, keys in cache_calls for key in keys]
    assert keys.count("page-cache-version") == 1, keys
    assert "wagtail_site_root_paths" not in keys
    assert not [key for key in keys if key.startswith("site-data-")], keys


def test_site_data_kept_in_memory_follow_a_publication(client, home_page):
    section = StandardPageFactory(parent=home_page, slug="rubrique", title="Rubrique avant")
    page = StandardPageFactory(parent=section, slug="dedans", title="Dedans")
    assert "Rubrique avant" in client.get(page.url).content.decode()  # the breadcrumb, from the site data
    section.title = "Rubrique après"
    section.save_revision().publish()  # bumps the content version
    html = client.get(page.url).content.decode()
    assert "Rubrique après" in html and "Rubrique avant" not in html


def test_a_head_request_is_answered_from_the_copy_a_get_stored(client, home_page, page_cache):
    page = StandardPageFactory(parent=home_page, slug="tete", title="Tête")
    client.get(page.url)
    response = client.head(page.url)
    assert response.status_code == 200
    assert response.get("Age") is not None


def test_a_page_rendered_while_content_changed_is_not_served_afterwards(client, home_page, page_cache,
                                                                        monkeypatch):
    from website.caching import bump_content_version
    from website.models import StandardPage

    page = StandardPageFactory(parent=home_page, slug="pendant", title="Pendant")
    original = StandardPage.get_context

    def get_context_during_an_edit(self, request, *args, **kwargs):
        bump_content_version()  # an editor publishes while this page renders
        return original(self, request, *args, **kwargs)

    monkeypatch.setattr(StandardPage, "get_context", get_context_during_an_edit)
    client.get(page.url)
    monkeypatch.setattr(StandardPage, "get_context", original)
    second = client.get(page.url)
    assert second.get("Age") is None, "rendered under the old version: must not be served"
    assert client.get(page.url).get("Age") is not None


def test_a_response_that_varies_on_another_header_is_not_cached(client, home_page, page_cache, monkeypatch):
    from django.utils.cache import patch_vary_headers

    from website.models import StandardPage

    page = StandardPageFactory(parent=home_page, slug="langue", title="Langue")
    original = StandardPage.serve

    def serve_by_language(self, request, *args, **kwargs):
        response = original(self, request, *args, **kwargs)
        patch_vary_headers(response, ("Accept-Language",))
        return response

    monkeypatch.setattr(StandardPage, "serve", serve_by_language)
    client.get(page.url)
    assert client.get(page.url).get("Age") is None


def test_requests_with_credentials_are_not_cached(client, home_page, page_cache):
    page = StandardPageFactory(parent=home_page, slug="identifie", title="Identifié")
    client.get(page.url)
    response = client.get(page.url, HTTP_AUTHORIZATION="Basic dXNlcjpwdw==")
    assert response.get("Age") is None
    assert "public" not in response.get("Cache-Control", "")


def test_an_unknown_host_gets_a_400_and_nothing_is_cached(client, home_page, page_cache, settings):
    settings.ALLOWED_HOSTS = ["testserver", "localhost"]  # as in production: a closed list
    response = client.get("/", HTTP_HOST="pirate.example")
    assert response.status_code == 400
    assert client.get("/").get("Age") is None, "the 400 must not have been stored as the home page"


def test_rows_of_the_apps_that_declare_it_invalidate_the_cache_and_their_counters_do_not(home_page):
    """Each app says on its AppConfig whether visitors see its rows (``page_cache_relevant``); the base
    names none of them. Here a company (careers) does, a kit's download counter (schools) does not."""
    from django.utils import timezone

    from schools.models import KitDownloadCount
    from tests.careers.factories import CompanyFactory
    from tests.schools.factories import ClassroomKitIndexPageFactory, ClassroomKitPageFactory
    from website.caching import current_version

    kit = ClassroomKitPageFactory(parent=ClassroomKitIndexPageFactory(parent=home_page))
    before = current_version()
    KitDownloadCount.objects.create(kit=kit, month=timezone.localdate().replace(day=1), count=1)
    assert current_version() == before
    CompanyFactory()
    assert current_version() > before


def test_the_audience_figures_never_invalidate_the_cache():
    """Counted on page views, seen in the admin only: the audience app does not declare its rows relevant."""
    from website.caching import page_cache_apps

    assert {"website", "careers", "schools", "observatory", "wagtailcore"} <= set(page_cache_apps())
    assert "audience" not in page_cache_apps()


def _stored_pages() -> list[str]:
    """The page entries of the test cache (local memory), whatever their prefix."""
    return [key for key in cache._cache if ":pages." in key]


def test_random_cookies_share_one_copy_of_a_page(client, home_page, page_cache):
    """Security review (issue #17): 300 random cookies made 300 entries (+8.8 MB in Redis)."""
    page = StandardPageFactory(parent=home_page, slug="biscuits", title="Biscuits")
    for number in range(300):
        client.cookies.clear()
        client.cookies[f"suivi{number}"] = f"valeur{number}"
        assert client.get(page.url).status_code == 200
    assert len(_stored_pages()) == 1
    client.cookies.clear()
    assert client.get(page.url).get("Age") is not None  # the cookie-less visitor gets that copy


def test_unknown_query_parameters_are_served_uncached_and_never_stored(client, home_page, page_cache):
    page = StandardPageFactory(parent=home_page, slug="parametres", title="Paramètres")
    for number in range(50):
        response = client.get(page.url, {f"x{number}": number})
        assert response.status_code == 200 and response.get("Age") is None
    assert _stored_pages() == []


def test_known_parameters_are_keyed_in_any_order_and_tracking_parameters_ignored(client, home_page, page_cache):
    page = StandardPageFactory(parent=home_page, slug="ordre", title="Ordre")
    client.get(page.url, {"q": "soudure", "page": "2"})
    assert client.get(f"{page.url}?page=2&q=soudure&utm_source=lettre").get("Age") is not None
    assert client.get(page.url, {"q": "usinage", "page": "2"}).get("Age") is None  # another search
    assert client.get(page.url).get("Age") is None


def test_only_the_territory_cookie_value_tells_copies_apart(client, home_page, page_cache):
    client.cookies["territoire"] = "DEP-59"
    client.get("/")
    client.cookies["autre"] = "x"
    assert client.get("/").get("Age") is not None
    client.cookies["territoire"] = "dep-59 "  # read the way observatory.territory reads it
    assert client.get("/").get("Age") is not None
    client.cookies["territoire"] = "DEP-62"
    assert client.get("/").get("Age") is None


def test_every_filter_parameter_of_the_listings_is_part_of_the_key():
    from schools.filters import EventFilter, KitFilter
    from website.caching import page_cache_query_params

    assert set(KitFilter.params) | set(EventFilter.params) <= page_cache_query_params()
    assert {"filiere", "niveau", "interet", "apprentissage", "recrute", "theme", "page", "q"} <= page_cache_query_params()


def test_a_full_redis_is_a_cache_miss_not_a_server_error(client, home_page, settings, monkeypatch):
    """Redis refusing writes (OutOfMemoryError) must not make a page a 500; reads go on."""
    import redis

    settings.PAGE_CACHE_ENABLED = True
    settings.CACHES = {
        **settings.CACHES,
        "default": {"BACKEND": "website.cache_backends.ResilientRedisCache", "LOCATION": _redis_url(),
                    "KEY_PREFIX": "ida-test-oom"},
    }
    from django.core.cache import cache as redis_cache

    redis_cache.clear()
    page = StandardPageFactory(parent=home_page, slug="pleine", title="Redis plein")

    def full(*args, **kwargs):
        raise redis.exceptions.OutOfMemoryError("OOM command not allowed when used memory > 'maxmemory'.")

    monkeypatch.setattr(redis_cache._cache, "set", full)
    for _ in range(2):
        response = client.get(page.url)
        assert response.status_code == 200 and response.get("Age") is None
    assert not redis_cache.is_down  # only writes fail: reads are not switched off
    monkeypatch.undo()
    redis_cache.clear()


def test_an_unreadable_entry_is_a_miss(client, home_page, page_cache):
    from website.caching import page_key

    page = StandardPageFactory(parent=home_page, slug="illisible", title="Illisible")
    client.get(page.url)
    [key] = _stored_pages()
    cache._cache[key] = b"not a pickle"
    assert client.get(page.url).status_code == 200
    assert page_key  # the key function stays importable for callers


def _wsgi_head(path: str) -> tuple[str, dict[str, str], bytes]:
    """A HEAD request through Django's WSGI handler, as gunicorn calls it (the test client drops the
    body itself, which would hide the bug)."""
    from django.core.handlers.wsgi import WSGIHandler
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections
    from django.test import RequestFactory

    environ = RequestFactory().head(path).environ
    captured = {}

    def start_response(status, headers, exc_info=None):
        captured["status"], captured["headers"] = status, dict(headers)

    # As Django's test client does: the handler would otherwise close the test's database connection
    # at the end of the request (a real server opens a new one; the test's transaction would be lost).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        response = WSGIHandler()(environ, start_response)
        body = b"".join(response)
        response.close()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    return captured["status"], captured["headers"], body


def test_a_head_request_gets_the_headers_and_no_body(client, home_page, page_cache):
    """gunicorn sends whatever body the application returns: behind a keep-alive proxy, the body of a
    HEAD answer desynchronises the connection (security review, issue #17)."""
    page = StandardPageFactory(parent=home_page, slug="entete-seule", title="En-tête seule")
    get = client.get(page.url)
    for _ in range(2):  # rendered, then from the copy the first HEAD stored
        status, headers, body = _wsgi_head(page.url)
        assert status.startswith("200")
        assert body == b""
        assert headers["Content-Length"] == str(len(get.content))
    status, headers, body = _wsgi_head("/page-qui-n-existe-pas/")
    assert status.startswith("404") and body == b""


def test_every_cache_shares_one_versioning_helper():
    """The page cache, the site data and the observatory's figures are invalidated the same way."""
    from observatory import cache as observatory_cache
    from website import caching
    from website.versions import CacheVersion, request_scope

    assert isinstance(caching.content_version, CacheVersion)
    assert isinstance(observatory_cache.data_version_store, CacheVersion)
    computed = []

    def build() -> int:
        computed.append(1)
        return len(computed)

    with request_scope():
        assert observatory_cache.cached_figures(("x",), build) == 1
    with request_scope():
        assert observatory_cache.cached_figures(("x",), build) == 1  # kept: nothing was published
    observatory_cache.bump_data_version()
    with request_scope():
        assert observatory_cache.cached_figures(("x",), build) == 2


def test_an_industry_recomputation_writes_no_version_that_nobody_reads():
    from django.core.cache import caches

    from observatory.industry_service import invalidate_caches

    invalidate_caches()
    assert caches["shared"].get("industry:version") is None


def test_without_a_shared_cache_nothing_is_kept_per_process(settings):
    """Production without Redis (PAGE_CACHE_ENABLED=false) has a dummy default cache: no version, so no
    kept page, list or fragment either (they would go stale when another process publishes)."""
    from website.caching import content_version
    from website.fragments import fragment_key
    from website.versions import request_scope

    settings.CACHES = {**settings.CACHES, "default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    builds = []
    with request_scope():
        content_version.recent("sans-cache", lambda: builds.append(1))
        content_version.recent("sans-cache", lambda: builds.append(1))
        assert fragment_key("essai", ["a"]) is None
    assert len(builds) == 2


def test_the_redis_cache_makes_its_client_once_not_at_each_operation():
    from website.cache_backends import ResilientRedisCache

    cache = ResilientRedisCache(_redis_url(), {"KEY_PREFIX": "ida-test-client"})
    first = cache._cache.get_client(write=True)
    cache.set("a", 1)
    assert cache.get("a") == 1 and cache.get_many(["a", "b"]) == {"a": 1}
    assert cache._cache.get_client() is first and cache._cache.get_client(write=True) is first
    cache.delete("a")
