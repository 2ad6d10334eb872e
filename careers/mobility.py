"""Related occupations of a job profile from France Travail's ROME 4.0 mobility links (« Métiers proches »).

Pure (no Django import), tested without a database. The links come from the observatory
(:class:`observatory.models.RomeMobility`, ``rome-mobility`` importer); :func:`careers.occupations.
related_occupations_for` reads them for a page in one query and calls :func:`related_occupations`.

A profile is keyed on ROME v3 codes, the links on ROME 4.0 fiches: a profile's links are those of
every 4.0 fiche descending from its codes, and a link's target leads to our profile of the target's
v3 parent when there is one (every industrial occupation has one) — several 4.0 targets collapsing
onto one profile are shown once. A target without a profile is named as France Travail names the
4.0 fiche and linked to France Travail's own fiche by its code. Editors' hand-picked profiles are
shown first, by the page itself; the links repeat none of them, nor the page.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass

#: ``RomeMobility.mobility_type`` values (``observatory.importers.rome_mobility``): "" when the file
#: does not say, as in ROME 4.0 v460.
CLOSE = "proche"
EVOLUTION = "evolution"


@dataclass(frozen=True)
class MobilityLink:
    """A ROME 4.0 mobility link seen from a profile: the fiche it leads to."""

    target: str  # ROME 4.0 fiche code, e.g. "H2917"
    target_label: str  # as France Travail writes it, « Soudeur / Soudeuse MIG MAG »
    target_parent: str  # the ROME v3 fiche it descends from, e.g. "H2913"
    mobility_type: str  # CLOSE, EVOLUTION or ""
    order: int | None  # the link's position in its source fiche's list, 1 first


@dataclass(frozen=True)
class ProfileTarget:
    """One of our job profiles, as a link target."""

    id: int
    title: str
    url: str


@dataclass(frozen=True)
class RelatedOccupation:
    """An occupation shown in « Métiers proches »: our profile, or France Travail's fiche (``external``)."""

    label: str
    url: str
    code: str  # the ROME v3 code of our profile, or the 4.0 fiche's code on France Travail
    external: bool
    mobility_type: str

    @property
    def is_evolution(self) -> bool:
        return self.mobility_type == EVOLUTION


def related_occupations(links: Iterable[MobilityLink], own_codes: Collection[str],
                        profiles: Mapping[str, ProfileTarget], shown_profile_ids: Collection[int],
                        fiche_url: str) -> list[RelatedOccupation]:
    """The occupations a profile's mobility links lead to, each once, in the fiches' order.

    ``own_codes``: the profile's ROME v3 codes (links back to them are self-links, dropped);
    ``profiles``: ROME v3 code → our profile for it; ``shown_profile_ids``: profiles already on
    the page (itself, editors' picks), not repeated; ``fiche_url``: France Travail's fiche address
    with ``{code}``. Close occupations (or untyped links) come before evolutions, then by rank in
    the source fiche (1 first), then by code; an occupation reached both ways is shown as close.
    """
    ranked = sorted(links, key=lambda link: (link.mobility_type == EVOLUTION, link.order is None, link.order or 0,
                                              link.target))
    seen: set[tuple[str, object]] = set()
    related = []
    for link in ranked:
        if link.target_parent in own_codes or link.target in own_codes:
            continue
        profile = profiles.get(link.target_parent)
        if profile is not None:
            key: tuple[str, object] = ("profile", profile.id)
            if profile.id in shown_profile_ids or key in seen:
                continue
            item = RelatedOccupation(profile.title, profile.url, link.target_parent, False, link.mobility_type)
        else:
            key = ("fiche", link.target)
            if key in seen:
                continue
            item = RelatedOccupation(link.target_label, fiche_url.format(code=link.target), link.target, True,
                                     link.mobility_type)
        seen.add(key)
        related.append(item)
    return related


_VERSION = re.compile(r"^(?P<major>\d+(?:\.\d+)?)\s*v(?P<version>\d+)$")


def rome_version_label(version: str) -> str:
    """« 4.0 v460 » (``Rome4Occupation.version``) → « ROME 4.0, version 460 »; anything else → « ROME <version> »."""
    match = _VERSION.match(version.strip())
    if match:
        return f"ROME {match['major']}, version {match['version']}"
    return f"ROME {version}".strip()
