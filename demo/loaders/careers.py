"""Demo content of the careers app: filières, job profiles, companies, testimonials,
training providers, "industrie du futur" articles and the jobseekers' section.

Idempotent: everything is looked up by slug or name first; a second run changes and
duplicates nothing, except that a profile still showing the « journée type » generated before
each got its own text is given that text (see ``_replace_templated_day``). Texts live in ``careers/demo_data.py``; salary medians and shares of
women come from the DARES subset shipped in ``careers/data/`` (see its SOURCES.md).
"""

from __future__ import annotations

import csv
import datetime
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from wagtail.models import Page, Site

import careers
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
from careers.occupations import create_occupation_pages
from demo.loaders import careers_content as data
from demo.pages import get_or_create_demo_image, get_or_create_page
from website.models import HomePage

#: The careers app's DARES subset (careers/data/SOURCES.md): real figures, read by the demo profiles.
DARES_FILE = Path(careers.__file__).resolve().parent / "data" / "dares_fap87_2017_2019.csv"


def dares_figures() -> dict[str, dict[str, str]]:
    """DARES median salary and share of women by FAP 87 family, from the shipped subset."""
    with DARES_FILE.open(encoding="utf-8", newline="") as handle:
        return {row["fap87"]: row for row in csv.DictReader(handle)}


def _territories() -> dict:
    from observatory.models import Territory

    return {territory.key: territory for territory in Territory.objects.all()}


def _ul(items: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


def load_filieres(home: HomePage) -> dict[str, FilierePage]:
    index_image = get_or_create_demo_image(
        "filieres", "Filières — chaîne de production", "Illustration : des engrenages reliés en chaîne.", "steel", "gears",
    )
    index = get_or_create_page(
        home, FiliereIndexPage, "filieres", title="Les filières industrielles",
        introduction="Huit chaînes de valeur font l'industrie de la région : ce qu'elles fabriquent, qui elles emploient, qui recrute.",
        hero_image=index_image,
    )
    pages = {}
    for slug, title, observatory_slug, intro, what, palette in data.FILIERES:
        image = get_or_create_demo_image(
            f"filiere-{slug}", f"Filière — {title}", f"Illustration de la filière {title.lower()}.", palette, "blocks",
        )
        pages[slug] = get_or_create_page(
            index, FilierePage, slug, title=title, observatory_slug=observatory_slug, introduction=intro,
            what_it_makes=what, hero_image=image,
        )
    return pages


def load_profiles(home: HomePage, filieres: dict[str, FilierePage]) -> dict[str, JobProfilePage]:
    index = get_or_create_page(
        home, JobProfileIndexPage, "metiers", title="Les métiers de l'industrie",
        introduction="Trouvez un métier qui vous ressemble et qui recrute près de chez vous : filtrez par filière, "
                     "niveau d'entrée, centres d'intérêt ou apprentissage.",
    )
    figures = dares_figures()
    pages: dict[str, JobProfilePage] = {}
    created = []
    for spec in data.PROFILES:
        existing = index.get_children().filter(slug=spec["slug"]).first()
        if existing is not None:
            pages[spec["slug"]] = _replace_templated_day(existing.specific, spec)
            continue
        family = figures.get(spec["fap"][:3])
        source = (f"Dares, Portrait statistique des métiers, famille {spec['fap'][:3]} "
                  f"« {family['libelle']} », {family['periode']}") if family else ""
        page = JobProfilePage(
            slug=spec["slug"], title=spec["title"], title_masculine=spec["m"], title_feminine=spec["f"],
            rome_codes=spec["rome"], fap_code=spec["fap"], riasec_code=spec["riasec"],
            introduction=spec["intro"], easy_read_summary=spec["easy"],
            missions=_ul(spec["missions"]), skills=_ul(spec["skills"]),
            working_conditions=f"<p>{spec['conditions']}</p>", progression=f"<p>{spec['progression']}</p>",
            day_to_day=spec["day"],
            median_salary=int(family["salaire_median_net_mensuel"]) if family else None,
            share_of_women=int(family["part_femmes_pct"]) if family else None,
            salary_source=source, share_of_women_source=source,
            hero_image=_profile_image(spec, filieres),
            search_description=spec["intro"][:160],
        )
        page.filieres = [filieres[slug] for slug in spec["filieres"]]
        page.ways_in = [
            JobProfileWayIn(level=level, title=title, duration=duration, apprenticeship=apprenticeship, sort_order=i)
            for i, (level, title, duration, apprenticeship) in enumerate(spec["ways"])
        ]
        page.tags.add(*spec["tags"])
        index.add_child(instance=page)
        page.save_revision().publish()
        pages[spec["slug"]] = page
        created.append(spec)
    for spec in created:
        page = JobProfilePage.objects.get(pk=pages[spec["slug"]].pk)
        page.related_profiles = [pages[slug] for slug in spec["related"]]
        page.save_revision().publish()
    return pages


def _templated_day(spec: dict) -> str:
    """The « Une journée type » earlier demo loads generated from two missions (#15), to recognise it."""
    missions = spec["missions"]
    return (f"<p>{missions[0]} en début de poste, puis {missions[1][0].lower()}{missions[1][1:]}. "
            "En fin de journée : transmission aux collègues de l'équipe suivante.</p>")


def _replace_templated_day(page: JobProfilePage, spec: dict) -> JobProfilePage:
    """Give a demo profile loaded before #15 its own day, as a new revision (published if the page is live).

    Only a page still carrying the generated text exactly, with no pending draft: whatever an
    editor wrote or changed stays as it is.
    """
    if page.day_to_day != _templated_day(spec) or page.has_unpublished_changes:
        return page
    page.day_to_day = spec["day"]
    revision = page.save_revision()
    if page.live:
        revision.publish()
    return page


def _profile_image(spec: dict, filieres: dict[str, FilierePage]):
    """Profiles share their main filière's illustration (one image, one set of renditions)."""
    return filieres[spec["filieres"][0]].hero_image


def load_companies(filieres, profiles, territories) -> dict[str, Company]:
    companies = {}
    for name, filiere, place, key, size, employees, description, profile_slugs in data.COMPANIES:
        company = Company.objects.filter(name=name).first()
        if company is None:
            company = Company(name=name, filiere=filieres[filiere], place=place, territory=territories.get(key),
                              size_band=size, employees=employees, description=description, live=True)
            company.save()
            company.job_profiles.set([profiles[slug] for slug in profile_slugs])
            company.save()
            # Published as the Région would, with a first revision. Not cleaned: a demo company whose
            # territory is not in the loaded data keeps an empty one, as before moderation.
            company.save_revision(clean=False).publish()
        companies[name] = company
    return companies


def load_testimonials(companies, profiles) -> int:
    for first_name, age, role, company, profile_slugs, quote, consent, audiences in data.TESTIMONIALS:
        if Testimonial.objects.filter(first_name=first_name, role=role).exists():
            continue
        testimonial = Testimonial(
            first_name=first_name, age=age, role=role, company=companies.get(company), quote=quote,
            consent_date=datetime.date.fromisoformat(consent), audiences=audiences, live=True,
        )
        testimonial.save()
        testimonial.job_profiles.set([profiles[slug] for slug in profile_slugs])
        testimonial.save()
        testimonial.save_revision().publish()
    return Testimonial.objects.count()


_DEMO_TRAINING_SOURCE = "Démonstration : informations fictives, à remplacer par celles de l’organisme ou du Carif-Oref"


def _demo_next_start(level: str, position: int) -> datetime.date:
    """Diploma courses start in September; short courses (titres, CQPM) on a Monday within two months."""
    today = timezone.localdate()
    if level in ("cap", "bac-pro", "bts", "but", "licence-pro", "ingenieur"):
        september = datetime.date(today.year, 9, 1)
        return september if september > today else september.replace(year=today.year + 1)
    day = today + datetime.timedelta(days=21 + 14 * (position % 3))
    return day + datetime.timedelta(days=(7 - day.weekday()) % 7)


def load_training(profiles, territories) -> int:
    for name, place, key, website, contact, description, programmes in data.TRAINING_PROVIDERS:
        if TrainingProvider.objects.filter(name=name).exists():
            continue
        provider = TrainingProvider(name=name, place=place, territory=territories.get(key), website=website,
                                    contact=contact, description=description, live=True,
                                    uai=data.TRAINING_PROVIDER_UAI.get(name, ""))
        provider.programmes = [
            TrainingProgramme(title=title, job_profile=profiles[slug], level=level, duration=duration,
                              apprenticeship=apprenticeship, funded_for_jobseekers=funded, eligible_cpf=cpf,
                              funding_note=note, sort_order=i, next_start=_demo_next_start(level, i),
                              information_source=_DEMO_TRAINING_SOURCE)
            for i, (title, slug, level, duration, apprenticeship, funded, cpf, note) in enumerate(programmes)
        ]
        provider.save()
        provider.save_revision(clean=False).publish()
    return TrainingProvider.objects.count()


def load_articles(home, profiles, filieres) -> dict[str, ArticlePage]:
    index = get_or_create_page(
        home, ArticleIndexPage, "industrie-du-futur", title="L'industrie du futur",
        introduction="Décarbonation, robots, jumeaux numériques, économie circulaire : ce qui change dans les usines "
                     "de la région, et les métiers qui vont avec.",
    )
    pages = {}
    for slug, title, theme, date, intro, paragraphs, tags, profile_slugs, filiere_slugs, palette, motif in data.ARTICLES:
        existing = index.get_children().filter(slug=slug).first()
        if existing is not None:
            pages[slug] = existing.specific
            continue
        image = get_or_create_demo_image(f"article-{slug}", f"Article — {title}", f"Illustration de l'article « {title} ».",
                                         palette, motif)
        page = ArticlePage(slug=slug, title=title, theme=theme, date=datetime.date.fromisoformat(date),
                           introduction=intro, hero_image=image,
                           body=[("paragraph", paragraph) for paragraph in paragraphs])
        page.job_profiles = [profiles[s] for s in profile_slugs]
        page.filieres = [filieres[s] for s in filiere_slugs]
        page.tags.add(*tags)
        index.add_child(instance=page)
        page.save_revision().publish()
        pages[slug] = page
    return pages


def load_jobseeker_section(home) -> JobseekerSectionPage:
    return get_or_create_page(
        home, JobseekerSectionPage, "demandeurs-d-emploi", title="Vous cherchez un emploi",
        introduction="Les métiers industriels qui recrutent près de chez vous, ceux qui s'apprennent en quelques mois, "
                     "et comment faire financer votre formation.",
        first_job_text=data.JOBSEEKER_FIRST_JOB,
        career_change_text=data.JOBSEEKER_CAREER_CHANGE,
        funding=[("paragraph", data.JOBSEEKER_FUNDING)],
        myths=[("myth_fact", {"myth": myth, "fact": fact, "source": source}) for myth, fact, source in data.JOBSEEKER_MYTHS],
    )


def set_home_highlights(home: HomePage, profiles, articles) -> None:
    """Fill the home page's "À la une" with profiles and stories, unless an editor already chose some."""
    home = HomePage.objects.get(pk=home.pk)
    if home.highlights:
        return
    chosen = [profiles["technicien-technicienne-maintenance"], profiles["soudeur-soudeuse"],
              articles["four-electrique-verrerie"], articles["cobots-atelier-usinage"],
              profiles["conducteur-conductrice-ligne-agroalimentaire"], articles["batteries-gigafactory"]]
    home.highlights = [("page", page) for page in chosen]
    home.save_revision().publish()


def load(stdout) -> None:
    site = Site.objects.get(is_default_site=True)
    home = Page.objects.get(pk=site.root_page_id).specific
    territories = _territories()
    with transaction.atomic():
        filieres = load_filieres(home)
        profiles = load_profiles(home, filieres)
        # The 101 industrial occupations all get a page: short ones for those without a written profile.
        short_profiles = create_occupation_pages(next(iter(profiles.values())).get_parent())
        companies = load_companies(filieres, profiles, territories)
        testimonials = load_testimonials(companies, profiles)
        providers = load_training(profiles, territories)
        articles = load_articles(home, profiles, filieres)
        load_jobseeker_section(home)
        set_home_highlights(home, profiles, articles)
    stdout.write(f"  métiers : {len(profiles)} fiches, {len(short_profiles)} fiches courtes créées, {len(filieres)} filières, {len(companies)} entreprises, "
                 f"{testimonials} témoignages, {providers} organismes de formation, {len(articles)} articles")
