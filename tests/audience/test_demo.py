"""The audience's demo: views and feedback on the home and campaign pages, once (audience/demo.py)."""

from __future__ import annotations

import io

import pytest

from audience.models import PageFeedback, PageViewCount
from demo.loaders import audience as audience_demo
from demo.loaders import website_editorial as demo_editorial
from demo.loaders import website_home as demo
from website.models import CampaignPage

pytestmark = [pytest.mark.django_db, pytest.mark.demo_loader]


def test_demo_figures_cover_the_campaign_pages_and_are_added_once():
    demo.load(io.StringIO())
    demo_editorial.load(io.StringIO())
    audience_demo.load(io.StringIO())
    counted = set(PageViewCount.objects.values_list("page_id", flat=True))
    assert set(CampaignPage.objects.values_list("pk", flat=True)) <= counted
    assert PageFeedback.objects.exclude(comment="").count() == 2
    views = PageViewCount.objects.count()
    audience_demo.load(io.StringIO())
    assert PageViewCount.objects.count() == views and PageFeedback.objects.count() == 18
