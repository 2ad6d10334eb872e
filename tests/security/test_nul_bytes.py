"""NUL bytes in an address, a query string or a cookie get a 400, never a server error."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["/recherche/?q=%00", "/api/v1/territories/%00/", "/?page=1%00", "/%00/"])
def test_a_nul_byte_in_the_request_is_refused_with_a_clear_400(client, home_page, url):
    response = client.get(url)
    assert response.status_code == 400
    assert "caractère nul" in response.content.decode()


def test_a_nul_byte_in_a_cookie_is_refused(client, home_page):
    client.cookies["territoire"] = "DEP\x0059"
    assert client.get("/").status_code == 400


def test_ordinary_requests_pass(client, home_page):
    assert client.get("/?page=2").status_code == 200
