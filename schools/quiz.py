"""The quiz's Django side: reading the submitted form and describing the result in French.

Scoring itself is pure and lives in ``schools.riasec``.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.utils.translation import gettext_lazy as _

from schools import riasec

# Answer scale shown for every statement (value → words). 0–3 so there is no "neutral"
# middle: a teenager has to lean one way, which separates the types better.
ANSWER_CHOICES = [
    (0, _("Pas du tout")),
    (1, _("Pas trop")),
    (2, _("Plutôt oui")),
    (3, _("Carrément !")),
]
MAX_ANSWER = 3

# Each type in plain words for 11–18 year olds: a name, what you like, where it shows in industry.
LETTERS = {
    "R": (_("Réaliste"), _("Tu aimes faire avec tes mains : fabriquer, réparer, manipuler des outils ou des machines."),
          _("Dans l'industrie : maintenance, soudure, usinage, conduite de ligne.")),
    "I": (_("Investigateur"), _("Tu aimes comprendre comment ça marche : observer, chercher, résoudre des énigmes."),
          _("Dans l'industrie : laboratoire, contrôle qualité, méthodes, recherche.")),
    "A": (_("Artistique"), _("Tu aimes imaginer et créer : dessiner, inventer des formes, trouver des idées neuves."),
          _("Dans l'industrie : design produit, dessin industriel, prototypes.")),
    "S": (_("Social"), _("Tu aimes aider, expliquer et travailler en équipe, au contact des autres."),
          _("Dans l'industrie : formation, sécurité au travail, animation d'équipe.")),
    "E": (_("Entreprenant"), _("Tu aimes convaincre, organiser et prendre des décisions."),
          _("Dans l'industrie : chef d'équipe, commerce technique, gestion de production.")),
    "C": (_("Conventionnel"), _("Tu aimes l'ordre et la précision : suivre une méthode, vérifier, classer."),
          _("Dans l'industrie : logistique, planification, contrôle, achats.")),
}


def parse_answers(questions, data: Mapping[str, str]) -> tuple[dict[int, int], list[str]]:
    """The answers in ``data`` (fields ``q<question id>``) and a French message per problem.

    Answers that are valid are returned even when others are missing, so the form shows
    them again and the visitor only completes what is missing.
    """
    answers: dict[int, int] = {}
    missing: list[int] = []
    invalid: list[int] = []
    for number, question in enumerate(questions, start=1):
        raw = (data.get(f"q{question.pk}") or "").strip()
        if not raw:
            missing.append(number)
            continue
        if not (raw.isascii() and raw.isdigit()) or not 0 <= int(raw) <= MAX_ANSWER:
            invalid.append(number)
            continue
        answers[question.pk] = int(raw)
    errors = []
    if missing:
        errors.append(_("Il manque ta réponse aux questions %(numbers)s.")
                      % {"numbers": ", ".join(str(n) for n in missing)})
    if invalid:
        errors.append(_("La réponse aux questions %(numbers)s n'est pas une des réponses proposées.")
                      % {"numbers": ", ".join(str(n) for n in invalid)})
    if not questions:
        errors.append(_("Ce quiz n'a pas encore de questions."))
    return answers, errors


def build_result(scores: Mapping[str, float], code: str, request, limit: int) -> dict:
    """Everything the result page shows: the profile in words and the matching jobs."""
    dominant = riasec.dominant_letters(scores, 3)
    letters = [
        {"letter": letter, "name": LETTERS[letter][0], "likes": LETTERS[letter][1], "industry": LETTERS[letter][2],
         "percent": round(scores[letter] * 100), "dominant": letter in dominant}
        for letter in riasec.DIMENSIONS
    ]
    return {
        "code": code,
        "dominant": [next(item for item in letters if item["letter"] == letter) for letter in dominant],
        "letters": letters,
        "matches": matching_job_profiles(scores, request, limit) if dominant else [],
    }


def riasec_codes_of_profiles(profiles) -> dict[int, list[tuple[str, str]]]:
    """(major, minor) RIASEC codes of each job profile, from the ROME referential (1 query).

    The ROME code gives the reference letters (France Travail's RIASEC table, loaded by the
    observatory); a profile whose ROME codes have none falls back to the editor's ``riasec_code``.
    """
    from observatory.models import RomeOccupation

    all_codes = {code for profile in profiles for code in profile.get_rome_codes()}
    letters = {
        code: (major, minor)
        for code, major, minor in RomeOccupation.objects.filter(code__in=all_codes)
        .exclude(riasec_major="").values_list("code", "riasec_major", "riasec_minor")
    }
    result = {}
    for profile in profiles:
        codes = [letters[code] for code in profile.get_rome_codes() if code in letters]
        if not codes and profile.riasec_code:
            own = profile.riasec_code.upper()
            codes = [(own[0], own[1] if len(own) > 1 else "")]
        result[profile.pk] = codes
    return result


def matching_job_profiles(scores: Mapping[str, float], request, limit: int) -> list[dict]:
    """Industrial job profiles ranked by fit with the visitor's interests, with their local tension.

    Each profile's tension is its own family's, as on its page (``careers.tension.profile_tensions``:
    the FAP family its editor set, else its first ROME code's default family). A handful of queries
    whatever the number of profiles: the profiles, their ROME letters, the visitor's territory and
    the observatory's bulk tension lookup.
    """
    from careers.models import JobProfilePage
    from careers.tension import profile_tensions
    from observatory.territory import get_visitor_territory

    profiles = list(JobProfilePage.objects.live().public().defer_streamfields().order_by("title"))
    codes = riasec_codes_of_profiles(profiles)
    by_pk = {profile.pk: profile for profile in profiles}
    ranked = [(pk, fit) for pk, fit in riasec.rank_by_fit(scores, ((p.pk, codes[p.pk]) for p in profiles)) if fit > 0]
    chosen = [(by_pk[pk], fit) for pk, fit in ranked[:limit]]
    tensions = profile_tensions([profile for profile, _fit in chosen], get_visitor_territory(request))
    return [{"page": profile, "percent": round(fit * 100), "tension": tensions.get(profile.pk)}
            for profile, fit in chosen]
