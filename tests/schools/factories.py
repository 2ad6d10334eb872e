"""Factories for the schools pages: each test builds exactly the tree it needs."""

from __future__ import annotations

import datetime

import factory
import wagtail_factories
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.rich_text import RichText

from schools import models
from tests.careers.factories import TerritoryFactory


class DisciplineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Discipline
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Discipline {n}")
    slug = factory.Sequence(lambda n: f"discipline-{n}")


class DocumentFactory(wagtail_factories.DocumentFactory):
    class Meta:
        model = get_document_model()

    title = factory.Sequence(lambda n: f"Fiche élève {n}")
    file = factory.django.FileField(filename="fiche.pdf", data=b"%PDF-1.4\n% fiche de test\n")


class TeacherSectionPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = models.TeacherSectionPage

    title = "Enseignants"
    slug = "enseignants"


class PupilSectionPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = models.PupilSectionPage

    title = "Collégiens, lycéens"
    slug = "collegiens-lyceens"


class ClassroomKitIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = models.ClassroomKitIndexPage

    title = "Kits pédagogiques"
    slug = "kits"


class ClassroomKitPageFactory(wagtail_factories.PageFactory):
    """A kit with one objective and two timed steps (25 + 30 = 55 minutes)."""

    class Meta:
        model = models.ClassroomKitPage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Kit numéro {n}")
    slug = factory.Sequence(lambda n: f"kit-{n}")
    introduction = "Une séance pour découvrir les métiers de la maintenance."
    duration_minutes = 55
    objectives = factory.LazyFunction(lambda: [("objective", {"kind": "parcours-avenir", "text": "Découvrir un métier."})])
    steps = factory.LazyFunction(lambda: [
        ("step", {"title": "Lancement", "minutes": 25, "organisation": "classe", "instructions": RichText("<p>Photo.</p>")}),
        ("step", {"title": "Enquête", "minutes": 30, "organisation": "groupes", "instructions": RichText("<p>Fiche.</p>")}),
    ])
    materials = "Vidéoprojecteur\nFiche élève"
    last_published_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def levels(self, create, extracted, **kwargs):
        slugs = extracted if extracted is not None else ["cycle-4"]
        self.levels.set(models.SchoolLevel.objects.filter(slug__in=slugs))
        if create:
            self.save()

    @factory.post_generation
    def disciplines(self, create, extracted, **kwargs):
        if extracted:
            self.disciplines.set(extracted)
            if create:
                self.save()


def add_document(kit, kind: str = "fiche-eleve", **document_kwargs) -> models.ClassroomKitDocument:
    """Attach a new document to ``kit`` (saved directly: no revision needed for tests)."""
    document = DocumentFactory(**document_kwargs)
    return models.ClassroomKitDocument.objects.create(
        page=kit, document=document, kind=kind, sort_order=kit.documents.count(),
    )


class EventIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = models.EventIndexPage

    title = "Événements"
    slug = "evenements"


class EventPageFactory(wagtail_factories.PageFactory):
    """An event starting in ``days`` days (default 10) and lasting three hours."""

    class Meta:
        model = models.EventPage
        skip_postgeneration_save = True

    class Params:
        days = 10

    title = factory.Sequence(lambda n: f"Portes ouvertes {n}")
    slug = factory.Sequence(lambda n: f"evenement-{n}")
    event_type = "portes-ouvertes"
    start = factory.LazyAttribute(lambda o: timezone.now().replace(microsecond=0) + datetime.timedelta(days=o.days))
    end = factory.LazyAttribute(lambda o: o.start + datetime.timedelta(hours=3))
    summary = "Visite des ateliers et rencontre avec les équipes."
    place_name = "Usine de Douai"
    address = "Rue de la Fonderie, 59500 Douai"
    organiser = "Fédération des industries"
    territory = factory.SubFactory(TerritoryFactory, key="DEP-62", level="departement", code="62", name="Pas-de-Calais")
    last_published_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def audiences(self, create, extracted, **kwargs):
        slugs = extracted if extracted is not None else ["collegiens"]
        self.audiences.set(models.Audience.objects.filter(slug__in=slugs))
        if create:
            self.save()


class InterestQuizPageFactory(wagtail_factories.PageFactory):
    """A quiz with two statements per RIASEC type (12), in R-I-A-S-E-C order."""

    class Meta:
        model = models.InterestQuizPage
        skip_postgeneration_save = True

    title = "Quiz"
    slug = "quiz"

    @factory.post_generation
    def questions(self, create, extracted, **kwargs):
        if not create:
            return
        letters = extracted if extracted is not None else [letter for letter in "RIASEC" for _ in range(2)]
        for number, letter in enumerate(letters):
            models.QuizQuestion.objects.create(page=self, text=f"Affirmation {number} ({letter})", dimension=letter,
                                               sort_order=number)
