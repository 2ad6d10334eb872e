from __future__ import annotations

import pytest

FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0"


@pytest.fixture
def browser_client(client):
    """A test client that looks like a browser (robots are not counted)."""
    client.defaults["HTTP_USER_AGENT"] = FIREFOX
    return client


@pytest.fixture
def content_page(home_page):
    from tests.website.factories import StandardPageFactory

    page = StandardPageFactory(parent=home_page, title="Devenir soudeur", slug="devenir-soudeur",
                               body=[("paragraph", "<p>Un métier d’avenir.</p>")])
    return page

