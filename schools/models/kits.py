"""Classroom kits: ready-to-use lessons about industrial jobs, with documents to download.

A kit says for which school level(s) and subject(s) it is written, what pupils learn
(Parcours Avenir, socle commun), how long it takes step by step, what to prepare, and
offers its documents one by one or all together as a ZIP built on the fly from the current
files (see ``schools.bundle``).
"""

from __future__ import annotations

import datetime
import logging

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import Count, F, Q, Sum
from django.forms import CheckboxSelectMultiple
from django.http import StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from audience.tracking import should_count
from schools import bundle
from schools.blocks import KitObjectiveBlock, KitStepBlock
from schools.panels import KitDownloadsPanel
from website.document_access import document_allowed
from website.models import HeroMixin
from website.pages import SitePage

logger = logging.getLogger(__name__)

# Duration filter bands, in minutes: a French class period is 55 minutes.
DURATION_BANDS = [
    ("une-seance", _("Une séance (55 min ou moins)"), 0, 55),
    ("deux-seances", _("Deux séances (jusqu'à 2 h)"), 56, 120),
    ("projet", _("Un projet (plus de 2 h)"), 121, None),
]

DOCUMENT_KINDS = [
    ("fiche-eleve", _("Fiche élève")),
    ("fiche-enseignant", _("Fiche enseignant")),
    ("corrige", _("Corrigé")),
    ("diaporama", _("Diaporama")),
    ("evaluation", _("Évaluation")),
    ("annexe", _("Annexe")),
]


class ClassroomKitIndexPage(HeroMixin, SitePage):
    """The list of classroom kits, filtered by level, subject, duration and filière (GET form)."""

    body = RichTextField(_("texte d'accompagnement"), blank=True, features=["bold", "italic", "link", "ul"])

    content_panels = [*Page.content_panels, *HeroMixin.hero_panels, FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("introduction")]
    parent_page_types = ["schools.TeacherSectionPage"]
    subpage_types = ["schools.ClassroomKitPage"]
    max_count = 1

    class Meta:
        verbose_name = _("liste des kits pédagogiques")

    def get_context(self, request, *args, **kwargs):
        from schools.filters import KitFilter

        context = super().get_context(request, *args, **kwargs)
        kits = ClassroomKitPage.objects.live().public().child_of(self)
        kit_filter = KitFilter(request.GET, kits)
        context["kit_filter"] = kit_filter
        context["kits"] = kit_filter.results()
        return context


class ClassroomKitPage(RoutablePageMixin, HeroMixin, SitePage):
    """One classroom kit: levels, subjects, objectives, timed steps, materials and documents."""

    levels = ParentalManyToManyField("schools.SchoolLevel", related_name="kits", verbose_name=_("niveaux"))
    disciplines = ParentalManyToManyField("schools.Discipline", related_name="kits", blank=True,
                                          verbose_name=_("disciplines"))
    duration_minutes = models.PositiveSmallIntegerField(
        _("durée totale (minutes)"), null=True, blank=True,
        help_text=_("Laissez vide pour utiliser la somme des étapes."),
    )
    objectives = StreamField([("objective", KitObjectiveBlock())], verbose_name=_("objectifs"))
    steps = StreamField([("step", KitStepBlock())], verbose_name=_("déroulé minuté"))
    materials = models.TextField(
        _("matériel"), blank=True,
        help_text=_("Un élément par ligne (ex. « vidéoprojecteur », « une fiche élève par binôme »)."),
    )
    teacher_notes = RichTextField(_("conseils pour l'enseignant"), blank=True,
                                  features=["bold", "italic", "ul", "ol", "link"])
    job_profiles = ParentalManyToManyField("careers.JobProfilePage", related_name="classroom_kits", blank=True,
                                           verbose_name=_("fiches métiers liées"))
    filieres = ParentalManyToManyField("careers.FilierePage", related_name="classroom_kits", blank=True,
                                       verbose_name=_("filières liées"))

    content_panels = [
        *Page.content_panels,
        *HeroMixin.hero_panels,
        MultiFieldPanel(
            [FieldPanel("levels", widget=CheckboxSelectMultiple),
             FieldPanel("disciplines", widget=CheckboxSelectMultiple),
             FieldPanel("duration_minutes")],
            heading=_("Pour qui, combien de temps"),
        ),
        FieldPanel("objectives"),
        FieldPanel("steps"),
        FieldPanel("materials"),
        FieldPanel("teacher_notes"),
        MultiFieldPanel([FieldPanel("job_profiles", widget=CheckboxSelectMultiple),
                         FieldPanel("filieres", widget=CheckboxSelectMultiple)],
                        heading=_("Métiers et filières")),
        InlinePanel("documents", heading=_("Documents à télécharger"), label=_("document"),
                    help_text=_("PDF, ODT, DOCX, PPTX ou ODP. Le kit complet est proposé en un seul ZIP.")),
        KitDownloadsPanel(heading=_("Téléchargements")),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("introduction"),
        index.SearchField("objectives"),
        index.SearchField("steps"),
        index.FilterField("duration_minutes"),
        index.RelatedFields("disciplines", [index.SearchField("name")]),
    ]
    parent_page_types = ["schools.ClassroomKitIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("kit pédagogique")
        verbose_name_plural = _("kits pédagogiques")

    # --- derived values ------------------------------------------------------------------
    def steps_total_minutes(self) -> int:
        return sum(block.value["minutes"] or 0 for block in self.steps)

    @property
    def public_disciplines(self) -> list:
        """The disciplines visitors may see: published ones (a new discipline waits for the Région).

        Filtered in Python so that a prefetched ``disciplines`` costs no query, and a preview's
        unsaved choice works too.
        """
        return [discipline for discipline in self.disciplines.all() if discipline.live]

    def materials_list(self) -> list[str]:
        return [line.strip(" -•\t") for line in self.materials.splitlines() if line.strip(" -•\t")]

    def clean(self):
        super().clean()
        total = self.steps_total_minutes()
        if self.duration_minutes is None:
            if not total:
                raise ValidationError({"duration_minutes": _("Indiquez une durée ou ajoutez des étapes minutées.")})
            self.duration_minutes = total
        elif total and total != self.duration_minutes:
            raise ValidationError({"duration_minutes": _(
                "Les étapes durent %(total)s minutes au total, pas %(duration)s : corrigez l'une ou l'autre, "
                "ou laissez la durée vide pour utiliser la somme des étapes."
            ) % {"total": total, "duration": self.duration_minutes}})

    def get_documents(self) -> list[ClassroomKitDocument]:
        return list(self.documents.select_related("document").order_by("sort_order"))

    # --- routes --------------------------------------------------------------------------
    @path("imprimer/", name="print")
    def print_view(self, request):
        """The kit as a clean printable sheet (no navigation), for the teacher's folder."""
        return self.render(request, template="schools/classroom_kit_page_print.html")

    @path("telecharger/", name="download")
    def download_bundle(self, request):
        """All the kit's documents as one ZIP, streamed; a clear page if any file is missing.

        Every file is checked before the first byte is sent: once streaming has started the
        status cannot change, and a truncated archive would look like a broken download.
        """
        # The same rule as /documents/: a file of a private collection, or published only on
        # protected pages the visitor has not passed, never leaves inside the ZIP either.
        documents = [item for item in self.get_documents() if document_allowed(item.document, request)]
        missing = [item for item in documents if not item.file_exists()]
        if not documents or missing:
            if missing:
                logger.warning("Kit %s: missing files %s", self.pk, [item.document.file.name for item in missing])
            return render(
                request, "schools/kit_download_unavailable.html",
                {"page": self, "missing": missing, "documents": documents}, status=503,
            )
        names = bundle.member_names((item.display_title, item.document.file_extension) for item in documents)
        members = [
            (name, lambda item=item: item.document.file.storage.open(item.document.file.name, "rb"))
            for name, item in zip(names, documents, strict=True)
        ]
        modified = timezone.localtime(self.last_published_at) if self.last_published_at else None
        response = StreamingHttpResponse(bundle.iter_zip(members, modified=modified), content_type="application/zip")
        response["Content-Disposition"] = content_disposition_header(True, bundle.archive_file_name(self.title))
        response["Cache-Control"] = "no-cache"
        # The same rules as page views and documents: no robots, no editors, a ceiling per visitor.
        if request.method == "GET" and should_count(request, f"kit:{self.pk}"):
            KitDownloadCount.record(self)
        return response


class ClassroomKitDocument(Orderable):
    """A document of a kit (Wagtail document) with what it is for."""

    page = ParentalKey(ClassroomKitPage, on_delete=models.CASCADE, related_name="documents")
    document = models.ForeignKey("wagtaildocs.Document", on_delete=models.PROTECT, related_name="+",
                                 verbose_name=_("document"))
    kind = models.CharField(_("type"), max_length=20, choices=DOCUMENT_KINDS, default="fiche-eleve")
    title = models.CharField(_("titre affiché"), max_length=120, blank=True,
                             help_text=_("Par défaut, le titre du document."))

    panels = [FieldPanel("document"), FieldPanel("kind"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = _("document du kit")
        verbose_name_plural = _("documents du kit")

    @property
    def display_title(self) -> str:
        return self.title or self.document.title

    def file_exists(self) -> bool:
        file = self.document.file
        try:
            return bool(file.name) and file.storage.exists(file.name)
        except OSError:
            return False


class KitDownloadCount(models.Model):
    """How many times a kit's ZIP was downloaded, per month. No visitor data at all."""

    kit = models.ForeignKey(ClassroomKitPage, on_delete=models.CASCADE, related_name="download_counts",
                            verbose_name=_("kit"))
    month = models.DateField(_("mois"), help_text=_("Premier jour du mois."))
    count = models.PositiveIntegerField(_("téléchargements"), default=0)

    class Meta:
        verbose_name = _("téléchargements d'un kit")
        verbose_name_plural = _("téléchargements des kits")
        constraints = [models.UniqueConstraint(fields=["kit", "month"], name="unique_kit_download_month")]
        ordering = ["-month"]

    def __str__(self) -> str:
        return f"{self.kit_id} {self.month:%Y-%m}: {self.count}"

    @classmethod
    def record(cls, kit: ClassroomKitPage, today: datetime.date | None = None) -> None:
        """Add one download for this month, atomically (F() update; create on first download)."""
        month = (today or timezone.localdate()).replace(day=1)
        if cls.objects.filter(kit=kit, month=month).update(count=F("count") + 1):
            return
        try:
            with transaction.atomic():
                cls.objects.create(kit=kit, month=month, count=1)
        except IntegrityError:
            # Another request created this month's row between our update and create.
            cls.objects.filter(kit=kit, month=month).update(count=F("count") + 1)

    @classmethod
    def summary_for(cls, kit_id: int, today: datetime.date | None = None) -> dict[str, int]:
        month = (today or timezone.localdate()).replace(day=1)
        totals = cls.objects.filter(kit_id=kit_id).aggregate(
            total=Sum("count"), this_month=Sum("count", filter=Q(month=month)),
        )
        return {"total": totals["total"] or 0, "this_month": totals["this_month"] or 0}


def duration_band_filter(slug: str) -> Q | None:
    for band_slug, _label, low, high in DURATION_BANDS:
        if band_slug == slug:
            condition = Q(duration_minutes__gte=low)
            if high is not None:
                condition &= Q(duration_minutes__lte=high)
            return condition
    return None


def kits_count_by_duration(kits) -> dict[str, int]:
    """Number of kits in each duration band, in one query."""
    aggregates = {slug: Count("pk", filter=duration_band_filter(slug)) for slug, *_rest in DURATION_BANDS}
    return kits.aggregate(**aggregates)
