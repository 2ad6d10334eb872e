"""Occupation pages and job-title search (issue #15).

- **Short profiles**: time to create and publish the page of every industrial ROME occupation
  without a profile (what ``load_demo`` adds to ``make run``; target under 30 s).
- **Title search**: the 13,120 ROME 4.0 titles (``observatory/data/rome4_appellations_v460.csv``)
  searched with a 3-letter prefix, a full word and a word with a typo; median of 50 searches each.
  Target: under 50 ms on PostgreSQL, where the database answers from its full-text and trigram
  indexes (run with ``DATABASE_URL=postgres://…``). On SQLite the search runs in the process's
  memory: the index's build time is printed too (once per process and data version).

Run with ``python -m bench occupations`` (``DATABASE_URL=postgres://… python -m bench occupations``
for the production engine).
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from django.db import connection

DATA = Path(__file__).resolve().parent.parent / "observatory" / "data"
FILES = [("rome", "referentiel_code_rome_v347.csv"), ("rome-riasec", "referentiel_code_rome_riasec_v347.csv"),
         ("fap", "intitule_fap2009.txt"), ("fap-rome", "passage_fap2009_romev3.txt"),
         ("rome-appellations", "rome4_appellations_v460.csv")]
QUERIES = [("préfixe de 3 lettres « sou »", "sou"), ("mot entier « menuisière »", "menuisière"),
           ("mot avec une faute « régleuze »", "régleuze"), ("deux mots « conducteur ligne »", "conducteur ligne")]


def _milliseconds(action, repeat: int = 50) -> float:
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


def run() -> list[tuple[str, str]]:
    from careers import title_search
    from careers.models import JobProfileIndexPage
    from careers.occupations import create_occupation_pages
    from demo.loaders.website_home import ensure_home_page
    from observatory.importers.service import run_import
    from observatory.models import Dataset, RomeAppellation

    for kind, name in FILES:
        if not Dataset.objects.filter(kind=kind, original_filename=name).exists():
            with (DATA / name).open("rb") as stream:
                result = run_import(kind, stream, name, publish=True)
            if not result.ok:
                raise RuntimeError("; ".join(result.log.report_lines()))
    rows: list[tuple[str, str]] = []

    home = ensure_home_page()
    index = JobProfileIndexPage.objects.first()
    if index is None:
        index = JobProfileIndexPage(title="Métiers", slug="metiers")
        home.add_child(instance=index)
    started = time.perf_counter()
    created = create_occupation_pages(index)
    rows.append((f"Fiches courtes : {len(created)} pages créées et publiées",
                 f"{time.perf_counter() - started:.1f} s"))

    engine = connection.vendor
    if engine != "postgresql":
        title_search._memo.clear()
        started = time.perf_counter()
        words = len(title_search.title_vocabulary())
        rows.append((f"Recherche par intitulé : vocabulaire des intitulés en mémoire ({words} mots)",
                     f"{(time.perf_counter() - started) * 1000:.0f} ms"))
    total = RomeAppellation.objects.count()
    for label, query in QUERIES:
        found = len(title_search.find_titles(query, 20))
        rows.append((f"Recherche par intitulé ({engine}, {total} intitulés), {label} ({found} résultats)",
                     f"{_milliseconds(lambda q=query: title_search.find_titles(q, 20)):.1f} ms (médiane)"))
    rows.append(("Recherche par intitulé avec les fiches (search_titles, « sou »)",
                 f"{_milliseconds(lambda: title_search.search_titles('sou'), repeat=20):.1f} ms (médiane)"))
    return rows


if __name__ == "__main__":  # pragma: no cover
    print("python -m bench occupations")
