"""« Métiers proches » on every job profile: editors' picks first, then the ROME 4.0 mobility links."""

from __future__ import annotations

import re
from html import unescape

import pytest
from hypothesis import given
from hypothesis import strategies as st

from careers.logic import FRANCE_TRAVAIL_FICHE_URL
from careers.mobility import MobilityLink, ProfileTarget, related_occupations, rome_version_label
from tests.careers.factories import JobProfilePageFactory, JobProfileWayInFactory
from tests.observatory.conftest import import_bytes

# --- Pure rules ----------------------------------------------------------------------------------


def link(target: str, parent: str, order: int | None = 1, mobility_type: str = "") -> MobilityLink:
    return MobilityLink(target, f"Fiche {target}", parent, mobility_type, order)


PROFILES = {"H2902": ProfileTarget(2, "Chaudronnier ou chaudronnière", "/metiers/chaudronnier/"),
            "H2911": ProfileTarget(3, "Métallier ou métallière", "/metiers/metallier/")}


def test_links_lead_to_our_profile_of_the_parent_else_to_france_travails_fiche_in_rank_order():
    related = related_occupations(
        [link("A1101", "A1101", 3), link("H2902", "H2902", 2), link("A1102", "A1101", 2)], ["H2913"], PROFILES, set(),
        FRANCE_TRAVAIL_FICHE_URL)
    assert [(item.label, item.url, item.external) for item in related] == [
        ("Fiche A1102", "https://candidat.francetravail.fr/metierscope/fiche-metier/A1102", True),
        ("Chaudronnier ou chaudronnière", "/metiers/chaudronnier/", False),
        ("Fiche A1101", "https://candidat.francetravail.fr/metierscope/fiche-metier/A1101", True),
    ]


def test_rome_4_fiches_of_one_profile_collapse_and_self_links_and_editors_picks_are_dropped():
    links = [link("H2902", "H2902", 1), link("H2908", "H2902", 2),  # two 4.0 fiches of the H2902 profile
             link("H2917", "H2913", 1),  # a fiche of the page's own occupation
             link("H2911", "H2911", 3)]  # already shown as an editor's pick
    related = related_occupations(links, ["H2913"], PROFILES, {3}, FRANCE_TRAVAIL_FICHE_URL)
    assert [item.code for item in related] == ["H2902"]


def test_close_occupations_come_before_evolutions_and_one_reached_both_ways_is_close():
    links = [link("H2911", "H2911", 1, "evolution"), link("H2902", "H2902", 2, "proche"),
             link("H2911", "H2911", 3, "proche"), link("A1101", "A1101", 1, "evolution")]
    related = related_occupations(links, ["H2913"], PROFILES, set(), FRANCE_TRAVAIL_FICHE_URL)
    assert [(item.code, item.is_evolution) for item in related] == [("H2902", False), ("H2911", False),
                                                                    ("A1101", True)]


codes = st.sampled_from(["H2902", "H2908", "H2911", "H2913", "H2917", "A1101", "A1102"])
parent_of = {"H2908": "H2902", "H2917": "H2913", "A1102": "A1101"}


@given(st.lists(st.tuples(codes, st.integers(min_value=1, max_value=20), st.sampled_from(["", "proche", "evolution"]))),
       st.sets(st.sampled_from([2, 3])))
def test_no_occupation_is_shown_twice_nor_the_page_itself_nor_an_editors_pick(raw, shown):
    links = [link(code, parent_of.get(code, code), order, kind) for code, order, kind in raw]
    related = related_occupations(links, ["H2913"], PROFILES, shown, FRANCE_TRAVAIL_FICHE_URL)
    assert len({item.url for item in related}) == len(related)
    assert not any(item.code == "H2913" for item in related)
    assert not any(not item.external and PROFILES[item.code].id in shown for item in related)
    expected = set()
    for code, _order, _kind in raw:
        parent = parent_of.get(code, code)
        shown_code = parent if parent in PROFILES else code
        if parent != "H2913" and not (shown_code in PROFILES and PROFILES[shown_code].id in shown):
            expected.add(shown_code)
    assert {item.code for item in related} == expected


@pytest.mark.parametrize(("version", "label"), [("4.0 v460", "ROME 4.0, version 460"), ("4.0", "ROME 4.0")])
def test_the_source_names_the_referentials_version(version, label):
    assert rome_version_label(version) == label


# --- On the page -----------------------------------------------------------------------------------

V4 = ('"code_rome","code_fiche_metier","code_ogr","libelle_rome","transition_eco","transition_num",'
      '"transition_demo","emploi_reglemente","emploi_cadre","code_rome_parent"\n'
      + "".join(f'"{code}","1","{number}","{label}","","","","N","N","{parent}"\n' for number, (code, parent, label) in
                enumerate([("H2913", "H2913", "Soudeur / Soudeuse"), ("H2917", "H2913", "Soudeur / Soudeuse MIG MAG"),
                           ("H2902", "H2902", "Chaudronnier / Chaudronnière"),
                           ("H2903", "H2903", "Conducteur / Conductrice d'équipement d'usinage"),
                           ("H2911", "H2911", "Métallier / Métallière"),
                           ("A1101", "A1101", "Conducteur / Conductrice d'engins agricoles"),
                           ("A1102", "A1101", "Conducteur / Conductrice d'engins d'exploitation forestière")],
                          start=1)))
MOBILITY = ('"code_rome","code_rome_cible","numero_ordre"\n'
            '"H2913","H2917","1"\n"H2913","H2902","2"\n"H2917","H2902","1"\n"H2913","A1101","3"\n'
            '"H2917","A1102","2"\n"H2913","H2911","4"\n"H2913","H2903","5"\n"H2903","H2913","1"\n')


@pytest.fixture
def welder(profile_index):
    """The welder (H2913) with an editor's pick (H2911) and ROME links to its fiches H2913 and H2917."""
    import_bytes("territories", "REG,LIBELLE\n32,Hauts-de-France\n", "cog_regions.csv")
    assert import_bytes("rome", V4, "unix_referentiel_code_rome_v460_utf8.csv").ok
    assert import_bytes("rome-mobility", MOBILITY, "unix_rubrique_mobilite_v460_utf8.csv").ok
    boilermaker = JobProfilePageFactory(parent=profile_index, rome_codes="H2902", title="Chaudronnier ou chaudronnière")
    machinist = JobProfilePageFactory(parent=profile_index, rome_codes="H2903", title="Régleur ou régleuse",
                                      easy_read_summary="", missions="", skills="", working_conditions="")
    metalworker = JobProfilePageFactory(parent=profile_index, rome_codes="H2911", title="Métallier ou métallière")
    page = JobProfilePageFactory(parent=profile_index, rome_codes="H2913", title="Soudeur ou soudeuse")
    page.related_profiles.set([metalworker])
    page.save_revision().publish()
    for profile in (boilermaker, machinist, metalworker, page):
        JobProfileWayInFactory(page=profile)
    return page, boilermaker, machinist, metalworker


def section(html: str) -> str:
    start = html.index('id="metiers-proches"')
    return html[start:html.index("</section>", start)]


def link_texts(html: str) -> list[str]:
    return [unescape(re.sub(r"<[^>]+>", "", text)).strip() for text in re.findall(r'<li><a href="[^"]+"[^>]*>(.*?)</a></li>',
                                                                       html, flags=re.DOTALL)]


def test_a_profile_lists_editors_picks_then_rome_links_to_our_profiles_or_france_travail(client, welder):
    page, boilermaker, machinist, metalworker = welder
    html = section(client.get(page.url).content.decode())
    assert html.count(f'href="{metalworker.url}"') == 1  # the editor's pick, as a card, not repeated below
    assert html.index(f'href="{metalworker.url}"') < html.index("D’autres métiers proches")
    assert link_texts(html.split("D’autres métiers proches", 1)[1]) == [
        "Chaudronnier ou chaudronnière",  # H2902, reached from H2917 (rank 1) and H2913 (rank 2): once
        "Conducteur / Conductrice d'engins d'exploitation forestière — fiche A1102 de France Travail (site externe)",
        "Conducteur / Conductrice d'engins agricoles — fiche A1101 de France Travail (site externe)",
        "Régleur ou régleuse",  # a short profile is one of our pages too
    ]
    assert f'href="{boilermaker.url}"' in html and f'href="{machinist.url}"' in html
    assert 'href="https://candidat.francetravail.fr/metierscope/fiche-metier/A1102" rel="noopener"' in html
    assert "Soudeur ou soudeuse</a>" not in html  # H2913 → H2917 is the page's own occupation
    assert "Source : France Travail, ROME 4.0, version 460 (mobilités professionnelles entre fiches métiers)." in html
    assert "Pour évoluer" not in html  # the v460 file gives no type: no evolution list is made up


def test_a_short_profile_shows_its_rome_links_too(client, welder):
    machinist = welder[2]
    assert machinist.is_short
    html = client.get(machinist.url).content.decode()
    assert '<a href="#metiers-proches">' in html
    assert link_texts(section(html)) == ["Soudeur ou soudeuse"]


def test_a_profile_without_links_or_picks_has_no_section(client, profile_index):
    profile = JobProfilePageFactory(parent=profile_index, rome_codes="H2913")
    JobProfileWayInFactory(page=profile)
    html = client.get(profile.url).content.decode()
    assert 'id="metiers-proches"' not in html and "#metiers-proches" not in html


def test_the_links_stay_within_the_profile_query_budget(client, welder, django_assert_max_num_queries):
    page = welder[0]
    client.get(page.url)  # warm the site and settings caches
    with django_assert_max_num_queries(20):
        response = client.get(page.url)
    assert response.status_code == 200


def test_when_the_editors_picks_cover_every_rome_link_no_rome_source_is_shown(client, welder):
    page, machinist = welder[0], welder[2]
    machinist.related_profiles.set([page])  # H2903's only ROME link leads to the welder
    machinist.save_revision().publish()
    html = section(client.get(machinist.url).content.decode())
    assert html.count(f'href="{page.url}"') == 1
    assert "France Travail" not in html
