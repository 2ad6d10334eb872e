"""Production security settings, read from the real production settings module, and the headers they produce."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent.parent
READ_SETTINGS = (
    "import json; from django.conf import settings as s; print(json.dumps({"
    "'hsts': s.SECURE_HSTS_SECONDS, 'subdomains': s.SECURE_HSTS_INCLUDE_SUBDOMAINS, 'preload': s.SECURE_HSTS_PRELOAD, "
    "'redirect': s.SECURE_SSL_REDIRECT, 'session_secure': s.SESSION_COOKIE_SECURE, 'csrf_secure': s.CSRF_COOKIE_SECURE, "
    "'debug': s.DEBUG, 'backends': s.AUTHENTICATION_BACKENDS, 'login_limit': s.AXES_FAILURE_LIMIT, "
    "'image_form': s.WAGTAILIMAGES_IMAGE_FORM_BASE, 'csp': s.CONTENT_SECURITY_POLICY['DIRECTIVES']}))"
)


@pytest.fixture(scope="module")
def production_settings() -> dict:
    environment = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE", "REDIS_URL"}}
    environment.update(DJANGO_SETTINGS_MODULE="website.settings.production", SECRET_KEY="k" * 60,
                       ALLOWED_HOSTS="industrie-avenir.example", DATABASE_URL="sqlite:///:memory:",
                       EMAIL_HOST="smtp.industrie-avenir.example", REDIS_URL="redis://127.0.0.1:6379/0")
    result = subprocess.run([sys.executable, "manage.py", "shell", "-c", READ_SETTINGS], cwd=PROJECT,  # noqa: S603
                            env=environment, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_sends_hsts_for_a_year_with_subdomains_and_preload(production_settings):
    assert production_settings["hsts"] >= 365 * 24 * 3600
    assert production_settings["subdomains"] and production_settings["preload"]


def test_production_redirects_to_https_and_marks_cookies_secure(production_settings):
    assert production_settings["redirect"] is True
    assert production_settings["session_secure"] and production_settings["csrf_secure"]
    assert production_settings["debug"] is False


def test_production_throttles_logins_and_checks_image_pixels_before_decoding(production_settings):
    assert production_settings["backends"][0] == "website.auth_backends.LoginThrottleBackend"
    assert 3 <= production_settings["login_limit"] <= 10
    assert production_settings["image_form"] == "website.image_forms.SafeImageForm"


def test_production_csp_allows_no_third_party_script_and_no_framing(production_settings):
    directives = production_settings["csp"]
    assert directives["script-src"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["object-src"] == ["'none'"]


@pytest.mark.django_db
def test_a_secure_request_gets_the_hsts_header(client, home_page, settings):
    settings.SECURE_HSTS_SECONDS = 31_536_000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    response = client.get("/", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
