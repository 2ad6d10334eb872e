"""Site search: editors' promotions, then Wagtail search results (French stemming on PostgreSQL)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db.models import F, OuterRef, Subquery, TextField, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils import timezone
from wagtail import hooks
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits, SearchPromotion
from wagtail.models import Page
from wagtail.search.utils import normalise_query_string

from website.pages import private_pages_q
from website.privacy import scrub_personal_data
from website.site_cache import cached_until_content_changes


def record_search_hit(query: str) -> None:
    """Count one search for the editors' "popular searches" report.

    Same rows as Wagtail's ``Query.get(q).add_hit()``, but a search already made today costs one
    UPDATE instead of four queries (get-or-create of the query and of today's counter, then the
    increment): search results stay within the per-page query budget.
    """
    # The report keeps what visitors searched for: never an e-mail address or a phone number they
    # pasted in the box (website.privacy), which would otherwise be stored as typed.
    normalised = normalise_query_string(scrub_personal_data(query, max_length=255))
    # The editors read the report by French calendar day, not by UTC day.
    today = timezone.localdate()
    updated = QueryDailyHits.objects.filter(query__query_string=normalised, date=today).update(hits=F("hits") + 1)
    if not updated:
        Query.get(normalised).add_hit(date=today)


def promoted_queries() -> frozenset[str]:
    """The searches editors promoted pages for, read once per content version and process.

    Saving a promotion moves the content version (``wagtailsearchpromotions`` is among the apps
    whose changes do, ``website.caching``).
    """
    return cached_until_content_changes("search-promoted-queries", lambda: frozenset(
        SearchPromotion.objects.filter(page__isnull=False).values_list("query__query_string", flat=True)))


SEARCH_NOISE = re.compile(r"[^\w\s'’-]+")


def searchable_words(query: str) -> str:
    """The visitor's words without punctuation.

    Quotes, asterisks, brackets or colons mean nothing in a site search, but the SQLite full-text
    backend (development) reads them as query syntax and fails on, e.g., an unterminated quote.
    """
    return " ".join(SEARCH_NOISE.sub(" ", query).split())


def run_site_search(query: str, exclude_page: Page | None = None):
    """Return (promoted pages, results) for ``query``.

    The query is recorded for the "popular searches" report of search promotions; results
    are live public pages, relevance-ordered, as plain ``Page`` rows: call ``with_summaries``
    on the ones to display.
    """
    record_search_hit(query)
    normalised = normalise_query_string(query)
    promotions = []
    if normalised in promoted_queries():  # most searches have none: no query for them
        picks = (
            SearchPromotion.objects.filter(query__query_string=normalised, page__live=True)
            .select_related("page")
            .order_by("sort_order")
        )
        promotions = [pick.page for pick in picks]
    pages = Page.objects.live().exclude(private_pages_q()).filter(depth__gt=1)
    if exclude_page is not None:
        pages = pages.exclude(pk=exclude_page.pk)
    promoted_ids = {page.pk for page in promotions}
    if promoted_ids:
        pages = pages.exclude(pk__in=promoted_ids)
    words = searchable_words(query)
    if not words:
        return promotions, pages.none()
    return promotions, pages.search(words, operator="and")


def with_summaries(pages: list[Page]) -> list[Page]:
    """Set ``summary`` on each page: its search description, else its introduction.

    The introduction lives in each page type's own table; rather than one query per type
    among the results (``.specific()``), one query reads it from every table at once.
    """
    from django.apps import apps

    from website.models import HeroMixin

    pages = list(pages)
    if not pages:
        return pages
    introductions = [
        Subquery(model._base_manager.filter(pk=OuterRef("pk")).values("introduction")[:1], output_field=TextField())
        for model in apps.get_models()
        if issubclass(model, HeroMixin) and issubclass(model, Page)
    ]
    summaries = dict(
        Page.objects.filter(pk__in=[page.pk for page in pages])
        .annotate(summary=Coalesce(NullIf("search_description", Value("")), *introductions, Value(""),
                                   output_field=TextField()))
        .values_list("pk", "summary")
    )
    for page in pages:
        page.summary = summaries.get(page.pk, "")
    return pages


@dataclass(frozen=True)
class Suggestion:
    """A direct answer shown above the search results (a job title leading to its occupation, say)."""

    label: str
    url: str
    note: str = ""
    external: bool = False


SUGGESTIONS_HOOK = "register_search_suggestions"


def search_suggestions(query: str, request=None) -> list[tuple[str, list[Suggestion]]]:
    """``(heading, suggestions)`` groups from the apps' ``register_search_suggestions`` hooks.

    Each hook is ``fn(query, request) -> (heading, [Suggestion, …])`` or ``None``: the careers app
    answers with the job titles that match, for instance. The base names no app.
    """
    groups = []
    for hook in hooks.get_hooks(SUGGESTIONS_HOOK):
        group = hook(query, request)
        if group and group[1]:
            heading, items = group
            groups.append((str(heading), list(items)))
    return groups
