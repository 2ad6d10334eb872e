"""The registration form of an event (``<event>/inscription/``): works without JavaScript.

The event page itself stays cacheable (no form, no CSRF cookie on it): it links here. This
page carries Django's CSRF token, so it is never stored by the page cache (it sets a cookie).
"""

from __future__ import annotations

from django.core.cache import cache
from django.db import IntegrityError
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from audience.ratelimit import count_in, visitor_fingerprint
from schools.forms import EventRegistrationForm
from schools.models.registrations import RegistrationStatus, confirmed_seats, register

#: Requests one visitor may send for one event within an hour.
MAX_REQUESTS_PER_HOUR = 5
TEMPLATE = "schools/event_registration.html"


def _seats_left(event) -> int | None:
    if event.capacity is None:
        return None
    return max(event.capacity - confirmed_seats(event), 0)


def registration(event, request):
    if not event.registration_form:
        raise Http404(_("Cet événement ne prend pas d'inscription sur ce site."))
    context = {"page": event, "self": event, "seats_left": _seats_left(event), "form": None, "errors": []}
    result = request.GET.get("resultat", "")
    if request.method == "GET" and result in RegistrationStatus.values:
        context["result"] = result
        return TemplateResponse(request, TEMPLATE, context)
    if event.is_past:
        context["closed"] = True
        return TemplateResponse(request, TEMPLATE, context, status=410 if request.method == "POST" else 200)
    if request.method not in ("GET", "HEAD", "POST"):
        response = TemplateResponse(request, TEMPLATE, {**context, "form": EventRegistrationForm()}, status=405)
        response["Allow"] = "GET, HEAD, POST"
        return response
    if request.method != "POST":
        context["form"] = EventRegistrationForm()
        return TemplateResponse(request, TEMPLATE, context)
    form = EventRegistrationForm(request.POST)
    context["form"] = form
    if not form.is_valid():
        return TemplateResponse(request, TEMPLATE, context, status=400)
    data = form.cleaned_data
    if data["website"]:  # a robot filled in the hidden field: pretend it worked, store nothing
        return HttpResponseRedirect(f"?{urlencode({'resultat': RegistrationStatus.CONFIRMED})}")
    if count_in(cache, f"schools:registration:{event.pk}:{visitor_fingerprint(request)}") > MAX_REQUESTS_PER_HOUR:
        context["errors"] = [_("Trop de demandes d'inscription depuis votre connexion. Réessayez dans une heure.")]
        return TemplateResponse(request, TEMPLATE, context, status=429)
    try:
        registration_ = register(event, name=data["name"], email=data["email"], seats=data["seats"],
                                 phone=data["phone"], organisation=data["organisation"])
    except IntegrityError:
        context["errors"] = [_("Une inscription à cet événement existe déjà avec cette adresse électronique. "
                               "Pour la modifier, contactez l'organisateur.")]
        return TemplateResponse(request, TEMPLATE, context, status=409)
    return HttpResponseRedirect(f"?{urlencode({'resultat': registration_.status})}")
