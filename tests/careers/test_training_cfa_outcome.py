"""A programme given in apprenticeship by a real CFA (provider with a UAI) shows the centre's published
employment rate 6 months after leaving (InserJeunes), with source and cohort."""

from __future__ import annotations

from tests.careers.factories import (
    JobProfilePageFactory,
    JobProfileWayInFactory,
    TrainingProgrammeFactory,
    TrainingProviderFactory,
)
from tests.observatory.conftest import import_bytes
from tests.observatory.test_inserjeunes import HEADER, row


def test_apprenticeship_programme_of_a_cfa_shows_its_apprentices_rate(client, profile_index):
    assert import_bytes("inserjeunes-cfa", HEADER + row(), publish=True).ok
    profile = JobProfilePageFactory(parent=profile_index)
    JobProfileWayInFactory(page=profile)
    TrainingProgrammeFactory(job_profile=profile, apprenticeship=True, title="Bac pro usinage",
                             provider=TrainingProviderFactory(name="PROMEO CFAI Picardie Senlis", uai="0601500E"))
    TrainingProgrammeFactory(job_profile=profile, apprenticeship=True, title="Titre pro sans UAI",
                             provider=TrainingProviderFactory(name="Organisme sans UAI"))
    text = " ".join(client.get(profile.url).content.decode().split())
    assert "Taux d’emploi à 6 mois des apprentis de ce CFA : 72 %" in text
    assert ("Source : Ministère de l&#x27;Éducation nationale, InserJeunes, sortants de la cohorte "
            "« cumul 2023-2024 », tous diplômes du CFA confondus.") in text
    assert text.count("apprentis de ce CFA") == 1
