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


class _Card:
    """An object with some of the optional annotations a card template names."""

    def __init__(self, pk: int, **annotations):
        self.pk = pk
        self.__dict__.update(annotations)


def test_a_vary_value_the_object_lacks_keys_like_none_and_a_present_one_keys_by_its_value():
    """Vary values are read attribute by attribute (Django's lookup calls dir() on every missing one)."""
    template = Template('{% load website_tags %}{% fragment "carte" card.pk card.matched_title card.tension.level %}'
                        '{{ card.pk }}:{{ label }}{% endfragment %}')

    def show(card, label):
        return template.render(Context({"card": card, "label": label}))

    assert show(_Card(1), "sans annotation") == "1:sans annotation"
    assert show(_Card(1, matched_title=None), "autre") == "1:sans annotation"  # absent and None: the same key
    assert show(_Card(1, matched_title="Soudeuse"), "trouvé") == "1:trouvé"
    assert show(_Card(1, tension=_Card(9, level=4)), "tension 4") == "1:tension 4"
    assert show(_Card(2), "autre carte") == "2:autre carte"


def test_vary_values_with_filters_or_from_dictionaries_are_read_by_django():
    template = Template('{% load website_tags %}{% fragment "dict" data.key value|upper %}{{ label }}{% endfragment %}')
    assert template.render(Context({"data": {"key": "a"}, "value": "x", "label": "un"})) == "un"
    assert template.render(Context({"data": {"key": "b"}, "value": "x", "label": "deux"})) == "deux"
    assert template.render(Context({"data": {"key": "a"}, "value": "X", "label": "trois"})) == "un"
