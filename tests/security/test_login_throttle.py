"""Admin login throttling: repeated failures lock out a username from one address (django-axes)."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model

pytestmark = pytest.mark.django_db
LOGIN_URL = "/admin/login/"
PASSWORD = "un-mot-de-passe-solide-42"


@pytest.fixture
def editor():
    return get_user_model().objects.create_superuser("redaction", "redaction@example.org", PASSWORD)


def _login(client, password: str, address: str = "203.0.113.10", username: str = "redaction"):
    return client.post(LOGIN_URL, {"username": username, "password": password}, REMOTE_ADDR=address)


def test_a_correct_password_logs_in_before_any_failure(client, editor):
    response = _login(client, PASSWORD)
    assert response.status_code == 302
    assert "_auth_user_id" in client.session


def test_repeated_failures_lock_the_username_out_even_with_the_right_password(client, editor):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = _login(client, "mauvais")
        assert response.status_code == 200  # the form again, with its error
    response = _login(client, "mauvais")
    assert response.status_code == 429
    response = _login(client, PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_lockout_does_not_block_the_same_editor_from_another_address(client, editor):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "mauvais", address="203.0.113.66")
    response = _login(client, PASSWORD, address="198.51.100.7")
    assert response.status_code == 302
    assert "_auth_user_id" in client.session


def test_a_lockout_does_not_block_another_username_from_the_same_address(client, editor):
    get_user_model().objects.create_user("collegue", "c@example.org", PASSWORD, is_staff=True, is_superuser=True)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "mauvais")
    response = _login(client, PASSWORD, username="collegue")
    assert response.status_code == 302


def test_a_successful_login_resets_the_failure_count(client, editor):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _login(client, "mauvais")
    assert _login(client, PASSWORD).status_code == 302
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _login(client, "mauvais")
    assert _login(client, PASSWORD).status_code == 302


def test_there_is_one_login_page_only_wagtails(client, editor):
    # No Django admin: its login was a second, separately throttled door to the same accounts.
    assert client.get("/django-admin/login/").status_code == 404
    assert client.post("/django-admin/login/", {"username": "redaction", "password": PASSWORD}).status_code == 404
