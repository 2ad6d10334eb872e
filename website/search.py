"""Site search: editors' promotions, then Wagtail search results (French stemming on PostgreSQL)."""

from __future__ import annotations

from wagtail.contrib.search_promotions.models import Query
from wagtail.models import Page


def run_site_search(query: str, exclude_page: Page | None = None):
    """Return (promoted pages, results) for ``query``.

    The query is recorded for the "popular searches" report of search promotions; results
    are live public pages, relevance-ordered, as their specific types.
    """
    search_query = Query.get(query)
    search_query.add_hit()
    promotions = [
        pick.page.specific for pick in search_query.editors_picks.select_related("page") if pick.page.live
    ]
    pages = Page.objects.live().public().filter(depth__gt=1)
    if exclude_page is not None:
        pages = pages.exclude(pk=exclude_page.pk)
    promoted_ids = {page.pk for page in promotions}
    if promoted_ids:
        pages = pages.exclude(pk__in=promoted_ids)
    results = pages.specific().search(query, operator="and")
    return promotions, results
