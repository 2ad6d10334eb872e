"""Every public form and API parameter, fed hostile values by Hypothesis: never a server error.

The forms are those the demo pages show (discovered, see tests/site_pages.py): search, listing
filters, quiz, territory choice. Each field — and a few the form does not have (``page``,
``format``…) — gets random Unicode, control characters, huge numbers, very long strings,
repeated parameters. The open-data API's parameters are fuzzed the same way.
"""

from __future__ import annotations

from urllib.parse import urlencode, urlsplit

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.site_pages import get_forms

pytestmark = pytest.mark.django_db

HOSTILE_TEXT = st.one_of(
    st.text(max_size=60),
    # Unicode digits and numbers that str.isdigit() accepts and int() may refuse (« ² », « ٣ », « Ⅻ »),
    # spaces and format characters: each was a 500 somewhere once.
    st.text(alphabet=st.characters(categories=["Nd", "No", "Nl", "Zs", "Cf"]), min_size=1, max_size=8),
    st.sampled_from([
        "", " ", "0", "-1", "99999999999999999999999", "1e308", "NaN", "null", "[]", "{}", "%00", "\x00",
        "' OR 1=1 --", "<script>alert(1)</script>", "../../etc/passwd", "é" * 500, "a" * 5000,
        "DEP-999", "REG-32", "FR", "H2913", "ZZZZZ", "2019", "1900", "page", "\u202e\u0000\ufeff",
    ]),
)
EXTRA_PARAMS = ["page", "format", "q", "territoire", "next", "tri", "niveau"]
FUZZ = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                        HealthCheck.too_slow])


def _form_targets(client, site_paths) -> list[tuple[str, list[str]]]:
    """(form action path, field names) for every distinct GET form of the site."""
    targets: dict[str, set[str]] = {}
    for _, path in site_paths:
        response = client.get(path)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        for form in get_forms(response.content.decode()):
            action = urlsplit(form.action or path).path or path
            if urlsplit(form.action).netloc:
                continue
            targets.setdefault(action, set()).update(form.fields, form.text_fields)
    return sorted((action, sorted(names)) for action, names in targets.items())


@pytest.fixture
def form_targets(client, site_paths):
    targets = _form_targets(client, site_paths)
    assert any(action == "/recherche/" for action, _ in targets), targets
    return targets


def _assert_no_server_error(client, path: str, params: list[tuple[str, str]]) -> None:
    url = f"{path}?{urlencode(params)}"
    response = client.get(url)
    assert response.status_code < 500, f"{url}: HTTP {response.status_code}"


@FUZZ
@given(data=st.data())
def test_every_public_form_survives_hostile_values(client, form_targets, data):
    action, names = data.draw(st.sampled_from(form_targets))
    fields = names + data.draw(st.lists(st.sampled_from(EXTRA_PARAMS), max_size=2))
    params = [(name, data.draw(HOSTILE_TEXT)) for name in fields for _ in range(data.draw(st.integers(1, 2)))]
    client.cookies.clear()
    _assert_no_server_error(client, action, params)


@FUZZ
@given(data=st.data())
def test_every_public_page_survives_hostile_query_strings_and_cookies(client, site_paths, data):
    _, path = data.draw(st.sampled_from(site_paths))
    path = urlsplit(path).path
    params = data.draw(st.lists(st.tuples(st.sampled_from(EXTRA_PARAMS), HOSTILE_TEXT), max_size=4))
    # On the wire a cookie is bytes; a WSGI server hands them over decoded as latin-1.
    cookie = data.draw(HOSTILE_TEXT).encode()[:200].decode("latin-1")
    client.cookies["territoire"] = cookie.replace(";", "").replace("\x00", "")
    _assert_no_server_error(client, path, params)


API_PARAMS = {
    "/api/v1/territories/": ["level", "parent", "page", "page_size", "format"],
    "/api/v1/occupations/": ["domain", "riasec", "fap", "page", "page_size", "format"],
    "/api/v1/tension/": ["territory", "rome", "fap", "year", "level", "page", "page_size", "format"],
    "/api/v1/hiring-projects/": ["territory", "rome", "fap", "year", "page", "page_size", "format"],
    "/api/v1/datasets/": ["page", "page_size", "format"],
}


@FUZZ
@given(data=st.data())
def test_every_api_parameter_survives_hostile_values(client, demo_site, data):
    path = data.draw(st.sampled_from(sorted(API_PARAMS)))
    names = data.draw(st.lists(st.sampled_from(API_PARAMS[path] + ["inconnu"]), min_size=1, max_size=4))
    params = [(name, data.draw(HOSTILE_TEXT)) for name in names]
    _assert_no_server_error(client, path, params)


@FUZZ
@given(suffix=HOSTILE_TEXT)
def test_api_detail_addresses_survive_hostile_identifiers(client, demo_site, suffix):
    from urllib.parse import quote

    for base in ("/api/v1/territories/", "/api/v1/occupations/", "/api/v1/datasets/"):
        response = client.get(base + quote(suffix.replace("/", ""), safe="") + "/")
        assert response.status_code < 500, f"{base}{suffix!r}: HTTP {response.status_code}"
