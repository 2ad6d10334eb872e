"""The default filière grid: core NAF activities and the service activities that work for industry.

This is the starting point loaded into the database (``FiliereScope`` rows), then edited by
statisticians in the admin. Core activities are NAF rév. 2 codes or prefixes with share 1; the
shares of service activities are not typed here: they are derived from the input–output table
(:func:`observatory.industry.definitions.default_service_shares`) — the share of the service
branch's output bought by the filière's core branches.

Sources of the grid: INSEE's NAF rév. 2 (divisions and classes), the usual perimeters of the
French industrial filières (Conseil national de l'industrie, comités stratégiques de filière),
simplified so that each NAF code belongs to at most one filière. Divisions 18 (printing) and 32
(other manufacturing) belong to no filière: they count in the sector figure only.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FiliereDefinition:
    """A filière of the default grid: slug (stable, referenced by the careers app), French name, core codes."""

    slug: str
    name: str
    core_codes: tuple[str, ...]
    summary: str
    fap_families: tuple[str, ...] = ()  # FAP 87 families whose occupations matter to the filière


FILIERES: tuple[FiliereDefinition, ...] = (
    FiliereDefinition(
        "automobile", "Automobile", ("29",),
        "Construction de véhicules, de carrosseries et d’équipements automobiles.",
        ("D3Z", "D4Z", "D6Z", "G0A", "G1Z"),
    ),
    FiliereDefinition(
        "aeronautique-ferroviaire", "Aéronautique, spatial et ferroviaire",
        ("30.2", "30.3", "30.4", "30.9", "33.16", "33.17"),
        "Avions, hélicoptères, lanceurs, trains et tramways, et leur maintenance.",
        ("C1Z", "D1Z", "D4Z", "D6Z", "G0A", "G1Z"),
    ),
    FiliereDefinition(
        "agroalimentaire", "Agroalimentaire", ("10", "11", "12"),
        "Transformation des produits agricoles, boissons et produits alimentaires.",
        ("E0Z", "E1Z", "E2Z", "S0Z"),
    ),
    FiliereDefinition(
        "metallurgie-mecanique", "Métallurgie, mécanique et équipements",
        ("24", "25", "26", "27", "28", "30.1", "33.11", "33.12", "33.13", "33.14", "33.15", "33.19", "33.20"),
        "Métaux, pièces et produits métalliques, machines, équipements électriques et électroniques, "
        "construction navale, réparation et installation de machines.",
        ("C1Z", "C2Z", "D0Z", "D1Z", "D2Z", "D4Z", "D6Z", "G0A", "G1Z"),
    ),
    FiliereDefinition(
        "chimie-plasturgie", "Chimie, pharmacie et plasturgie", ("19", "20", "21", "22"),
        "Raffinage, chimie, médicaments, caoutchouc et matières plastiques.",
        ("E0Z", "E1Z", "E2Z"),
    ),
    FiliereDefinition(
        "textile-habillement", "Textile, habillement et cuir", ("13", "14", "15"),
        "Fils, tissus techniques, vêtements, cuir et chaussures.",
        ("F0Z", "F1Z", "F5Z"),
    ),
    FiliereDefinition(
        "energie", "Énergie, eau et déchets", ("05", "06", "09", "35", "36", "37", "38", "39"),
        "Production et distribution d’énergie, eau, assainissement, collecte et valorisation des déchets.",
        ("C1Z", "C2Z", "E1Z", "G0A", "G1Z"),
    ),
    FiliereDefinition(
        "materiaux-construction", "Matériaux, bois et papier", ("07", "08", "16", "17", "23", "31"),
        "Carrières, verre, céramique, ciment et béton, bois, papier-carton et meubles.",
        ("B1Z", "E1Z", "F2Z", "F3Z"),
    ),
)

FILIERE_SLUGS: tuple[str, ...] = tuple(filiere.slug for filiere in FILIERES)

#: Service activities that industry buys (outsourced since the 1990s). Each line: NAF code, why.
#: Their share per filière defaults to the share of their A38 branch's output bought by the
#: filière's core branches (input–output table).
SERVICE_ACTIVITIES: tuple[tuple[str, str], ...] = (
    ("78.20Z", "Intérim : intérimaires mis à disposition des usines (comptés une seule fois)"),
    ("78.30Z", "Autre mise à disposition de ressources humaines"),
    ("81.22Z", "Nettoyage industriel"),
    ("80.10Z", "Sécurité et gardiennage de sites"),
    ("71.12B", "Ingénierie, études techniques"),
    ("71.20B", "Analyses, essais et inspections techniques"),
    ("72.19Z", "Recherche-développement en sciences physiques et naturelles"),
    ("62.02A", "Conseil en systèmes et logiciels informatiques"),
    ("49.41A", "Transports routiers de fret interurbains"),
    ("52.10B", "Entreposage et stockage non frigorifique"),
    ("52.29A", "Messagerie, fret express"),
    ("77.39Z", "Location de machines et équipements"),
)
