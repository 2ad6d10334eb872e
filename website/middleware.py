"""Small protocol guards: NUL bytes refused, HEAD answered without a body.

Requests carrying NUL bytes are refused with a clear 400, before any view or database sees them.
A NUL byte (``%00``) is never legitimate in an address, a query string or a cookie, and
PostgreSQL refuses it in text: left through, it turns a search or an API lookup into a server
error. Found by the whole-site fuzzing tests.
"""

from __future__ import annotations

from django.http import HttpResponseBadRequest, JsonResponse


class HeadWithoutBodyMiddleware:
    """A HEAD request gets the headers of the GET, ``Content-Length`` included, and no body.

    Django leaves that to the server: ``runserver`` and the test client drop the body, gunicorn
    sends it. Behind a proxy that keeps connections open, the body of a HEAD answer is read as the
    start of the next response (a desynchronised connection: another visitor's request answered
    with this page's bytes). First in ``MIDDLEWARE``, so that a page served from the cache, stored
    by a GET, loses its body too.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method == "HEAD":
            if response.streaming:
                response.streaming_content = []
            else:
                if "Content-Length" not in response:
                    response["Content-Length"] = str(len(response.content))
                response.content = b""
        return response


class RejectNulBytesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query_values = (value for values in request.GET.lists() for value in (values[0], *values[1]))
        if "\x00" in request.path or any("\x00" in value for value in query_values) \
                or any("\x00" in value for value in request.COOKIES.values()):
            if request.path.startswith("/api/"):  # the API answers every error in JSON (its OpenAPI description says so)
                return JsonResponse({"detail": "Requête invalide : caractère nul interdit."}, status=400,
                                    json_dumps_params={"ensure_ascii": False})
            return HttpResponseBadRequest("Requête invalide : caractère nul interdit.", content_type="text/plain; charset=utf-8")
        return self.get_response(request)


class SiteNotFoundPageMiddleware:
    """Development only: an unknown address shows the site's French 404 page, as in production.

    With ``DEBUG`` on, Django answers a missing page with its English technical page, which
    is not what the agency or a tester reviewing the demo with ``make run`` should meet. Server
    errors keep Django's traceback (developers need it); ``/erreurs/500/`` shows the site's
    500 page (website/urls.py). Listed in ``website.settings.dev`` only.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        from django.http import Http404

        from website.views import page_not_found

        if isinstance(exception, Http404) and not request.path.startswith(("/api/", "/admin/")):
            return page_not_found(request, exception)
        return None


class AdminSaveRaceMiddleware:
    """A save the admin's form accepted but the model refused a moment later: a message, not a 500.

    Two requests can create the same page at once: Wagtail 7.4's autosave and the editor's click
    (or a double click) both pass the form's check that the slug is free, then the second is refused
    by the model's own check when it is written (``Page.full_clean`` in ``save``), a
    ``ValidationError`` that Wagtail does not catch (seen in the browser tests). The autosave's
    fetch gets Wagtail's JSON refusal (its indicator then says the autosave is paused); a form
    post goes back to the same form with the reason. The refused creation wrote nothing
    (treebeard's ``add_child`` runs in a transaction).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        from django.contrib import messages
        from django.core.exceptions import ValidationError
        from django.shortcuts import redirect
        from django.urls import reverse
        from django.utils.translation import gettext as _

        admin_root = reverse("wagtailadmin_home")
        if not isinstance(exception, ValidationError) or request.method != "POST" \
                or not request.path.startswith(admin_root):
            return None
        reason = " ".join(exception.messages)
        # Said as what it most likely is (the form had accepted the same data a moment before),
        # with the model's own reason, which is exact whatever the cause.
        message = _("Rien n'a été enregistré : %(reason)s Le plus souvent, un autre enregistrement de cette "
                    "page, fait au même moment (enregistrement automatique, double clic), l'a devancé : "
                    "vérifiez la liste des pages avant de recommencer.") % {"reason": reason}
        if not request.accepts("text/html"):
            return JsonResponse({"success": False, "error_code": "validation_error", "error_message": message},
                                status=400, json_dumps_params={"ensure_ascii": False})
        messages.error(request, message)
        return redirect(request.get_full_path())
