"""What pages ask about BMO hiring projects: one occupation's figures here, the top métiers of a territory.

Territory fallback: bassin BMO → département → région → France, the first that has a published
figure for the latest survey; the answer says which territory it shows (``is_fallback``). A zone
d'emploi has no BMO figure (another grid): its région answers. Two queries at most, cached under
the data version (bumped on every publication).
"""

from __future__ import annotations

from dataclasses import dataclass

from observatory.cache import cached_figures
from observatory.models import Dataset, HiringProjects, RomeBmoLink, Territory


@dataclass(frozen=True)
class HiringFigure:
    """Hiring projects of one BMO métier in one territory, for one survey year.

    ``projects_partial``: a cell under secrecy is left out, the count is a minimum (« au moins »).
    Shares are in % and None wherever secrecy makes them uncomputable.
    """

    occupation_code: str
    occupation_label: str
    nomenclature: str
    year: int
    projects: int | None
    projects_partial: bool
    share_difficult: float | None
    share_seasonal: float | None
    territory: Territory
    requested_territory: Territory
    dataset: Dataset
    link_checked: bool = True

    @property
    def is_fallback(self) -> bool:
        return self.territory.pk != self.requested_territory.pk

    @property
    def is_summed(self) -> bool:
        """True for a département, région or France figure: the importer sums the published bassins
        (France Travail's own totals for those levels are not in the open-data file)."""
        return self.territory.level != "bassin_bmo"

    @property
    def nomenclature_label(self) -> str:
        return {"fap2009": "FAP 2009", "fap2021": "FAP 2021"}.get(self.nomenclature, self.nomenclature)

    @property
    def source(self) -> str:
        return self.dataset.source


def territory_chain(territory: Territory) -> list[Territory]:
    """``territory`` and its parents, from the cached territory tree (no query)."""
    from observatory.territory import territories_by_key

    cached = territories_by_key().get(territory.key, territory)
    return cached.ancestors()


def _figure(row: HiringProjects, requested: Territory, by_id: dict[int, Territory], checked: bool) -> HiringFigure:
    return HiringFigure(
        occupation_code=row.occupation_code, occupation_label=row.occupation_label, nomenclature=row.nomenclature,
        year=row.year, projects=row.projects, projects_partial=row.projects_partial or row.projects is None,
        share_difficult=row.share_difficult, share_seasonal=row.share_seasonal, territory=by_id[row.territory_id],
        requested_territory=requested, dataset=row.dataset, link_checked=checked,
    )


def hiring_for_occupation(rome_code: str, territory: Territory | None, family: str = "") -> HiringFigure | None:
    """The latest published hiring projects of the BMO métier linked to ``rome_code`` (``RomeBmoLink``),
    in ``territory`` or the nearest parent with a figure; None when there is none.

    ``family``: the FAP 2009 family a page declares (a job profile's own, ``D2Z42``). A ROME code's
    links lead to the métier of its default family, which may be another one (« cariste », N1101,
    is counted with J0Z20 manutentionnaires; its profile is J1Z40). So with a family, the code's
    links are used only when its FAP 2009 métier is that family (its FAP 2021 match then describes
    the same occupation); otherwise the family's own FAP 2009 figure answers alone.
    """
    code = (rome_code or "").strip().upper()
    family = (family or "").strip().upper()
    if not code or territory is None:
        return None

    def build() -> HiringFigure | None:
        chain = territory_chain(territory)
        by_id = {item.pk: item for item in chain}
        position = {item.pk: index for index, item in enumerate(chain)}
        links = {(nomenclature, occupation_code): checked for nomenclature, occupation_code, checked in
                 RomeBmoLink.objects.filter(rome__code=code).values_list("occupation__nomenclature",
                                                                         "occupation__code", "checked")}
        if family and ("fap2009", family) in links:
            links = {key: checked for key, checked in links.items() if key[0] != "fap2009" or key[1] == family}
        elif family:
            links = {("fap2009", family): True}  # the page's own family, set by its editor
        best: HiringProjects | None = None
        if links:
            rows = (HiringProjects.objects.published()
                    .filter(territory__in=list(by_id), occupation_code__in={code for _, code in links})
                    .select_related("dataset"))
            for row in rows:
                if (row.nomenclature, row.occupation_code) not in links:
                    continue
                if best is None or (-row.year, position[row.territory_id]) < (-best.year,
                                                                              position[best.territory_id]):
                    best = row
        return None if best is None else _figure(best, territory, by_id,
                                                 links[(best.nomenclature, best.occupation_code)])

    return cached_figures(("bmo-occupation", territory.key, code, family), build)


def top_hiring_projects(territory: Territory | None, limit: int = 10) -> list[HiringFigure]:
    """The ``limit`` métiers with the most hiring projects in the latest published survey, in
    ``territory`` or the nearest parent that has figures; each with its share judged difficult.

    Métiers whose count is under secrecy are not ranked (a minimum is not a rank).
    """
    if territory is None:
        return []
    limit = max(1, min(int(limit), 50))

    def build() -> list[HiringFigure]:
        chain = territory_chain(territory)
        by_id = {item.pk: item for item in chain}
        published = HiringProjects.objects.published().filter(territory__in=list(by_id))
        available = published.order_by("-year").values_list("year", "territory_id").distinct()
        years: dict[int, set[int]] = {}
        for year, territory_id in available:
            years.setdefault(year, set()).add(territory_id)
        if not years:
            return []
        latest = max(years)
        used = next(item for item in chain if item.pk in years[latest])
        rows = (published.filter(year=latest, territory=used, projects__isnull=False, projects_partial=False)
                .select_related("dataset").order_by("-projects", "occupation_code")[:limit])
        return [_figure(row, territory, by_id, True) for row in rows]

    # A new list each time: callers may cut or reorder it; the figures themselves are frozen.
    return list(cached_figures(("bmo-top", territory.key, limit), build))
