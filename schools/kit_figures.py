"""Figures in the teachers' kit documents, read from the observatory when a document is written.

A kit document's text never carries a typed statistic: it carries a figure reference,
``{{chiffre:<measure>:<FAP code>[:<territory key>]}}``, which :func:`fill_figures` replaces by the
published figure followed by its source, period and territory — « 2 020 € (Dares, Insee (enquête
Emploi), 2017-2019, France entière) ». The measures are those of the observatory's key figures
(:class:`observatory.models.KeyIndicator.Measure`): ``median_salary`` (€ net per month, DARES
« Portrait statistique des métiers », France), ``share_women`` (% of people in employment, same
source), ``tension_level`` (DARES and France Travail tension category, in words, for the
territory; France by default). A document written again after a new publication carries the new
figure: the text cannot drift from the data.

Examples: ``{{chiffre:median_salary:G1Z}}``, ``{{chiffre:share_women:E1Z46}}``,
``{{chiffre:tension_level:D2Z42:FR}}``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: ``{{chiffre:median_salary:G1Z}}`` or ``{{chiffre:tension_level:D2Z42:DEP-59}}``.
FIGURE_REFERENCE = re.compile(
    r"\{\{chiffre:(?P<measure>[a-z_]+):(?P<fap>[A-Z][0-9][A-Z](?:[0-9]{2})?)(?::(?P<territory>[A-Z0-9-]+))?\}\}")
#: The measures a kit document may cite: those of a family (FAP), with a national or local figure.
KIT_MEASURES = ("median_salary", "share_women", "tension_level")
#: Where a figure reference names no territory.
DEFAULT_TERRITORY = "FR"
UNAVAILABLE = "chiffre non disponible : l'observatoire n'a pas encore publié cette donnée"


@dataclass(frozen=True)
class FigureReference:
    """One ``{{chiffre:…}}`` reference of a kit text: what to show (measure, family, territory)."""

    measure: str
    fap: str
    territory: str = DEFAULT_TERRITORY

    @property
    def token(self) -> str:
        return f"{{{{chiffre:{self.measure}:{self.fap}:{self.territory}}}}}"


def figure_references(text: str) -> list[FigureReference]:
    """The figure references of ``text``, in order; ``ValueError`` for an unknown measure."""
    references = []
    for match in FIGURE_REFERENCE.finditer(text):
        if match["measure"] not in KIT_MEASURES:
            raise ValueError(f"mesure inconnue dans {match[0]!r} : attendu l'une de {', '.join(KIT_MEASURES)}")
        references.append(FigureReference(match["measure"], match["fap"], match["territory"] or DEFAULT_TERRITORY))
    return references


def figure_phrase(reference: FigureReference) -> str:
    """The published figure of ``reference`` in words, with its source, period and territory.

    « 2 020 € (Dares, Insee (enquête Emploi), 2017-2019, France entière) » ; a detailed family
    without a published figure gets its broader family's, said; a cell the producer left empty
    reads « non publié … »; no published figure at all reads :data:`UNAVAILABLE`. Cached with the
    observatory's key figures (invalidated at each publication).
    """
    from observatory.models import FapFamily, KeyIndicator, Territory
    from observatory.services import key_indicator_value

    fap = FapFamily.objects.filter(code=reference.fap).first()
    territory = Territory.objects.filter(key=reference.territory).first()
    if fap is None or territory is None:
        return UNAVAILABLE
    figure = key_indicator_value(KeyIndicator(title="", measure=reference.measure, fap=fap, territory=territory))
    if figure is None:
        return UNAVAILABLE
    place = "France entière" if figure.is_national or figure.territory.key == "FR" else figure.territory.name
    details = [figure.dataset.source, str(figure.vintage), place]
    if figure.is_broader_family:
        details.append(f"famille FAP {figure.family_code}, faute de chiffre publié pour la famille {reference.fap}")
    value = figure.display
    if figure.unpublished:
        value = "non publié (trop peu de personnes dans l'enquête pour un chiffre fiable)"
    elif reference.measure == KeyIndicator.Measure.TENSION_LEVEL:
        value = f"« {figure.display.lower()} »"
    return f"{value} ({', '.join(details)})"


def fill_figures(text: str) -> str:
    """``text`` with each ``{{chiffre:…}}`` reference replaced by :func:`figure_phrase` (one lookup each)."""
    figure_references(text)  # refuses an unknown measure before anything is written
    return FIGURE_REFERENCE.sub(
        lambda match: figure_phrase(FigureReference(match["measure"], match["fap"],
                                                    match["territory"] or DEFAULT_TERRITORY)), text)
