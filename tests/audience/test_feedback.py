"""« Cette page vous a-t-elle été utile ? »: anonymous, rate-limited, no cookie, works without JavaScript."""

from __future__ import annotations

import pytest

from audience.models import PageFeedback
from audience.ratelimit import MAX_PER_PAGE

pytestmark = pytest.mark.django_db

ORIGIN = {"HTTP_ORIGIN": "http://testserver"}


def _post(client, data, json=False, **headers):
    extra = {**ORIGIN, **headers}
    if json:
        extra["HTTP_ACCEPT"] = "application/json"
    return client.post("/avis/", data, **extra)


def test_content_pages_show_the_widget_and_the_home_page_does_not(browser_client, content_page, home_page):
    html = browser_client.get(content_page.url).content.decode()
    assert "Cette page vous a-t-elle été utile" in html
    assert f'name="page" value="{content_page.pk}"' in html
    assert "csrfmiddlewaretoken" not in html
    assert "Cette page vous a-t-elle été utile" not in browser_client.get(home_page.url).content.decode()


def test_an_answer_is_stored_without_personal_data_and_thanked_without_javascript(browser_client, content_page):
    response = _post(browser_client, {"page": content_page.pk, "useful": "non",
                                      "comment": "Contactez-moi : lea@example.org, il manque les salaires."})
    assert response.status_code == 302
    assert response["Location"] == f"/avis/merci/?page={content_page.pk}"
    feedback = PageFeedback.objects.get()
    assert feedback.useful is False
    assert "example.org" not in feedback.comment
    assert "il manque les salaires" in feedback.comment
    thanks = browser_client.get(response["Location"])
    assert "Merci pour votre avis" in thanks.content.decode()
    assert content_page.url in thanks.content.decode()


def test_javascript_clients_get_a_json_answer(browser_client, content_page):
    response = _post(browser_client, {"page": content_page.pk, "useful": "oui"}, json=True)
    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert PageFeedback.objects.get().useful is True


def test_missing_choice_and_unknown_page_are_refused_with_a_clear_message(browser_client, content_page):
    response = _post(browser_client, {"page": content_page.pk}, json=True)
    assert response.status_code == 400
    assert "Oui" in response.json()["message"]
    response = _post(browser_client, {"page": 999999, "useful": "oui"})
    assert response.status_code == 400
    assert "n’existe pas" in response.content.decode()
    response = _post(browser_client, {"page": "abc", "useful": "peut-être"})
    assert response.status_code == 400
    assert not PageFeedback.objects.exists()


def test_too_long_comment_is_refused(browser_client, content_page):
    response = _post(browser_client, {"page": content_page.pk, "useful": "oui", "comment": "x" * 501}, json=True)
    assert response.status_code == 400
    assert "500" in response.json()["message"]


def test_get_is_not_allowed(browser_client):
    assert browser_client.get("/avis/").status_code == 405


def test_cross_site_posts_are_refused(browser_client, content_page):
    response = browser_client.post("/avis/", {"page": content_page.pk, "useful": "oui"},
                                   HTTP_ORIGIN="https://evil.example")
    assert response.status_code == 403
    response = browser_client.post("/avis/", {"page": content_page.pk, "useful": "oui"})  # no Origin nor Referer
    assert response.status_code == 403
    same_site_referer = browser_client.post("/avis/", {"page": content_page.pk, "useful": "oui"},
                                            HTTP_REFERER=f"http://testserver{content_page.url}")
    assert same_site_referer.status_code == 302
    assert PageFeedback.objects.count() == 1


def test_answers_are_rate_limited_per_client_and_page(browser_client, content_page):
    for _ in range(MAX_PER_PAGE):
        assert _post(browser_client, {"page": content_page.pk, "useful": "oui"}).status_code == 302
    response = _post(browser_client, {"page": content_page.pk, "useful": "oui"})
    assert response.status_code == 429
    assert "déjà donné votre avis" in response.content.decode()
    other_client = _post(browser_client, {"page": content_page.pk, "useful": "oui"}, REMOTE_ADDR="198.51.100.4")
    assert other_client.status_code == 302
    assert PageFeedback.objects.count() == MAX_PER_PAGE + 1


def test_robots_filling_the_hidden_field_store_nothing(browser_client, content_page):
    response = _post(browser_client, {"page": content_page.pk, "useful": "oui", "website": "http://spam.example"})
    assert response.status_code == 302
    assert not PageFeedback.objects.exists()


def test_one_clients_refused_answers_do_not_use_up_the_page_for_everyone(browser_client, content_page, monkeypatch):
    from audience import ratelimit

    monkeypatch.setattr(ratelimit, "MAX_PER_PAGE_GLOBAL", MAX_PER_PAGE + 2)
    for _ in range(20):  # one insistent client: 3 accepted, 17 refused
        _post(browser_client, {"page": content_page.pk, "useful": "non"}, REMOTE_ADDR="198.51.100.1")
    for number in (2, 3):
        response = _post(browser_client, {"page": content_page.pk, "useful": "oui"}, REMOTE_ADDR=f"198.51.100.{number}")
        assert response.status_code == 302, number
    assert _post(browser_client, {"page": content_page.pk, "useful": "oui"}, REMOTE_ADDR="198.51.100.4").status_code == 429


def test_behind_the_configured_proxy_each_visitor_is_counted_on_their_own(browser_client, content_page, settings):
    from audience.client_address import parse_networks

    settings.TRUSTED_PROXY_NETWORKS = parse_networks(["10.0.0.0/8"])
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    for _ in range(MAX_PER_PAGE):
        assert _post(browser_client, {"page": content_page.pk, "useful": "oui"}, HTTP_X_FORWARDED_FOR="203.0.113.5",
                     **proxy).status_code == 302
    assert _post(browser_client, {"page": content_page.pk, "useful": "oui"}, HTTP_X_FORWARDED_FOR="203.0.113.5",
                 **proxy).status_code == 429
    assert _post(browser_client, {"page": content_page.pk, "useful": "oui"}, HTTP_X_FORWARDED_FOR="203.0.113.6",
                 **proxy).status_code == 302
    # A client talking to the site directly cannot pick its address with the header.
    direct = {"REMOTE_ADDR": "198.51.100.9"}
    for number in range(MAX_PER_PAGE + 1):
        response = _post(browser_client, {"page": content_page.pk, "useful": "oui"},
                         HTTP_X_FORWARDED_FOR=f"192.0.2.{number}", **direct)
    assert response.status_code == 429


def test_the_limit_holds_when_the_shared_cache_is_down(browser_client, content_page, settings):
    settings.CACHES = {
        **settings.CACHES,
        "default": {"BACKEND": "website.cache_backends.ResilientRedisCache", "LOCATION": "redis://127.0.0.1:1/0",
                    "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2}},
    }
    for _ in range(MAX_PER_PAGE):
        assert _post(browser_client, {"page": content_page.pk, "useful": "oui"}).status_code == 302
    assert _post(browser_client, {"page": content_page.pk, "useful": "oui"}).status_code == 429
