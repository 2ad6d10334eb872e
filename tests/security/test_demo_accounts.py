"""Demo accounts (documented password, reserved e-mail domain) cannot sign in under production settings."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from website.auth_backends import DEMO_EMAIL_DOMAIN, DEMO_PASSWORD, is_demo_account

pytestmark = pytest.mark.django_db
LOGIN_URL = "/admin/login/"
REAL_PASSWORD = "un-mot-de-passe-solide-42"


def _login(client, username: str, password: str):
    return client.post(LOGIN_URL, {"username": username, "password": password}, REMOTE_ADDR="203.0.113.10")


@pytest.mark.parametrize(("email", "password", "expected"), [
    (f"agence@{DEMO_EMAIL_DOMAIN}", "autre", True),
    (f"Admin@{DEMO_EMAIL_DOMAIN.upper()}", None, True),
    ("redaction@region.fr", DEMO_PASSWORD, True),
    ("redaction@region.fr", REAL_PASSWORD, False),
    ("redaction@example.invalid.fr", None, False),
])
def test_demo_accounts_are_recognised_by_their_domain_or_the_demo_password(email, password, expected):
    assert is_demo_account(email, password) is expected


def test_a_demo_account_signs_in_where_the_demo_is_allowed(client, settings):
    settings.DEMO_ADMIN_ALLOWED = True
    get_user_model().objects.create_superuser("admin", f"admin@{DEMO_EMAIL_DOMAIN}", DEMO_PASSWORD)
    assert _login(client, "admin", DEMO_PASSWORD).status_code == 302


def test_a_demo_account_left_in_the_database_is_refused_under_production_settings(client, settings):
    settings.DEMO_ADMIN_ALLOWED = False
    get_user_model().objects.create_superuser("agence", f"agence@{DEMO_EMAIL_DOMAIN}", DEMO_PASSWORD)
    response = _login(client, "agence", DEMO_PASSWORD)
    assert response.status_code == 200  # the login form again, with its error
    assert "_auth_user_id" not in client.session


def test_nobody_signs_in_with_the_demo_password_under_production_settings(client, settings):
    settings.DEMO_ADMIN_ALLOWED = False
    get_user_model().objects.create_superuser("redaction", "redaction@region.fr", DEMO_PASSWORD)
    assert _login(client, "redaction", DEMO_PASSWORD).status_code == 200
    assert "_auth_user_id" not in client.session


def test_a_real_account_signs_in_under_production_settings(client, settings):
    settings.DEMO_ADMIN_ALLOWED = False
    get_user_model().objects.create_superuser("redaction", "redaction@region.fr", REAL_PASSWORD)
    assert _login(client, "redaction", REAL_PASSWORD).status_code == 302


def test_a_demo_accounts_earlier_session_ends_under_production_settings(client, settings):
    user = get_user_model().objects.create_superuser("agence", f"agence@{DEMO_EMAIL_DOMAIN}", DEMO_PASSWORD)
    client.force_login(user)
    settings.DEMO_ADMIN_ALLOWED = False
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN_URL)
