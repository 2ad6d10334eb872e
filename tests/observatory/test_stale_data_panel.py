"""The dashboard's stale-data panel: data older than the edition its publisher has released."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from observatory.models import (
    PUBLICATION_CADENCES,
    Dataset,
    DatasetKind,
    DatasetStatus,
    FapFamily,
    KeyIndicator,
    Territory,
)
from observatory.stale_data import stale_datasets
from website.roles import REGION, STATISTICIANS, apply_roles

PANEL_HEADING = "Données à mettre à jour"


def user_in(django_user_model, group: str, name: str):
    user = django_user_model.objects.create_user(name, password="x")
    user.groups.add(Group.objects.get(name=group))
    return user


def expected_tension_message(reference_year: int) -> str:
    edition = PUBLICATION_CADENCES[DatasetKind.TENSION].latest_due_edition(timezone.localdate())
    return (f"L'édition {edition} des indicateurs de tension (Dares) est publiée au plus tard en avril "
            f"{edition + 2} ; les données affichées sont de {reference_year}.")


def test_the_dashboard_lists_the_2019_dares_tensions_as_stale_with_the_pages_that_show_them(
        client, home_page, tension_data, django_user_model):
    apply_roles()
    indicator = KeyIndicator.objects.create(title="Usinage en Hauts-de-France",
                                            measure=KeyIndicator.Measure.TENSION_LEVEL,
                                            territory=Territory.objects.get(key="REG-32"),
                                            fap=FapFamily.objects.get(code="D1Z"))
    home_page.key_figures = [("key_figures", {"heading": "L'industrie en chiffres",
                                              "figures": [{"indicator": indicator, "comment": ""}]})]
    home_page.save_revision().publish()
    # Imported today, but its figures describe 2019: the import date says nothing of its freshness.
    assert timezone.localdate(tension_data.imported_at) == timezone.localdate()
    client.force_login(user_in(django_user_model, STATISTICIANS, "stat"))

    html = client.get(reverse("wagtailadmin_home")).content.decode()

    panel = html[html.index(PANEL_HEADING):]
    assert str(tension_data) in panel
    assert expected_tension_message(2019).replace("'", "&#x27;") in panel
    assert "Accueil test" in panel  # the home page shows a figure of that dataset


def test_the_panel_is_for_statisticians_not_for_the_communication_team(client, home_page, tension_data,
                                                                        django_user_model):
    apply_roles()
    client.force_login(user_in(django_user_model, REGION, "region"))
    assert PANEL_HEADING not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_only_the_newest_published_public_version_of_each_kind_is_judged(db):
    common = {"source": "France Travail", "original_filename": "bmo.xlsx", "checksum": "0" * 64}
    current = PUBLICATION_CADENCES[DatasetKind.BMO].latest_due_edition(timezone.localdate())
    Dataset.objects.create(kind="bmo", title="BMO ancienne", vintage=current - 3, status=DatasetStatus.PUBLISHED,
                           **common)
    Dataset.objects.create(kind="bmo", title="BMO", vintage=current, status=DatasetStatus.PUBLISHED, **common)
    old_tension = {**common, "kind": "tension", "vintage": 2015}
    Dataset.objects.create(title="Tensions (brouillon)", status=DatasetStatus.DRAFT, **old_tension)
    Dataset.objects.create(title="Tensions (table de contrôle)", status=DatasetStatus.PUBLISHED, public=False,
                           **old_tension)
    # Occupation portraits have no yearly calendar: never judged.
    Dataset.objects.create(kind="occupation-stats", title="Portraits", vintage=2019,
                           status=DatasetStatus.PUBLISHED, **common)
    assert stale_datasets() == []

    behind = Dataset.objects.create(kind="tension", title="Tensions", vintage=2019, status=DatasetStatus.PUBLISHED,
                                    **common)
    assert [(item.dataset, item.staleness.message) for item in stale_datasets()] == [
        (behind, expected_tension_message(2019))]


def test_data_is_judged_on_the_day_given_by_its_reference_year(db):
    Dataset.objects.create(kind="tension", title="Tensions", vintage=2019, status=DatasetStatus.PUBLISHED,
                           source="Dares", original_filename="t.csv", checksum="0" * 64)
    assert stale_datasets(datetime.date(2022, 6, 30)) == []  # the 2020 edition was not due yet
    assert [item.staleness.expected_edition for item in stale_datasets(datetime.date(2022, 7, 1))] == [2020]


@pytest.mark.django_db
def test_the_datasets_screen_warns_statisticians_of_stale_data(client, django_user_model, tension_data):
    apply_roles()
    client.force_login(user_in(django_user_model, STATISTICIANS, "stat"))
    html = client.get(reverse("observatory_admin:datasets")).content.decode()
    assert PANEL_HEADING in html and expected_tension_message(2019).replace("'", "&#x27;") in html
