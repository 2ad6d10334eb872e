"""The DARES share of women, a key figure: national, for the detailed family or the broader one (said)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string

from observatory.importers.service import run_import
from observatory.models import FapFamily, KeyIndicator, Territory
from observatory.services import family_statistics
from tests.observatory.conftest import DATA, import_bytes, import_file

#: A file in the DARES layout where the welders' detailed figure is missing (only D2Z is given) and
#: the pipe fitters' is left empty (« NA », as DARES writes an unpublished cell).
PARTIAL_FILE = ('"Fap3","Annee","Part","libelle","code_domaine","libelle_domaine","code_fap_agregee",'
                '"libelle_fap_agregee"\n'
                '"D2Z","2017-2019",3.9,"Ouvriers qualifiés travaillant par formage de métal","D","Mécanique",NA,NA\n'
                '"D2Z41","2017-2019",NA,"Tuyauteurs","D","Mécanique","D2Z","Ouvriers"\n'
                '"D2Z","2016-2018",2.9,"Ouvriers qualifiés travaillant par formage de métal","D","Mécanique",NA,NA\n')


@pytest.fixture
def women(nomenclatures):
    """The shipped extract of DARES's share of women (2017-2019), published."""
    return import_file("occupation-stats", "part_femmes_2017_2019.csv", publish=True).dataset


def _indicator(code: str) -> KeyIndicator:
    return KeyIndicator.objects.create(title="Part de femmes", measure=KeyIndicator.Measure.SHARE_WOMEN,
                                       territory=Territory.objects.get(key="REG-32"),
                                       fap=FapFamily.objects.get(code=code))


def test_the_share_of_women_of_a_detailed_family_is_its_own_national_figure(women):
    figure = _indicator("E1Z46").current()  # agents qualifiés de laboratoire: 52.19 % in 2017-2019
    assert figure.display == "52\u202f%" and figure.value == 52
    assert figure.is_national and figure.territory.key == "FR" and figure.vintage == "2017-2019"
    assert (figure.family_code, figure.is_broader_family, figure.unpublished) == ("E1Z46", False, False)
    html = render_to_string("blocks/indicator_block.html", {"value": {"indicator": _indicator("E1Z46"),
                                                                      "comment": ""}})
    assert "52\u202f%" in html and "France entière" in html and "(FAP E1Z46)" in html
    assert "Dares, Insee (enquête Emploi), 2017-2019" in html and "famille plus large" not in html


def test_a_detailed_family_without_a_figure_gets_the_broader_familys_and_says_so(nomenclatures):
    assert import_bytes("occupation-stats", PARTIAL_FILE, "part_femmes.csv", publish=True).ok
    figure = _indicator("D2Z42").current()
    assert figure.display == "4\u202f%" and figure.family_code == "D2Z" and figure.is_broader_family
    html = render_to_string("blocks/indicator_block.html", {"value": {"indicator": _indicator("D2Z42"),
                                                                      "comment": ""}})
    assert "(FAP D2Z)" in html and "chiffre de la famille plus large" in html


def test_an_unpublished_figure_says_so_in_words_when_no_family_has_one(nomenclatures):
    assert import_bytes("occupation-stats", PARTIAL_FILE.replace("3.9", "NA"), "part_femmes.csv", publish=True).ok
    rows = family_statistics("D2Z41", ("share_women",))
    assert rows["share_women"].value is None
    figure = _indicator("D2Z41").current()
    assert figure.unpublished and figure.value is None and figure.display == "non publié"
    html = render_to_string("blocks/indicator_block.html", {"value": {"indicator": _indicator("D2Z41"),
                                                                      "comment": ""}})
    assert "Chiffre non publié" in html and "La Dares ne publie pas ce chiffre" in html
    assert "None" not in html


def test_a_detailed_familys_empty_cell_falls_back_to_the_broader_familys_figure(nomenclatures):
    assert import_bytes("occupation-stats", PARTIAL_FILE, "part_femmes.csv", publish=True).ok
    figure = _indicator("D2Z41").current()
    assert figure.display == "4\u202f%" and figure.is_broader_family and figure.vintage == "2017-2019"


def test_a_share_of_women_needs_a_family(nomenclatures):
    indicator = KeyIndicator(title="Part de femmes", measure=KeyIndicator.Measure.SHARE_WOMEN,
                             territory=Territory.objects.get(key="REG-32"))
    with pytest.raises(ValidationError, match="part de femmes"):
        indicator.clean()


def test_the_share_of_women_is_national_whatever_the_visitors_territory(women):
    from observatory.services import key_indicator_value_near

    nord = Territory.objects.get(key="DEP-59")
    figure = key_indicator_value_near(_indicator("H0Z91"), nord)
    assert figure.is_national and figure.display == "22\u202f%"


@pytest.mark.shared_data
def test_the_shipped_extract_is_the_published_files_latest_period_line_for_line(shared_data):
    published = (shared_data / "dares-psm" / "part_femmes_3niv.csv").read_bytes().splitlines(keepends=True)
    latest = [line for line in published[1:] if line.split(b",")[1] == b'"2017-2019"']
    assert (DATA / "part_femmes_2017_2019.csv").read_bytes() == published[0] + b"".join(latest)


@pytest.mark.shared_data
def test_the_whole_published_file_gives_every_detailed_family_its_own_share(nomenclatures, shared_data):
    with (shared_data / "dares-psm" / "part_femmes_3niv.csv").open("rb") as stream:
        result = run_import("occupation-stats", stream, "part_femmes_3niv.csv", publish=True)
    assert result.ok and result.dataset.series == "share_women" and result.dataset.vintage == 2019
    detailed = FapFamily.objects.filter(level=FapFamily.Level.DETAILED).values_list("code", flat=True)
    figures = [family_statistics(code, ("share_women",)).get("share_women") for code in detailed]
    assert all(row is not None and row.period == "2017-2019" and not row.is_broader_family for row in figures)
