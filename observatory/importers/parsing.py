"""Reading official files as they are published: encodings, delimiters, quirks, validation.

Pure Python (no Django): every function here is tested without a database. The importer
service (``observatory.importers.service``) feeds the validated rows to the ORM.

Files are read as a stream, row by row, so memory does not grow with the file size.
Problems are collected with their line, column and offending value; a file with any
problem is rejected as a whole by the service.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import IO, Any

#: How many problems a report lists before only counting the rest.
MAX_REPORTED_PROBLEMS = 50

#: ROME v3/v4 "grands domaines" (first letter of a ROME code), from France Travail's referential.
ROME_DOMAINS = {
    "A": "Agriculture et pêche, espaces naturels et espaces verts, soins aux animaux",
    "B": "Arts et façonnage d'ouvrages d'art",
    "C": "Banque, assurance, immobilier",
    "D": "Commerce, vente et grande distribution",
    "E": "Communication, média et multimédia",
    "F": "Construction, bâtiment et travaux publics",
    "G": "Hôtellerie-restauration, tourisme, loisirs et animation",
    "H": "Industrie",
    "I": "Installation et maintenance",
    "J": "Santé",
    "K": "Services à la personne et à la collectivité",
    "L": "Spectacle",
    "M": "Support à l'entreprise",
    "N": "Transport et logistique",
}

#: INSEE's A38 aggregation of NAF rév. 2 divisions (two-digit codes): branch → (first, last) division.
A38_DIVISIONS: tuple[tuple[str, int, int], ...] = (
    ("AZ", 1, 3), ("BZ", 5, 9), ("CA", 10, 12), ("CB", 13, 15), ("CC", 16, 18), ("CD", 19, 19),
    ("CE", 20, 20), ("CF", 21, 21), ("CG", 22, 23), ("CH", 24, 25), ("CI", 26, 26), ("CJ", 27, 27),
    ("CK", 28, 28), ("CL", 29, 30), ("CM", 31, 33), ("DZ", 35, 35), ("EZ", 36, 39), ("FZ", 41, 43),
    ("GZ", 45, 47), ("HZ", 49, 53), ("IZ", 55, 56), ("JA", 58, 60), ("JB", 61, 61), ("JC", 62, 63),
    ("KZ", 64, 66), ("LZ", 68, 68), ("MA", 69, 71), ("MB", 72, 72), ("MC", 73, 75), ("NZ", 77, 82),
    ("OZ", 84, 84), ("PZ", 85, 85), ("QA", 86, 86), ("QB", 87, 88), ("RZ", 90, 93), ("SZ", 94, 96),
    ("TZ", 97, 98), ("UZ", 99, 99),
)


def a38_for_division(division: str) -> str:
    """The A38 branch of a NAF division (``"25"`` → ``"CH"``), or ``""`` when it has none."""
    try:
        number = int(division[:2])
    except ValueError:
        return ""
    for branch, first, last in A38_DIVISIONS:
        if first <= number <= last:
            return branch
    return ""


# --- Problems ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a file: where (line, column), what value, and why."""

    line: int | None
    column: str | None
    value: str | None
    message: str

    def __str__(self) -> str:
        where = []
        if self.line is not None:
            where.append(f"ligne {self.line}")
        if self.column:
            where.append(f"colonne « {self.column} »")
        if self.value is not None:
            shown = self.value if len(self.value) <= 60 else self.value[:57] + "…"
            where.append(f"valeur « {shown} »")
        prefix = ", ".join(where)
        return f"{prefix} : {self.message}" if prefix else self.message


@dataclass
class ProblemLog:
    """Collects problems: keeps the first ``limit`` in full, counts all of them."""

    limit: int = MAX_REPORTED_PROBLEMS
    problems: list[Problem] = field(default_factory=list)
    count: int = 0
    #: Lines skipped on purpose (e.g. a code the official referential itself lacks): reported, not fatal.
    warnings: list[Problem] = field(default_factory=list)
    warning_count: int = 0

    def warn(self, line: int | None, column: str | None, value: str | None, message: str) -> None:
        self.warning_count += 1
        if len(self.warnings) < self.limit:
            self.warnings.append(Problem(line, column, value, message))

    def add(self, line: int | None, column: str | None, value: str | None, message: str) -> None:
        self.count += 1
        if len(self.problems) < self.limit:
            self.problems.append(Problem(line, column, value, message))

    @property
    def ok(self) -> bool:
        return self.count == 0

    def report_lines(self) -> list[str]:
        """The report as text lines (in French): each kept problem, then how many more."""
        lines = [str(problem) for problem in self.problems]
        if self.count > len(self.problems):
            lines.append(f"… et {self.count - len(self.problems)} autre(s) problème(s).")
        return lines


class FileRejected(Exception):
    """The file cannot be read at all (wrong header, wrong encoding…): the log says why."""

    def __init__(self, log: ProblemLog):
        super().__init__("; ".join(log.report_lines()[:3]))
        self.log = log


class _Secret:
    """A value withheld for statistical secrecy (written ``*`` in official files)."""

    _instance: _Secret | None = None

    def __new__(cls) -> _Secret:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "SECRET"

    def __bool__(self) -> bool:
        return False


SECRET: Any = _Secret()

# --- Encoding, delimiter, header --------------------------------------------------------

_SAMPLE_SIZE = 256 * 1024


def detect_encoding(sample: bytes) -> str:
    """The encoding of a text file from its first bytes: ``utf-8-sig``, ``utf-8`` or ``cp1252``/``latin-1``.

    Official French files come in UTF-8 (with or without BOM) or in Windows "Latin-1"
    (cp1252 in practice: ``œ`` is 0x9C there). A NUL byte means UTF-16 or a binary file,
    which is refused with a ``ValueError``.
    """
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if b"\x00" in sample:
        raise ValueError("le fichier n'est pas un texte UTF-8 ou Latin-1 (UTF-16 ou fichier binaire ?)")
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        decoder.decode(sample, final=False)  # a multi-byte character cut at the sample's end is fine
        return "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        sample.decode("cp1252")
        return "cp1252"
    except UnicodeDecodeError:
        return "latin-1"


def decode_bytes(raw: bytes) -> str:
    """A whole small file as text, with the encoding every importer detects (:func:`detect_encoding`).

    UTF-8 (with or without BOM), else Windows-1252 — not Latin-1, where « œ » (0x9C) would be a
    control character. ``ValueError`` for UTF-16 or binary content.
    """
    encoding = detect_encoding(raw)
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError:  # a byte cp1252 leaves undefined (0x81, 0x8D…): Latin-1 reads every byte
        return raw.decode("latin-1")


def sniff_delimiter(first_line: str) -> str:
    """The most frequent of ``;`` ``,`` tab and ``|`` outside quotes in the header line (``,`` by default)."""
    unquoted = re.sub(r'"[^"]*"', "", first_line)
    counts = {delimiter: unquoted.count(delimiter) for delimiter in (";", ",", "\t", "|")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def normalise_name(name: str) -> str:
    """A header or label compared loosely: no accents, lower case, single spaces, straight apostrophes.

    ``"Tension "`` → ``"tension"``; ``"Manque de main-d'œuvre disponible"`` and
    ``"manque de main-d’oeuvre disponible"`` compare equal.
    """
    text = name.replace("\ufeff", "").replace("’", "'").replace("œ", "oe").replace("Œ", "OE")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(char for char in text if not unicodedata.combining(char))
    return re.sub(r"\s+", " ", text).strip().strip('"').strip().lower()


# --- Values ----------------------------------------------------------------------------------

_MISSING = {"", "na", "n/a", "nan", "nd", "n.d.", "null", "none", "-"}
_FLOAT_CODE = re.compile(r"^(\d+)\.0+$")


def clean(value: Any) -> str | None:
    """A cell as trimmed text, ``None`` when empty or ``NA`` (and the like)."""
    if value is None:
        return None
    text = str(value).strip()
    if text.lower() in _MISSING:
        return None
    return text


def parse_code(value: Any, width: int = 0) -> str | None:
    """An official code as text: ``"32.0"`` → ``"32"``, ``"2"`` → ``"02"`` when ``width=2``; ``2A`` kept."""
    text = clean(value)
    if text is None:
        return None
    match = _FLOAT_CODE.match(text)
    if match:
        text = match.group(1)
    if width and text.isascii() and text.isdigit():
        text = text.zfill(width)
    return text.upper()


def _number_text(text: str) -> str:
    # French files write "1 234,5"; plain files "1234.5". Spaces (incl. no-break) are thousands separators.
    text = text.replace("\u202f", "").replace("\xa0", "").replace(" ", "")
    if "," in text and "." not in text:
        text = text.replace(",", ".")
    return text


def parse_float(value: Any, *, allow_secret: bool = False) -> float | _Secret | None:
    """A decimal number, ``None`` when missing, ``SECRET`` for ``*`` when allowed; ``ValueError`` otherwise."""
    text = clean(value)
    if text is None:
        return None
    if text == "*":
        if allow_secret:
            return SECRET
        raise ValueError("valeur secrète « * » non attendue ici")
    try:
        number = float(_number_text(text))
    except ValueError:
        raise ValueError("nombre attendu") from None
    if number != number or number in (float("inf"), float("-inf")):
        raise ValueError("nombre attendu")
    return number


def parse_int(value: Any, *, allow_secret: bool = False, minimum: int | None = 0) -> int | _Secret | None:
    """A whole number (``"63100"``, ``"63100.0"``, ``"1 234"``), ``None`` when missing, ``SECRET`` for ``*``."""
    number = parse_float(value, allow_secret=allow_secret)
    if number is None or number is SECRET:
        return number
    if number != int(number):
        raise ValueError("nombre entier attendu")
    if minimum is not None and number < minimum:
        raise ValueError(f"nombre supérieur ou égal à {minimum} attendu")
    return int(number)


def parse_category(value: Any) -> int | None:
    """A 1–5 category as published by DARES (``"4.0"`` → 4), ``None`` when missing."""
    number = parse_float(value)
    if number is None:
        return None
    if number != int(number) or not 1 <= number <= 5:
        raise ValueError("catégorie de 1 à 5 attendue")
    return int(number)


def parse_year(value: Any) -> int:
    """A year between 1950 and 2100 (``"2019"`` or ``"2019.0"``)."""
    number = parse_int(value)
    if number is None or not 1950 <= number <= 2100:
        raise ValueError("année attendue (ex. 2019)")
    return number


# --- Tables ----------------------------------------------------------------------------------


def is_xlsx(head: bytes, filename: str = "") -> bool:
    """An Excel 2007+ workbook (a ZIP file), by name or by its first bytes."""
    return filename.lower().endswith(".xlsx") or head.startswith(b"PK\x03\x04")


#: ``header_score(cells)``: how well a row fits as the header wanted (number of expected columns found).
HeaderScore = Callable[[list[str]], int]


def iter_raw_rows(stream: IO[bytes], filename: str, log: ProblemLog,
                  header_score: HeaderScore | None = None) -> Iterator[tuple[int, list[str]]]:
    """(line number, cells) for every non-empty row of a CSV or XLSX file, read as a stream.

    Line numbers are 1-based as in a spreadsheet (the header is line 1). Encoding and
    delimiter are detected; a decoding failure part-way is reported at its line. In a workbook of
    several sheets, ``header_score`` picks the sheet whose first row fits best (the BMO workbooks
    open on a « Description des variables » sheet); without it, the first sheet is read.
    """
    head = stream.read(_SAMPLE_SIZE)
    if not head:
        log.add(None, None, None, "le fichier est vide")
        raise FileRejected(log)
    if is_xlsx(head, filename):
        yield from _iter_xlsx_rows(head, stream, log, header_score)
        return
    try:
        encoding = detect_encoding(head)
    except ValueError as error:
        log.add(None, None, None, str(error))
        raise FileRejected(log) from None
    whole = io.BufferedReader(_Prefixed(head, stream))  # type: ignore[arg-type]
    text = io.TextIOWrapper(whole, encoding=encoding, newline="")
    try:
        first_line = text.readline()
    except UnicodeDecodeError:
        log.add(1, None, None, f"encodage illisible ({encoding}) dès la première ligne")
        raise FileRejected(log) from None
    delimiter = sniff_delimiter(first_line)
    lines = _chain_first(first_line, text)
    reader = csv.reader(lines, delimiter=delimiter)
    line_no = 0
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except UnicodeDecodeError:
            log.add(reader.line_num + 1, None, None,
                    f"caractère illisible en {encoding} : le fichier mélange plusieurs encodages")
            raise FileRejected(log) from None
        except csv.Error as error:
            log.add(reader.line_num, None, None, f"ligne CSV mal formée ({error}) : fichier tronqué ?")
            raise FileRejected(log) from None
        line_no = reader.line_num
        if not any(cell.strip() for cell in cells):
            continue
        yield line_no, cells


def iter_text_lines(stream: IO[bytes], filename: str, log: ProblemLog) -> Iterator[tuple[int, str]]:
    """(line number, text) of a plain text file (e.g. SAS ``proc format``), encoding detected."""
    head = stream.read(_SAMPLE_SIZE)
    try:
        encoding = detect_encoding(head)
    except ValueError as error:
        log.add(None, None, None, str(error))
        raise FileRejected(log) from None
    text = io.TextIOWrapper(io.BufferedReader(_Prefixed(head, stream)), encoding=encoding)  # type: ignore[arg-type]
    line_no = 0
    try:
        for line_no, line in enumerate(text, start=1):
            yield line_no, line.rstrip("\r\n")
    except UnicodeDecodeError:
        log.add(line_no + 1, None, None, f"caractère illisible en {encoding} : le fichier mélange plusieurs encodages")
        raise FileRejected(log) from None


def _chain_first(first: str, rest: Iterable[str]) -> Iterator[str]:
    yield first
    yield from rest


class _Prefixed(io.RawIOBase):
    """A binary stream that replays the bytes already read for sniffing, then the rest."""

    def __init__(self, prefix: bytes, stream: IO[bytes]):
        self._prefix = prefix
        self._stream = stream

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[override]
        if self._prefix:
            size = min(len(buffer), len(self._prefix))
            buffer[:size] = self._prefix[:size]
            self._prefix = self._prefix[size:]
            return size
        chunk = self._stream.read(len(buffer))
        buffer[: len(chunk)] = chunk
        return len(chunk)


#: Bounds checked before and while a workbook is read: a few hundred kilobytes of zipped XML can
#: unpack to gigabytes (a « decompression bomb »), and a sheet can declare 16 384 columns. The
#: official files are far below: a BMO workbook unpacks to about 25 MB, with 20-odd columns.
MAX_XLSX_UNCOMPRESSED_BYTES = 400 * 1024 * 1024
MAX_XLSX_COLUMNS = 200
MAX_XLSX_ROWS = 2_000_000


def xlsx_uncompressed_size(data: IO[bytes]) -> int | None:
    """Total unpacked size of a workbook's parts (bytes, from the zip directory), None if not a zip."""
    import zipfile

    try:
        with zipfile.ZipFile(data) as archive:
            return sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    finally:
        data.seek(0)


def _first_row(sheet) -> list[str]:
    for values in sheet.iter_rows(values_only=True, max_col=MAX_XLSX_COLUMNS, max_row=20):
        cells = ["" if value is None else _xlsx_text(value) for value in values]
        if any(cell.strip() for cell in cells):
            return cells
    return []


def _data_sheet(workbook, header_score: HeaderScore | None):
    """The sheet whose first non-empty row scores best as a header (the first sheet on a tie)."""
    sheets = workbook.worksheets
    if header_score is None or len(sheets) == 1:
        return sheets[0]
    return max(sheets, key=lambda sheet: (header_score(_first_row(sheet)), -sheets.index(sheet)))


def _iter_xlsx_rows(head: bytes, stream: IO[bytes], log: ProblemLog,
                    header_score: HeaderScore | None = None) -> Iterator[tuple[int, list[str]]]:
    import openpyxl  # only needed for workbooks

    data = io.BytesIO(head + stream.read())
    unpacked = xlsx_uncompressed_size(data)
    if unpacked is not None and unpacked > MAX_XLSX_UNCOMPRESSED_BYTES:
        log.add(None, None, None, f"classeur Excel refusé : il se décompresse en {unpacked // (1024 * 1024)} Mo, "
                                  f"plus que les {MAX_XLSX_UNCOMPRESSED_BYTES // (1024 * 1024)} Mo admis "
                                  "(fichier piégé ou anormal)")
        raise FileRejected(log)
    try:
        workbook = openpyxl.load_workbook(data, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many types for a damaged file
        log.add(None, None, None, f"classeur Excel illisible ({type(error).__name__}) : fichier tronqué ?")
        raise FileRejected(log) from None
    try:
        sheet = _data_sheet(workbook, header_score)
        # Columns beyond the bound are not read at all (a declared width of 16 384 columns costs nothing).
        for line_no, values in enumerate(sheet.iter_rows(values_only=True, max_col=MAX_XLSX_COLUMNS), start=1):
            if line_no > MAX_XLSX_ROWS:
                log.add(line_no, None, None, f"classeur Excel refusé : plus de {MAX_XLSX_ROWS:,} lignes".replace(",", "\u202f"))
                raise FileRejected(log)
            cells = ["" if value is None else _xlsx_text(value) for value in values]
            if any(cell.strip() for cell in cells):
                yield line_no, cells
    finally:
        workbook.close()


def _xlsx_text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


@dataclass(frozen=True)
class Column:
    """A column the parser needs: its name in reports and the header names accepted for it."""

    name: str
    aliases: tuple[str, ...]
    required: bool = True
    pattern: str | None = None  # a regular expression on the normalised header (e.g. "be\\d+")

    def matches(self, header: str) -> bool:
        normalised = normalise_name(header)
        if self.pattern and re.fullmatch(self.pattern, normalised):
            return True
        return normalised in {normalise_name(alias) for alias in (self.name, *self.aliases)}


class Table:
    """Rows of a file as dicts keyed by column name, after the header has been checked."""

    def __init__(self, stream: IO[bytes], filename: str, log: ProblemLog, columns: Iterable[Column]):
        self.log = log
        self.columns = list(columns)
        required = [column for column in self.columns if column.required]
        self._rows = iter_raw_rows(stream, filename, log, header_score=lambda cells: sum(
            any(column.matches(cell) for cell in cells) for column in required))
        try:
            self.header_line, header = next(self._rows)
        except StopIteration:
            log.add(None, None, None, "le fichier ne contient aucune ligne")
            raise FileRejected(log) from None
        self.header = [cell.strip() for cell in header]
        self.index: dict[str, int] = {}
        for column in self.columns:
            position = next((i for i, cell in enumerate(self.header) if column.matches(cell)), None)
            if position is not None:
                self.index[column.name] = position
            elif column.required:
                found = ", ".join(f"« {cell} »" for cell in self.header[:20])
                log.add(self.header_line, column.name, None,
                        f"colonne obligatoire absente (colonnes trouvées : {found})")
        if not log.ok:
            raise FileRejected(log)

    def __iter__(self) -> Iterator[tuple[int, dict[str, str]]]:
        width = max(self.index.values(), default=-1) + 1
        for line_no, cells in self._rows:
            if len(cells) < width:
                self.log.add(line_no, None, None,
                             f"ligne incomplète : {len(cells)} colonne(s) au lieu de {len(self.header)} "
                             "(fichier tronqué ?)")
                continue
            yield line_no, {name: cells[position] for name, position in self.index.items()}


def read_header(stream: IO[bytes], filename: str) -> list[str]:
    """The header cells of a CSV/XLSX file (to pick a parser variant); the stream is rewound."""
    position = stream.tell()
    log = ProblemLog()
    try:
        _, header = next(iter_raw_rows(stream, filename, log))
    except (StopIteration, FileRejected):
        header = []
    stream.seek(position)
    return header


class RowChecker:
    """Converts the cells of one row, recording a problem for each bad value."""

    def __init__(self, log: ProblemLog, line: int, row: Mapping[str, str]):
        self.log = log
        self.line = line
        self.row = row
        self.failed = False

    def get(self, column: str, convert, *args, **kwargs):
        raw = self.row.get(column)
        try:
            return convert(raw, *args, **kwargs)
        except ValueError as error:
            self.fail(column, raw, str(error))
            return None

    def require(self, column: str, value: Any, message: str = "valeur obligatoire manquante") -> Any:
        if value is None:
            self.fail(column, self.row.get(column, ""), message)
        return value

    def fail(self, column: str | None, value: str | None, message: str) -> None:
        self.failed = True
        self.log.add(self.line, column, value, message)


# --- Sheets with title lines (INSEE workbooks) ---------------------------------------------------

#: How far down a workbook sheet its header may be: INSEE's workbooks open each sheet with a title,
#: the source and the publication date (four or five lines), then a header of labels and one of codes.
MAX_TITLE_LINES = 10


def iter_sheets(stream: IO[bytes], filename: str, log: ProblemLog
                ) -> Iterator[tuple[str, Iterator[tuple[int, list[str]]]]]:
    """``(sheet name, rows)`` for every sheet of a workbook, read once; a CSV file is one sheet named ``""``.

    The rows are those of :func:`iter_raw_rows` (non-empty, 1-based line numbers), with the same bounds
    on workbooks (decompression bomb, columns, rows).
    """
    head = stream.read(_SAMPLE_SIZE)
    if not head:
        log.add(None, None, None, "le fichier est vide")
        raise FileRejected(log)
    if not is_xlsx(head, filename):
        yield "", iter_raw_rows(_Replay(head, stream), filename, log)  # type: ignore[arg-type]
        return
    import openpyxl

    data = io.BytesIO(head + stream.read())
    unpacked = xlsx_uncompressed_size(data)
    if unpacked is not None and unpacked > MAX_XLSX_UNCOMPRESSED_BYTES:
        log.add(None, None, None, f"classeur Excel refusé : il se décompresse en {unpacked // (1024 * 1024)} Mo, "
                                  f"plus que les {MAX_XLSX_UNCOMPRESSED_BYTES // (1024 * 1024)} Mo admis")
        raise FileRejected(log)
    try:
        workbook = openpyxl.load_workbook(data, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many types for a damaged file
        log.add(None, None, None, f"classeur Excel illisible ({type(error).__name__}) : fichier tronqué ?")
        raise FileRejected(log) from None

    def rows(sheet) -> Iterator[tuple[int, list[str]]]:
        for line_no, values in enumerate(sheet.iter_rows(values_only=True, max_col=MAX_XLSX_COLUMNS), start=1):
            if line_no > MAX_XLSX_ROWS:
                log.add(line_no, None, None, "classeur Excel refusé : trop de lignes")
                raise FileRejected(log)
            cells = ["" if value is None else _xlsx_text(value) for value in values]
            if any(cell.strip() for cell in cells):
                yield line_no, cells

    try:
        for sheet in workbook.worksheets:
            yield sheet.title, rows(sheet)
    finally:
        workbook.close()


class _Replay:
    """A stream whose first bytes were already read: replays them, then reads on."""

    def __init__(self, head: bytes, stream: IO[bytes]):
        self._raw = _Prefixed(head, stream)

    def read(self, size: int = -1) -> bytes:
        if size is None or size < 0:
            chunks = []
            while chunk := self._raw.read(1024 * 1024):
                chunks.append(chunk)
            return b"".join(chunks)
        return self._raw.read(size) or b""


def find_header(rows: Iterator[tuple[int, list[str]]], columns: list[Column], *, titles_allowed: bool
                ) -> tuple[int, list[str], dict[str, int]] | tuple[int, list[str], None]:
    """The header among the first rows: ``(line, cells, column positions)``; positions None when not found.

    ``titles_allowed``: a workbook's title lines may come first (up to :data:`MAX_TITLE_LINES`); in a
    CSV file the header is the first line, so a title line above it is a shifted header. When no
    row fits, the first row is returned, for the report to name what it holds.
    """
    first: tuple[int, list[str]] | None = None
    for line, cells in rows:
        if first is None:
            first = (line, cells)
        header = [cell.strip() for cell in cells]
        index: dict[str, int] = {}
        for column in columns:
            position = next((i for i, cell in enumerate(header) if column.matches(cell)), None)
            if position is not None:
                index[column.name] = position
        if all(column.name in index for column in columns if column.required):
            return line, header, index
        if not titles_allowed or line >= MAX_TITLE_LINES:
            break
    if first is None:
        return 0, [], None
    return first[0], [cell.strip() for cell in first[1]], None
