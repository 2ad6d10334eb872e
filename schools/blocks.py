"""StreamField blocks used only by the schools pages (kits and the pupils' section)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from website.blocks import BaseStreamBlock

OBJECTIVE_KINDS = [
    ("parcours-avenir", _("Parcours Avenir")),
    ("socle-d1", _("Socle — D1 Les langages pour penser et communiquer")),
    ("socle-d2", _("Socle — D2 Les méthodes et outils pour apprendre")),
    ("socle-d3", _("Socle — D3 La formation de la personne et du citoyen")),
    ("socle-d4", _("Socle — D4 Les systèmes naturels et les systèmes techniques")),
    ("socle-d5", _("Socle — D5 Les représentations du monde et l'activité humaine")),
    ("disciplinaire", _("Objectif disciplinaire")),
]

STEP_ROLES = [
    ("classe", _("Classe entière")),
    ("groupes", _("En groupes")),
    ("individuel", _("Seul")),
    ("enseignant", _("L'enseignant présente")),
]


class KitObjectiveBlock(blocks.StructBlock):
    """One learning objective, tied to the Parcours Avenir, a socle domain or a subject."""

    kind = blocks.ChoiceBlock(choices=OBJECTIVE_KINDS, default="parcours-avenir", label=_("référence"))
    text = blocks.CharBlock(max_length=300, label=_("objectif"),
                            help_text=_("Commencez par un verbe : « Identifier… », « Décrire… »."))

    class Meta:
        icon = "tick"
        label = _("objectif")
        template = "schools/blocks/kit_objective_block.html"
        description = _("Un objectif pédagogique et le référentiel auquel il se rattache.")
        preview_value = {"kind": "parcours-avenir", "text": "Découvrir trois métiers de la maintenance industrielle."}

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["kind_label"] = dict(OBJECTIVE_KINDS).get(value.get("kind"), "")
        return context


class KitStepBlock(blocks.StructBlock):
    """A timed step of a classroom session."""

    title = blocks.CharBlock(max_length=120, label=_("titre de l'étape"))
    minutes = blocks.IntegerBlock(min_value=1, max_value=600, label=_("durée (minutes)"))
    organisation = blocks.ChoiceBlock(choices=STEP_ROLES, default="classe", label=_("organisation"))
    instructions = blocks.RichTextBlock(features=["bold", "italic", "ol", "ul", "link"], label=_("déroulé"))

    class Meta:
        icon = "time"
        label = _("étape")
        template = "schools/blocks/kit_step_block.html"
        description = _("Une étape minutée de la séance : ce que font l'enseignant et les élèves.")
        preview_value = {
            "title": "Lancement", "minutes": 10, "organisation": "classe",
            "instructions": "<p>Projeter la photo d'un atelier et demander : « Que fabrique-t-on ici ? »</p>",
        }

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["organisation_label"] = dict(STEP_ROLES).get(value.get("organisation"), "")
        return context


class JobInTwoMinutesBlock(blocks.StructBlock):
    """A "un métier en 2 minutes" card: a job profile told in three short lines for pupils."""

    job_profile = blocks.PageChooserBlock(page_type="careers.JobProfilePage", label=_("fiche métier"))
    hook = blocks.CharBlock(max_length=120, label=_("accroche"),
                            help_text=_("Une phrase courte pour un ado, ex. « Tu répares des robots géants. »"))
    what_you_do = blocks.TextBlock(max_length=280, label=_("ce que tu fais"))
    how_to_get_there = blocks.CharBlock(max_length=160, label=_("comment y aller"),
                                        help_text=_("Ex. « Bac pro MSPC, puis BTS si tu veux. »"))

    class Meta:
        icon = "user"
        label = _("un métier en 2 minutes")
        template = "schools/blocks/job_in_two_minutes_block.html"
        description = _("Une carte courte qui donne envie d'ouvrir la fiche métier.")


class JobCardsBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=100, default="Un métier en 2 minutes", label=_("titre"))
    cards = blocks.ListBlock(JobInTwoMinutesBlock(), min_num=1, max_num=12, label=_("cartes"))

    class Meta:
        icon = "list-ul"
        label = _("cartes « un métier en 2 minutes »")
        template = "schools/blocks/job_cards_block.html"
        description = _("Une grille de cartes métiers courtes pour les collégiens et lycéens.")


class PupilStreamBlock(BaseStreamBlock):
    """The site's blocks plus the pupils' "un métier en 2 minutes" cards."""

    job_cards = JobCardsBlock()


class TeacherStreamBlock(BaseStreamBlock):
    """The site's blocks (indicator figures included) for the teachers' section."""
