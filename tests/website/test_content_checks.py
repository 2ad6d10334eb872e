"""Content checks before publishing: alt text, consent, internal links, the apps' own checks — over any StreamField."""

from __future__ import annotations

import datetime
import json

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail import blocks, hooks
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from tests.website.factories import SiteImageFactory, StandardPageFactory
from website.content_checks import ERROR, PAGE_CHECKS_HOOK, WARNING, Issue, check_page, value_issues
from website.roles import REGION, apply_roles

pytestmark = pytest.mark.django_db


def _page_with(home_page, body: list[dict], **fields):
    page = StandardPageFactory(parent=home_page, **fields)
    page.body = json.dumps(body)
    page.save()
    return Page.objects.get(pk=page.pk).specific


def _codes(issues) -> list[tuple[str, str]]:
    return sorted((issue.level, issue.code) for issue in issues)


def _image_block(image, alt="", decorative=False) -> dict:
    return {"type": "image", "value": {"image": {"image": image.pk, "alt_text": alt, "decorative": decorative},
                                       "caption": ""}}


def test_image_without_alt_text_is_an_error_unless_decorative_or_described_in_the_block(home_page):
    bare = SiteImageFactory(description="")
    page = _page_with(home_page, [_image_block(bare), _image_block(bare, decorative=True),
                                  _image_block(bare, alt="Une soudeuse au travail")])
    issues = check_page(page)
    assert _codes(issues) == [(ERROR, "alt_text")]
    assert "Contenu › image 1" in issues[0].location


def test_header_image_without_description_is_an_error(home_page):
    page = _page_with(home_page, [], hero_image=SiteImageFactory(description=""))
    assert _codes(check_page(page)) == [(ERROR, "alt_text")]


def test_links_to_deleted_pages_are_errors_and_to_drafts_are_warnings(home_page):
    draft = StandardPageFactory(parent=home_page, live=False, title="Brouillon")
    html = (f'<p><a linktype="page" id="999999">disparue</a> et <a id="{draft.pk}" linktype="page">brouillon</a>'
            f' et <a linktype="document" id="424242">notice</a></p>')
    page = _page_with(home_page, [{"type": "paragraph", "value": html}])
    assert _codes(check_page(page)) == [(ERROR, "broken_link"), (ERROR, "broken_link"), (WARNING, "unpublished_link")]


def test_a_clean_page_has_no_issue(home_page):
    target = StandardPageFactory(parent=home_page)
    page = _page_with(home_page, [{"type": "paragraph", "value": f'<p><a linktype="page" id="{target.pk}">ok</a></p>'},
                                  _image_block(SiteImageFactory(description="Un robot de soudure"))])
    assert check_page(page) == []


def test_apps_check_the_values_of_any_page_through_the_hook(home_page):
    """The observatory checks its figures this way (tests/observatory/test_content_checks.py); here a check
    that refuses any link to a draft page shows that it is given StreamField values and their location."""
    def no_link_to_a_draft(value, location):
        if isinstance(value, Page) and not value.live:
            return [Issue(ERROR, "draft_target", location, "Brouillon")]
        return []

    draft = StandardPageFactory(parent=home_page, live=False, title="Tensions 2019")
    page = _page_with(home_page, [{"type": "call_to_action", "value": {
        "title": "Les chiffres", "text": "", "link": {"page": draft.pk, "external_url": "", "label": ""}}}])
    assert (ERROR, "draft_target") not in _codes(check_page(page))
    with hooks.register_temporarily(PAGE_CHECKS_HOOK, no_link_to_a_draft):
        issues = [issue for issue in check_page(page) if issue.code == "draft_target"]
    assert len(issues) == 1 and "Contenu › appel à l'action 1 › bouton › page du site" in issues[0].location


def test_testimonial_without_consent_date_is_an_error_and_with_one_is_fine():
    testimonial = blocks.StructBlock([("name", blocks.CharBlock()), ("consent_date", blocks.DateBlock(required=False))])
    missing = testimonial.to_python({"name": "Inès", "consent_date": None})
    given = testimonial.to_python({"name": "Inès", "consent_date": "2026-01-15"})
    assert _codes(value_issues(missing, "Témoignage")) == [(ERROR, "consent")]
    assert value_issues(given, "Témoignage") == []


def test_direct_publishing_is_refused_while_an_error_remains(client, home_page):
    apply_roles()
    user = get_user_model().objects.create_user("moderatrice", password="x")
    user.groups.add(Group.objects.get(name=REGION))
    client.force_login(user)
    bare = SiteImageFactory(description="")
    add_url = reverse("wagtailadmin_pages:add", args=["website", "standardpage", home_page.pk])
    data = nested_form_data({
        "title": "Sans texte alternatif", "slug": "sans-alt", "introduction": "", "hero_image": bare.pk,
        "body": streamfield([("paragraph", rich_text("<p>Texte.</p>"))]), "comments": inline_formset([]),
        "action-publish": "1",
    })
    response = client.post(add_url, data, follow=True)
    page = Page.objects.get(slug="sans-alt")
    assert not page.live
    assert "Publication refusée" in response.content.decode()

    checks = client.get(reverse("website_page_checks", args=[page.pk])).content.decode()
    assert "texte alternatif" in checks
    bare.description = "Un atelier de soudure"
    bare.save()
    data["action-publish"] = "1"
    client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
    page.refresh_from_db()
    assert page.live


def test_saving_a_draft_shows_the_warnings(client, home_page):
    client.force_login(get_user_model().objects.create_superuser("root", "r@example.invalid", "x"))
    draft = StandardPageFactory(parent=home_page, live=False, title="Pas encore en ligne")
    edit_page = StandardPageFactory(parent=home_page, title="À relire")
    data = nested_form_data({
        "title": "À relire", "slug": edit_page.slug, "introduction": "",
        "body": streamfield([("paragraph", rich_text(f'<p><a linktype="page" id="{draft.pk}">lien</a></p>'))]),
        "comments": inline_formset([]), "updated_note": datetime.date(2026, 1, 1).isoformat(),
    })
    response = client.post(reverse("wagtailadmin_pages:edit", args=[edit_page.pk]), data, follow=True)
    assert "n’est pas publiée" in response.content.decode()
