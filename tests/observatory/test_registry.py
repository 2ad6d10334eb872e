"""One list of importable kinds: the command, the admin screen and the documentation all read it."""

from __future__ import annotations

import re
from pathlib import Path

from observatory.importers.registry import IMPORT_KINDS, import_kind, kind_names
from observatory.models import DatasetKind

DOCS = Path(__file__).resolve().parents[2] / "docs" / "observatory-data.md"


def test_every_kind_is_registered_once_and_is_a_dataset_kind():
    names = kind_names()
    assert len(names) == len(set(names))
    assert set(names) <= set(DatasetKind.values)
    for entry in IMPORT_KINDS:
        assert import_kind(entry.kind) is entry
        assert entry.label == DatasetKind(entry.kind).label


def test_the_command_offers_exactly_the_registered_kinds():
    from observatory.management.commands.import_data import Command

    parser = Command().create_parser("manage.py", "import_data")
    kind_action = next(action for action in parser._actions if action.dest == "kind")
    assert list(kind_action.choices) == kind_names()


def test_the_admin_upload_screen_offers_exactly_the_registered_kinds():
    from observatory.admin_views import UploadForm

    assert [value for value, _ in UploadForm().fields["kind"].choices] == kind_names()


def test_the_guide_documents_every_registered_kind():
    documented = set(re.findall(r"^\| `([a-z0-9-]+)` \|", DOCS.read_text(encoding="utf-8"), flags=re.MULTILINE))
    missing = set(kind_names()) - documented
    assert not missing, f"docs/observatory-data.md ne documente pas : {sorted(missing)}"


def test_no_kind_is_registered_from_app_ready():
    import observatory.apps

    source = Path(observatory.apps.__file__).read_text(encoding="utf-8")
    ready = source.split("def ready", 1)[1] if "def ready" in source else ""
    assert "register_kinds" not in ready and "IMPORT_KINDS" not in ready


def test_the_input_output_reader_decodes_windows_1252_like_every_importer():
    from observatory.importers.parsing import decode_bytes
    from observatory.industry.parsers import decode

    raw = "Branche;Libellé\nCA;Industries agro-alimentaires, œufs\n".encode("cp1252")
    assert "œufs" in decode(raw)
    assert decode(raw) == decode_bytes(raw)
    assert decode("Œuvre".encode("utf-8-sig")) == "Œuvre"
