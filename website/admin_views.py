"""Admin view listing the content checks of a page (what would be published)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from wagtail.models import Page

from website.content_checks import check_latest_revision


def page_checks(request: HttpRequest, page_id: int) -> HttpResponse:
    page = get_object_or_404(Page, pk=page_id, depth__gt=1).specific
    # The checks read the latest draft (titles, links, figures not yet public): only someone who
    # may edit the page sees them, as in the page editor itself.
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    issues = check_latest_revision(page)
    return render(request, "website/admin/page_checks.html", {
        "page": page,
        "errors": [issue for issue in issues if issue.is_error],
        "warnings": [issue for issue in issues if not issue.is_error],
    })
