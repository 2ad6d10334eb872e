"""Two publications at once are serialised (PostgreSQL only: SQLite serialises writers itself)."""

from __future__ import annotations

import threading

import pytest
from django.conf import settings
from django.db import connections

from observatory.models import Dataset, OccupationTension

from .conftest import DATA, import_bytes


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_vintages_published_at_the_same_moment_both_land_and_the_derived_rows_stay_whole(nomenclatures):
    if not settings.DATABASE_IS_POSTGRES:
        pytest.skip("Concurrent publication test needs PostgreSQL: set DATABASE_URL=postgres://… "
                    "(SQLite serialises writers, so it would prove nothing)")
    base = (DATA / "tensions_hdf_2019.csv").read_text(encoding="utf-8")
    files = {2019: base, 2020: base.replace(",2019,", ",2020,")}
    barrier = threading.Barrier(len(files))
    errors: list[BaseException] = []

    def publish(vintage: int) -> None:
        try:
            barrier.wait()
            result = import_bytes("tension", files[vintage], f"tensions_{vintage}.csv", publish=True)
            assert result.ok, result.log.report_lines()
        except BaseException as error:
            errors.append(error)
        finally:
            connections.close_all()  # each thread's own connection

    threads = [threading.Thread(target=publish, args=(vintage,)) for vintage in files]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    published = set(Dataset.objects.filter(kind="tension", status="published").values_list("vintage", flat=True))
    assert published == {2019, 2020}
    assert OccupationTension.objects.exists()
    assert OccupationTension.objects.filter(tension__year=2020).exists()  # rebuilt after the last publication
