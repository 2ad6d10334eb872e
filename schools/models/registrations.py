"""Registrations to an event through this site's own form: a place, or a place on the waiting list.

An event opens its form with ``EventPage.registration_form``. Requests are served in the order
they arrive: while the confirmed seats stay within the event's capacity a request is confirmed,
after that it goes to the waiting list (the organiser calls people back from it). Nothing is
sent by e-mail: the organiser receives the list as a CSV file exported from the admin
(« Inscriptions aux événements »).

Personal data: name, e-mail, optional phone and organisation, kept for the event and deleted
three months after it by ``manage.py purge_event_registrations`` (see the privacy page).
"""

from __future__ import annotations

import datetime

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

#: Seats one request may ask for (a class with its teachers).
MAX_SEATS_PER_REQUEST = 40
#: How long registrations are kept after the event ends.
RETENTION = datetime.timedelta(days=92)


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmee", _("Inscription confirmée")
    WAITING = "attente", _("Liste d'attente")


def status_for(capacity: int | None, seats_taken: int, seats_requested: int) -> str:
    """Confirmed while the request fits in the seats left (no capacity: always), else waiting list."""
    if capacity is None or seats_taken + seats_requested <= capacity:
        return RegistrationStatus.CONFIRMED
    return RegistrationStatus.WAITING


class EventRegistration(models.Model):
    """One request for seats at an event, confirmed or on the waiting list."""

    event = models.ForeignKey("schools.EventPage", on_delete=models.CASCADE, related_name="registrations",
                              verbose_name=_("événement"))
    created_at = models.DateTimeField(_("reçue le"), default=timezone.now, db_index=True)
    name = models.CharField(_("nom et prénom"), max_length=120)
    email = models.EmailField(_("courriel"), max_length=200)
    phone = models.CharField(_("téléphone"), max_length=30, blank=True)
    organisation = models.CharField(_("établissement ou structure"), max_length=150, blank=True)
    seats = models.PositiveSmallIntegerField(
        _("places demandées"), default=1,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_SEATS_PER_REQUEST)],
    )
    status = models.CharField(_("statut"), max_length=10, choices=RegistrationStatus.choices)

    class Meta:
        ordering = ["event", "created_at", "pk"]
        verbose_name = _("inscription à un événement")
        verbose_name_plural = _("inscriptions aux événements")
        constraints = [
            models.UniqueConstraint(fields=["event", "email"], name="one_registration_per_email_and_event"),
        ]

    def __str__(self) -> str:
        return f"{self.name} — {self.event}"

    @property
    def event_start(self) -> datetime.datetime:
        return timezone.localtime(self.event.start)

    @property
    def status_label(self) -> str:
        return str(self.get_status_display())


def confirmed_seats(event) -> int:
    return EventRegistration.objects.filter(
        event=event, status=RegistrationStatus.CONFIRMED,
    ).aggregate(n=Sum("seats"))["n"] or 0


def register(event, *, name: str, email: str, seats: int, phone: str = "", organisation: str = "") -> EventRegistration:
    """Store one request, confirmed or on the waiting list; the count and the write are one transaction.

    The event row is locked first (``SELECT … FOR UPDATE`` on PostgreSQL; SQLite serialises
    writers anyway), so two requests for the last seat cannot both be confirmed.
    """
    from schools.models.events import EventPage

    with transaction.atomic():
        locked = EventPage.objects.select_for_update().only("pk", "capacity").get(pk=event.pk)
        status = status_for(locked.capacity, confirmed_seats(locked), seats)
        return EventRegistration.objects.create(
            event_id=locked.pk, name=name, email=email.lower(), seats=seats, phone=phone,
            organisation=organisation, status=status,
        )


def purge_old_registrations(now: datetime.datetime | None = None) -> int:
    """Delete registrations of events that ended more than :data:`RETENTION` ago; return how many."""
    limit = (now or timezone.now()) - RETENTION
    deleted, _detail = EventRegistration.objects.filter(event__end__lt=limit).delete()
    return deleted
