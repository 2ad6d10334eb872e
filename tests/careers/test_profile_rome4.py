"""A job profile shows its ROME 4.0 codes (the fiches descending from its ROME v3 codes) in « Codes officiels »."""

from __future__ import annotations

from tests.careers.factories import JobProfilePageFactory, JobProfileWayInFactory
from tests.observatory.conftest import import_bytes

V4 = ('"code_rome","code_fiche_metier","code_ogr","libelle_rome","transition_eco","transition_num",'
      '"transition_demo","emploi_reglemente","emploi_cadre","code_rome_parent"\n'
      '"H2913","380","290","Soudeur / Soudeuse","Emploi Blanc","N","N","N","N","H2913"\n'
      '"H2917","32905","489194","Soudeur / Soudeuse MIG MAG","Emploi Blanc","N","N","N","N","H2913"\n')


def _codes_line(html: str) -> str:
    text = " ".join(html.split())
    start = text.index("Codes officiels")
    return text[start:start + 200]


def test_profile_shows_its_rome_4_codes_next_to_the_v3_code(client, profile_index):
    import_bytes("territories", "REG,LIBELLE\n32,Hauts-de-France\n", "cog_regions.csv")
    import_bytes("rome", "code_rome,libelle_rome\nH2913,Soudage manuel\n", "referentiel_code_rome_v347.csv")
    assert import_bytes("rome", V4, "unix_referentiel_code_rome_v460_utf8.csv").ok
    profile = JobProfilePageFactory(parent=profile_index, rome_codes="H2913")
    JobProfileWayInFactory(page=profile)
    line = _codes_line(client.get(profile.url).content.decode())
    assert "ROME H2913 · ROME 4.0 H2913, H2917" in line


def test_profile_without_rome_4_fiches_shows_only_its_v3_code(client, profile_index):
    profile = JobProfilePageFactory(parent=profile_index, rome_codes="H2913")
    JobProfileWayInFactory(page=profile)
    assert "ROME 4.0" not in _codes_line(client.get(profile.url).content.decode())
