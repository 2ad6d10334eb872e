"""Decide whether a request is a countable visit, and count it.

Used by the ``before_serve_page`` hook (marks the request with the page served) and by
:class:`audience.middleware.AudienceMiddleware` (counts once the response is known to be a
200). Reads the User-Agent in memory only; stores nothing about the visitor.
"""

from __future__ import annotations

from django.core.cache import caches
from django.http import HttpRequest, HttpResponse

from audience.bots import is_bot
from audience.channels import normalise_channel
from audience.counter import record_page_view
from audience.ratelimit import count_in, visitor_fingerprint

#: Response header carrying the page id, so that a page served later from a cache that
#: sits outside this middleware is still counted (see docs/editorial-workflow.md).
PAGE_HEADER = "X-Audience-Page"
REQUEST_ATTRIBUTE = "audience_page_id"

#: Views (or downloads) of one page (or file) counted per visitor and per hour; beyond, a reload
#: loop or a script with a browser's User-Agent adds nothing (it added 500 views in 3 seconds).
MAX_COUNTED_PER_VISITOR = 10
CEILING_WINDOW_SECONDS = 60 * 60
#: The ceiling is counted in each server process's memory (the ``counters`` cache), not in Redis:
#: a counted view must not cost a network round trip; with N processes a visitor can add at most
#: N × the ceiling, which still bounds inflation.
COUNTERS_CACHE = "counters"


def within_visitor_ceiling(request: HttpRequest, subject: str) -> bool:
    """True while this visitor has not yet been counted ``MAX_COUNTED_PER_VISITOR`` times for ``subject``."""
    key = f"{subject}:{visitor_fingerprint(request)}"
    return count_in(caches[COUNTERS_CACHE], key, CEILING_WINDOW_SECONDS) <= MAX_COUNTED_PER_VISITOR


def should_count(request: HttpRequest, subject: str) -> bool:
    """Count this request for ``subject`` (``page:12``, ``document:3``, ``kit:7``): a countable
    request (browser, not an editor, not a robot) within the visitor's ceiling."""
    return is_countable_request(request) and within_visitor_ceiling(request, subject)


def channel_for(request: HttpRequest) -> str:
    """The normalised campaign channel of the visit (``canal`` first, then ``utm_source``)."""
    return normalise_channel(request.GET.get("canal"), request.GET.get("utm_source"))


def is_countable_request(request: HttpRequest) -> bool:
    """A GET by a browser, not a preview, not a logged-in editor, not a robot."""
    if request.method != "GET":
        return False
    if getattr(request, "is_preview", False):
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        # The public site has no visitor accounts: anyone logged in is an editor.
        return False
    return not is_bot(request.headers.get("User-Agent"))


def mark_page(request: HttpRequest, page_id: int) -> None:
    """Remember which page the request serves (set by the ``before_serve_page`` hook)."""
    setattr(request, REQUEST_ATTRIBUTE, page_id)


def count_response(request: HttpRequest, response: HttpResponse) -> bool:
    """Count the view if the response is a 200 for a marked page; return whether it counted."""
    page_id = getattr(request, REQUEST_ATTRIBUTE, None)
    if page_id is None:
        header = response.headers.get(PAGE_HEADER)
        page_id = int(header) if header and header.isascii() and header.isdigit() else None
    if page_id is None or response.status_code != 200:
        return False
    if PAGE_HEADER not in response.headers:
        response.headers[PAGE_HEADER] = str(page_id)
    if not should_count(request, f"page:{page_id}"):
        return False
    return record_page_view(page_id, channel_for(request))
