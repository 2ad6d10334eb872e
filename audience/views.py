"""Public views: the feedback form's target and the campaign short links."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST
from wagtail.models import Page

from audience.channels import CAMPAIGN_CHANNELS
from audience.forms import FeedbackForm
from audience.models import PageFeedback
from audience.ratelimit import allow_feedback
from audience.security import is_same_origin


def _wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _public_page(page_id: int | None) -> Page | None:
    if not page_id:
        return None
    return Page.objects.live().public().filter(pk=page_id).first()


def _error(request: HttpRequest, message: str, status: int, page: Page | None) -> HttpResponse:
    if _wants_json(request):
        return JsonResponse({"status": "error", "message": message}, status=status)
    return render(request, "audience/feedback_result.html",
                  {"message": message, "success": False, "target": page}, status=status)


@csrf_exempt  # protected by the same-origin check below, so that public pages need no CSRF cookie
@require_POST
def submit_feedback(request: HttpRequest) -> HttpResponse:
    """Store one anonymous answer; without JavaScript, redirect to a thank-you page.

    Cross-site request forgery is refused by checking the ``Origin`` (or ``Referer``)
    header against this site, as Django's CSRF middleware does first. The token cookie
    is not used: it would put a cookie on every content page and make them uncacheable,
    for a form that acts on no account.
    """
    if not is_same_origin(request):
        return _error(request, _("Envoi refusé : le formulaire doit être envoyé depuis ce site."), 403, None)
    form = FeedbackForm(request.POST)
    if not form.is_valid():
        page = _public_page(form.cleaned_data.get("page"))
        messages = [str(error) for errors in form.errors.values() for error in errors]
        return _error(request, " ".join(messages), 400, page)
    page = _public_page(form.cleaned_data["page"])
    if page is None:
        return _error(request, _("Cette page n’existe pas ou n’est pas publiée."), 400, None)
    if form.cleaned_data["website"]:
        # A robot filled in the hidden field: pretend it worked, store nothing.
        return _done(request, page)
    if not allow_feedback(request, page.pk):
        return _error(request, _("Vous avez déjà donné votre avis sur cette page. Merci ! Réessayez dans une heure."),
                      429, page)
    PageFeedback.objects.create(
        page=page, day=timezone.localdate(), useful=form.cleaned_data["useful"] == "oui",
        comment=form.cleaned_data["comment"],
    )
    return _done(request, page)


def _done(request: HttpRequest, page: Page) -> HttpResponse:
    message = _("Merci pour votre avis ! Il nous aide à améliorer le site.")
    if _wants_json(request):
        return JsonResponse({"status": "ok", "message": message})
    return HttpResponseRedirect(f"{reverse('audience_feedback_thanks')}?{urlencode({'page': page.pk})}")


@require_GET
def feedback_thanks(request: HttpRequest) -> HttpResponse:
    raw = request.GET.get("page", "")
    # ASCII digits only (int() refuses « ² », which isdigit() accepts), short enough for a database id.
    page = _public_page(int(raw)) if raw.isascii() and raw.isdigit() and len(raw) <= 12 else None
    return render(request, "audience/feedback_result.html", {
        "message": _("Merci pour votre avis ! Il nous aide à améliorer le site."), "success": True, "target": page,
    })


@require_GET
def short_link(request: HttpRequest, page_id: int, canal: str) -> HttpResponse:
    """``/go/<page>/<canal>/``: the short address printed on posters, sent to the page with its channel."""
    page = _public_page(page_id)
    if page is None or canal not in CAMPAIGN_CHANNELS:
        return render(request, "404.html", status=404)
    return HttpResponseRedirect(f"{page.url}?{urlencode({'canal': canal})}")
