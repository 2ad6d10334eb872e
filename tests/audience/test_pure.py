"""Pure functions of the audience app: channels, robots, personal-data scrubbing (no database)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from audience.bots import is_bot
from audience.channels import CHANNELS, DIRECT, OTHER, normalise_channel, slugify_channel
from website.privacy import REDACTED, scrub_personal_data

FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0"
IPHONE = ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
          "Version/17.0 Mobile/15E148 Safari/604.1")


def test_known_channel_is_kept_and_canal_wins_over_utm_source():
    assert normalise_channel("affiche-lycee", "facebook") == "affiche-lycee"


def test_channel_values_are_normalised_case_accents_and_aliases():
    assert normalise_channel(" Affiche Lycée ") == "affiche-lycee"
    assert normalise_channel(None, "FB") == "facebook"
    assert normalise_channel("", "e-mail") == "courriel"


def test_missing_channel_is_direct_and_unknown_channel_is_autre():
    assert normalise_channel(None) == DIRECT
    assert normalise_channel("   ", "") == DIRECT
    assert normalise_channel("jean.dupont@example.org") == OTHER
    assert normalise_channel("%%%") == OTHER


@given(st.one_of(st.none(), st.text(max_size=300)), st.one_of(st.none(), st.text(max_size=300)))
def test_any_input_gives_a_known_channel_key(canal, utm_source):
    assert normalise_channel(canal, utm_source) in CHANNELS


@given(st.text(max_size=500))
def test_slugified_channel_is_short_lowercase_ascii(raw):
    slug = slugify_channel(raw)
    assert len(slug) <= 60
    assert slug == slug.lower()
    assert all(c.isascii() and (c.isalnum() or c == "-") for c in slug)


def test_browsers_are_visitors():
    assert not is_bot(FIREFOX)
    assert not is_bot(IPHONE)


def test_crawlers_scripts_and_empty_user_agents_are_robots():
    assert is_bot(None)
    assert is_bot("")
    assert is_bot("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)")
    assert is_bot("Mozilla/5.0 (compatible; bingbot/2.0)")
    assert is_bot("facebookexternalhit/1.1")
    assert is_bot("curl/8.4.0")
    assert is_bot("python-requests/2.31")
    assert is_bot("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0 Safari/537.36")


def test_emails_and_phone_numbers_are_removed_from_comments():
    text = "Écrivez-moi à jean.dupont@example.org ou au 06 12 34 56 78, ou +33 6.12.34.56.78 !"
    cleaned = scrub_personal_data(text)
    assert "example.org" not in cleaned
    assert "12 34" not in cleaned and "12.34" not in cleaned
    assert cleaned.count(REDACTED) == 3


def test_ordinary_comment_with_figures_is_kept():
    text = "Il manque le salaire d'un apprenti en 2026 (environ 1 000 euros)."
    assert scrub_personal_data(text) == text


@given(st.text(max_size=2000))
def test_scrubbed_comment_is_never_longer_than_the_limit(text):
    assert len(scrub_personal_data(text, max_length=500)) <= 500


@pytest.mark.parametrize("agent", [
    "Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)",
    "Mozilla/5.0 (compatible; SemrushBot/7~bl; +http://www.semrush.com/bot.html)",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/13.1.1 "
    "Safari/605.1.15 (Applebot/0.1; +http://www.apple.com/go/applebot)",
])
def test_crawlers_from_the_maintained_list_that_pretend_to_be_browsers_are_robots(agent):
    assert is_bot(agent)


@pytest.mark.parametrize("personal", [
    "jean [at] exemple [dot] fr", "jean(at)exemple.fr", "jean arobase exemple point fr", "jean{@}exemple(.)com",
    "1 84 12 76 451 089 46", "184127645108946", "2 90 02 2A 123 456",
    "FR76 3000 6000 0112 3456 7890 189", "FR7630006000011234567890189", "DE89 3704 0044 0532 0130 00",
])
def test_disguised_emails_social_security_numbers_and_ibans_are_removed(personal):
    assert scrub_personal_data(f"Contactez-moi : {personal} merci") == f"Contactez-moi : {REDACTED} merci"


@pytest.mark.parametrize("plain", [
    "Le soudeur gagne 1 756 € en 2019, niveau 4 sur 5.", "Codes H2913 et D2Z42, période 2017-2019.",
    "Je travaille chez Renault point de vue salaire c'est bien.", "Super site at home point final",
    "Bac pro MSPC en 2 ans, BTS en 2025-2027.",
])
def test_ordinary_sentences_with_numbers_and_codes_are_kept(plain):
    assert scrub_personal_data(plain) == plain
