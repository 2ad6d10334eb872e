"""Hypothesis-generated broken variants of a real file: each is refused precisely and changes nothing."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from observatory.models import Dataset, OccupationTension, TensionIndicator

from .conftest import DATA, import_bytes

LINES = (DATA / "tensions_hdf_2019.csv").read_text(encoding="utf-8").splitlines(keepends=True)[:40]


def corrupt(kind: str, position: int) -> tuple[bytes, int | None]:
    """A broken copy of the first 40 lines of the demo tension file, and the line the report must name."""
    header, rows = LINES[0], list(LINES[1:])
    index = position % len(rows)
    line = index + 2
    cells = rows[index].rstrip("\n").split(",")
    if kind == "letter":
        cells[1] = cells[1][:1] + "x" + cells[1][1:]
        rows[index] = ",".join(cells) + "\n"
    elif kind == "territory":
        cells[11], cells[14] = "dep", "99"
        rows[index] = ",".join(cells) + "\n"
    elif kind == "duplicate":
        rows.insert(index + 1, rows[index])
        line = index + 3
    elif kind == "truncated":
        rows = rows[: index + 1]
        rows[index] = rows[index][: max(5, len(rows[index]) // 3)]
    elif kind == "header":
        header = header.replace("Catégorie Tension", "Categorie", 1)
        line = 1
    elif kind == "encoding":
        return (header + "".join(rows)).encode("utf-16"), None
    return (header + "".join(rows)).encode("utf-8"), line


@settings(max_examples=24, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(kind=st.sampled_from(["letter", "territory", "duplicate", "truncated", "header", "encoding"]),
       position=st.integers(min_value=0, max_value=200), publish=st.booleans())
def test_every_broken_variant_is_refused_at_its_line_and_changes_nothing(nomenclatures, kind, position, publish):
    before = (Dataset.objects.count(), TensionIndicator.objects.count(), OccupationTension.objects.count())
    content, line = corrupt(kind, position)
    result = import_bytes("tension", content, publish=publish)
    assert not result.ok
    assert result.dataset is None
    if line is not None:
        assert result.log.problems[0].line == line, result.log.report_lines()
    assert (Dataset.objects.count(), TensionIndicator.objects.count(), OccupationTension.objects.count()) == before
