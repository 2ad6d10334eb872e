"""The two audience entry points of the schools app: pupils (11–18) and teachers."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from schools.blocks import PupilStreamBlock, TeacherStreamBlock
from website.models import HeroMixin
from website.pages import SitePage

PUPIL_AUDIENCES = ["collegiens", "lyceens", "tout-public"]
TEACHER_AUDIENCES = ["classes", "enseignants"]


def upcoming_events_for_audiences(audience_slugs: list[str], limit: int, territory=None) -> list:
    """The next ``limit`` live events open to one of these audiences, soonest first.

    With a ``territory``, events there (its zones included) come first; the list is then
    completed with the other events of the site, so a quiet area still shows something.
    Two queries at most.
    """
    from schools.models.events import EventPage

    events = (EventPage.objects.live().public().upcoming().filter(audiences__slug__in=audience_slugs)
              .distinct().select_related("territory"))
    if territory is None:
        return list(events[:limit])
    near = list(events.in_territory(territory)[:limit])
    if len(near) < limit:
        near += list(events.exclude(pk__in=[event.pk for event in near])[: limit - len(near)])
    return near


class PupilSectionPage(HeroMixin, SitePage):
    """The pupils' section (/collegiens-lyceens/): short, visual content for 11–18 year olds.

    Myths and facts with their sources, videos with transcripts, "un métier en 2 minutes"
    cards, the quiz and events near the visitor. Written for the age: short sentences.
    """

    body = StreamField(PupilStreamBlock(), blank=True, verbose_name=_("contenu"))
    quiz_teaser = models.CharField(
        _("phrase d'accroche du quiz"), max_length=160, blank=True,
        default="18 questions, 5 minutes, pas de compte : découvre les métiers qui te ressemblent.",
    )

    content_panels = [*Page.content_panels, *HeroMixin.hero_panels, FieldPanel("quiz_teaser"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("introduction"), index.SearchField("body")]
    parent_page_types = ["website.HomePage"]
    subpage_types = ["website.StandardPage"]
    max_count = 1

    class Meta:
        verbose_name = _("rubrique collégiens et lycéens")

    def get_context(self, request, *args, **kwargs):
        from schools.models.quiz import InterestQuizPage

        context = super().get_context(request, *args, **kwargs)
        from observatory.territory import get_visitor_territory

        territory = get_visitor_territory(request)
        context["quiz_page"] = InterestQuizPage.objects.live().public().first()
        context["territory"] = territory
        context["upcoming_events"] = upcoming_events_for_audiences(PUPIL_AUDIENCES, 4, territory)
        return context


class TeacherSectionPage(HeroMixin, SitePage):
    """The teachers' section (/enseignants/): kits, events for classes, visits, figures for class."""

    body = StreamField(TeacherStreamBlock(), blank=True, verbose_name=_("contenu"))
    visit_guide = RichTextField(
        _("organiser une visite d'entreprise"), blank=True,
        features=["h3", "bold", "italic", "ol", "ul", "link", "document-link"],
        help_text=_("Les étapes pour préparer, vivre et exploiter une visite avec une classe."),
    )

    content_panels = [*Page.content_panels, *HeroMixin.hero_panels, FieldPanel("body"), FieldPanel("visit_guide")]
    search_fields = [
        *Page.search_fields, index.SearchField("introduction"), index.SearchField("body"),
        index.SearchField("visit_guide"),
    ]
    parent_page_types = ["website.HomePage"]
    subpage_types = ["schools.ClassroomKitIndexPage", "website.StandardPage"]
    max_count = 1

    class Meta:
        verbose_name = _("rubrique enseignants")

    def get_context(self, request, *args, **kwargs):
        from schools.models.kits import ClassroomKitIndexPage, ClassroomKitPage

        context = super().get_context(request, *args, **kwargs)
        context["kit_index"] = ClassroomKitIndexPage.objects.live().public().child_of(self).first()
        context["latest_kits"] = list(
            ClassroomKitPage.objects.live().public().descendant_of(self)
            .select_related("hero_image").prefetch_related("levels", "disciplines").order_by("-last_published_at")[:4]
        )
        from observatory.territory import get_visitor_territory

        territory = get_visitor_territory(request)
        context["territory"] = territory
        context["upcoming_events"] = upcoming_events_for_audiences(TEACHER_AUDIENCES, 4, territory)
        return context
