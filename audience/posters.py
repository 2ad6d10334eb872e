"""Posters and QR codes for any public page, from the admin.

The QR code carries the campaign channel in the address (``?canal=affiche-lycee``) so that
views coming from each poster are counted separately (audience/tracking.py), and the short
address printed under it (``/go/<id>/<canal>/``) is this app's too. The printable poster
is an HTML page with print CSS (A4 or A3 portrait): the browser's "Print / Save as PDF"
produces the file to send to the printer.
"""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import permission_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Page

from audience.channels import CAMPAIGN_CHANNELS, channel_label
from audience.qr import qr_png, qr_svg

DEFAULT_CHANNEL = "affiche-lycee"
FORMATS = {"a4": "A4", "a3": "A3"}


class PosterForm(forms.Form):
    canal = forms.ChoiceField(label=gettext_lazy("Canal (où sera posée l’affiche)"),
                              choices=list(CAMPAIGN_CHANNELS.items()), initial=DEFAULT_CHANNEL)
    format = forms.ChoiceField(label=gettext_lazy("Format"), choices=list(FORMATS.items()), initial="a4")
    titre = forms.CharField(label=gettext_lazy("Titre de l’affiche"), required=False, max_length=90,
                            help_text=gettext_lazy("Par défaut, le titre de la page."))
    accroche = forms.CharField(label=gettext_lazy("Accroche"), required=False, max_length=200,
                               help_text=gettext_lazy("Par défaut, l’introduction de la page."))


def campaign_url(page: Page, channel: str, request: HttpRequest | None = None) -> str:
    """The page's public address with the channel, as encoded in the QR code."""
    return f"{page.get_full_url(request)}?{urlencode({'canal': channel})}"


def short_url(page: Page, channel: str, request: HttpRequest | None = None) -> str:
    """``https://site/go/<id>/<canal>/``: short enough to type from a poster, still counted by channel."""
    site = page.get_site()
    root = site.root_url if site else (request.build_absolute_uri("/").rstrip("/") if request else "")
    return f"{root}{reverse('audience_short_link', args=[page.pk, channel])}"


def _public_page(page_id: int) -> Page:
    page = get_object_or_404(Page, pk=page_id, depth__gt=1)
    if not page.live or page.get_view_restrictions().exists():
        raise Http404(_("Cette page n’est pas publiée ou n’est pas publique : pas d’affiche possible."))
    return page.specific


def _valid_channel(request: HttpRequest) -> str | None:
    channel = request.GET.get("canal", DEFAULT_CHANNEL)
    return channel if channel in CAMPAIGN_CHANNELS else None


@permission_required("wagtailadmin.access_admin", raise_exception=True)
def qr_code(request: HttpRequest, page_id: int | str, fmt: str) -> HttpResponse:
    """``/admin/affiche/<id>/qr.svg|png?canal=…`` — the QR code alone, to download."""
    page = _public_page(int(page_id))
    channel = _valid_channel(request)
    if channel is None:
        return HttpResponseBadRequest(
            _("Canal inconnu : choisissez l’un de %(list)s.") % {"list": ", ".join(CAMPAIGN_CHANNELS)},
            content_type="text/plain; charset=utf-8",
        )
    url = campaign_url(page, channel, request)
    filename = f"qr-{slugify(page.slug)[:40]}-{channel}.{fmt}"
    if fmt == "svg":
        response = HttpResponse(qr_svg(url, title=f"{page.title} — {url}"), content_type="image/svg+xml")
    else:
        response = HttpResponse(qr_png(url), content_type="image/png")
    disposition = "attachment" if request.GET.get("telecharger") else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


@permission_required("wagtailadmin.access_admin", raise_exception=True)
def poster(request: HttpRequest, page_id: int) -> HttpResponse:
    """A printable A4/A3 poster of a page: headline, image, QR code, short address."""
    page = _public_page(page_id)
    form = PosterForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        return render(request, "audience/admin/poster.html", {"page": page, "form": form}, status=400)
    data = form.cleaned_data if form.is_bound else {}
    channel = data.get("canal") or DEFAULT_CHANNEL
    paper = data.get("format") or "a4"
    url = campaign_url(page, channel, request)
    image = getattr(page, "hero_image", None)
    query = urlencode({"canal": channel})
    return render(request, "audience/admin/poster.html", {
        "page": page,
        "form": form,
        "channel": channel,
        "channel_label": channel_label(channel),
        "paper": paper,
        "paper_label": FORMATS[paper],
        "headline": data.get("titre") or page.title,
        "tagline": data.get("accroche") or getattr(page, "introduction", "") or page.search_description,
        "image": image,
        "campaign_url": url,
        "short_url": short_url(page, channel, request),
        "qr_inline": mark_safe(qr_svg(url, title=_("QR code vers %(url)s") % {"url": url}, scale=1, scalable=True)),
        "svg_url": f"{reverse('audience_poster_qr', args=[page.pk, 'svg'])}?{query}&telecharger=1",
        "png_url": f"{reverse('audience_poster_qr', args=[page.pk, 'png'])}?{query}&telecharger=1",
    })
