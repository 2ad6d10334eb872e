"""The demo kits' generated documents carry the observatory's published figures, never typed ones.

The documents are written from ``demo/data/schools/kits.json`` by the schools demo loader; a figure
is a ``{{chiffre:…}}`` reference there (``schools.kit_figures``). These tests read the files back
(ODT, ODP, DOCX, PDF) and compare each figure with the data, before and after a new publication.
"""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from wagtail.documents import get_document_model

from demo.loaders import schools as demo
from demo.loaders.schools_kits import kits_data
from observatory.models import FapFamily, OccupationStats, TensionIndicator
from schools.kit_figures import FIGURE_REFERENCE, figure_phrase, figure_references
from tests.observatory.conftest import BASE_FILES, import_bytes, import_file

#: A statistic typed in a text: an amount in euros, a percentage, a tension category in words.
TYPED_FIGURE = re.compile(r"\d[\d\s\u202f\u00a0]*(?:,\d+)?\s?(?:€|%)|«\s?(?:très )?(?:forte|faible|moyenne)\s?»", re.I)


def _texts(document: dict) -> list[str]:
    texts = [document["title"], document["subtitle"]]
    for section in document["sections"]:
        texts += [section["heading"], *section["paragraphs"], *section["bullets"]]
    return texts


def _is_a_calculation(text: str) -> bool:
    """A classroom calculation (« 0,013 × 0,5 = … ≈ 94 % ») is arithmetic, not a statistic."""
    return "×" in text or "=" in text


def test_kit_documents_cite_statistics_only_by_reference():
    typed = [(kit["slug"], document["title"], match[0])
             for kit in kits_data() for document in kit["documents"] for text in _texts(document)
             if not _is_a_calculation(text) for match in TYPED_FIGURE.finditer(FIGURE_REFERENCE.sub("", text))]
    assert typed == []


def test_the_kits_cite_figures_that_the_observatory_publishes():
    references = {reference for kit in kits_data() for document in kit["documents"] for text in _texts(document)
                  for reference in figure_references(text)}
    assert {reference.measure for reference in references} == {"median_salary", "share_women", "tension_level"}


def _document_text(document) -> str:
    """The text of a generated document, whatever its format, without any whitespace (lines are wrapped)."""
    with document.file.open("rb") as stream:
        data = stream.read()
    if data.startswith(b"%PDF"):
        strings = re.findall(rb"\((.*?)(?<!\\)\) Tj", data)
        text = " ".join(s.replace(b"\\(", b"(").replace(b"\\)", b")").replace(b"\\\\", b"\\").decode("cp1252")
                        for s in strings)
    else:
        archive = zipfile.ZipFile(io.BytesIO(data))
        part = "word/document.xml" if "word/document.xml" in archive.namelist() else "content.xml"
        text = re.sub(r"<[^>]+>", " ", archive.read(part).decode("utf-8"))
        text = text.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
    return re.sub(r"\s+", "", text)


def _squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _documents_with_figures() -> list[tuple[str, list]]:
    return [(document["title"], [reference for text in _texts(document) for reference in figure_references(text)])
            for kit in kits_data() for document in kit["documents"]
            if any(figure_references(text) for text in _texts(document))]


def _published_value(reference) -> str:
    """The figure as the data hold it, read without the code that writes the documents."""
    if reference.measure == "tension_level":
        row = (TensionIndicator.objects.published().filter(fap__code=reference.fap, territory__key=reference.territory)
               .order_by("-year").get())
        return {1: "trèsfaible", 2: "faible", 3: "moyenne", 4: "forte", 5: "trèsforte"}[row.level]
    row = (OccupationStats.objects.published().filter(fap__code=reference.fap, indicator=reference.measure)
           .order_by("-period").first())
    return f"{round(row.value)}{'€' if reference.measure == 'median_salary' else '%'}"


@pytest.fixture
def loaded_kits(db, home_page, django_capture_on_commit_callbacks):
    """The observatory's official files (tensions, median salaries, share of women) and the schools demo."""
    with django_capture_on_commit_callbacks(execute=True):
        for kind, name in BASE_FILES:
            import_file(kind, name)
        import_file("tension", "tensions_hdf_2019.csv", publish=True)
        import_file("occupation-stats", "salaire_median_3niv.csv", publish=True)
        import_file("occupation-stats", "part_femmes_2017_2019.csv", publish=True)
    demo.load(io.StringIO())


def test_each_generated_kit_document_carries_the_published_figures_with_source_and_period(loaded_kits):
    documents = _documents_with_figures()
    assert documents
    for title, references in documents:
        text = _document_text(get_document_model().objects.get(title=title))
        for reference in references:
            phrase = figure_phrase(reference)
            assert _squeezed(phrase.replace("\u202f", "")) in text.replace("\u202f", ""), (title, reference)
            assert _published_value(reference) in _squeezed(phrase).replace("\u202f", "").lower(), (title, reference)
            assert "Dares" in phrase and ("2017-2019" in phrase or "2019" in phrase)


def test_a_new_publication_rewrites_the_kit_documents_on_the_next_load(loaded_kits, django_capture_on_commit_callbacks):
    title, references = next((title, refs) for title, refs in _documents_with_figures()
                             if any(ref.measure == "median_salary" for ref in refs))
    reference = next(ref for ref in references if ref.measure == "median_salary")
    label = FapFamily.objects.get(code=reference.fap).label
    newer = f'"Fap3","Annee","Salaire_median"\n"{reference.fap}","2018-2020",4321\n'
    with django_capture_on_commit_callbacks(execute=True):
        assert import_bytes("occupation-stats", newer, "salaire_median_2020.csv", publish=True).ok, label
    demo.load(io.StringIO())
    text = _document_text(get_document_model().objects.get(title=title))
    assert "4321€(Dares,Insee(enquêteEmploi),2018-2020,Franceentière)" in text.replace("\u202f", "")
