"""Snippets shown on career pages: companies, testimonials, training providers.

All three are moderated like pages (website.moderation): the agency's changes are drafts until
the Communication Région publishes them, and public pages query ``.live()`` objects only.

Places link to the observatory's ``Territory`` (département or zone d'emploi), the
same objects the visitor's territory choice designates, so "near me" is a key match.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    PageChooserPanel,
)
from wagtail.fields import StreamField
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    Orderable,
    PreviewableMixin,
    RevisionMixin,
    WorkflowMixin,
)
from wagtail.search import index

from careers.logic import ENTRY_LEVELS
from website.blocks import VideoBlock
from website.moderation import LiveQuerySet

TERRITORY_HELP = _("Le département (ou la zone d'emploi) où se trouve le site : il sert à « près de chez vous ».")


class SizeBand(models.TextChoices):
    """INSEE company size categories (loi de modernisation de l'économie, 2008)."""

    MICRO = "micro", _("Microentreprise (moins de 10 salariés)")
    PME = "pme", _("PME (10 à 249 salariés)")
    ETI = "eti", _("ETI (250 à 4 999 salariés)")
    GE = "ge", _("Grande entreprise (5 000 salariés et plus)")


class Audience(models.TextChoices):
    JOBSEEKERS = "demandeurs", _("Demandeurs d'emploi")
    YOUNG = "jeunes", _("Collégiens, lycéens")
    CAREER_CHANGERS = "reconversion", _("Personnes en reconversion")
    TEACHERS = "enseignants", _("Enseignants")


class Company(WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, PreviewableMixin, index.Indexed,
              ClusterableModel):
    """A company of the region that hires in industry, shown on its filière and job profiles."""

    name = models.CharField(_("nom"), max_length=120, unique=True)
    filiere = models.ForeignKey(
        "careers.FilierePage", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="companies", verbose_name=_("filière"),
    )
    description = models.TextField(_("présentation"), max_length=600, help_text=_("Ce que l'entreprise fabrique, en 2 ou 3 phrases."))
    place = models.CharField(_("commune"), max_length=80)
    territory = models.ForeignKey(
        "observatory.Territory", null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("territoire"),
        help_text=TERRITORY_HELP,
    )
    size_band = models.CharField(_("taille"), max_length=5, choices=SizeBand.choices)
    employees = models.PositiveIntegerField(_("salariés sur le site"), null=True, blank=True)
    website = models.URLField(_("site web"), blank=True)
    logo = models.ForeignKey(
        "website.SiteImage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("logo"),
    )
    job_profiles = ParentalManyToManyField(
        "careers.JobProfilePage", blank=True, related_name="companies", verbose_name=_("métiers recrutés"),
    )

    objects = LiveQuerySet.as_manager()

    panels = [
        MultiFieldPanel([FieldPanel("name"), FieldPanel("filiere"), FieldPanel("description"), FieldPanel("logo")],
                        heading=_("Entreprise")),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("place"), FieldPanel("territory")]),
             FieldRowPanel([FieldPanel("size_band"), FieldPanel("employees")]), FieldPanel("website")],
            heading=_("Où et quelle taille"),
        ),
        FieldPanel("job_profiles", heading=_("Métiers qu'elle recrute")),
    ]
    search_fields = [index.SearchField("name"), index.SearchField("description"), index.AutocompleteField("name"),
                     index.FilterField("territory_id")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("entreprise")
        verbose_name_plural = _("entreprises")

    def __str__(self) -> str:
        return self.name

    def get_preview_template(self, request, mode_name):
        return "careers/previews/company.html"


class TestimonialForm(WagtailAdminModelForm):
    """Refuses the "Publish" action of a testimonial that has no consent date, before anything is saved."""

    audiences = forms.MultipleChoiceField(
        label=_("publics"), choices=Audience.choices, widget=forms.CheckboxSelectMultiple, required=False,
        help_text=_("À qui ce témoignage parle le plus."),
    )

    def clean(self):
        cleaned_data = super().clean()
        if self.data.get("action-publish") and not cleaned_data.get("consent_date"):
            self.add_error("consent_date", _("Un témoignage ne peut pas être publié sans la date du consentement de la personne."))
        return cleaned_data


class Testimonial(WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, PreviewableMixin, index.Indexed,
                  ClusterableModel):
    """A person who does an industrial job, in their own words.

    Editorial rule (RGPD, droit à l'image): a testimonial goes live only once the person's
    written consent is recorded — the model refuses to be saved live without a consent date.
    """

    first_name = models.CharField(_("prénom"), max_length=40)
    role = models.CharField(_("métier exercé"), max_length=120)
    company = models.ForeignKey(
        Company, null=True, blank=True, on_delete=models.SET_NULL, related_name="testimonials", verbose_name=_("entreprise"),
    )
    age = models.PositiveSmallIntegerField(_("âge"), null=True, blank=True)
    job_profiles = ParentalManyToManyField(
        "careers.JobProfilePage", blank=True, related_name="testimonials", verbose_name=_("fiches métiers"),
    )
    quote = models.TextField(_("citation"), max_length=700)
    portrait = models.ForeignKey(
        "website.SiteImage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("portrait"),
    )
    video = StreamField([("video", VideoBlock())], blank=True, max_num=1, verbose_name=_("vidéo (avec transcription)"))
    consent_date = models.DateField(
        _("date du consentement"), null=True, blank=True,
        help_text=_("Date de l'autorisation écrite (droit à l'image et à la parole). Obligatoire pour publier."),
    )
    audiences = models.JSONField(_("publics"), default=list, blank=True)

    objects = LiveQuerySet.as_manager()

    panels = [
        MultiFieldPanel([FieldRowPanel([FieldPanel("first_name"), FieldPanel("age")]), FieldPanel("role"),
                         FieldPanel("company")], heading=_("La personne")),
        FieldPanel("quote"),
        FieldPanel("portrait"),
        FieldPanel("video"),
        FieldPanel("job_profiles"),
        FieldPanel("audiences"),
        FieldPanel("consent_date"),
    ]
    base_form_class = TestimonialForm
    search_fields = [index.SearchField("first_name"), index.SearchField("role"), index.SearchField("quote")]

    class Meta:
        ordering = ["first_name"]
        verbose_name = _("témoignage")
        verbose_name_plural = _("témoignages")

    def __str__(self) -> str:
        return f"{self.first_name}, {self.role}"

    def clean(self):
        super().clean()
        invalid = [value for value in self.audiences or [] if value not in Audience.values]
        if invalid:
            raise ValidationError({"audiences": _("Public inconnu : %(values)s") % {"values": ", ".join(invalid)}})

    def save(self, *args, **kwargs):
        # The last line of defence: whatever the path (admin, workflow, script), nothing
        # without consent can be live.
        if self.live and not self.consent_date:
            raise ValidationError(_("Un témoignage ne peut pas être publié sans date de consentement."))
        return super().save(*args, **kwargs)

    def get_preview_template(self, request, mode_name):
        return "careers/previews/testimonial.html"

    @property
    def audience_labels(self) -> list[str]:
        labels = dict(Audience.choices)
        return [str(labels[value]) for value in self.audiences or [] if value in labels]


class TrainingProvider(WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, PreviewableMixin, index.Indexed,
                       ClusterableModel):
    """A school, training centre or apprentice centre (CFA) of the region, with its programmes."""

    name = models.CharField(_("organisme"), max_length=150, unique=True)
    description = models.TextField(_("présentation"), max_length=500, blank=True)
    place = models.CharField(_("commune"), max_length=80)
    territory = models.ForeignKey(
        "observatory.Territory", null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("territoire"),
        help_text=TERRITORY_HELP,
    )
    website = models.URLField(_("site web"), blank=True)
    contact = models.CharField(_("contact"), max_length=150, blank=True, help_text=_("Téléphone ou courriel public."))
    uai = models.CharField(
        _("code UAI"), max_length=8, blank=True,
        validators=[RegexValidator(r"^\d{7}[A-Z]$", _("Un code UAI a 7 chiffres et une lettre majuscule (ex. 0594576D)."))],
        help_text=_("Identifiant officiel de l'établissement (7 chiffres et une lettre). Pour un CFA, ses formations "
                    "affichent le taux d'emploi à 6 mois de ses apprentis publié par InserJeunes."),
    )

    objects = LiveQuerySet.as_manager()

    panels = [
        MultiFieldPanel([FieldPanel("name"), FieldPanel("description"),
                         FieldRowPanel([FieldPanel("place"), FieldPanel("territory")]),
                         FieldRowPanel([FieldPanel("website"), FieldPanel("contact")]), FieldPanel("uai")],
                        heading=_("Organisme")),
        InlinePanel("programmes", heading=_("Formations"), label=_("formation"), min_num=1),
    ]
    search_fields = [index.SearchField("name"), index.SearchField("place"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisme de formation")
        verbose_name_plural = _("organismes de formation")

    def __str__(self) -> str:
        return self.name

    @property
    def contact_link(self) -> str:
        """``mailto:`` or ``tel:`` address for the public contact, or "" when it is neither."""
        contact = self.contact.strip()
        if "@" in contact and " " not in contact:
            return f"mailto:{contact}"
        digits = "".join(c for c in contact if c in "0123456789+")
        if len(digits) >= 6 and all(c in "0123456789+ .-()" for c in contact):
            return f"tel:{digits}"
        return ""

    def get_preview_template(self, request, mode_name):
        return "careers/previews/training_provider.html"


class TrainingProgramme(Orderable):
    """One programme of a provider, leading to one job profile."""

    provider = ParentalKey(TrainingProvider, on_delete=models.CASCADE, related_name="programmes")
    title = models.CharField(_("intitulé"), max_length=150)
    job_profile = models.ForeignKey(
        "careers.JobProfilePage", on_delete=models.CASCADE, related_name="training_programmes", verbose_name=_("métier visé"),
    )
    level = models.CharField(_("niveau"), max_length=20, choices=[(key, label) for key, label, _rank in ENTRY_LEVELS])
    duration = models.CharField(_("durée"), max_length=60, help_text=_("Ex. « 400 heures », « 2 ans »"))
    apprenticeship = models.BooleanField(_("possible en apprentissage"), default=False)
    funded_for_jobseekers = models.BooleanField(
        _("financement demandeurs d'emploi"), default=False,
        help_text=_("Prise en charge possible par la Région ou France Travail (PRF, AIF, POEI)."),
    )
    eligible_cpf = models.BooleanField(_("éligible au CPF"), default=False)
    funding_note = models.CharField(_("précisions sur le financement"), max_length=200, blank=True)
    next_start = models.DateField(_("prochaine rentrée"), null=True, blank=True,
                                  help_text=_("Date de début de la prochaine session."))
    information_source = models.CharField(
        _("source de ces informations"), max_length=200, blank=True,
        help_text=_("Qui les a données et quand, ex. « Carif-Oref Hauts-de-France, catalogue de novembre 2026 »."),
    )

    panels = [
        FieldPanel("title"),
        PageChooserPanel("job_profile", "careers.JobProfilePage"),
        FieldRowPanel([FieldPanel("level"), FieldPanel("duration"), FieldPanel("next_start")]),
        FieldRowPanel([FieldPanel("apprenticeship"), FieldPanel("funded_for_jobseekers"), FieldPanel("eligible_cpf")]),
        FieldPanel("funding_note"),
        FieldPanel("information_source"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("formation")
        verbose_name_plural = _("formations")

    def __str__(self) -> str:
        return self.title

    @property
    def next_start_is_upcoming(self) -> bool:
        return self.next_start is not None and self.next_start >= timezone.localdate()

    @property
    def funding_labels(self) -> list[str]:
        labels = []
        if self.apprenticeship:
            labels.append(str(_("Apprentissage (formation payée, salaire versé)")))
        if self.funded_for_jobseekers:
            labels.append(str(_("Demandeurs d'emploi : France Travail (AIF, POEI) ou Région")))
        if self.eligible_cpf:
            labels.append(str(_("Éligible au CPF")))
        return labels

