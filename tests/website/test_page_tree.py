"""Page-tree rules: which page types may live where."""

from __future__ import annotations

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from website.models import HomePage, SearchPage, StandardPage


class PageTreeRulesTest(WagtailPageTestCase):
    def test_home_page_can_only_sit_at_the_root(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})

    def test_standard_pages_nest_under_standard_pages(self):
        self.assertAllowedSubpageTypes(StandardPage, {StandardPage})

    def test_search_page_lives_under_home_and_has_no_children(self):
        self.assertAllowedParentPageTypes(SearchPage, {HomePage})
        self.assertAllowedSubpageTypes(SearchPage, set())

    def test_home_page_is_unique(self):
        self.assertEqual(HomePage.max_count, 1)
        self.assertEqual(SearchPage.max_count, 1)
