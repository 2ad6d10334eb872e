"""Kit documents cite figures by reference; the observatory's published data writes them, with source and period."""

from __future__ import annotations

import pytest

from schools.kit_figures import UNAVAILABLE, FigureReference, figure_references, fill_figures
from tests.observatory.conftest import BASE_FILES, import_bytes, import_file


def test_a_figure_reference_names_a_measure_a_family_and_by_default_france():
    text = "Salaire : {{chiffre:median_salary:G1Z}} ; tension : {{chiffre:tension_level:D2Z42:DEP-59}}."
    assert figure_references(text) == [FigureReference("median_salary", "G1Z", "FR"),
                                       FigureReference("tension_level", "D2Z42", "DEP-59")]


def test_an_unknown_measure_is_refused_before_anything_is_written():
    with pytest.raises(ValueError, match="mesure inconnue"):
        fill_figures("{{chiffre:salaire:G1Z}}")


@pytest.fixture
def observatory(db):
    """Territories, ROME, FAP and the crosswalk, from the shipped official files."""
    for kind, name in BASE_FILES:
        import_file(kind, name)


@pytest.fixture
def portraits(observatory):
    """…plus the tensions 2019, the DARES median salaries and share of women (shipped extracts), published."""
    import_file("tension", "tensions_hdf_2019.csv", publish=True)
    import_file("occupation-stats", "salaire_median_3niv.csv", publish=True)
    import_file("occupation-stats", "part_femmes_2017_2019.csv", publish=True)


def test_each_reference_becomes_the_published_figure_with_its_source_period_and_territory(portraits):
    text = ("Cadres techniques de la maintenance : {{chiffre:median_salary:H0Z91}}. Agents qualifiés de "
            "laboratoire : {{chiffre:share_women:E1Z46}} de femmes. Soudeurs : {{chiffre:tension_level:D2Z42}}.")
    assert fill_figures(text) == (
        "Cadres techniques de la maintenance : 3\u202f100\u202f€ (Dares, Insee (enquête Emploi), 2017-2019, "
        "France entière). Agents qualifiés de laboratoire : 52\u202f% (Dares, Insee (enquête Emploi), 2017-2019, "
        "France entière) de femmes. Soudeurs : « très forte » (Dares, France Travail, 2019, France entière).")


def test_a_local_tension_names_its_territory(portraits):
    assert fill_figures("{{chiffre:tension_level:D2Z42:DEP-60}}") == "« très forte » (Dares, France Travail, 2019, Oise)"


def test_a_new_publication_changes_the_written_figure(portraits, django_capture_on_commit_callbacks):
    before = fill_figures("{{chiffre:median_salary:H0Z91}}")
    newer = '"Fap3","Annee","Salaire_median"\n"H0Z91","2018-2020",3150\n'
    with django_capture_on_commit_callbacks(execute=True):  # the publication invalidates cached figures
        assert import_bytes("occupation-stats", newer, "salaire_median_2020.csv", publish=True).ok
    after = fill_figures("{{chiffre:median_salary:H0Z91}}")
    assert before.startswith("3\u202f100\u202f€") and after.startswith("3\u202f150\u202f€ (Dares, Insee (enquête Emploi), 2018-2020")


def test_a_figure_the_observatory_has_not_published_says_so(observatory):
    assert fill_figures("{{chiffre:share_women:E1Z46}}") == UNAVAILABLE
