"""Production settings refuse to start half-configured and pass Django's deployment checks."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent.parent


#: What a complete production environment sets besides SECRET_KEY and ALLOWED_HOSTS.
COMPLETE = {"DATABASE_URL": "sqlite:///:memory:", "EMAIL_HOST": "smtp.industrie-avenir.example",
            "REDIS_URL": "redis://127.0.0.1:6379/0"}


def _run_manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    """``manage.py`` under production settings with exactly ``env`` (the rest of a complete setup by default)."""
    ignored = {"SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE", "DATABASE_URL", "EMAIL_HOST", "REDIS_URL",
               "PAGE_CACHE_ENABLED"}
    environment = {k: v for k, v in os.environ.items() if k not in ignored}
    environment.update({"DJANGO_SETTINGS_MODULE": "website.settings.production", **COMPLETE})
    environment.update(env)
    environment = {k: v for k, v in environment.items() if v != ""}  # "" removes a variable
    return subprocess.run([sys.executable, "manage.py", *args], cwd=PROJECT, env=environment,  # noqa: S603
                          capture_output=True, text=True, timeout=120)


def test_production_refuses_to_start_without_secret_key():
    result = _run_manage("check", ALLOWED_HOSTS="example.org")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = _run_manage("check", SECRET_KEY="x" * 60)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must be set" in result.stderr


@pytest.mark.parametrize(("missing", "message"), [
    ("DATABASE_URL", "DATABASE_URL must be set"), ("EMAIL_HOST", "EMAIL_HOST must be set"),
])
def test_production_refuses_to_start_without_a_database_or_a_mail_server(missing, message):
    result = _run_manage("check", SECRET_KEY="x" * 60, ALLOWED_HOSTS="example.org", **{missing: ""})
    assert result.returncode != 0
    assert message in result.stderr


def test_production_refuses_to_start_without_a_shared_cache():
    """Several processes serve (gunicorn workers, the imports worker): a cache local to each would keep
    a page unpublished in one process public in the others (security review, issue #17)."""
    result = _run_manage("check", SECRET_KEY="x" * 60, ALLOWED_HOSTS="example.org", REDIS_URL="")
    assert result.returncode != 0
    assert "REDIS_URL must be set" in result.stderr


def test_production_runs_without_redis_only_with_no_cache_kept_per_process():
    read = "from django.conf import settings as s; print(s.CACHES['default']['BACKEND'], s.PAGE_CACHE_ENABLED)"
    result = _run_manage("shell", "-c", read, SECRET_KEY="x" * 60, ALLOWED_HOSTS="example.org", REDIS_URL="",
                         PAGE_CACHE_ENABLED="false")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1].split() == ["django.core.cache.backends.dummy.DummyCache", "False"]


def test_production_refuses_a_wildcard_allowed_host():
    result = _run_manage("check", SECRET_KEY="x" * 60, ALLOWED_HOSTS="industrie-avenir.fr,*")
    assert result.returncode != 0
    assert "'*' would accept any Host header" in result.stderr


def test_production_passes_check_deploy_without_any_warning():
    result = _run_manage("check", "--deploy", "--fail-level", "WARNING",
                         SECRET_KEY="k3y-" + "a1B2c3D4e5" * 6, ALLOWED_HOSTS="industrie-avenir.example")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_demo_admin_account_is_refused_under_production_settings(settings):
    from django.core.management import CommandError, call_command

    settings.DEMO_ADMIN_ALLOWED = False
    with pytest.raises(CommandError, match="refusé"):
        call_command("load_demo")


@pytest.mark.django_db
def test_public_pages_send_security_headers(client, home_page):
    response = client.get("/")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert "camera=()" in response["Permissions-Policy"]
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


@pytest.mark.django_db
def test_a_preview_may_be_framed_by_the_admin_and_the_public_page_by_no_one(client, home_page):
    """Wagtail renders a preview on a stand-in request at the page's public address; the admin's
    preview panel frames it. With the public page's « frame-ancestors 'none' », every preview panel
    of the admin stayed blank in production."""
    preview = home_page.make_preview_request()
    policy = preview["Content-Security-Policy"]
    assert "frame-ancestors 'self'" in policy and "frame-ancestors 'none'" not in policy
    assert "unsafe-inline" not in policy.split("script-src", 1)[1].split(";", 1)[0]  # the public page's scripts
    assert "frame-ancestors 'none'" in client.get("/")["Content-Security-Policy"]


@pytest.mark.django_db
def test_public_pages_are_in_french_whatever_the_browser_asks_and_share_one_cached_copy(client, home_page):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert "Aller au contenu" in response.content.decode()
    assert "Accept-Language" not in response.get("Vary", "")  # one copy per page in shared caches


@pytest.mark.django_db
def test_the_admin_speaks_each_editors_chosen_language(client, home_page, django_user_model):
    from wagtail.users.models import UserProfile

    editor = django_user_model.objects.create_superuser("editor", "editor@example.invalid", "pw")
    client.force_login(editor)
    assert '<html lang="fr"' in client.get("/admin/").content.decode()
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "en"
    profile.save()
    assert '<html lang="en"' in client.get("/admin/").content.decode()
