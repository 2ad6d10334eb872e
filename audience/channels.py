"""Campaign channels: the ``canal`` (or ``utm_source``) value a visitor arrives with.

Pure functions, no Django import: they are tested without a database. A channel is one of
a short, known list so that a typo, a personal value pasted into a link or a random
string cannot create new rows (and cannot carry personal data into the figures).
"""

from __future__ import annotations

import re
import unicodedata

#: Visitor came with no channel in the address (typed address, bookmark, search engine…).
DIRECT = "direct"
#: A channel value we do not know: counted together, never stored as typed.
OTHER = "autre"

#: Known channels: slug → French label shown in the admin reports and poster form.
CHANNELS: dict[str, str] = {
    "affiche-college": "Affiche en collège",
    "affiche-lycee": "Affiche en lycée",
    "affiche-france-travail": "Affiche en agence France Travail",
    "affiche-mission-locale": "Affiche en mission locale",
    "affiche-entreprise": "Affiche en entreprise",
    "flyer": "Flyer",
    "salon": "Salon, forum ou événement",
    "journee-portes-ouvertes": "Journée portes ouvertes",
    "presse": "Presse",
    "radio": "Radio",
    "newsletter": "Lettre d’information",
    "courriel": "Courriel",
    "reseaux-sociaux": "Réseaux sociaux (tous)",
    "facebook": "Facebook",
    "instagram": "Instagram",
    "linkedin": "LinkedIn",
    "tiktok": "TikTok",
    "youtube": "YouTube",
    "snapchat": "Snapchat",
    "partenaire": "Site partenaire",
    DIRECT: "Accès direct (sans canal)",
    OTHER: "Autre canal (valeur inconnue)",
}

#: Usual spellings of ``utm_source`` values mapped to our channels.
ALIASES: dict[str, str] = {
    "fb": "facebook",
    "ig": "instagram",
    "insta": "instagram",
    "li": "linkedin",
    "yt": "youtube",
    "email": "courriel",
    "mail": "courriel",
    "e-mail": "courriel",
    "ft": "affiche-france-travail",
    "france-travail": "affiche-france-travail",
    "social": "reseaux-sociaux",
    "reseaux": "reseaux-sociaux",
    "affiche": "affiche-lycee",
}

#: Channels an editor may choose for a poster or a link (the two buckets are not targets).
CAMPAIGN_CHANNELS: dict[str, str] = {key: label for key, label in CHANNELS.items() if key not in (DIRECT, OTHER)}

_MAX_INPUT = 60
_NON_SLUG = re.compile(r"[^a-z0-9]+")


def slugify_channel(raw: str) -> str:
    """Lower-case ASCII slug of ``raw``: accents dropped, any other run of characters → ``-``."""
    text = unicodedata.normalize("NFKD", raw[:_MAX_INPUT]).encode("ascii", "ignore").decode("ascii")
    return _NON_SLUG.sub("-", text.lower()).strip("-")


def normalise_channel(canal: str | None, utm_source: str | None = None) -> str:
    """The channel to count for a visit, always a key of :data:`CHANNELS`.

    ``canal`` wins over ``utm_source``; an empty or missing value gives :data:`DIRECT`; a
    value not in the list (after alias mapping) gives :data:`OTHER`.
    """
    raw = canal if canal and canal.strip() else utm_source
    if not raw or not raw.strip():
        return DIRECT
    slug = slugify_channel(raw)
    if not slug:
        return OTHER
    slug = ALIASES.get(slug, slug)
    if slug in CHANNELS:
        return slug
    return OTHER


def channel_label(key: str) -> str:
    """The French label of a channel key (the key itself when unknown)."""
    return CHANNELS.get(key, key)
