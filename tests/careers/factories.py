"""Factories for careers pages and snippets (wagtail-factories / factory_boy).

Page factories need a ``parent``: use the ``*IndexPageFactory(parent=home_page)`` first.
"""

from __future__ import annotations

import datetime

import factory
import wagtail_factories
from factory.django import DjangoModelFactory

from careers.models import (
    ArticleIndexPage,
    ArticlePage,
    Company,
    FiliereIndexPage,
    FilierePage,
    JobProfileIndexPage,
    JobProfilePage,
    JobProfileWayIn,
    JobseekerSectionPage,
    Testimonial,
    TrainingProgramme,
    TrainingProvider,
)
from careers.models.pages import OBSERVATORY_FILIERES


class TerritoryFactory(DjangoModelFactory):
    class Meta:
        model = "observatory.Territory"
        django_get_or_create = ("key",)

    level = "departement"
    code = factory.Sequence(lambda n: f"{n + 10:02d}")
    key = factory.LazyAttribute(lambda o: f"DEP-{o.code}" if o.level == "departement" else f"REG-{o.code}")
    name = factory.Sequence(lambda n: f"Département {n}")
    parent = None


class JobProfileIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = JobProfileIndexPage

    title = "Métiers"
    slug = "metiers"


class JobProfilePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = JobProfilePage

    title = factory.Sequence(lambda n: f"Soudeur ou soudeuse {n}")
    slug = factory.Sequence(lambda n: f"metier-{n}")
    title_masculine = "Soudeur"
    title_feminine = "Soudeuse"
    rome_codes = "H2913"
    # The welders' family for the default welder; a profile given other codes declares no family
    # (it then shows its first code's default family), as an editor would leave it.
    fap_code = factory.LazyAttribute(lambda profile: "D2Z42" if profile.rome_codes == "H2913" else "")
    riasec_code = "RC"
    introduction = "Assembler des pièces de métal en les faisant fondre ensemble."
    easy_read_summary = "Je colle des pièces de métal avec une flamme. Je porte un masque."
    missions = "<p>Préparer les pièces, régler le poste, souder, contrôler.</p>"
    skills = "<p>Précision, lecture de plans.</p>"
    working_conditions = "<p>Atelier, équipements de protection.</p>"
    starting_salary = 1700
    experienced_salary = 2300
    salary_source = "Convention collective de la métallurgie"


class JobProfileWayInFactory(DjangoModelFactory):
    class Meta:
        model = JobProfileWayIn

    page = factory.SubFactory(JobProfilePageFactory)
    level = "cap"
    title = "CAP Réalisations industrielles en chaudronnerie ou soudage"
    duration = "2 ans"
    apprenticeship = True


class FiliereIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = FiliereIndexPage

    title = "Filières"
    slug = "filieres"


def _unused_observatory_slug() -> str:
    used = set(FilierePage.objects.values_list("observatory_slug", flat=True))
    return next(key for key, _label in OBSERVATORY_FILIERES if key not in used)


class FilierePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = FilierePage

    title = factory.Sequence(lambda n: f"Filière {n}")
    slug = factory.Sequence(lambda n: f"filiere-{n}")
    # Unique in the database: the first filière no page uses yet (an iterator's position depends on
    # what earlier tests of the same process created, and collided with fixtures naming one).
    observatory_slug = factory.LazyFunction(_unused_observatory_slug)
    what_it_makes = "<p>Des pièces, des machines, des structures.</p>"


class ArticleIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ArticleIndexPage

    title = "Industrie du futur"
    slug = "industrie-du-futur"


class ArticlePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ArticlePage

    title = factory.Sequence(lambda n: f"Article {n}")
    slug = factory.Sequence(lambda n: f"article-{n}")
    theme = "robotique"
    introduction = "Les robots collaboratifs arrivent dans les ateliers."
    body = factory.LazyFunction(lambda: [("paragraph", "<p>" + "mot " * 450 + "</p>")])
    date = datetime.date(2025, 3, 1)


class JobseekerSectionPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = JobseekerSectionPage

    title = "Demandeurs d'emploi"
    slug = "demandeurs-d-emploi"


class CompanyFactory(DjangoModelFactory):
    class Meta:
        model = Company

    name = factory.Sequence(lambda n: f"Ateliers {n}")
    description = "Fabrique des pièces mécaniques de précision."
    place = "Douai"
    territory = factory.SubFactory(TerritoryFactory)
    size_band = "pme"

    @factory.post_generation
    def job_profiles(self, create, extracted, **kwargs):
        """``job_profiles=[page, …]``: ParentalManyToMany links are written when the snippet is saved."""
        if extracted:
            self.job_profiles.set(extracted)
            if create:
                self.save()


class TestimonialFactory(DjangoModelFactory):
    __test__ = False  # a factory, not a pytest test class
    class Meta:
        model = Testimonial

    first_name = factory.Sequence(lambda n: f"Camille{n}")
    role = "Soudeuse"
    quote = "Je vois ce que je fabrique, et j'en suis fière."
    consent_date = datetime.date(2025, 1, 15)
    live = True

    @factory.post_generation
    def job_profiles(self, create, extracted, **kwargs):
        """``job_profiles=[page, …]``: ParentalManyToMany links are written when the snippet is saved."""
        if extracted:
            self.job_profiles.set(extracted)
            if create:
                self.save()


class TrainingProviderFactory(DjangoModelFactory):
    class Meta:
        model = TrainingProvider

    name = factory.Sequence(lambda n: f"Centre de formation {n}")
    place = "Lille"
    territory = factory.SubFactory(TerritoryFactory)


class TrainingProgrammeFactory(DjangoModelFactory):
    class Meta:
        model = TrainingProgramme

    provider = factory.SubFactory(TrainingProviderFactory)
    title = "Titre professionnel soudeur"
    job_profile = factory.SubFactory(JobProfilePageFactory)
    level = "titre-pro"
    duration = "6 mois"
    funded_for_jobseekers = True


def make_region_with_departement():
    """The region (REG-32) and one of its départements (DEP-59), as the observatory stores them."""
    region = TerritoryFactory(key="REG-32", level="region", code="32", name="Hauts-de-France")
    departement = TerritoryFactory(key="DEP-59", level="departement", code="59", name="Nord", parent=region)
    return region, departement


def make_tension(rome_code: str, territory, level: int, score: float | None = None, fap_code: str = "D2Z42"):
    """A published DARES tension row for ``rome_code`` in ``territory``, as the observatory derives it.

    The first family given for a ROME code becomes its default family in the crosswalk.
    """
    from observatory.models import Dataset, FapFamily, OccupationTension, RomeFapLink, RomeOccupation, TensionIndicator

    dataset, _created = Dataset.objects.get_or_create(
        kind="tension", vintage=2019, defaults={"title": "Tensions 2019", "source": "Dares, France Travail",
                                               "original_filename": "tensions.csv", "checksum": "0" * 64,
                                               "status": "published"},
    )
    fap, _created = FapFamily.objects.get_or_create(code=fap_code, defaults={"label": f"Famille {fap_code}", "level": 225})
    rome, _created = RomeOccupation.objects.get_or_create(code=rome_code, defaults={"label": f"Métier {rome_code}",
                                                                                  "domain": rome_code[0]})
    is_default = not RomeFapLink.objects.filter(rome=rome, is_default=True).exclude(fap=fap).exists()
    RomeFapLink.objects.update_or_create(rome=rome, fap=fap, defaults={"is_default": is_default})
    indicator, _created = TensionIndicator.objects.update_or_create(
        dataset=dataset, fap=fap, territory=territory, year=2019,
        defaults={"level": level, "score": score if score is not None else level / 2, "lack_of_workforce": 5,
                  "hiring_intensity": 4},
    )
    if is_default:
        OccupationTension.objects.update_or_create(rome=rome, territory=territory,
                                                   defaults={"tension": indicator, "score": indicator.score})
    return indicator
