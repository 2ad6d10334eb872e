"""Three definitions of industrial employment, and the gaps between them.

1. **Sector** — salaried jobs in NAF rév. 2 sections B (extraction), C (manufacturing),
   D (energy) and E (water, waste): the usual official figure (INSEE, URSSAF).
2. **Filière** — for each value chain, the jobs of its *core* activities (NAF codes, share
   usually 1) plus an explicit *share* of the service activities that work for it
   (engineering, maintenance, logistics, temporary agency work, cleaning, IT…). A job is never
   counted twice: for every activity, the shares of all filières together must not exceed 1.
   Temporary agency workers are employed by agencies (NAF 78.20Z, a service): they enter
   industry only through the share of 78.20Z attributed to filières — the sector figure never
   contains them, so nothing is counted twice.
3. **Input–output** — the jobs of every branch embodied in final demand for industrial products,
   ``diag(e/x) · L · f_industry`` (see :mod:`observatory.industry.io_algebra`), regionalised from
   national coefficients by location quotients when the territory has no table of its own.

Codes: a NAF code is written as INSEE does (``25.62B``, ``25.62``, ``25.6``, ``25``) or without
the dot (``2562B``); an A38 branch is two letters (``CH``, ``NZ``). Employment is in jobs.
Pure functions: no Django import.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

from observatory.industry import io_algebra
from observatory.industry.lazy_numpy import np

INDUSTRY_SECTIONS: tuple[str, ...] = ("B", "C", "D", "E")

# INSEE's A38 aggregation of NAF rév. 2 divisions (source: INSEE, « Nomenclature agrégée NA 2008,
# niveau A38 »). Divisions not listed do not exist in NAF rév. 2.
_A38_DIVISION_RANGES: tuple[tuple[str, int, int], ...] = (
    ("AZ", 1, 3), ("BZ", 5, 9), ("CA", 10, 12), ("CB", 13, 15), ("CC", 16, 18), ("CD", 19, 19),
    ("CE", 20, 20), ("CF", 21, 21), ("CG", 22, 23), ("CH", 24, 25), ("CI", 26, 26), ("CJ", 27, 27),
    ("CK", 28, 28), ("CL", 29, 30), ("CM", 31, 33), ("DZ", 35, 35), ("EZ", 36, 39), ("FZ", 41, 43),
    ("GZ", 45, 47), ("HZ", 49, 53), ("IZ", 55, 56), ("JA", 58, 60), ("JB", 61, 61), ("JC", 62, 63),
    ("KZ", 64, 66), ("LZ", 68, 68), ("MA", 69, 71), ("MB", 72, 72), ("MC", 73, 75), ("NZ", 77, 82),
    ("OZ", 84, 84), ("PZ", 85, 85), ("QA", 86, 86), ("QB", 87, 88), ("RZ", 90, 93), ("SZ", 94, 96),
    ("TZ", 97, 98), ("UZ", 99, 99),
)
_SECTION_DIVISION_RANGES: tuple[tuple[str, int, int], ...] = (
    ("A", 1, 3), ("B", 5, 9), ("C", 10, 33), ("D", 35, 35), ("E", 36, 39), ("F", 41, 43), ("G", 45, 47),
    ("H", 49, 53), ("I", 55, 56), ("J", 58, 63), ("K", 64, 66), ("L", 68, 68), ("M", 69, 75), ("N", 77, 82),
    ("O", 84, 84), ("P", 85, 85), ("Q", 86, 88), ("R", 90, 93), ("S", 94, 96), ("T", 97, 98), ("U", 99, 99),
)
A38_BRANCHES: tuple[str, ...] = tuple(code for code, _, _ in _A38_DIVISION_RANGES)
#: A38 branches that make up NAF sections B–E (the "sector" definition at branch level).
INDUSTRIAL_A38: tuple[str, ...] = ("BZ", "CA", "CB", "CC", "CD", "CE", "CF", "CG", "CH", "CI", "CJ", "CK",
                                   "CL", "CM", "DZ", "EZ")

#: The regionalisation variants computed for every territory so that readers see how much the
#: input–output figure depends on that choice (the published figure uses the first): Flegg's
#: location quotients (δ = 0.3), simple location quotients, national coefficients unchanged.
SENSITIVITY_METHODS: tuple[tuple[str, str], ...] = (
    ("flq", "Quotients de localisation de Flegg (δ = 0,3) — chiffre publié"),
    ("slq", "Quotients de localisation simples"),
    ("national", "Coefficients nationaux, sans régionalisation"),
)

#: A38 branches of services (sections G to U): agriculture (AZ) and construction (FZ) are neither
#: industry nor services, so tables of « services that live off industry » leave them out.
SERVICE_A38: tuple[str, ...] = tuple(code for code in A38_BRANCHES if code not in INDUSTRIAL_A38
                                     and code not in ("AZ", "FZ"))

#: Short French labels of the A38 branches (INSEE, NA 2008 niveau A38), for tables and charts.
A38_LABELS: dict[str, str] = {
    "AZ": "Agriculture, sylviculture et pêche", "BZ": "Industries extractives",
    "CA": "Industries alimentaires, boissons, tabac", "CB": "Textile, habillement, cuir et chaussure",
    "CC": "Bois, papier et imprimerie", "CD": "Cokéfaction et raffinage", "CE": "Industrie chimique",
    "CF": "Industrie pharmaceutique", "CG": "Caoutchouc, plastique et autres minéraux non métalliques",
    "CH": "Métallurgie et produits métalliques", "CI": "Produits informatiques, électroniques et optiques",
    "CJ": "Équipements électriques", "CK": "Machines et équipements", "CL": "Matériels de transport",
    "CM": "Autres industries manufacturières ; réparation et installation", "DZ": "Électricité, gaz, vapeur",
    "EZ": "Eau, assainissement, déchets et dépollution", "FZ": "Construction", "GZ": "Commerce ; réparation automobile",
    "HZ": "Transports et entreposage", "IZ": "Hébergement et restauration", "JA": "Édition, audiovisuel et diffusion",
    "JB": "Télécommunications", "JC": "Activités informatiques et services d’information",
    "KZ": "Activités financières et d’assurance", "LZ": "Activités immobilières",
    "MA": "Juridique, comptable, gestion, architecture, ingénierie", "MB": "Recherche-développement scientifique",
    "MC": "Autres activités spécialisées, scientifiques et techniques",
    "NZ": "Services administratifs et de soutien (dont intérim, nettoyage)", "OZ": "Administration publique",
    "PZ": "Enseignement", "QA": "Activités pour la santé humaine", "QB": "Hébergement médico-social et action sociale",
    "RZ": "Arts, spectacles et activités récréatives", "SZ": "Autres activités de services",
    "TZ": "Activités des ménages en tant qu’employeurs", "UZ": "Activités extra-territoriales",
}

_NAF_PATTERN = re.compile(r"^(\d{2})(?:\.?(\d{1,2}))?([A-Z])?$")
_A38_PATTERN = re.compile(r"^[A-Z][A-Z]$")

#: Temporary agency work (« activités des agences de travail temporaire »).
TEMPORARY_AGENCY_NAF = "78.20Z"


class DefinitionError(ValueError):
    """A scope or employment input is inconsistent; the message names the codes at fault (French)."""


@lru_cache(maxsize=8192)  # pure and called for every employment row of every territory
def normalise_naf(code: str) -> str:
    """``2562b``, `` 25.62B `` → ``25.62B``; ``25`` stays ``25``; ``256`` → ``25.6``.

    Raises :class:`DefinitionError` for anything that is not a NAF rév. 2 code or prefix.
    """
    cleaned = str(code).strip().upper().replace(" ", "")
    match = _NAF_PATTERN.match(cleaned)
    if not match:
        raise DefinitionError(f"Code NAF invalide : « {code} » (attendu par exemple 25, 25.6, 25.62 ou 25.62B).")
    division, rest, letter = match.groups()
    if letter and (rest is None or len(rest) != 2):
        raise DefinitionError(f"Code NAF invalide : « {code} » (la lettre suit une classe à 4 chiffres, ex. 25.62B).")
    return division + (f".{rest}" if rest else "") + (letter or "")


def naf_division(code: str) -> int:
    """The NAF division (first two digits) of a NAF code or prefix, as an integer."""
    return int(normalise_naf(code)[:2])


def _lookup(ranges: tuple[tuple[str, int, int], ...], division: int, code: str) -> str:
    for label, low, high in ranges:
        if low <= division <= high:
            return label
    raise DefinitionError(f"Division NAF inexistante : « {code} ».")


@lru_cache(maxsize=8192)
def naf_section(code: str) -> str:
    """NAF section letter (``A``…``U``) of a NAF code, e.g. ``25.62B`` → ``C``."""
    return _lookup(_SECTION_DIVISION_RANGES, naf_division(code), code)


@lru_cache(maxsize=8192)
def a38_branch(code: str) -> str:
    """INSEE A38 branch of a NAF code, e.g. ``25.62B`` → ``CH``, ``78.20Z`` → ``NZ``."""
    return _lookup(_A38_DIVISION_RANGES, naf_division(code), code)


@lru_cache(maxsize=1024)
def is_a38_code(code: str) -> bool:
    """Whether ``code`` is one of the 38 branch codes (``CH``), as opposed to a NAF code."""
    return bool(_A38_PATTERN.match(code.strip().upper())) and code.strip().upper() in A38_BRANCHES


def is_industrial(naf_code: str) -> bool:
    """Whether a NAF code belongs to sections B–E (the sector definition of industry)."""
    return naf_section(naf_code) in INDUSTRY_SECTIONS


@lru_cache(maxsize=8192)
def _is_subclass(code: str) -> bool:
    """Whether ``code`` is a NAF sous-classe (``25.62B``), the most detailed level."""
    try:
        return len(normalise_naf(code)) == 6
    except DefinitionError:
        return False


@lru_cache(maxsize=8192)
def _flat(code: str) -> str:
    """``25.62B`` → ``2562B``: NAF codes as plain prefixes of one another."""
    return normalise_naf(code).replace(".", "")


# --- Results ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Gap:
    """Difference between a definition and the sector figure: jobs and percent of the sector figure."""

    jobs: float
    percent: float | None  # None when the sector figure is zero (percent undefined)


def gap(value: float, reference: float) -> Gap:
    """``value − reference`` in jobs and as a percentage of ``reference``."""
    difference = float(value) - float(reference)
    return Gap(jobs=difference, percent=(difference / float(reference) * 100.0) if reference else None)


def aggregate_by_a38(employment: Mapping[str, float]) -> dict[str, float]:
    """Sum jobs by A38 branch, from jobs by NAF code (any level of detail)."""
    totals: dict[str, float] = {}
    for code, jobs in employment.items():
        branch = a38_branch(code)
        totals[branch] = totals.get(branch, 0.0) + float(jobs)
    return totals


def sector_employment_by_branch(employment: Mapping[str, float]) -> dict[str, float]:
    """Sector definition by A38 branch: jobs in NAF sections B–E only (jobs)."""
    return {branch: jobs for branch, jobs in aggregate_by_a38(employment).items() if branch in INDUSTRIAL_A38}


def sector_employment(employment: Mapping[str, float]) -> float:
    """Sector definition: total jobs in NAF sections B–E (jobs)."""
    return float(sum(jobs for code, jobs in employment.items() if is_industrial(code)))


# --- Filières ---------------------------------------------------------------------------------

ScopeKind = Literal["core", "service"]


@dataclass(frozen=True)
class ScopeRule:
    """One line of a filière's scope: a NAF code or prefix (or an A38 branch) and its share (0–1)."""

    filiere: str
    code: str
    share: float
    kind: ScopeKind = "core"

    @property
    def is_branch(self) -> bool:
        return is_a38_code(self.code)

    def specificity(self) -> int:
        """Longer NAF prefixes are more specific; an A38 branch is the least specific rule."""
        return 0 if self.is_branch else len(normalise_naf(self.code).replace(".", ""))

    def matches(self, naf_code: str) -> bool:
        if self.is_branch:
            return a38_branch(naf_code) == self.code.strip().upper()
        return _flat(naf_code).startswith(_flat(self.code))


@dataclass
class FiliereEmployment:
    """Jobs of one filière: core activities, attributed services, and the detail by NAF code."""

    filiere: str
    core: float = 0.0
    services: float = 0.0
    by_code: dict[str, float] = field(default_factory=dict)
    by_branch: dict[str, float] = field(default_factory=dict)

    @property
    def total(self) -> float:
        return self.core + self.services


def validate_scope_rules(rules: Iterable[ScopeRule]) -> list[str]:
    """Every problem in a set of scope rules, as French sentences (empty list: valid).

    Checks: codes are NAF codes/prefixes or A38 branches, shares within [0, 1], a code appears
    at most once per filière, and the shares of one code across filières add up to at most 1 —
    otherwise the same jobs would be counted in two filières.
    """
    problems: list[str] = []
    seen: dict[tuple[str, str], ScopeRule] = {}
    totals: dict[str, list[ScopeRule]] = {}
    for rule in rules:
        try:
            key = rule.code.strip().upper() if rule.is_branch else normalise_naf(rule.code)
        except DefinitionError as error:
            problems.append(f"{rule.filiere} : {error}")
            continue
        if not 0.0 <= rule.share <= 1.0:
            problems.append(f"{rule.filiere} : la part de {key} doit être comprise entre 0 et 1 (reçu : {rule.share}).")
        if (rule.filiere, key) in seen:
            problems.append(f"{rule.filiere} : le code {key} figure deux fois dans le périmètre.")
        seen[(rule.filiere, key)] = rule
        totals.setdefault(key, []).append(rule)
    for key, same_code in totals.items():
        total = sum(rule.share for rule in same_code)
        if total > 1.0 + 1e-9:
            names = ", ".join(sorted({rule.filiere for rule in same_code}))
            problems.append(
                f"Le code {key} est attribué à plus de 100 % ({total * 100:.1f} %) entre les filières {names} : "
                "ses emplois seraient comptés deux fois."
            )
    return problems


class ScopeIndex:
    """Scope rules compiled once, then applied to many territories (the rule lookup is cached per code).

    For each NAF code and each filière, the most specific matching rule applies (``25.62B`` before
    ``25.62`` before ``25`` before the branch ``CH``).
    """

    def __init__(self, rules: Sequence[ScopeRule]):
        problems = validate_scope_rules(rules)
        if problems:
            raise DefinitionError(" ; ".join(problems))
        self.filieres: list[str] = []
        self._by_filiere: dict[str, list[ScopeRule]] = {}
        for rule in rules:
            if rule.filiere not in self._by_filiere:
                self.filieres.append(rule.filiere)
            self._by_filiere.setdefault(rule.filiere, []).append(rule)
        for filiere_rules in self._by_filiere.values():
            filiere_rules.sort(key=ScopeRule.specificity, reverse=True)
        self._cache: dict[str, tuple[str, list[tuple[str, float, str]]]] = {}

    def attribution(self, naf_code: str) -> tuple[str, list[tuple[str, float, str]]]:
        """``(A38 branch, [(filière, share, kind), …])`` for a NAF code; raises on double counting."""
        cached = self._cache.get(naf_code)
        if cached is not None:
            return cached
        shares: list[tuple[str, float, str]] = []
        for filiere, filiere_rules in self._by_filiere.items():
            rule = next((r for r in filiere_rules if r.matches(naf_code)), None)
            if rule is not None and rule.share > 0:
                shares.append((filiere, rule.share, rule.kind))
        attributed = sum(share for _, share, _ in shares)
        if attributed > 1.0 + 1e-9:
            raise DefinitionError(
                f"Les emplois du code NAF {naf_code} sont attribués à {attributed * 100:.1f} % entre filières : "
                "des règles de niveaux différents se recouvrent, ces emplois seraient comptés deux fois."
            )
        result = (a38_branch(naf_code), shares)
        self._cache[naf_code] = result
        return result

    def employment(self, employment: Mapping[str, float]) -> dict[str, FiliereEmployment]:
        """Jobs of each filière (core + shares of services) from jobs by NAF code."""
        results = {filiere: FiliereEmployment(filiere) for filiere in self.filieres}
        for naf_code, jobs in employment.items():
            branch, shares = self.attribution(naf_code)
            for filiere, share, kind in shares:
                counted = float(jobs) * share
                result = results[filiere]
                if kind == "core":
                    result.core += counted
                else:
                    result.services += counted
                result.by_code[naf_code] = result.by_code.get(naf_code, 0.0) + counted
                result.by_branch[branch] = result.by_branch.get(branch, 0.0) + counted
        return results


def apply_temporary_work_share(rules: Sequence[ScopeRule], industry_share: float | None) -> list[ScopeRule]:
    """The scope rules with their ``78.20Z`` lines rescaled so that together they count ``industry_share``
    (0–1) of temporary agency workers.

    The input–output default share of 78.20Z (the part of the whole NZ branch's output bought by each
    filière, about 14 % in all with INSEE's 2018 table) undercounts temps: DARES counts about 40 %
    of them on assignment in industrial establishments (42,7 % at the end of Q2 2013, *Dares
    Indicateurs*). The sourced total replaces the sum; each filière keeps its relative weight (its
    line's share ÷ the sum of the 78.20Z lines). Rules without an exact ``78.20Z`` line, or with
    ``industry_share`` None, or whose 78.20Z lines are all zero, are returned unchanged.
    """
    if industry_share is None:
        return list(rules)
    if not 0.0 <= industry_share <= 1.0:
        raise DefinitionError(f"La part de l’intérim dans l’industrie doit être comprise entre 0 et 1 "
                              f"(reçu : {industry_share}).")

    def is_temporary_work(rule: ScopeRule) -> bool:
        return rule.code.strip().upper().replace(".", "") == TEMPORARY_AGENCY_NAF.replace(".", "")

    total = sum(rule.share for rule in rules if is_temporary_work(rule))
    if total <= 0:
        return list(rules)
    return [ScopeRule(rule.filiere, rule.code, industry_share * rule.share / total, rule.kind)
            if is_temporary_work(rule) else rule for rule in rules]


def filiere_employment(employment: Mapping[str, float], rules: Sequence[ScopeRule]) -> dict[str, FiliereEmployment]:
    """Filière definition: jobs of each filière (core + shares of services), from jobs by NAF code.

    Raises :class:`DefinitionError` when the rules are invalid, or when the shares of one employment
    code across filières exceed 1 through rules at different levels of detail (double counting).
    See :class:`ScopeIndex` for the matching rule.
    """
    return ScopeIndex(rules).employment(employment)


def detailed_employment(employment: Mapping[str, float]) -> dict[str, float]:
    """Keep only the most detailed NAF codes: drop section letters and any code that is a prefix of another.

    A file may carry both a division and its sous-classes; adding both would count jobs twice.
    """
    if all(_is_subclass(code) for code in employment):  # the usual case: nothing to drop
        return {normalise_naf(code): float(jobs) for code, jobs in employment.items()}
    normalised: dict[str, float] = {}
    for code, jobs in employment.items():
        try:
            key = normalise_naf(code)
        except DefinitionError:
            continue  # section letters (``C``) and other aggregates
        normalised[key] = normalised.get(key, 0.0) + float(jobs)
    flat = {code.replace(".", ""): code for code in normalised}
    prefixes = {flat_code[:length] for flat_code in flat for length in range(2, len(flat_code))}
    return {code: jobs for code, jobs in normalised.items() if code.replace(".", "") not in prefixes}


def core_branch_weights(employment: Mapping[str, float], rules: Sequence[ScopeRule]) -> dict[str, dict[str, float]]:
    """For each filière, the share (0–1) of each A38 branch's jobs that belong to the filière's core.

    Used to attribute a branch's purchases of services to a filière when the filière covers only
    part of the branch (e.g. automobile = division 29, half of branch ``CL``).
    """
    branch_totals = aggregate_by_a38(employment)
    core_rules = [rule for rule in rules if rule.kind == "core"]
    weights: dict[str, dict[str, float]] = {}
    for filiere, result in filiere_employment(employment, core_rules).items():
        weights[filiere] = {
            branch: jobs / branch_totals[branch]
            for branch, jobs in result.by_branch.items()
            if branch_totals.get(branch)
        }
    return weights


def default_service_shares(
    flows: np.ndarray,
    output: np.ndarray,
    branches: Sequence[str],
    core_weights: Mapping[str, Mapping[str, float]],
    service_branches: Iterable[str],
) -> dict[str, dict[str, float]]:
    """Default share of each service branch attributed to each filière, from an input–output table.

    ``share(s, F) = Σ_j Z[s, j] · w_F,j / x_s`` — the part of service branch *s*'s output that the
    core branches *j* of filière *F* buy as intermediate consumption, weighting each branch by the
    part ``w_F,j`` of its jobs that belong to the filière core (see :func:`core_branch_weights`).
    ``flows`` must be domestic flows (imports removed) so that shares stay below 1. Shares of one
    service across filières are scaled down if they would exceed 1 (never the case for a balanced
    table, kept as a guard against double counting).
    """
    z = np.asarray(flows, dtype=np.float64)
    x = np.asarray(output, dtype=np.float64)
    index = {code: position for position, code in enumerate(branches)}
    shares: dict[str, dict[str, float]] = {filiere: {} for filiere in core_weights}
    for service in service_branches:
        s = index.get(service)
        if s is None or x[s] <= 0:
            continue
        for filiere, weights in core_weights.items():
            bought = sum(z[s, index[branch]] * weight for branch, weight in weights.items() if branch in index)
            shares[filiere][service] = max(0.0, float(bought / x[s]))
        total = sum(shares[filiere].get(service, 0.0) for filiere in shares)
        if total > 1.0:
            for filiere in shares:
                shares[filiere][service] /= total
    return shares


# --- Input–output definition ------------------------------------------------------------------


@dataclass(frozen=True)
class IOEmploymentResult:
    """Jobs by branch embodied in final demand for industrial products, and how they were computed."""

    branches: tuple[str, ...]
    jobs: np.ndarray  # jobs by branch, aligned with ``branches``
    method: str  # "national" or "slq"/"flq" (regionalised)
    clipped_final_demand: tuple[str, ...] = ()  # industrial products whose regional final demand was < 0

    @property
    def total(self) -> float:
        return float(self.jobs.sum())

    def by_branch(self) -> dict[str, float]:
        return {branch: float(jobs) for branch, jobs in zip(self.branches, self.jobs, strict=True)}


def io_industry_employment(
    coefficients: np.ndarray,
    output: np.ndarray,
    branches: Sequence[str],
    national_employment: np.ndarray,
    territory_employment: np.ndarray | None = None,
    *,
    industrial_branches: Iterable[str] = INDUSTRIAL_A38,
    method: io_algebra.LocationQuotientMethod | Literal["national"] = "flq",
    delta: float = io_algebra.DEFAULT_FLEGG_DELTA,
) -> IOEmploymentResult:
    """Input–output definition for a territory: ``diag(e/x) · L_r · f_r,industry`` (jobs by branch).

    ``method="national"`` keeps the national coefficients for the territory (no location quotient):
    the variant that assumes the territory buys locally all it needs, shown beside the others as a
    sensitivity check (``SENSITIVITY_METHODS``).

    - national coefficients ``A`` and output ``x`` come from the national table; ``e`` is the
      national employment by branch (same branches), so ``e/x`` is jobs per unit of output;
    - for a sub-national territory (``territory_employment`` given), output is assumed to follow
      employment at national productivity (``x_r = x · e_r / e``), coefficients are regionalised
      by location quotients (:func:`io_algebra.regional_coefficients`), and the territory's final
      demand is ``f_r = (I − A_r) · x_r`` — it includes sales to other regions and abroad; a row whose
      local purchases would exceed local output is scaled down to local output (``f_r,i = 0``);
    - ``f_industry`` keeps the final demand for industrial products only (B–E); a negative
      regional final demand for an industrial product (possible when local purchases exceed the
      branch's local output) is set to 0 and reported in ``clipped_final_demand``.
    With the full final demand the result would be ``e_r`` itself, so the total never exceeds
    the territory's employment.
    """
    a = np.asarray(coefficients, dtype=np.float64)
    x = np.asarray(output, dtype=np.float64)
    e_national = np.asarray(national_employment, dtype=np.float64)
    labour = io_algebra.employment_coefficients(e_national, x)
    industrial = np.array([branch in set(industrial_branches) for branch in branches])
    if territory_employment is None:
        local_a, local_x, label = a, x, "national"
    else:
        e_local = np.asarray(territory_employment, dtype=np.float64)
        if e_local.shape != e_national.shape:
            raise DefinitionError("L’emploi du territoire et l’emploi national doivent porter sur les mêmes branches.")
        local_a = a.copy() if method == "national" else io_algebra.regional_coefficients(
            a, e_local, e_national, method=method, delta=delta)
        productivity = np.divide(x, e_national, out=np.zeros_like(x), where=e_national > 0)
        local_x = productivity * e_local
        # Location quotients ignore how much the local buyers need: in a territory very specialised
        # in a buying branch, local purchases of a product could exceed its local output. Such rows
        # are scaled down so that local purchases equal local output (the rest is bought elsewhere).
        local_use = local_a @ local_x
        excess = local_use > local_x
        if np.any(excess):
            scale = np.divide(local_x, local_use, out=np.ones_like(local_x), where=excess)
            local_a = local_a * np.where(excess, scale, 1.0)[:, np.newaxis]
        label = method
    leontief = io_algebra.leontief_inverse(local_a)
    final_demand = io_algebra.final_demand_from_output(local_a, local_x)
    clipped = tuple(branch for branch, value, ind in zip(branches, final_demand, industrial, strict=True)
                    if ind and value < 0)
    industrial_demand = np.where(industrial, np.clip(final_demand, 0.0, None), 0.0)
    jobs = io_algebra.embodied_employment(leontief, labour, industrial_demand)
    return IOEmploymentResult(branches=tuple(branches), jobs=jobs, method=label, clipped_final_demand=clipped)
