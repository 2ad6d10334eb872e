"""Figures the demo shows come from its data: share of women, salaries and tension levels as indicator blocks,
kit documents written from the published figures (see tests/schools/test_kit_document_figures.py)."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.django_db


def test_the_pupils_myth_cards_leave_their_figures_to_indicator_blocks(client, demo_site):
    html = client.get("/collegiens-lyceens/").content.decode()
    assert "Part de femmes : agents qualifiés de laboratoire" in html and "52\u202f%" in html  # E1Z46, 2017-2019
    assert "(FAP E1Z46)" in html and "2017-2019" in html
    assert "Niveau de tension : soudeurs" in html and "Niveau de tension : chaudronniers" in html
    myths = " ".join(re.findall(r'<p class="myth-fact__fact">(.*?)</p>', html, re.S))
    assert myths and not re.search(r"\d\s?(%|€)|très forte", myths)  # no number typed in a card


def test_every_job_profile_with_a_family_shows_its_share_of_women(client, demo_site):
    from careers.models import JobProfilePage

    pages = list(JobProfilePage.objects.live().exclude(fap_code="").order_by("pk"))
    short = next(page for page in pages if page.is_short)
    full = next(page for page in pages if not page.is_short)
    for page in (short, full):
        html = client.get(page.url).content.decode()
        facts = html[html.index("Part de femmes"):]
        facts = facts[:facts.index("</dd>")]
        assert re.search(r"\d+\u202f%", facts) and "France entière" in facts and "Dares" in facts, page.url
