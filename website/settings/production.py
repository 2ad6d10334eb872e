"""Production: HTTPS only, secrets from the environment, refuses to start half-configured."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403

DEBUG = False

if not os.environ.get("SECRET_KEY"):
    raise ImproperlyConfigured("SECRET_KEY must be set in the environment for production.")
if not os.environ.get("ALLOWED_HOSTS"):
    raise ImproperlyConfigured(
        "ALLOWED_HOSTS must be set in the environment for production "
        "(comma-separated host names, e.g. industrie-avenir.fr,www.industrie-avenir.fr)."
    )
if "*" in ALLOWED_HOSTS:  # noqa: F405
    raise ImproperlyConfigured(
        "ALLOWED_HOSTS must name the site's host names: '*' would accept any Host header (cache "
        "poisoning, password-reset links to another site)."
    )
if not os.environ.get("DATABASE_URL"):
    raise ImproperlyConfigured(
        "DATABASE_URL must be set in the environment for production (e.g. postgres://user:pass@host:5432/db); "
        "without it the site would silently run on a local SQLite file. To run on SQLite on purpose, "
        "say so: DATABASE_URL=sqlite:////srv/industrie-avenir/db.sqlite3."
    )
if not os.environ.get("EMAIL_HOST"):
    raise ImproperlyConfigured(
        "EMAIL_HOST must be set in the environment for production (SMTP server): password resets and the "
        "editors' workflow notifications are sent by e-mail and would otherwise be lost without a trace."
    )
if not REDIS_URL:  # noqa: F405
    if PAGE_CACHE_ENABLED:  # noqa: F405
        raise ImproperlyConfigured(
            "REDIS_URL must be set in the environment for production (e.g. redis://127.0.0.1:6379/0): the site "
            "runs in several processes (gunicorn workers, the imports worker), and with a cache local to each "
            "one, a page unpublished or made private in one process would stay public in the others for up "
            "to PAGE_CACHE_SECONDS. To run without Redis, say so: PAGE_CACHE_ENABLED=false (every page is "
            "then computed on each request)."
        )
    # Without a shared cache and without the page cache, nothing may be kept per process: menus,
    # settings or private sections cached in one worker would go stale when another saves them.
    CACHES["default"] = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}  # noqa: F405
SECRET_KEY = os.environ["SECRET_KEY"]
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", f"Industrie d'avenir <no-reply@{ALLOWED_HOSTS[0]}>")  # noqa: F405
SERVER_EMAIL = DEFAULT_FROM_EMAIL
CSRF_TRUSTED_ORIGINS = [f"https://{host}" for host in ALLOWED_HOSTS]  # noqa: F405

# HTTPS everywhere. Behind a proxy that terminates TLS, it must set X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "true").lower() != "false"
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_SAMESITE = "Lax"

# The demo admin account must never exist on a public server.
DEMO_ADMIN_ALLOWED = False

LOGGING["root"]["level"] = os.environ.get("LOG_LEVEL", "INFO")  # noqa: F405
