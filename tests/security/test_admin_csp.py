"""The admin gets the script policy Wagtail's widgets need; the public site keeps the strict one."""

from __future__ import annotations

import pytest

from website.csp import is_admin_path


def directives(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    parsed = {}
    for part in header.split(";"):
        name, *values = part.split()
        parsed[name] = values
    return parsed


@pytest.mark.parametrize(("path", "expected"), [
    ("/admin/", True), ("/admin/pages/3/edit/", True), ("/administration/", False), ("/", False),
    ("/metiers/admin/", False),
])
def test_only_addresses_under_the_admin_prefix_are_admin_addresses(path, expected):
    assert is_admin_path(path) is expected


@pytest.mark.django_db
def test_admin_pages_allow_wagtails_inline_widget_scripts_and_the_same_origin_preview(admin_client, home_page):
    response = admin_client.get(f"/admin/pages/{home_page.pk}/edit/")
    assert response.status_code == 200
    policy = directives(response)
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["frame-ancestors"] == ["'self'"]
    assert "'self'" in policy["frame-src"]
    # Everything else stays as strict as on the public site.
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]


@pytest.mark.django_db
def test_public_pages_keep_the_strict_policy_for_a_signed_in_editor(admin_client, home_page):
    response = admin_client.get(home_page.url)
    policy = directives(response)
    assert policy["script-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]


@pytest.mark.django_db
def test_the_admin_requests_no_avatar_from_gravatar(admin_client, home_page):
    response = admin_client.get("/admin/")
    assert b"gravatar" not in response.content.lower()
