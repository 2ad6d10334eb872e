"""The RGAA compliance status: one value in the site settings, the same in the footer and the statement."""

from __future__ import annotations

import io

import pytest
from wagtail.models import Site

from demo.loaders import website_home as demo
from demo.loaders import website_navigation as demo_navigation
from website.models import SiteSettings

pytestmark = pytest.mark.django_db


def test_footer_and_statement_say_the_same_status_and_follow_the_setting(client, home_page):
    demo.load(io.StringIO())
    demo_navigation.load(io.StringIO())
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    statement = settings.accessibility_statement
    assert statement is not None and statement.slug == "accessibilite"
    for status, label in [("non", "non conforme"), ("partiellement", "partiellement conforme")]:
        settings.accessibility_status = status
        settings.save()
        home = client.get("/").content.decode()
        text = client.get(statement.url).content.decode()
        assert f"Accessibilité : {label}</a>" in home
        assert f"<strong>{label}</strong>" in text
        other = "partiellement conforme" if status == "non" else "non conforme"
        assert other not in home and other not in text
        assert home.count(f'href="{statement.url}"') == 1  # the footer menu does not repeat the link
