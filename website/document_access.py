"""One rule for every way a document leaves the site (``/documents/…``, a kit's ZIP, any bundle).

A document may be sent to a request when
1. every view restriction of its collection accepts the request (Wagtail checks this on
   ``/documents/`` itself, but a ZIP built by the site did not), and
2. it is not published only on restricted pages: when every live page that links to it (Wagtail's
   reference index) is password-protected or reserved to logged-in users, the request must have
   passed the restriction of one of them. A document also linked from a public page stays public.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from wagtail.models import Page, ReferenceIndex


def _collection_allows(document, request: HttpRequest) -> bool:
    return all(restriction.accept_request(request) for restriction in document.collection.get_view_restrictions())


def _linking_pages(document) -> list[Page]:
    page_type = ContentType.objects.get_for_model(Page)
    ids = (ReferenceIndex.get_references_to(document).filter(base_content_type=page_type)
           .values_list("object_id", flat=True))
    return list(Page.objects.live().filter(pk__in={int(pk) for pk in ids if str(pk).isascii() and str(pk).isdigit()}))


def restricted_page_to_pass(document, request: HttpRequest) -> Page | None:
    """The restricted page whose restriction the request must pass to get ``document``, or None when
    nothing stands in the way of rule 2."""
    pages = _linking_pages(document)
    if not pages:
        return None
    restricted = []
    for page in pages:
        restrictions = page.get_view_restrictions()
        if not restrictions:
            return None  # linked from a public page: public
        if all(restriction.accept_request(request) for restriction in restrictions):
            return None  # the visitor already passed this page's restriction
        restricted.append(page)
    return restricted[0]


def document_allowed(document, request: HttpRequest) -> bool:
    """Whether ``document`` may be sent to ``request`` (both rules above)."""
    return _collection_allows(document, request) and restricted_page_to_pass(document, request) is None


def refuse_document_of_restricted_pages(document, request: HttpRequest) -> HttpResponse | None:
    """``before_serve_document``: send the visitor to the restricted page (its password form or the
    login) instead of the file; None lets Wagtail serve it (and check the collection)."""
    page = restricted_page_to_pass(document, request)
    if page is None:
        return None
    response = HttpResponseRedirect(page.url or "/")
    response["Cache-Control"] = "private, no-store"
    return response
