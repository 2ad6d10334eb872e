"""Fragments kept per process ({% fragment %}) change when the content, the data or what they show change."""

from __future__ import annotations

import pytest
from django.template import Context, Template
from django.test import RequestFactory

from website.caching import bump_content_version
from website.fragments import fragment_key

pytestmark = pytest.mark.django_db

TEMPLATE = Template('{% load website_tags %}{% fragment "essai" value %}{{ value }}-{{ extra }}{% endfragment %}')


def render(value, extra: str = "", request=None) -> str:
    return TEMPLATE.render(Context({"value": value, "extra": extra, "request": request}))


def test_a_fragment_is_rendered_once_then_read_back_while_nothing_changes():
    assert render("a", extra="premier") == "a-premier"
    assert render("a", extra="second") == "a-premier"  # kept: « extra » is not among the vary values


def test_a_fragment_varies_on_the_values_it_names():
    assert render("a", extra="x") == "a-x"
    assert render("b", extra="y") == "b-y"


def test_a_publication_or_an_import_makes_every_fragment_new():
    from observatory.cache import bump_data_version

    assert render("a", extra="avant") == "a-avant"
    bump_content_version()
    assert render("a", extra="après contenu") == "a-après contenu"
    bump_data_version()
    assert render("a", extra="après données") == "a-après données"


def test_a_preview_never_reads_nor_keeps_fragments():
    request = RequestFactory().get("/")
    request.is_preview = True
    render("a", extra="publié")
    assert render("a", extra="brouillon", request=request) == "a-brouillon"


def test_a_fragment_with_a_form_token_is_not_kept():
    template = Template('{% load website_tags %}{% fragment "formulaire" %}'
                        '<input name="csrfmiddlewaretoken" value="{{ token }}">{% endfragment %}')
    assert "un" in template.render(Context({"token": "un"}))
    assert "deux" in template.render(Context({"token": "deux"}))


def test_nothing_is_kept_when_the_shared_cache_cannot_give_a_version(monkeypatch):
    from website import fragments

    monkeypatch.setattr(fragments, "all_versions", lambda: None)
    assert fragment_key("essai", ["a"]) is None
    assert render("a", extra="un") == "a-un"
    assert render("a", extra="deux") == "a-deux"
