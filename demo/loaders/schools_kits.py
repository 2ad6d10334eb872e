"""The demo's classroom kits: their content read from ``demo/data/schools/kits.json``.

Each kit gives its page fields, the job profiles and filières it links to, and the documents to
write (see ``schools_files``): activity sheets, teacher notes, answer keys and slides, in
several formats so that teachers can print (PDF) or adapt (ODT, DOCX, ODP) them. A document is
its text in the data file, written to its format at load time: one source for four formats, a
text that reads and diffs in review, and the same bytes on every load (``schools_files``).

Written at load rather than committed as files (unlike the pictures and videos of
``demo/media/``), because a document's figures are read from the observatory when it is written
(``{{chiffre:…}}``, ``schools.kit_figures``): a committed file would keep a figure the data no
longer hold, and the text would have to be kept in step with four binary copies of it.
"""

from __future__ import annotations

from demo.content import Fields, optional, read_entries, require_known
from demo.loaders.schools_files import WRITERS, DocumentContent, Section
from schools.kit_figures import fill_figures

SECTION_FIELDS: Fields = {
    "heading": str, "paragraphs": optional([str], []), "bullets": optional([str], []),
    "numbered": optional(bool, False),  # a numbered list rather than bullets
}
DOCUMENT_FIELDS: Fields = {
    "kind": str,  # fiche-eleve, fiche-enseignant, corrige, diaporama (ClassroomKitDocument.kind)
    "format": str,  # pdf, odt, odp or docx
    "title": str, "subtitle": optional(str, ""), "sections": [SECTION_FIELDS],
}
KIT_FIELDS: Fields = {
    "slug": str, "title": str, "introduction": str,
    "levels": [str],  # SchoolLevel slugs (cycle-3…)
    "disciplines": [str],  # slugs of demo/data/schools/disciplines.json
    "job_profiles": optional([str], []), "filieres": optional([str], []),  # careers slugs
    "objectives": [{"kind": str, "text": str}],
    "steps": [{"title": str, "minutes": int, "organisation": str, "instructions": str}],  # instructions: HTML
    "materials": str,  # one item per line
    "teacher_notes": str,  # HTML
    "documents": [DOCUMENT_FIELDS],
}
DISCIPLINE_FIELDS: Fields = {"slug": str, "name": str}
#: "Un métier en 2 minutes" cards of the pupils' section.
JOB_CARD_FIELDS: Fields = {"job_profile": str, "hook": str, "what_you_do": str, "how_to_get_there": str}


def disciplines_data() -> list[dict]:
    return read_entries("schools/disciplines", DISCIPLINE_FIELDS)


def kits_data() -> list[dict]:
    """The kits, with their disciplines and document formats checked."""
    kits = read_entries("schools/kits", KIT_FIELDS)
    require_known(kits, "disciplines", (discipline["slug"] for discipline in disciplines_data()), "schools/kits")
    require_known(({"slug": kit["slug"], "formats": [document["format"] for document in kit["documents"]]}
                   for kit in kits), "formats", WRITERS, "schools/kits")
    return kits


def job_cards_data() -> list[dict]:
    return read_entries("schools/job_cards", JOB_CARD_FIELDS, key="job_profile")


def document_content(document: dict) -> DocumentContent:
    """The text of a kit document (an entry of ``documents``), ready for its writer.

    Its figures are ``{{chiffre:…}}`` references in the data file, written here from the
    observatory's published data with their source and period (:mod:`schools.kit_figures`).
    """
    return DocumentContent(fill_figures(document["title"]), fill_figures(document["subtitle"]), [
        Section(fill_figures(section["heading"]), [fill_figures(text) for text in section["paragraphs"]],
                [fill_figures(text) for text in section["bullets"]], section["numbered"])
        for section in document["sections"]
    ])
