"""Readers for symmetric input–output tables, with balance checks (pure: no Django).

Two layouts are supported, both documented in ``docs/industry-definitions.md``:

- **UN handbook layout** (:func:`parse_un_symmetric_table`): one CSV, one row per product with
  the columns ``prod_na, prod_na_lab, numeric_label, quadrant, iotables_row``, then one column
  per branch, ``TOTAL``, the final-demand columns and ``total_output_bp``; product rows have
  quadrant ``10``, primary inputs ``20``, satellite accounts (employment) ``50``. Employment is kept
  per concept (:data:`observatory.industry.io_algebra.EMPLOYMENT_CONCEPTS`): ``total`` from the
  ``EMP`` row (total employment, domestic concept), ``salaried`` from the ``EMP-WS`` row (wage and
  salary earners); or from a separate file (:func:`parse_employment_concepts`: ``label,value_1,…,value_n``,
  one value per branch, lines ``Total`` and ``Wage_and_salary_earners``). Other employment rows
  (``EMP-FTE``, self-employed) are not a concept the site publishes and are left out.
- **INSEE A38 extraction** (:func:`parse_insee_a38`): five ``;``-separated files
  ``insee_a38_<year>_{tei,cpeb,ere,tess,branches}.csv`` (see SOURCES), from which the domestic
  flows are rebuilt as ``Z[i, j] = tei[j][i] · IC_j · RESS_i / TRESS_i``.

Every problem is reported with its file, line, column and value; nothing is returned unless the
whole table is valid.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from observatory.industry import io_algebra
from observatory.industry.definitions import A38_LABELS
from observatory.industry.lazy_numpy import np

# Published tables are rounded to the unit: a sum of k rounded cells may differ from the
# published total by up to k/2 units. Beyond that, or beyond 0.1 %, the table is unbalanced.
RELATIVE_TOLERANCE = 1e-3


@dataclass(frozen=True)
class TableProblem:
    """One problem found in an input file (French message for import reports)."""

    file: str
    line: int | None
    column: str | None
    value: str | None
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f", ligne {self.line}"
        if self.column:
            where += f", colonne « {self.column} »"
        shown = f" (valeur : « {self.value} »)" if self.value is not None else ""
        return f"{where} : {self.message}{shown}"


class TableError(ValueError):
    """The table is invalid; ``problems`` lists every problem found."""

    def __init__(self, problems: Sequence[TableProblem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems[:50]))


@dataclass
class SymmetricTable:
    """A symmetric (branch × branch) input–output table, ready for Leontief analysis.

    ``flows`` are domestic inter-branch flows ``Z`` (imports excluded), ``output`` the output
    ``x``, ``final_demand`` the domestic final demand ``f`` (``None`` when the source has none:
    it is then ``x − Z·1``), ``employment`` jobs by branch in ``employment_unit`` for each employment
    concept the source carries (``{"total": e, "salaried": e}``; empty when it carries none, as
    INSEE's A38 extraction). Money in ``unit``.
    """

    codes: tuple[str, ...]
    labels: tuple[str, ...]
    flows: np.ndarray
    output: np.ndarray
    final_demand: np.ndarray | None = None
    employment: dict[str, np.ndarray] = field(default_factory=dict)
    unit: str = ""
    employment_unit: str = ""
    final_demand_components: dict[str, np.ndarray] = field(default_factory=dict)

    @property
    def coefficients(self) -> np.ndarray:
        return io_algebra.technical_coefficients(self.flows, self.output)


def decode(raw: bytes) -> str:
    """Decode a CSV file as every importer does: UTF-8 (with or without BOM), else Windows-1252
    (INSEE's older exports; « œ » is 0x9C there). UTF-16 or binary content raises ``TableError``."""
    from observatory.importers.parsing import decode_bytes

    try:
        return decode_bytes(raw)
    except ValueError as error:
        raise TableError([TableProblem("", None, None, None, str(error))]) from None


def _read_rows(text: str) -> list[list[str]]:
    sample = text[:4096]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    return [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text), delimiter=delimiter)]


def parse_number(value: str) -> float:
    """``"1 234,5"``, ``"1234.5"``, ``"-58"``, ``"1.9e-05"`` → float; raises ValueError otherwise.

    An empty cell is not zero: it raises, so that a truncated table is caught.
    """
    cleaned = value.strip().replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
    if "," in cleaned and "." not in cleaned:
        cleaned = cleaned.replace(",", ".")
    number = float(cleaned)
    if not math.isfinite(number):
        raise ValueError(value)
    return number


class _Collector:
    def __init__(self, file: str):
        self.file = file
        self.problems: list[TableProblem] = []

    def add(self, message: str, line: int | None = None, column: str | None = None, value: str | None = None) -> None:
        self.problems.append(TableProblem(self.file, line, column, value, message))

    def number(self, value: str, line: int, column: str, *, allow_negative: bool = False) -> float:
        try:
            number = parse_number(value)
        except ValueError:
            self.add("nombre attendu", line, column, value)
            return 0.0
        if number < 0 and not allow_negative:
            self.add("valeur négative interdite", line, column, value)
        return number

    def raise_if_any(self) -> None:
        if self.problems:
            raise TableError(self.problems)


def _tolerance(total: float, cells: int) -> float:
    return max(0.5 * cells, RELATIVE_TOLERANCE * abs(total))


# --- UN handbook layout ---------------------------------------------------------------------

UN_META_COLUMNS = ("prod_na", "prod_na_lab", "numeric_label", "quadrant", "iotables_row")
UN_TOTAL_COLUMN = "TOTAL"
UN_OUTPUT_COLUMN = "total_output_bp"
UN_PRODUCT_QUADRANT = "10"
#: Employment rows of the UN layout (``prod_na``) → employment concept.
UN_EMPLOYMENT_ROWS = {"EMP": "total", "EMP-WS": "salaried"}
#: Lines of the UN handbook's separate employment file (lower case) → employment concept.
EMPLOYMENT_FILE_LINES = {"total": "total", "wage_and_salary_earners": "salaried"}

#: Size of the money units tables are given in, in million euros (a table's ``unit``).
MONEY_UNITS_IN_MILLION_EUROS = {"millions d'euros": 1.0, "milliards d'euros": 1000.0}
#: Size of the employment units, in jobs (a table's ``employment_unit``).
EMPLOYMENT_UNITS_IN_JOBS = {"emplois": 1.0, "personnes": 1.0, "milliers de personnes": 1000.0,
                            "milliers d'emplois": 1000.0}


def jobs_per_million_euros_factor(unit: str, employment_unit: str) -> float:
    """What turns ``employment / output`` (in the table's units) into jobs per million euros.

    The UN handbook's example gives thousands of persons and billion euros: the factor is
    1 000 / 1 000 = 1. Raises ``ValueError`` (French) for a unit it does not know.
    """
    def key(text: str) -> str:
        return text.strip().lower().replace("’", "'")

    try:
        return EMPLOYMENT_UNITS_IN_JOBS[key(employment_unit)] / MONEY_UNITS_IN_MILLION_EUROS[key(unit)]
    except KeyError:
        raise ValueError(f"unités inconnues : « {unit} » et « {employment_unit} » (attendu par exemple "
                         "millions d’euros et milliers de personnes)") from None


def parse_employment_rows(text: str, size: int, *, file: str = "emploi", row_label: str | None = None) -> np.ndarray:
    """Employment by branch from ``label,v1,…,vn`` lines (UN handbook's employment file).

    Takes the row named ``row_label`` (case-insensitive), else the first row. ``size`` is the
    number of branches of the table.
    """
    collector = _Collector(file)
    rows = [row for row in _read_rows(text) if any(row)]
    if not rows:
        collector.add("fichier vide")
        collector.raise_if_any()
    chosen_index = 0
    if row_label is not None:
        names = [row[0].lower() for row in rows]
        if row_label.lower() not in names:
            collector.add(f"ligne « {row_label} » introuvable (lignes présentes : {', '.join(r[0] for r in rows)})")
            collector.raise_if_any()
        chosen_index = names.index(row_label.lower())
    row = rows[chosen_index]
    values = row[1:]
    if len(values) != size:
        collector.add(f"{size} valeurs attendues (une par branche), {len(values)} trouvées", chosen_index + 1)
        collector.raise_if_any()
    employment = np.array([collector.number(v, chosen_index + 1, f"branche {k + 1}") for k, v in enumerate(values)])
    collector.raise_if_any()
    return employment


def parse_employment_concepts(text: str, size: int, *, file: str = "emploi") -> dict[str, np.ndarray]:
    """Employment by branch for each concept found in a ``label,v1,…,vn`` file (UN handbook's layout).

    ``Total`` → ``total``, ``Wage_and_salary_earners`` → ``salaried`` (case-insensitive); other
    lines (``Self-employed``) are ignored. A file with neither line is refused, naming its lines.
    """
    collector = _Collector(file)
    rows = [row for row in _read_rows(text) if any(row)]
    labels = [row[0] for row in rows]
    found = {EMPLOYMENT_FILE_LINES[label.lower()]: label for label in labels if label.lower() in EMPLOYMENT_FILE_LINES}
    if not found:
        expected = ", ".join(name.capitalize() for name in EMPLOYMENT_FILE_LINES)
        collector.add(f"aucune ligne d’emploi reconnue (attendu : {expected} ; lignes présentes : "
                      f"{', '.join(labels) or 'aucune'})")
        collector.raise_if_any()
    return {concept: parse_employment_rows(text, size, file=file, row_label=label) for concept, label in found.items()}


def parse_un_symmetric_table(
    text: str, *, file: str = "tableau", employment_text: str | None = None, unit: str = "milliards d’euros"
) -> SymmetricTable:
    """Read a symmetric table in the UN handbook layout and check its balances.

    Checks: the required columns exist; the product rows (quadrant 10, except ``TOTAL``) are as
    many as the branch columns; every cell is a number, flows and output are non-negative
    (final-demand components such as inventory changes may be negative); each product row's flows
    plus final demand equal ``total_output_bp``, and the ``P1`` (output) row equals it column by
    column, within rounding tolerance; ``I − A`` is invertible.
    """
    collector = _Collector(file)
    rows = _read_rows(text)
    if not rows:
        collector.add("fichier vide")
        collector.raise_if_any()
    header = rows[0]
    missing = [name for name in (*UN_META_COLUMNS, UN_TOTAL_COLUMN, UN_OUTPUT_COLUMN) if name not in header]
    if missing:
        collector.add(f"colonne(s) manquante(s) : {', '.join(missing)} (en-tête lu : {', '.join(header)})", 1)
        collector.raise_if_any()
    position = {name: index for index, name in enumerate(header)}
    first_branch = max(position[name] for name in UN_META_COLUMNS) + 1
    branch_columns = header[first_branch : position[UN_TOTAL_COLUMN]]
    demand_columns = header[position[UN_TOTAL_COLUMN] + 1 : position[UN_OUTPUT_COLUMN]]
    if not branch_columns:
        collector.add("aucune colonne de branche entre les colonnes descriptives et TOTAL", 1)
        collector.raise_if_any()

    products: list[tuple[int, list[str]]] = []
    output_row: tuple[int, list[str]] | None = None
    employment_rows: dict[str, tuple[int, list[str]]] = {}
    for line, row in enumerate(rows[1:], start=2):
        if not any(row):
            continue
        if len(row) != len(header):
            collector.add(f"{len(header)} colonnes attendues, {len(row)} trouvées (ligne tronquée ?)", line)
            continue
        code = row[position["prod_na"]]
        if row[position["quadrant"]] == UN_PRODUCT_QUADRANT and code.upper() != "TOTAL":
            products.append((line, row))
        elif code == "P1":
            output_row = (line, row)
        elif code in UN_EMPLOYMENT_ROWS:
            employment_rows[UN_EMPLOYMENT_ROWS[code]] = (line, row)
    collector.raise_if_any()
    size = len(branch_columns)
    if len(products) != size:
        collector.add(
            f"tableau non carré : {len(products)} lignes de produits (quadrant 10) pour {size} colonnes de branches"
        )
        collector.raise_if_any()

    flows = np.zeros((size, size))
    output = np.zeros(size)
    demand = np.zeros(size)
    components = {name: np.zeros(size) for name in demand_columns}
    for i, (line, row) in enumerate(products):
        for j, column in enumerate(branch_columns):
            flows[i, j] = collector.number(row[position[column]], line, column)
        for column in demand_columns:
            value = collector.number(row[position[column]], line, column, allow_negative=True)
            components[column][i] = value
            demand[i] += value
        output[i] = collector.number(row[position[UN_OUTPUT_COLUMN]], line, UN_OUTPUT_COLUMN)
    collector.raise_if_any()

    for i, (line, row) in enumerate(products):
        total = flows[i].sum() + demand[i]
        if abs(total - output[i]) > _tolerance(output[i], size + len(demand_columns)):
            collector.add(
                f"ligne déséquilibrée : consommations intermédiaires + demande finale = {total:g}, "
                f"production = {output[i]:g}",
                line, UN_OUTPUT_COLUMN, row[position[UN_OUTPUT_COLUMN]],
            )
    if output_row is not None:
        line, row = output_row
        for j, column in enumerate(branch_columns):
            column_output = collector.number(row[position[column]], line, column)
            if abs(column_output - output[j]) > _tolerance(output[j], 1):
                collector.add(
                    f"la production de la branche ({column_output:g}) diffère de celle du produit "
                    f"correspondant ({output[j]:g})", line, column, row[position[column]],
                )
    collector.raise_if_any()

    employment: dict[str, np.ndarray] = {}
    if employment_text is not None:
        employment = parse_employment_concepts(employment_text, size, file=f"{file} (emploi)")
    else:
        for concept, (line, row) in employment_rows.items():
            employment[concept] = np.array([collector.number(row[position[c]], line, c) for c in branch_columns])
        collector.raise_if_any()

    table = SymmetricTable(
        codes=tuple(branch_columns),
        labels=tuple(row[position["prod_na_lab"]] for _, row in products),
        flows=flows, output=output, final_demand=demand, employment=employment,
        unit=unit, employment_unit="milliers de personnes" if employment else "",
        final_demand_components=components,
    )
    check_invertible(table, file)
    return table


def check_invertible(table: SymmetricTable, file: str) -> None:
    """Raise :class:`TableError` when the table's ``I − A`` cannot be inverted (or is not productive)."""
    try:
        io_algebra.leontief_inverse(table.coefficients)
    except io_algebra.InputOutputError as error:
        raise TableError([TableProblem(file, None, None, None, str(error))]) from error


# --- INSEE A38 extraction -------------------------------------------------------------------

INSEE_PARTS = ("tei", "cpeb", "ere", "tess", "branches")


def _square(collector: _Collector, rows: list[list[str]], codes: Sequence[str]) -> np.ndarray:
    header = rows[0]
    if [c.upper() for c in header[1:]] != list(codes):
        collector.add(f"en-tête attendu : BRANCH;{';'.join(codes)}", 1, None, ";".join(header))
        return np.zeros((len(codes), len(codes)))
    matrix = np.zeros((len(codes), len(codes)))
    body = [(line, row) for line, row in enumerate(rows[1:], start=2) if any(row)]
    if [row[0].upper() for _, row in body] != list(codes):
        collector.add("les lignes doivent suivre les mêmes branches, dans le même ordre, que cpeb")
        return matrix
    for i, (line, row) in enumerate(body):
        if len(row) != len(codes) + 1:
            collector.add(f"{len(codes) + 1} colonnes attendues, {len(row)} trouvées", line)
            continue
        for j, value in enumerate(row[1:]):
            matrix[i, j] = collector.number(value, line, codes[j])
    return matrix


def parse_insee_a38(files: Mapping[str, str], *, year: str = "") -> SymmetricTable:
    """Rebuild a domestic branch × branch table from the INSEE A38 extraction (million euros).

    ``files`` maps each part name (``tei``, ``cpeb``, ``ere``, ``tess``, ``branches``) to its text.
    Method: ``Z_total[i, j] = tei[j][i] · IC_j`` (``tei`` rows give each branch's purchases as
    shares of its intermediate consumption); imports are removed product by product with the
    domestic share of resources ``RESS_i / TRESS_i`` (import-proportionality assumption), so
    ``Z[i, j] = Z_total[i, j] · RESS_i / TRESS_i``; output ``x = PRD``; branch and product are
    identified (``tess`` is checked to be nearly diagonal, i.e. each branch mostly makes its own
    product). Checks: all parts present, same branches everywhere, numbers non-negative, each
    branch's ``tei`` shares sum to 1 (or 0 with no intermediate consumption), ``IC + CFC + NVA =
    PRD``, ``IC ≤ PRD``, domestic intermediate use of each product ≤ its output (1 % margin for
    inventory changes), ``I − A`` invertible.
    """
    missing = [part for part in INSEE_PARTS if part not in files]
    if missing:
        names = ", ".join(f"insee_a38_*_{part}.csv" for part in missing)
        raise TableError([TableProblem("extraction INSEE", None, None, None, f"fichier(s) manquant(s) : {names}")])
    problems: list[TableProblem] = []

    cpeb = _Collector(f"insee_a38_{year}_cpeb.csv")
    rows = [row for row in _read_rows(files["cpeb"]) if any(row)]
    expected = ["BRANCH", "PRD", "IC", "CFC", "NVA"]
    if not rows or [c.upper() for c in rows[0]] != expected:
        cpeb.add(f"en-tête attendu : {';'.join(expected)}", 1, None, ";".join(rows[0]) if rows else "")
        cpeb.raise_if_any()
    codes = tuple(row[0].upper() for row in rows[1:])
    accounts = np.zeros((len(codes), 4))
    for i, row in enumerate(rows[1:]):
        if len(row) != 5:
            cpeb.add(f"5 colonnes attendues, {len(row)} trouvées", i + 2)
            continue
        for k, column in enumerate(expected[1:]):
            accounts[i, k] = cpeb.number(row[k + 1], i + 2, column)
    cpeb.raise_if_any()
    output, intermediate, fixed_capital, net_value_added = accounts.T
    for i, code in enumerate(codes):
        line = i + 2
        if intermediate[i] > output[i]:
            cpeb.add(f"consommations intermédiaires ({intermediate[i]:g}) supérieures à la production "
                     f"({output[i]:g}) de {code}", line, "IC")
        accounted = intermediate[i] + fixed_capital[i] + net_value_added[i]
        # INSEE's TZ (households as employers) has output but no IC/CFC/NVA detail in this file.
        if accounted > 0 and abs(accounted - output[i]) > _tolerance(output[i], 3):
            cpeb.add(f"IC + CFC + NVA = {accounted:g} ≠ PRD = {output[i]:g} pour {code}", line, "PRD")
    problems += cpeb.problems

    tei = _Collector(f"insee_a38_{year}_tei.csv")
    shares = _square(tei, [row for row in _read_rows(files["tei"]) if any(row)], codes)
    if not tei.problems:
        for i, code in enumerate(codes):
            total = shares[i].sum()
            target = 1.0 if intermediate[i] > 0 else 0.0
            if abs(total - target) > RELATIVE_TOLERANCE:
                tei.add(f"les parts d’achats de {code} totalisent {total:.4f} au lieu de {target:g}", i + 2)
    problems += tei.problems

    tess = _Collector(f"insee_a38_{year}_tess.csv")
    transfers = _square(tess, [row for row in _read_rows(files["tess"]) if any(row)], codes)
    if not tess.problems:
        # Identifying branch and product is only acceptable if each product comes mostly from its branch.
        for i, code in enumerate(codes):
            if transfers[i].sum() > 0 and transfers[i, i] < 0.75:
                tess.add(f"le produit {code} provient à moins de 75 % de sa branche ({transfers[i, i]:.2f}) : "
                         "l’hypothèse branche = produit ne tient pas", i + 2)
    problems += tess.problems

    ere = _Collector(f"insee_a38_{year}_ere.csv")
    ere_rows = [row for row in _read_rows(files["ere"]) if any(row)]
    if not ere_rows or [c.upper() for c in ere_rows[0][1:]] != ["RESS", "IMP", "TRESS"]:
        ere.add("en-tête attendu : <produit>;RESS;IMP;TRESS", 1, None, ";".join(ere_rows[0]) if ere_rows else "")
    elif [row[0].upper() for row in ere_rows[1:]] != list(codes):
        ere.add("les produits doivent suivre les mêmes codes, dans le même ordre, que cpeb")
    domestic_share = np.ones(len(codes))
    if not ere.problems:
        for i, row in enumerate(ere_rows[1:]):
            line = i + 2
            if len(row) != 4:
                ere.add(f"4 colonnes attendues, {len(row)} trouvées", line)
                continue
            resources, imports, total = (ere.number(v, line, c) for v, c in zip(row[1:], ("RESS", "IMP", "TRESS"),
                                                                                   strict=True))
            if abs(resources + imports - total) > _tolerance(total, 2):
                ere.add(f"RESS + IMP = {resources + imports:g} ≠ TRESS", line, "TRESS", row[3])
            domestic_share[i] = resources / total if total > 0 else 0.0
    problems += ere.problems

    branches = _Collector(f"insee_a38_{year}_branches.csv")
    branch_rows = [row for row in _read_rows(files["branches"]) if any(row)]
    listed = [row[0].upper() for row in branch_rows[1:]]
    if sorted(listed) != sorted(codes):
        branches.add("la liste des branches ne correspond pas à celle de cpeb")
    problems += branches.problems
    if problems:
        raise TableError(problems)

    flows = (shares * intermediate[:, np.newaxis]).T * domestic_share[:, np.newaxis]
    check = _Collector(f"insee_a38_{year} (tableau reconstitué)")
    use = flows.sum(axis=1)
    for i, code in enumerate(codes):
        if use[i] > output[i] * 1.01 + 0.5:
            check.add(f"l’usage intermédiaire intérieur du produit {code} ({use[i]:.0f}) dépasse sa production "
                      f"({output[i]:.0f}) de plus de 1 %")
    check.raise_if_any()
    labels_by_code = {row[0].upper(): (row[2] or A38_LABELS.get(row[0].upper(), row[1])) for row in branch_rows[1:]
                      if len(row) >= 3}
    table = SymmetricTable(
        codes=codes, labels=tuple(labels_by_code.get(code, code) for code in codes),
        flows=flows, output=output, final_demand=None, unit="millions d’euros",
    )
    check_invertible(table, f"insee_a38_{year}")
    return table
