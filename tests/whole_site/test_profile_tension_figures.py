"""Each demo job profile, in each territory of the demo, shows the tension DARES published for the
profile's own family and that place (the shipped extract of the real 2019 file), or says plainly
that the level was not published there and which larger area's level it shows instead."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from careers.models import JobProfilePage
from observatory.models import TensionIndicator, Territory
from observatory.tension import LEVEL_LABELS

pytestmark = pytest.mark.django_db

SHIPPED_FILE = Path(__file__).resolve().parents[2] / "observatory" / "data" / "tensions_hdf_2019.csv"
BADGE = re.compile(r'<div class="tension tension--\d">(.*?)</div>', re.S)


def _badge(client, path: str, territory_key: str) -> str:
    client.cookies["territoire"] = territory_key
    html = client.get(path).content.decode()
    match = BADGE.search(html)
    return match.group(1) if match else ""


def test_every_demo_profile_shows_its_own_familys_published_level_in_every_territory(client, demo_site):
    profiles = list(JobProfilePage.objects.live().exclude(fap_code=""))
    region = Territory.objects.get(key="REG-32")  # the demo's region and its five départements
    territories = [region, *Territory.objects.filter(parent=region, level="departement")]
    assert len(profiles) >= 30 and len(territories) == 6
    published = {(row.fap.code, row.territory_id): row.level
                 for row in TensionIndicator.objects.published().select_related("fap")}
    checked = 0
    for profile in profiles:
        for territory in territories:
            badge = _badge(client, profile.url, territory.key)
            level_here = published.get((profile.fap_code, territory.pk))
            if level_here is None and published.get((profile.fap_code, territory.parent_id)) is None:
                assert badge == "" or f"(FAP {profile.fap_code})" in badge, (profile.url, territory.key)
                continue
            assert f"(FAP {profile.fap_code})" in badge, f"{profile.url} in {territory.key}: another family shown"
            if level_here is not None:
                assert f"niveau {level_here} sur 5" in badge, (profile.url, territory.key)
                assert "Pas de niveau publié" not in badge, (profile.url, territory.key)
            else:
                assert f"Pas de niveau publié pour {territory.name}" in badge, (profile.url, territory.key)
            checked += 1
    assert checked >= 150


def test_the_welder_in_oise_shows_the_welders_very_high_tension_from_the_dares_file(client, demo_site):
    with SHIPPED_FILE.open(encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream))
    oise = [row for row in rows if row["fap"] == "D2Z42" and row["dep"] == "60"]
    assert oise, "the shipped extract must hold the welders' family in Oise"
    published_level = int(float(oise[0]["Catégorie Tension"]))
    assert LEVEL_LABELS[published_level] == "Très forte"
    badge = _badge(client, "/metiers/soudeur-soudeuse/", "DEP-60")
    assert "très forte" in badge and "(FAP D2Z42)" in badge and "Oise" in badge
