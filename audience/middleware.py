"""Count page views once the response is known (status 200), without cookie or stored IP."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from audience.tracking import count_response


class AudienceMiddleware:
    """Counts views of Wagtail pages marked by the ``before_serve_page`` hook.

    Place it *between* the page cache's update middleware (first) and its fetch middleware
    (``website.caching``): it then stamps the page
    id on the response before it is cached and sees the cached copy on every hit, so
    cached views are counted too.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        count_response(request, response)
        return response
