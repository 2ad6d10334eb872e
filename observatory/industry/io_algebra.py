"""Input–output algebra: technical coefficients, Leontief inverse, multipliers, embodied employment.

Notation follows Miller & Blair, *Input–Output Analysis: Foundations and Extensions* (2nd ed.,
Cambridge University Press, 2009), chapter 2, and the United Nations *Handbook on Supply, Use
and Input–Output Tables with Extensions and Applications* (2018), chapter 15:

- ``Z`` (n × n): inter-industry flows, ``Z[i, j]`` = sales of product/branch *i* to branch *j*
  (money, e.g. million euros);
- ``x`` (n): total output of each branch (same unit as ``Z``);
- ``f`` (n): final demand for each product (consumption, investment, exports);
- ``A = Z · diag(x)⁻¹``: technical coefficients (input of *i* per unit of output of *j*, no unit);
- ``L = (I − A)⁻¹``: Leontief inverse, total (direct + indirect) output of *i* needed per unit of
  final demand for *j*, so that ``x = L · f``;
- ``e`` (n): employment by branch (jobs or thousands of persons), ``e / x`` employment
  coefficients (jobs per unit of output).

All functions are pure (no Django); they raise :class:`InputOutputError` with a precise
message, in French because statisticians read it in import reports.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Literal

from observatory.industry.lazy_numpy import np

if TYPE_CHECKING:  # annotations only: numpy itself is imported at first use (lazy_numpy)
    from numpy.typing import ArrayLike, NDArray

    FloatArray = NDArray[np.float64]

# Above this 2-norm condition number, (I − A) is treated as numerically singular: a relative
# error of 1e-16 in the data would be amplified to more than 1e-6 in L, i.e. the fourth
# decimal that reference tests compare would no longer be trustworthy.
MAX_CONDITION_NUMBER = 1e10


class InputOutputError(ValueError):
    """The table cannot be used for input–output analysis; the message says why, in French."""


class SingularLeontiefError(InputOutputError):
    """``I − A`` is singular or so close to it that its inverse is meaningless."""


def _as_matrix(values: ArrayLike, name: str) -> FloatArray:
    matrix = np.asarray(values, dtype=np.float64)
    if matrix.ndim != 2 or matrix.shape[0] != matrix.shape[1]:
        raise InputOutputError(f"{name} doit être une matrice carrée (reçu : forme {matrix.shape}).")
    if not np.all(np.isfinite(matrix)):
        raise InputOutputError(f"{name} contient des valeurs non finies (vide, NaN ou infini).")
    return matrix


def _as_vector(values: ArrayLike, name: str, size: int | None = None) -> FloatArray:
    vector = np.asarray(values, dtype=np.float64)
    if vector.ndim != 1:
        raise InputOutputError(f"{name} doit être un vecteur (reçu : forme {vector.shape}).")
    if size is not None and vector.shape[0] != size:
        raise InputOutputError(f"{name} doit avoir {size} éléments (reçu : {vector.shape[0]}).")
    if not np.all(np.isfinite(vector)):
        raise InputOutputError(f"{name} contient des valeurs non finies (vide, NaN ou infini).")
    return vector


def technical_coefficients(flows: ArrayLike, output: ArrayLike) -> FloatArray:
    """Technical coefficients ``A = Z · diag(x)⁻¹`` (no unit: input of *i* per unit of output of *j*).

    A branch with zero output and zero purchases (e.g. INSEE's ``TZ``, households as employers,
    whose intermediate consumption is nil) gets a zero column. A branch with zero output but
    positive purchases is an inconsistent table and raises :class:`InputOutputError`.
    """
    z = _as_matrix(flows, "Z")
    x = _as_vector(output, "x", z.shape[0])
    if np.any(x < 0):
        bad = int(np.argmax(x < 0))
        raise InputOutputError(f"La production de la branche n° {bad + 1} est négative ({x[bad]:g}).")
    zero_output = x == 0
    buying = z.sum(axis=0) != 0
    if np.any(zero_output & buying):
        bad = int(np.argmax(zero_output & buying))
        raise InputOutputError(
            f"La branche n° {bad + 1} a une production nulle mais des achats intermédiaires non nuls."
        )
    safe_x = np.where(zero_output, 1.0, x)
    return z / safe_x[np.newaxis, :]


def leontief_inverse(coefficients: ArrayLike, *, max_condition: float = MAX_CONDITION_NUMBER) -> FloatArray:
    """Leontief inverse ``L = (I − A)⁻¹`` (no unit).

    Raises :class:`SingularLeontiefError` when ``I − A`` is singular or ill-conditioned (condition
    number above ``max_condition``), and :class:`InputOutputError` when the inverse has negative
    entries — the table then describes an economy that cannot satisfy a positive final demand
    (it violates the Hawkins–Simon condition), which always reveals a data error.
    """
    a = _as_matrix(coefficients, "A")
    if np.any(a < 0):
        i, j = np.argwhere(a < 0)[0]
        raise InputOutputError(f"Coefficient technique négatif en ligne {i + 1}, colonne {j + 1} ({a[i, j]:g}).")
    system = np.eye(a.shape[0]) - a
    condition = np.linalg.cond(system)
    if not math.isfinite(condition) or condition > max_condition:
        raise SingularLeontiefError(
            "La matrice I − A n’est pas inversible (ou presque : conditionnement "
            f"{condition:.3g} > {max_condition:.0e}). Vérifiez qu’aucune branche n’achète en consommations "
            "intermédiaires autant ou plus que sa production."
        )
    try:
        inverse = np.linalg.inv(system)
    except np.linalg.LinAlgError as error:  # pragma: no cover - cond() above catches exact singularity
        raise SingularLeontiefError(f"La matrice I − A n’est pas inversible ({error}).") from error
    if np.any(inverse < -1e-9):
        i, j = np.argwhere(inverse < -1e-9)[0]
        raise InputOutputError(
            f"L’inverse de Leontief a un terme négatif (ligne {i + 1}, colonne {j + 1} : {inverse[i, j]:.4g}) : "
            "le tableau ne décrit pas une économie productive (condition de Hawkins–Simon)."
        )
    return np.clip(inverse, 0.0, None)


def output_multipliers(leontief: ArrayLike) -> FloatArray:
    """Simple output multipliers: column sums of ``L`` (total output per unit of final demand for *j*).

    Each is ≥ 1 for a productive table: one unit of final demand needs at least that unit of output.
    """
    return _as_matrix(leontief, "L").sum(axis=0)


def employment_coefficients(employment: ArrayLike, output: ArrayLike) -> FloatArray:
    """Employment coefficients ``e / x`` (jobs per unit of output, e.g. jobs per million euros).

    Zero output with zero employment gives 0; zero output with jobs is an inconsistent table.
    """
    x = _as_vector(output, "x")
    e = _as_vector(employment, "e", x.shape[0])
    if np.any(e < 0):
        bad = int(np.argmax(e < 0))
        raise InputOutputError(f"L’emploi de la branche n° {bad + 1} est négatif ({e[bad]:g}).")
    if np.any((x == 0) & (e > 0)):
        bad = int(np.argmax((x == 0) & (e > 0)))
        raise InputOutputError(f"La branche n° {bad + 1} a des emplois mais une production nulle.")
    return np.divide(e, x, out=np.zeros_like(e), where=x != 0)


#: Employment concepts an input–output table may carry, with their French names: total employment
#: (employees and self-employed, national accounts' domestic concept) and salaried employment.
EMPLOYMENT_CONCEPTS: dict[str, str] = {
    "total": "emploi total (salariés et non-salariés)",
    "salaried": "emploi salarié",
}
#: Unit of simple employment multipliers as the site publishes them.
EMPLOYMENT_MULTIPLIER_UNIT = "emplois par million d'euros de demande finale"


def employment_multipliers(leontief: ArrayLike, coefficients: ArrayLike) -> FloatArray:
    """Simple employment multipliers ``(e/x)ᵀ · L`` (Miller & Blair, § 6.3): jobs in the whole economy
    per unit of final demand for *j* (jobs per million euros when ``e/x`` is in jobs per million euros).

    Not to be confused with the *type I* employment multiplier, which is a ratio without unit:
    see :func:`type_i_employment_multipliers`.
    """
    l_matrix = _as_matrix(leontief, "L")
    c = _as_vector(coefficients, "e/x", l_matrix.shape[0])
    return c @ l_matrix


def type_i_employment_multipliers(leontief: ArrayLike, coefficients: ArrayLike) -> FloatArray:
    """Type I employment multipliers: simple multiplier ÷ direct coefficient ``(e/x)_j`` (no unit).

    Jobs in the whole economy per job of branch *j* directly needed by its final demand (≥ 1);
    NaN for a branch without jobs (the ratio does not exist).
    """
    c = _as_vector(coefficients, "e/x")
    simple = employment_multipliers(leontief, c)
    return np.divide(simple, c, out=np.full_like(simple, np.nan), where=c > 0)


def embodied_employment(leontief: ArrayLike, coefficients: ArrayLike, final_demand: ArrayLike) -> FloatArray:
    """Employment by branch embodied in a final-demand vector: ``diag(e/x) · L · f`` (jobs).

    With the full final demand of the table this returns ``e`` itself (every job serves some
    final demand); with the final demand for industrial products only, it returns the jobs of
    every branch — services included — that exist because industrial products are bought.
    """
    l_matrix = _as_matrix(leontief, "L")
    c = _as_vector(coefficients, "e/x", l_matrix.shape[0])
    f = _as_vector(final_demand, "f", l_matrix.shape[0])
    return c * (l_matrix @ f)


def final_demand_from_output(coefficients: ArrayLike, output: ArrayLike) -> FloatArray:
    """Final demand consistent with an output vector: ``f = (I − A) · x`` (same unit as ``x``)."""
    a = _as_matrix(coefficients, "A")
    x = _as_vector(output, "x", a.shape[0])
    return x - a @ x


# --- Regionalisation -------------------------------------------------------------------------

LocationQuotientMethod = Literal["slq", "flq"]

# Flegg & Tohmo (2013) found δ ≈ 0.3 to fit Finnish regional tables best; it is the usual default.
DEFAULT_FLEGG_DELTA = 0.3


def simple_location_quotients(regional_employment: ArrayLike, national_employment: ArrayLike) -> FloatArray:
    """Simple location quotients ``SLQ_i = (e_i^r / e^r) / (e_i^n / e^n)`` (no unit).

    SLQ > 1: the branch is over-represented in the region, which is then assumed to supply its
    own needs of that product. A branch absent nationally gets SLQ = 0 (nothing to regionalise).
    """
    national = _as_vector(national_employment, "emploi national")
    regional = _as_vector(regional_employment, "emploi régional", national.shape[0])
    if np.any(regional < 0) or np.any(national < 0):
        raise InputOutputError("Les emplois servant aux quotients de localisation doivent être positifs ou nuls.")
    total_regional, total_national = regional.sum(), national.sum()
    if total_regional <= 0 or total_national <= 0:
        raise InputOutputError("L’emploi total régional et national doit être strictement positif.")
    regional_share = regional / total_regional
    national_share = national / total_national
    return np.divide(regional_share, national_share, out=np.zeros_like(regional_share), where=national_share > 0)


def flegg_location_quotients(
    regional_employment: ArrayLike, national_employment: ArrayLike, delta: float = DEFAULT_FLEGG_DELTA
) -> FloatArray:
    """Flegg location quotients ``FLQ_ij = CILQ_ij · λ*`` (matrix, no unit).

    ``CILQ_ij = SLQ_i / SLQ_j`` (cross-industry quotient, ``SLQ_i`` on the diagonal, after Round)
    and ``λ* = [log₂(1 + e^r / e^n)]^δ`` shrinks every quotient for small regions, which import
    more (Flegg, Webber & Elliott, 1995; Flegg & Tohmo, 2013). ``0 ≤ δ < 1``.
    """
    if not 0 <= delta < 1:
        raise InputOutputError(f"Le paramètre δ de Flegg doit être dans [0 ; 1[ (reçu : {delta}).")
    slq = simple_location_quotients(regional_employment, national_employment)
    regional = np.asarray(regional_employment, dtype=np.float64)
    national = np.asarray(national_employment, dtype=np.float64)
    size_ratio = regional.sum() / national.sum()
    lambda_star = math.log2(1 + size_ratio) ** delta
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        cilq = np.divide(slq[:, np.newaxis], slq[np.newaxis, :], out=np.zeros((slq.size, slq.size)),
                         where=slq[np.newaxis, :] > 0)
    np.fill_diagonal(cilq, slq)
    return cilq * lambda_star


def regional_coefficients(
    national_coefficients: ArrayLike,
    regional_employment: ArrayLike,
    national_employment: ArrayLike,
    method: LocationQuotientMethod = "flq",
    delta: float = DEFAULT_FLEGG_DELTA,
) -> FloatArray:
    """Regional technical coefficients from national ones: ``a_ij^r = a_ij^n · min(LQ, 1)``.

    With ``method="slq"`` the quotient is ``SLQ_i`` for the whole row *i*; with ``"flq"`` it is
    ``FLQ_ij``. Quotients above 1 are capped: the region cannot buy locally more than the national
    technology requires; the difference ``a^n − a^r`` is assumed imported from other regions.
    """
    a = _as_matrix(national_coefficients, "A")
    if method == "slq":
        quotients = simple_location_quotients(regional_employment, national_employment)[:, np.newaxis]
    elif method == "flq":
        quotients = flegg_location_quotients(regional_employment, national_employment, delta)
    else:
        raise InputOutputError(f"Méthode de régionalisation inconnue : « {method} » (attendu : slq ou flq).")
    return a * np.minimum(quotients, 1.0)
