"""Demo content of the schools app: pupils' and teachers' sections, kits with real documents,
events around today's date and the interest quiz.

Idempotent: pages are found by slug, documents by title, disciplines by slug; a second run
creates and changes nothing on the same day. Event dates count from the day of the load: events
already over are moved to their next plausible date, so a reloaded demo is always upcoming.
"""

from __future__ import annotations

import datetime
import hashlib

from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Collection, Site
from wagtail.rich_text import RichText

from demo.content import DemoDataError, Fields, read_entries, read_object
from demo.loaders.schools_events import events_data
from demo.loaders.schools_files import WRITERS
from demo.loaders.schools_kits import disciplines_data, document_content, job_cards_data, kits_data
from demo.loaders.schools_videos import video_blocks
from demo.pages import get_or_create_demo_image, get_or_create_page, section_page
from schools.event_calendar import plausible_day
from schools.models import (
    Audience,
    ClassroomKitDocument,
    ClassroomKitIndexPage,
    ClassroomKitPage,
    Discipline,
    EventIndexPage,
    EventPage,
    InterestQuizPage,
    PupilSectionPage,
    QuizQuestion,
    SchoolLevel,
    TeacherSectionPage,
)

#: The interest quiz: a sentence and the RIASEC dimension (R, I, A, S, E or C) it speaks for.
QUIZ_QUESTION_FIELDS: Fields = {"text": str, "dimension": str}
#: The pupils' section body: StreamField blocks as {"type", "value"} (paragraphs in HTML). The
#: call to action gets its link to the events page at load. An « indicator » block names a key
#: figure of the observatory — {"title", "measure", "fap", "territory"} — never its number: the
#: loader finds or creates that KeyIndicator and the page reads the figure from the data.
PUPILS_SECTION_FIELDS: Fields = {"body": [{"type": str, "value": object}]}
INDICATOR_FIELDS = ("title", "measure", "fap", "territory")
TEACHERS_SECTION_FIELDS: Fields = {"visit_guide": str}  # HTML


def quiz_questions_data() -> list[dict]:
    questions = read_entries("schools/quiz_questions", QUIZ_QUESTION_FIELDS, key="text")
    for position, question in enumerate(questions, start=1):
        if question["dimension"] not in "RIASEC" or len(question["dimension"]) != 1:
            raise DemoDataError(f"demo/data/schools/quiz_questions.json, entrée {position} : « dimension » doit être "
                                f"une lettre de RIASEC, trouvé {question['dimension']!r}")
    return questions


def _pupils_body() -> list[tuple[str, object]]:
    from observatory.models import KeyIndicator

    body = read_object("schools/pupils_section", PUPILS_SECTION_FIELDS)["body"]
    for position, block in enumerate(body, start=1):
        if block["type"] == "indicator" and (
                not isinstance(block["value"], dict) or set(block["value"]) != set(INDICATOR_FIELDS)
                or block["value"]["measure"] not in KeyIndicator.Measure.values):
            raise DemoDataError(f"demo/data/schools/pupils_section.json, bloc {position} : un bloc « indicator » "
                                f"a les champs {', '.join(INDICATOR_FIELDS)} et une mesure parmi "
                                f"{', '.join(KeyIndicator.Measure.values)}")
    return [(block["type"], RichText(block["value"]) if block["type"] == "paragraph" else block["value"])
            for block in body]


def _careers_pages() -> tuple[dict, dict]:
    """Live job profiles and filières by slug (empty when the careers demo is not loaded)."""
    from careers.models import FilierePage, JobProfilePage

    profiles = {page.slug: page for page in JobProfilePage.objects.live().defer_streamfields()}
    filieres = {page.slug: page for page in FilierePage.objects.live().defer_streamfields()}
    return profiles, filieres


def _territories() -> dict:
    from observatory.models import Territory

    return {territory.key: territory for territory in Territory.objects.filter(key__startswith="DEP-")}


def _indicator_block(value: dict) -> tuple[str, dict] | None:
    """The indicator block of a key figure named in a data file (created once, idempotently), or None
    when the observatory has not imported its family or territory."""
    from observatory.models import FapFamily, KeyIndicator, Territory

    fap = FapFamily.objects.filter(code=value["fap"]).first()
    territory = Territory.objects.filter(key=value["territory"]).first()
    if fap is None or territory is None:
        return None
    indicator, _ = KeyIndicator.objects.get_or_create(measure=value["measure"], fap=fap, territory=territory,
                                                      defaults={"title": value["title"]})
    return ("indicator", {"indicator": indicator, "comment": ""})


def _figures_for_class() -> list:
    """Body of the teachers' section: figures chosen among the observatory's key indicators."""
    from observatory.models import KeyIndicator

    indicators = list(KeyIndicator.objects.filter(territory__key="REG-32").order_by("pk")[:3])
    if not indicators:
        return []
    return [
        ("paragraph", RichText(
            "<h2>Des chiffres à utiliser en classe</h2><p>Ces chiffres viennent des données publiques de "
            "l’observatoire, avec leur source et leur année : vous pouvez les citer tels quels. Demandez aux "
            "élèves ce que signifie « niveau de tension » avant de les commenter.</p>")),
        *[("indicator", {"indicator": indicator, "comment": ""}) for indicator in indicators],
    ]


def _home():
    return Site.objects.get(is_default_site=True).root_page.specific


def _collection() -> Collection:
    existing = Collection.objects.filter(name="Kits pédagogiques").first()
    if existing is not None:
        return existing
    return Collection.get_first_root_node().add_child(name="Kits pédagogiques")


def _stored_bytes(document) -> bytes | None:
    try:
        with document.file.open("rb") as stream:
            return stream.read()
    except (OSError, ValueError):
        return None


def _document(title: str, extension: str, content, collection: Collection):
    """The demo document called ``title`` (PDF, ODT, ODP or DOCX), written from ``content``.

    Written again when its bytes change — a figure after a new publication of the observatory's
    data (``schools.kit_figures``) — so that a document never drifts from the data; else untouched.
    """
    document_model = get_document_model()
    data = WRITERS[extension](content)
    document = document_model.objects.filter(title=title).first()
    if document is not None and _stored_bytes(document) == data:
        return document
    from schools.bundle import ascii_slug

    if document is None:
        document = document_model(title=title, collection=collection)
    else:
        document.file.delete(save=False)
    document.file.save(f"{ascii_slug(title)}.{extension}", ContentFile(data), save=False)
    document.file_size = len(data)
    document.file_hash = hashlib.sha1(data).hexdigest()  # noqa: S324 — Wagtail's own file hash (hash_filelike)
    document.save()
    return document


def _ensure_disciplines() -> dict[str, Discipline]:
    for entry in disciplines_data():
        discipline, created = Discipline.objects.get_or_create(slug=entry["slug"],
                                                               defaults={"name": entry["name"], "live": True})
        if created:
            discipline.save_revision().publish()  # published, as the Région would: a first revision
    return {discipline.slug: discipline for discipline in Discipline.objects.all()}


def _load_kits(index: ClassroomKitIndexPage, stdout) -> int:
    disciplines = _ensure_disciplines()
    levels = {level.slug: level for level in SchoolLevel.objects.all()}
    collection = _collection()
    profiles, filieres = _careers_pages()
    created = 0
    for kit in kits_data():
        if index.get_children().filter(slug=kit["slug"]).exists():
            for document in kit["documents"]:  # their figures follow the data published since the last load
                _document(document["title"], document["format"], document_content(document), collection)
            continue
        image = get_or_create_demo_image(f"kit-{kit['slug']}")
        page = ClassroomKitPage(
            slug=kit["slug"], title=kit["title"], introduction=kit["introduction"], hero_image=image,
            objectives=[("objective", objective) for objective in kit["objectives"]],
            steps=[("step", {**step, "instructions": RichText(step["instructions"])}) for step in kit["steps"]],
            materials=kit["materials"], teacher_notes=kit["teacher_notes"],
            duration_minutes=sum(step["minutes"] for step in kit["steps"]),
        )
        page.levels = [levels[slug] for slug in kit["levels"]]
        page.disciplines = [disciplines[slug] for slug in kit["disciplines"]]
        page.job_profiles = [profiles[slug] for slug in kit["job_profiles"] if slug in profiles]
        page.filieres = [filieres[slug] for slug in kit["filieres"] if slug in filieres]
        page.documents = [
            ClassroomKitDocument(document=_document(document["title"], document["format"], document_content(document),
                                                    collection),
                                 kind=document["kind"], sort_order=position)
            for position, document in enumerate(kit["documents"])
        ]
        index.add_child(instance=page)
        page.save_revision().publish()
        created += 1
    return created


def _event_dates(event_type: str, offset: int, hour: int, hours: int, today: datetime.date):
    """Start and end of a demo event about ``offset`` days after ``today``, on a plausible day (see event_calendar)."""
    day = plausible_day(today, offset, event_type)
    start = datetime.datetime.combine(day, datetime.time(hour), timezone.get_current_timezone())
    return start, start + datetime.timedelta(hours=hours)


def _registration_fields(event: dict) -> dict:
    kind = event["registration"]
    return {
        "transport_hint": event["transport"],
        "registration_form": kind == "form",
        "registration_url": event["registration_url"] if kind == "link" else "",
        "registration_phone": event["registration_phone"] if kind == "phone" else "",
    }


def _load_events(index: EventIndexPage) -> int:
    """Create the demo's events, and move those already over to their next date from today.

    Every demo event is upcoming right after a load: dates count from the day of the load (a
    demo loaded a year ago and loaded again today shows this year's events). An event still
    to come keeps its date, so a second run the same day changes nothing.
    """
    audiences = {audience.slug: audience for audience in Audience.objects.all()}
    profiles, filieres = _careers_pages()
    territories = _territories()
    today = timezone.localdate()
    existing = {page.slug: page for page in EventPage.objects.child_of(index)}
    created = 0
    for event in events_data():
        slug = event["slug"]
        start, end = _event_dates(event["event_type"], event["days_after_load"], event["start_hour"],
                                  event["duration_hours"], today)
        page = existing.get(slug)
        if page is not None:
            if page.end < timezone.now():
                page.start, page.end = start, end
                for field, value in _registration_fields(event).items():
                    if not getattr(page, field):  # fields added after this demo was first loaded
                        setattr(page, field, value)
                page.save_revision().publish()
            continue
        page = EventPage(
            slug=slug, title=event["title"], event_type=event["event_type"], start=start, end=end,
            summary=event["summary"], place_name=event["place_name"], address=event["address"],
            capacity=event["capacity"], organiser=event["organiser"], registration_note=event["registration_note"],
            territory=territories.get(event["territory"]), **_registration_fields(event),
        )
        page.audiences = [audiences[a] for a in event["audiences"]]
        page.job_profiles = [profiles[s] for s in event["job_profiles"] if s in profiles]
        page.filieres = [filieres[s] for s in event["filieres"] if s in filieres]
        index.add_child(instance=page)
        page.save_revision().publish()
        created += 1
    return created


def _load_quiz(home) -> InterestQuizPage:
    quiz = home.get_children().filter(slug="quiz").first()
    if quiz is not None:
        return quiz.specific
    quiz = InterestQuizPage(slug="quiz", **section_page("quiz"))
    quiz.questions = [QuizQuestion(text=question["text"], dimension=question["dimension"], sort_order=n)
                      for n, question in enumerate(quiz_questions_data())]
    home.add_child(instance=quiz)
    quiz.save_revision().publish()
    return quiz


def _add_videos_to_pupils_section(home) -> None:
    """A pupils' section loaded before the demo had videos gets them once (issue #19)."""
    page = PupilSectionPage.objects.child_of(home).filter(slug="collegiens-lyceens").first()
    if page is None or any(block.block_type == "video" for block in page.body):
        return
    body = list(page.body.raw_data)
    page.body = [(item["type"], page.body.stream_block.child_blocks[item["type"]].to_python(item["value"]))
                 for item in body[:2]] + video_blocks() + [
        (item["type"], page.body.stream_block.child_blocks[item["type"]].to_python(item["value"])) for item in body[2:]]
    page.save_revision().publish()


def load(stdout) -> None:
    home = _home()
    teachers = get_or_create_page(
        home, TeacherSectionPage, "enseignants", **section_page("enseignants"),
        hero_image=get_or_create_demo_image("teachers-hero"),
        visit_guide=read_object("schools/teachers_section", TEACHERS_SECTION_FIELDS)["visit_guide"],
        body=_figures_for_class(),
    )
    kit_index = get_or_create_page(teachers, ClassroomKitIndexPage, "kits", **section_page("kits"))
    events = get_or_create_page(home, EventIndexPage, "evenements", **section_page("evenements"))
    kits_created = _load_kits(kit_index, stdout)
    events_created = _load_events(events)
    quiz = _load_quiz(home)
    if not home.get_children().filter(slug="collegiens-lyceens").exists():
        events_link = {"page": events, "external_url": "", "label": "Voir les événements"}
        body = []
        for block in _pupils_body():
            if block[0] == "indicator":
                block = _indicator_block(block[1])
                if block is None:
                    continue
            body.append(block if block[0] != "call_to_action" else ("call_to_action", {**block[1], "link": events_link}))
        profiles, _filieres = _careers_pages()
        cards = [{**card, "job_profile": profiles[card["job_profile"]]}
                 for card in job_cards_data() if card["job_profile"] in profiles]
        if cards:
            body.insert(1, ("job_cards", {"title": "Un métier en 2 minutes", "cards": cards}))
        body[2:2] = video_blocks()
        get_or_create_page(
            home, PupilSectionPage, "collegiens-lyceens", **section_page("collegiens-lyceens"),
            hero_image=get_or_create_demo_image("pupils-hero"),
            body=body,
        )
    _add_videos_to_pupils_section(home)
    stdout.write(f"  scolaires : {kits_created} kit(s) et {events_created} événement(s) créés ; quiz {quiz.url_path}")
