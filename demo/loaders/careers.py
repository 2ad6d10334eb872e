"""Demo content of the careers app: filières, job profiles, companies, testimonials,
training providers, "industrie du futur" articles and the jobseekers' section.

Idempotent: everything is looked up by slug or name first; a second run changes and
duplicates nothing, except that a profile still showing the « journée type » generated before
each got its own text is given that text (see ``_replace_templated_day``). The content lives in
``demo/data/careers/`` (one JSON file per content type, fields described in docs/demo-content.md).
The profiles' salary medians and shares of women are the observatory's (DARES portraits imported
by ``demo/loaders/observatory_data.py``), read by the page; the demo types none into the profiles'
manual fields, which are for an editor's own sourced figures (a regional salary survey).

ROME v3 codes and FAP 2009 families of the profiles are the real ones (France Travail's ROME v3.47
referential, DARES' FAP↔ROME correspondence). Companies, people and training centres are
fictional, except the two apprenticeship centres that carry an official UAI (InserJeunes).
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from wagtail.models import Page, Site

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
from demo.content import Fields, optional, read_entries, read_object, require_known
from demo.pages import get_or_create_demo_image, get_or_create_page, section_page
from website.models import HomePage

FILIERE_FIELDS: Fields = {
    "slug": str, "title": str, "observatory_slug": str, "introduction": str,
    "what_it_makes": str,  # HTML; picture: demo/media/images/filiere-<slug>.png
}
PROFILE_FIELDS: Fields = {
    "slug": str, "title": str, "title_masculine": str, "title_feminine": str,
    "rome": str,  # ROME v3 code
    "fap": str,  # FAP 2009 family (5 characters); its first 3 pick the DARES figures
    "riasec": str, "filieres": [str], "introduction": str,
    "easy_read": str,  # « Facile à lire et à comprendre » summary
    "missions": [str], "skills": [str], "conditions": str,
    "day": str,  # « Une journée type », HTML
    "ways_in": [{"level": str, "title": str, "duration": str, "apprenticeship": bool}],
    "progression": str, "tags": [str],
    "related": [str],  # slugs of other profiles
}
COMPANY_FIELDS: Fields = {
    "name": str, "filiere": str, "place": str,
    "territory": str,  # observatory territory key (DEP-59…)
    "size_band": str, "employees": int, "description": str, "job_profiles": [str],
}
TESTIMONIAL_FIELDS: Fields = {
    "first_name": str, "age": int, "role": str,
    "company": str,  # a company's name
    "job_profiles": [str], "quote": str,
    "consent_date": str,  # ISO date: a testimonial is shown only with the person's consent
    "audiences": [str],
}
TRAINING_PROVIDER_FIELDS: Fields = {
    "name": str, "place": str, "territory": str, "website": str, "contact": str, "description": str,
    # Official identifier of a real apprenticeship centre, as published in InserJeunes
    # (observatory/data/inserjeunes_cfa_hauts_de_france.csv): its programmes show that centre's
    # employment rate. Left out for fictional providers.
    "uai": optional(str, ""),
    "programmes": [{
        "title": str, "job_profile": str, "level": str, "duration": str, "apprenticeship": bool,
        "funded_for_jobseekers": bool, "eligible_cpf": bool, "funding_note": str,
    }],
}
ARTICLE_FIELDS: Fields = {
    "slug": str, "title": str, "theme": str,
    "date": str,  # ISO date
    "introduction": str,
    "paragraphs": [str],  # HTML, one body block each
    "tags": [str], "job_profiles": [str], "filieres": [str],  # picture: demo/media/images/article-<slug>.png
}
JOBSEEKER_SECTION_FIELDS: Fields = {
    "first_job_text": str, "career_change_text": str, "funding": str,  # HTML
    "myths": [{"myth": str, "fact": str, "source": str}],
}


def filieres_data() -> list[dict]:
    return read_entries("careers/filieres", FILIERE_FIELDS)


def profiles_data() -> list[dict]:
    """The written job profiles, with their links to filières and to each other checked."""
    profiles = read_entries("careers/job_profiles", PROFILE_FIELDS)
    require_known(profiles, "filieres", (filiere["slug"] for filiere in filieres_data()), "careers/job_profiles")
    require_known(profiles, "related", (profile["slug"] for profile in profiles), "careers/job_profiles")
    return profiles


def companies_data() -> list[dict]:
    companies = read_entries("careers/companies", COMPANY_FIELDS, key="name")
    require_known(companies, "job_profiles", _profile_slugs(), "careers/companies", key="name")
    require_known(companies, "filiere", (filiere["slug"] for filiere in filieres_data()), "careers/companies", key="name")
    return companies


def testimonials_data() -> list[dict]:
    testimonials = read_entries("careers/testimonials", TESTIMONIAL_FIELDS, key="first_name")
    require_known(testimonials, "job_profiles", _profile_slugs(), "careers/testimonials", key="first_name")
    require_known(testimonials, "company", (company["name"] for company in companies_data()), "careers/testimonials",
                  key="first_name")
    return testimonials


def training_providers_data() -> list[dict]:
    providers = read_entries("careers/training_providers", TRAINING_PROVIDER_FIELDS, key="name")
    require_known(({"name": provider["name"], "job_profiles": [p["job_profile"] for p in provider["programmes"]]}
                   for provider in providers), "job_profiles", _profile_slugs(), "careers/training_providers", key="name")
    return providers


def articles_data() -> list[dict]:
    articles = read_entries("careers/articles", ARTICLE_FIELDS)
    require_known(articles, "job_profiles", _profile_slugs(), "careers/articles")
    require_known(articles, "filieres", (filiere["slug"] for filiere in filieres_data()), "careers/articles")
    return articles


def jobseeker_section_data() -> dict:
    return read_object("careers/jobseeker_section", JOBSEEKER_SECTION_FIELDS)


def _profile_slugs() -> list[str]:
    return [profile["slug"] for profile in read_entries("careers/job_profiles", PROFILE_FIELDS)]


def _territories() -> dict:
    from observatory.models import Territory

    return {territory.key: territory for territory in Territory.objects.all()}


def _ul(items: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


def load_filieres(home: HomePage) -> dict[str, FilierePage]:
    index_image = get_or_create_demo_image("filieres")
    index = get_or_create_page(home, FiliereIndexPage, "filieres", hero_image=index_image, **section_page("filieres"))
    pages = {}
    for filiere in filieres_data():
        slug, title = filiere["slug"], filiere["title"]
        image = get_or_create_demo_image(f"filiere-{slug}")
        pages[slug] = get_or_create_page(
            index, FilierePage, slug, title=title, observatory_slug=filiere["observatory_slug"],
            introduction=filiere["introduction"], what_it_makes=filiere["what_it_makes"], hero_image=image,
        )
    return pages


def load_profiles(home: HomePage, filieres: dict[str, FilierePage]) -> dict[str, JobProfilePage]:
    index = get_or_create_page(home, JobProfileIndexPage, "metiers", **section_page("metiers"))
    pages: dict[str, JobProfilePage] = {}
    created = []
    for spec in profiles_data():
        existing = index.get_children().filter(slug=spec["slug"]).first()
        if existing is not None:
            pages[spec["slug"]] = _replace_templated_day(existing.specific, spec)
            continue
        page = JobProfilePage(
            slug=spec["slug"], title=spec["title"], title_masculine=spec["title_masculine"],
            title_feminine=spec["title_feminine"], rome_codes=spec["rome"], fap_code=spec["fap"],
            riasec_code=spec["riasec"], introduction=spec["introduction"], easy_read_summary=spec["easy_read"],
            missions=_ul(spec["missions"]), skills=_ul(spec["skills"]),
            working_conditions=f"<p>{spec['conditions']}</p>", progression=f"<p>{spec['progression']}</p>",
            day_to_day=spec["day"],
            hero_image=_profile_image(spec, filieres),
            search_description=spec["introduction"][:160],
        )
        page.filieres = [filieres[slug] for slug in spec["filieres"]]
        page.ways_in = [
            JobProfileWayIn(level=way["level"], title=way["title"], duration=way["duration"],
                            apprenticeship=way["apprenticeship"], sort_order=i)
            for i, way in enumerate(spec["ways_in"])
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
    for entry in companies_data():
        name = entry["name"]
        company = Company.objects.filter(name=name).first()
        if company is None:
            company = Company(name=name, filiere=filieres[entry["filiere"]], place=entry["place"],
                              territory=territories.get(entry["territory"]), size_band=entry["size_band"],
                              employees=entry["employees"], description=entry["description"], live=True)
            company.save()
            company.job_profiles.set([profiles[slug] for slug in entry["job_profiles"]])
            company.save()
            # Published as the Région would, with a first revision. Not cleaned: a demo company whose
            # territory is not in the loaded data keeps an empty one, as before moderation.
            company.save_revision(clean=False).publish()
        companies[name] = company
    return companies


def load_testimonials(companies, profiles) -> int:
    for entry in testimonials_data():
        if Testimonial.objects.filter(first_name=entry["first_name"], role=entry["role"]).exists():
            continue
        testimonial = Testimonial(
            first_name=entry["first_name"], age=entry["age"], role=entry["role"],
            company=companies.get(entry["company"]), quote=entry["quote"],
            consent_date=datetime.date.fromisoformat(entry["consent_date"]), audiences=entry["audiences"], live=True,
        )
        testimonial.save()
        testimonial.job_profiles.set([profiles[slug] for slug in entry["job_profiles"]])
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
    for entry in training_providers_data():
        if TrainingProvider.objects.filter(name=entry["name"]).exists():
            continue
        provider = TrainingProvider(name=entry["name"], place=entry["place"],
                                    territory=territories.get(entry["territory"]), website=entry["website"],
                                    contact=entry["contact"], description=entry["description"], live=True,
                                    uai=entry["uai"])
        provider.programmes = [
            TrainingProgramme(title=programme["title"], job_profile=profiles[programme["job_profile"]],
                              level=programme["level"], duration=programme["duration"],
                              apprenticeship=programme["apprenticeship"],
                              funded_for_jobseekers=programme["funded_for_jobseekers"],
                              eligible_cpf=programme["eligible_cpf"], funding_note=programme["funding_note"],
                              sort_order=i, next_start=_demo_next_start(programme["level"], i),
                              information_source=_DEMO_TRAINING_SOURCE)
            for i, programme in enumerate(entry["programmes"])
        ]
        provider.save()
        provider.save_revision(clean=False).publish()
    return TrainingProvider.objects.count()


def load_articles(home, profiles, filieres) -> dict[str, ArticlePage]:
    index = get_or_create_page(home, ArticleIndexPage, "industrie-du-futur", **section_page("industrie-du-futur"))
    pages = {}
    for article in articles_data():
        slug, title = article["slug"], article["title"]
        existing = index.get_children().filter(slug=slug).first()
        if existing is not None:
            pages[slug] = existing.specific
            continue
        image = get_or_create_demo_image(f"article-{slug}")
        page = ArticlePage(slug=slug, title=title, theme=article["theme"], date=datetime.date.fromisoformat(article["date"]),
                           introduction=article["introduction"], hero_image=image,
                           body=[("paragraph", paragraph) for paragraph in article["paragraphs"]])
        page.job_profiles = [profiles[s] for s in article["job_profiles"]]
        page.filieres = [filieres[s] for s in article["filieres"]]
        page.tags.add(*article["tags"])
        index.add_child(instance=page)
        page.save_revision().publish()
        pages[slug] = page
    return pages


def load_jobseeker_section(home) -> JobseekerSectionPage:
    section = jobseeker_section_data()
    return get_or_create_page(
        home, JobseekerSectionPage, "demandeurs-d-emploi", **section_page("demandeurs-d-emploi"),
        first_job_text=section["first_job_text"],
        career_change_text=section["career_change_text"],
        funding=[("paragraph", section["funding"])],
        myths=[("myth_fact", myth) for myth in section["myths"]],
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
