"""ROME 4.0 mobility links (``rome-mobility``): the parser, the importer, the shipped extract and the real file."""

from __future__ import annotations

import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from observatory.importers import rome_mobility
from observatory.importers.common import Known
from observatory.importers.parsing import FileRejected, ProblemLog
from observatory.models import Dataset, Rome4Occupation, RomeMobility

from .conftest import import_bytes, import_file

HEADER = '"code_rome","code_rome_cible","numero_ordre"\n'
NAME = "unix_rubrique_mobilite_v460_utf8.csv"
FICHES = {"H2913", "H2917", "H2902", "H2911", "A1101", "I1304"}


def line(source: str, target: str, order: int | str = 1) -> str:
    return f'"{source}","{target}","{order}"\n'


def parse(content: str, name: str = NAME, known: set[str] | None = None):
    log = ProblemLog()
    try:
        rows = list(rome_mobility.parse_rome_mobility(io.BytesIO(content.encode()), name, log,
                                                      Known(rome4=FICHES if known is None else known)))
    except FileRejected:
        rows = []
    return rows, log


# --- Parser -------------------------------------------------------------------------------------


def test_a_rome_4_file_gives_links_with_their_order_and_version_and_no_invented_type():
    rows, log = parse(HEADER + line("H2913", "H2902", 2) + line("H2913", "A1101", 1))
    assert log.ok, log.report_lines()
    assert rows == [rome_mobility.MobilityRow("H2913", "H2902", "", 2, "4.0 v460"),
                    rome_mobility.MobilityRow("H2913", "A1101", "", 1, "4.0 v460")]


def test_a_type_column_is_read_when_the_file_has_one():
    rows, log = parse('code_rome;code_rome_cible;libelle_type_mobilite\nH2913;H2902;Proche\nH2913;H2911;Évolution\n')
    assert log.ok, log.report_lines()
    assert [row.mobility_type for row in rows] == ["proche", "evolution"]
    assert rows[0].order is None


def test_bad_lines_are_refused_with_their_line_and_column():
    _, log = parse(HEADER + line("H2913", "H2902") + line("H29", "H2902") + line("H2913", "H2911", "premier")
                   + line("H2913", "H2911", 0) + line("H2913", "H2902", 3))
    report = log.report_lines()
    assert [entry.split(",")[0] for entry in report] == ["ligne 3", "ligne 4", "ligne 5", "ligne 6"]
    assert "colonne « code_rome »" in report[0] and "code de fiche ROME attendu" in report[0]
    assert "colonne « numero_ordre »" in report[1]
    assert "lien en double dans le fichier (déjà ligne 2)" in report[3]


def test_a_missing_target_column_names_it():
    _, log = parse('"code_rome","numero_ordre"\n"H2913","1"\n')
    assert "colonne « code_rome_cible »" in log.report_lines()[0]


def test_self_links_and_fiches_unknown_to_the_referential_are_skipped_with_a_warning():
    rows, log = parse(HEADER + line("H2913", "H2913") + line("H2913", "N9999") + line("H2913", "H2902"))
    assert log.ok
    assert [(row.source, row.target) for row in rows] == [("H2913", "H2902")]
    assert [str(warning).split(",")[0] for warning in log.warnings] == ["ligne 2", "ligne 3"]
    assert "elle-même" in log.warnings[0].message and "absente du référentiel" in log.warnings[1].message


def test_the_file_is_refused_before_any_rome_4_referential_is_imported():
    _, log = parse(HEADER + line("H2913", "H2902"), known=set())
    assert "importez d'abord le référentiel ROME 4.0" in log.report_lines()[0]


def test_a_rome_v3_file_of_links_between_job_titles_is_refused():
    _, log = parse("code_rome,code_appellation_source,code_rome_cible,code_appellation_cible,code_type_mobilite,"
                   "libelle_type_mobilite\nH2913,,H2902,,1,Proche\n")
    assert "ROME v3" in log.report_lines()[0]


codes = st.sampled_from(sorted(FICHES))


@given(st.lists(st.tuples(codes, codes, st.integers(min_value=1, max_value=30)), max_size=40,
                unique_by=lambda link: link[:2]))
def test_every_distinct_link_between_known_fiches_comes_back_once_in_file_order(links):
    rows, log = parse(HEADER + "".join(line(*link) for link in links))
    assert log.ok, log.report_lines()
    assert [(row.source, row.target, row.order) for row in rows] == [link for link in links if link[0] != link[1]]
    assert log.warning_count == sum(source == target for source, target, _ in links)


@given(st.lists(st.tuples(codes, codes), min_size=1, max_size=10, unique=True), st.integers(min_value=0, max_value=9))
def test_a_link_given_twice_is_refused_at_its_second_line(links, position):
    position %= len(links)
    content = [line(*link) for link in links]
    content.insert(position + 1, line(*links[position]))
    _, log = parse(HEADER + "".join(content))
    assert not log.ok
    assert any(f"déjà ligne {position + 2}" in entry for entry in log.report_lines())


# --- Importer ------------------------------------------------------------------------------------


V4 = ('"code_rome","code_fiche_metier","code_ogr","libelle_rome","transition_eco","transition_num",'
      '"transition_demo","emploi_reglemente","emploi_cadre","code_rome_parent"\n'
      + "".join(f'"{code}","1","{number}","Fiche {code}","","","","N","N","{parent}"\n'
                for number, (code, parent) in enumerate([("H2913", "H2913"), ("H2917", "H2913"), ("H2902", "H2902"),
                                                         ("H2911", "H2911"), ("A1101", "A1101"), ("I1304", "I1304")],
                                                        start=1)))


@pytest.fixture
def fiches(db):
    assert import_bytes("rome", V4, "unix_referentiel_code_rome_v460_utf8.csv").ok


def stored() -> list[tuple[str, str, int | None]]:
    return list(RomeMobility.objects.order_by("source", "order").values_list("source", "target", "order"))


def test_import_stores_the_links_and_a_second_import_changes_nothing(fiches):
    content = HEADER + line("H2913", "H2902", 1) + line("H2913", "A1101", 2) + line("H2917", "H2911", 1)
    first = import_bytes("rome-mobility", content, NAME)
    assert first.ok, first.log.report_lines()
    assert stored() == [("H2913", "H2902", 1), ("H2913", "A1101", 2), ("H2917", "H2911", 1)]
    assert RomeMobility.objects.get(source="H2913", target="H2902").version == "4.0 v460"
    again = import_bytes("rome-mobility", content, NAME)
    assert (again.created, again.updated, again.unchanged, again.removed) == (0, 0, 3, 0)
    assert RomeMobility.objects.count() == 3
    assert Dataset.objects.filter(kind="rome-mobility", status="published").count() == 2


def test_a_new_file_replaces_the_links_of_its_fiches_and_keeps_the_others(fiches):
    import_bytes("rome-mobility", HEADER + line("H2913", "H2902", 1) + line("H2913", "A1101", 2)
                 + line("H2917", "H2911", 1), NAME)
    result = import_bytes("rome-mobility", HEADER + line("H2913", "A1101", 1) + line("H2913", "I1304", 2), NAME)
    assert result.ok
    assert (result.created, result.updated, result.removed) == (1, 1, 1)
    assert stored() == [("H2913", "A1101", 1), ("H2913", "I1304", 2), ("H2917", "H2911", 1)]


def test_a_bad_file_changes_nothing(fiches):
    import_bytes("rome-mobility", HEADER + line("H2913", "H2902", 1), NAME)
    before, versions = stored(), Dataset.objects.count()
    result = import_bytes("rome-mobility", HEADER + line("H2913", "A1101", 1) + line("H2917", "H2911", "x"), NAME)
    assert not result.ok and result.log.report_lines()[0].startswith("ligne 3")
    assert stored() == before
    assert Dataset.objects.count() == versions


def test_the_admin_shows_imported_links_and_fiches_but_never_offers_to_edit_them(fiches, admin_client):
    """The next import replaces them: an edit would be lost (and Wagtail's chooser cannot edit a
    link keyed on a fiche's code: the edit form was a 500)."""
    import_bytes("rome-mobility", HEADER + line("H2913", "H2902", 1), NAME)
    link = RomeMobility.objects.get()
    fiche = Rome4Occupation.objects.get(code="H2913")
    listing = admin_client.get("/admin/snippets/observatory/romemobility/")
    assert listing.status_code == 200
    html = listing.content.decode()
    assert f"/romemobility/inspect/{link.pk}/" in html and "/romemobility/edit/" not in html
    assert "/romemobility/add/" not in html
    assert admin_client.get(f"/admin/snippets/observatory/romemobility/inspect/{link.pk}/").status_code == 200
    assert admin_client.get(f"/admin/snippets/observatory/rome4occupation/inspect/{fiche.pk}/").status_code == 200
    for address in (f"/admin/snippets/observatory/romemobility/edit/{link.pk}/",
                    "/admin/snippets/observatory/romemobility/add/",
                    f"/admin/snippets/observatory/romemobility/delete/{link.pk}/",
                    f"/admin/snippets/observatory/rome4occupation/edit/{fiche.pk}/"):
        assert admin_client.get(address).status_code == 302, address  # Wagtail's « permission denied »
    assert admin_client.post(f"/admin/snippets/observatory/romemobility/delete/{link.pk}/").status_code == 302
    assert RomeMobility.objects.filter(pk=link.pk).exists()


def test_the_shipped_extract_links_every_industrial_fiche(nomenclatures):
    import_file("rome", "unix_referentiel_code_rome_v460_utf8.csv")
    result = import_file("rome-mobility", "rome4_mobilite_industrie_v460.csv")
    assert result.rows == RomeMobility.objects.count() == 2336
    industrial = Rome4Occupation.objects.filter(parent_code__startswith="H") | Rome4Occupation.objects.filter(
        parent_code__in=["I1102", "I1304", "I1309", "I1310", "N1101", "N1103", "N1105"])
    assert set(RomeMobility.objects.values_list("source", flat=True).distinct()) == set(
        industrial.values_list("code", flat=True))
    assert not RomeMobility.objects.exclude(version="4.0 v460").exists()
    assert import_file("rome-mobility", "rome4_mobilite_industrie_v460.csv").unchanged == 2336


@pytest.mark.shared_data
def test_the_published_mobility_file_imports_whole(nomenclatures, shared_data):
    from observatory.importers.service import run_import

    folder = shared_data / "rome-v4"
    if not (folder / NAME).is_file():
        pytest.skip(f"{folder / NAME} is absent: the test of the whole published mobility file needs it")
    for kind, name in (("rome", "unix_referentiel_code_rome_v460_utf8.csv"),
                       ("rome-mobility", "unix_rubrique_mobilite_v460_utf8.csv")):
        with (folder / name).open("rb") as stream:
            result = run_import(kind, stream, name)
        assert result.ok, result.log.report_lines()
    assert RomeMobility.objects.count() == 14912
    assert RomeMobility.objects.values("source").distinct().count() == 1584
    assert result.log.warning_count == 0
    orders = list(RomeMobility.objects.filter(source="A1101").order_by("order").values_list("order", flat=True))
    assert orders == list(range(1, len(orders) + 1))  # each fiche's links ranked 1, 2, 3…


def test_the_demo_imports_the_shipped_extract_after_the_rome_4_referential():
    from demo.loaders.observatory_data import DATA, DEMO_FILES

    position = DEMO_FILES.index(("rome-mobility", "rome4_mobilite_industrie_v460.csv"))
    assert DEMO_FILES.index(("rome", "unix_referentiel_code_rome_v460_utf8.csv")) < position
    assert (DATA / "rome4_mobilite_industrie_v460.csv").is_file()


def test_statisticians_find_a_fiches_links_in_the_admin(admin_client, fiches, django_assert_max_num_queries):
    import_bytes("rome-mobility", HEADER + line("H2913", "H2902", 1) + line("H2917", "A1101", 1)
                 + line("H2902", "H2911", 1), NAME)
    with django_assert_max_num_queries(30):
        html = admin_client.get("/admin/snippets/observatory/romemobility/", {"q": "H2913"}).content.decode()
    assert "Fiche H2902" in html and "Fiche A1101" not in html
    assert "Fiche H2911" not in html
