"""Aggregated audience figures. No row holds anything about a visitor.

* :class:`PageViewCount` — one row per (page, day, channel), incremented in place.
* :class:`DocumentDownloadCount` — the same for documents (teacher kits, brochures).
* :class:`PageFeedback` — one anonymous "was this page useful?" answer, dated to the day.

Retention: ``manage.py purge_audience`` deletes rows older than ``AUDIENCE_RETENTION_DAYS``
(see docs/editorial-workflow.md).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.documents import get_document_model_string

from audience.channels import CHANNELS


class PageViewCount(models.Model):
    """How many times a page was shown on a day, for visitors arriving by one channel."""

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("page"))
    day = models.DateField(_("jour"))
    channel = models.CharField(_("canal"), max_length=40, choices=list(CHANNELS.items()))
    views = models.PositiveIntegerField(_("vues"), default=0)

    class Meta:
        verbose_name = _("vues d'une page")
        verbose_name_plural = _("vues des pages")
        constraints = [
            models.UniqueConstraint(fields=["page", "day", "channel"], name="audience_pageview_unique_page_day_channel"),
        ]
        indexes = [models.Index(fields=["day"], name="audience_pageview_day")]

    def __str__(self) -> str:
        return f"{self.page_id} {self.day} {self.channel}: {self.views}"


class DocumentDownloadCount(models.Model):
    """How many times a document was downloaded on a day, by channel."""

    document = models.ForeignKey(get_document_model_string(), on_delete=models.CASCADE, related_name="+",
                                 verbose_name=_("document"))
    day = models.DateField(_("jour"))
    channel = models.CharField(_("canal"), max_length=40, choices=list(CHANNELS.items()))
    downloads = models.PositiveIntegerField(_("téléchargements"), default=0)

    class Meta:
        verbose_name = _("téléchargements d'un document")
        verbose_name_plural = _("téléchargements des documents")
        constraints = [
            models.UniqueConstraint(fields=["document", "day", "channel"],
                                    name="audience_download_unique_document_day_channel"),
        ]
        indexes = [models.Index(fields=["day"], name="audience_download_day")]

    def __str__(self) -> str:
        return f"{self.document_id} {self.day} {self.channel}: {self.downloads}"


class PageFeedback(models.Model):
    """One anonymous answer to « Cette page vous a-t-elle été utile ? ».

    Only the day is kept (not the time) and the optional comment is limited in length; the
    form tells visitors not to write personal information.
    """

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("page"))
    day = models.DateField(_("jour"), db_index=True)
    useful = models.BooleanField(_("utile"))
    comment = models.TextField(_("commentaire"), blank=True, max_length=500)

    class Meta:
        verbose_name = _("avis sur une page")
        verbose_name_plural = _("avis sur les pages")
        indexes = [models.Index(fields=["page", "day"], name="audience_feedback_page_day")]

    def __str__(self) -> str:
        return f"{self.page_id} {self.day} {'oui' if self.useful else 'non'}"
