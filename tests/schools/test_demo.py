"""The schools demo: real documents, relative event dates, idempotent loading."""

from __future__ import annotations

import io
import re
import zipfile
from xml.dom import minidom

import pytest
from django.utils import timezone
from wagtail.documents import get_document_model

from demo.loaders import schools as demo
from demo.loaders import schools_files as demo_files
from demo.loaders.schools_kits import kits_data
from schools.models import ClassroomKitPage, EventPage, InterestQuizPage, PupilSectionPage, TeacherSectionPage
from tests.careers.factories import TerritoryFactory

CONTENT = demo_files.DocumentContent(
    "Fiche élève — L’usine « du futur »", "Cycle 4",
    [demo_files.Section("Objectifs", ["Comprendre le rôle d’un cobot (robot collaboratif)."], ["Observer", "Décrire"]),
     demo_files.Section("Corrigé", bullets=["Réponse (a)", "Réponse b"], numbered=True)],
)


@pytest.mark.parametrize("extension", ["odt", "odp"])
def test_opendocument_files_start_with_an_uncompressed_mimetype_and_parse(extension):
    data = demo_files.WRITERS[extension](CONTENT)
    archive = zipfile.ZipFile(io.BytesIO(data))
    first = archive.infolist()[0]
    assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED
    assert archive.read("mimetype").decode().startswith("application/vnd.oasis.opendocument.")
    for part in ("content.xml", "styles.xml", "meta.xml", "META-INF/manifest.xml"):
        minidom.parseString(archive.read(part))  # noqa: S318 — well-formed check of bytes we generated
    assert "L’usine « du futur »" in archive.read("content.xml").decode()


def test_docx_has_the_parts_word_needs_and_the_text():
    archive = zipfile.ZipFile(io.BytesIO(demo_files.docx_bytes(CONTENT)))
    assert {"[Content_Types].xml", "_rels/.rels", "word/document.xml"} <= set(archive.namelist())
    document = archive.read("word/document.xml").decode()
    minidom.parseString(document)  # noqa: S318 — bytes we generated
    assert "Comprendre le rôle d’un cobot" in document


def test_pdf_has_a_consistent_cross_reference_table_and_french_text():
    data = demo_files.pdf_bytes(CONTENT)
    assert data.startswith(b"%PDF-1.4") and data.rstrip().endswith(b"%%EOF")
    start = int(re.search(rb"startxref\n(\d+)", data).group(1))
    assert data[start:start + 4] == b"xref"
    count = int(re.search(rb"xref\n0 (\d+)", data).group(1))
    offsets = [int(line[:10]) for line in data[start:].split(b"\n")[3:2 + count]]
    for number, offset in enumerate(offsets, start=1):
        assert data[offset:].startswith(b"%d 0 obj" % number)
    assert "L’usine « du futur »".encode("cp1252") in data  # WinAnsi text, accents kept
    assert "Réponse \\(a\\)".encode("cp1252") in data  # parentheses escaped inside PDF strings


def test_long_pdf_content_flows_onto_several_pages():
    long = demo_files.DocumentContent("Long", sections=[demo_files.Section(f"Partie {n}", ["texte " * 80])
                                                         for n in range(30)])
    data = demo_files.pdf_bytes(long)
    assert int(re.search(rb"/Count (\d+)", data).group(1)) > 1


def test_demo_kits_are_at_least_eight_with_sound_durations_and_documents():
    kits = kits_data()
    assert len(kits) >= 8
    formats = set()
    for kit in kits:
        assert kit["documents"], kit["slug"]
        formats |= {document["format"] for document in kit["documents"]}
        assert all(step["minutes"] > 0 for step in kit["steps"])
    assert {"pdf", "odt", "odp", "docx"} <= formats


@pytest.mark.django_db
@pytest.mark.demo_loader
def test_loader_builds_sections_kits_events_and_quiz_and_a_second_run_changes_nothing(home_page):
    for code, name in [("59", "Nord"), ("62", "Pas-de-Calais"), ("80", "Somme"), ("60", "Oise"), ("02", "Aisne")]:
        TerritoryFactory(key=f"DEP-{code}", level="departement", code=code, name=name)
    out = io.StringIO()
    demo.load(out)
    assert ClassroomKitPage.objects.live().count() == len(kits_data())
    assert PupilSectionPage.objects.live().count() == TeacherSectionPage.objects.live().count() == 1
    quiz = InterestQuizPage.objects.get()
    assert {q.dimension for q in quiz.questions.all()} == set("RIASEC")
    events = EventPage.objects.live()
    assert events.count() >= 15
    now = timezone.now()
    assert not events.filter(end__lt=now).exists()  # every demo event is upcoming right after a load
    assert not events.filter(territory__isnull=True).exists()
    for kit in ClassroomKitPage.objects.all():
        for item in kit.documents.select_related("document"):
            assert item.file_exists() and item.document.file_size > 0
    counts = (ClassroomKitPage.objects.count(), EventPage.objects.count(), get_document_model().objects.count())
    demo.load(io.StringIO())
    assert (ClassroomKitPage.objects.count(), EventPage.objects.count(),
            get_document_model().objects.count()) == counts


@pytest.mark.django_db
@pytest.mark.demo_loader
def test_a_year_later_the_listing_lists_only_future_events_and_a_reload_makes_them_all_upcoming(home_page, client):
    import datetime
    from unittest import mock

    from demo.loaders.schools_events import events_data
    from schools.event_calendar import is_plausible_day

    for code, name in [("59", "Nord"), ("62", "Pas-de-Calais"), ("80", "Somme"), ("60", "Oise"), ("02", "Aisne")]:
        TerritoryFactory(key=f"DEP-{code}", level="departement", code=code, name=name)
    demo.load(io.StringIO())
    listing = "/evenements/"
    assert len(client.get(listing).context["page_obj"].paginator.object_list) == len(events_data())
    a_year_later = timezone.now() + datetime.timedelta(days=365)
    with mock.patch("django.utils.timezone.now", return_value=a_year_later):
        assert client.get(listing).context["page_obj"].paginator.count == 0  # last year's events are over
        demo.load(io.StringIO())
        events = list(client.get(listing).context["page_obj"].paginator.object_list)
        assert len(events) == len(events_data())
        assert all(event.start > a_year_later for event in events)
        assert all(is_plausible_day(timezone.localtime(e.start).date(), e.event_type) for e in events)
