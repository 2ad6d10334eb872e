"""The demo's events, read from ``demo/data/schools/events.json``, with dates relative to the day of the load.

``days_after_load`` is « about N days after the load »: ``schools.event_calendar.plausible_day``
moves it to the next day such an event is held (weekday, no public holiday, class visits in
term time), so that the demo is never stale.

``registration``: "form" (this site's form, with the event's capacity and a waiting list),
"link" (the organiser's site, ``registration_url``), "phone" (``registration_phone``) or "none"
(walk in). Phone numbers use the 01 99 00 range that ARCEP reserves for fiction; links, the
reserved example.org domain.
"""

from __future__ import annotations

from demo.content import DemoDataError, Fields, optional, read_entries

REGISTRATION_KINDS = ("form", "link", "phone", "none")

EVENT_FIELDS: Fields = {
    "slug": str, "title": str,
    "event_type": str,  # EventPage.event_type (portes-ouvertes, job-dating, visite-classe, forum…)
    "days_after_load": int, "start_hour": int, "duration_hours": int,
    "place_name": str, "address": str,
    "territory": str,  # observatory territory key (DEP-59…)
    "audiences": [str],  # Audience slugs
    "capacity": optional(int),  # places; none: no limit
    "organiser": str, "summary": str, "registration_note": str,
    "job_profiles": optional([str], []), "filieres": optional([str], []),  # careers slugs met at the event
    "transport": optional(str, ""),
    "registration": optional(str, "none"),
    "registration_url": optional(str, ""), "registration_phone": optional(str, ""),
}


def events_data() -> list[dict]:
    """The events, each with a known way to register and the address or number it needs."""
    events = read_entries("schools/events", EVENT_FIELDS)
    for position, event in enumerate(events, start=1):
        kind = event["registration"]
        needed = {"link": "registration_url", "phone": "registration_phone"}.get(kind)
        if kind not in REGISTRATION_KINDS or (needed and not event[needed]):
            raise DemoDataError(
                f"demo/data/schools/events.json, entrée {position} (« {event['slug']} ») : « registration » vaut "
                f"{kind!r} ; valeurs possibles {', '.join(REGISTRATION_KINDS)}, avec registration_url pour "
                "« link » et registration_phone pour « phone »")
    return events
