"""iCalendar (RFC 5545) files for events, built with the ``icalendar`` library."""

from __future__ import annotations

from collections.abc import Iterable

import icalendar
from django.http import HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header

PRODUCT_ID = "-//Industrie d'avenir//Evenements//FR"


def event_component(event, request) -> icalendar.Event:
    """One VEVENT for an ``EventPage``; its UID is stable across exports (page id + host)."""
    component = icalendar.Event()
    component.add("uid", f"evenement-{event.pk}@{request.get_host().split(':')[0]}")
    component.add("dtstamp", timezone.now())
    component.add("dtstart", event.start)
    component.add("dtend", event.end)
    component.add("summary", event.title)
    description = f"{event.summary}\n\nOrganisé par {event.organiser}."
    if event.registration_note:
        description += f"\n\n{event.registration_note}"
    if event.registration_form:
        description += f"\nInscription : {event.get_full_url(request)}inscription/"
    if event.registration_url:
        description += f"\nInscription : {event.registration_url}"
    if event.registration_phone:
        description += f"\nInscription par téléphone : {event.registration_phone}"
    if event.transport_hint:
        description += f"\n\nY aller en transports en commun : {event.transport_hint}"
    component.add("description", description)
    location = ", ".join(part for part in (event.place_name, event.address) if part)
    component.add("location", location)
    component.add("url", event.get_full_url(request))
    if event.last_published_at:
        component.add("last-modified", event.last_published_at)
    return component


def build_calendar(events: Iterable, request, name: str) -> bytes:
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Paris")
    for event in events:
        calendar.add_component(event_component(event, request))
    return calendar.to_ical()


def calendar_response(request, events: Iterable, name: str, file_name: str) -> HttpResponse:
    response = HttpResponse(build_calendar(events, request, name), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, file_name)
    return response
