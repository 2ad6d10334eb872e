"""Local development: DEBUG on, a fixed throw-away secret, console e-mail."""

from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = "dev-only-insecure-key-never-use-in-production"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]", "testserver"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# Plain storage so that `make run` works before/without collectstatic's manifest.
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
INTERNAL_IPS = ["127.0.0.1"]
# The demo content and its `load_demo` command (demo/): here and in the test settings, never
# in production.
INSTALLED_APPS = [*INSTALLED_APPS, "demo"]  # noqa: F405
# The demo admin account is allowed only under these settings (see load_demo).
DEMO_ADMIN_ALLOWED = True

# Editors and tests must always see fresh pages; tests enable it where they test it.
PAGE_CACHE_ENABLED = False
# Unknown addresses show the site's French 404 page, not Django's debug page (website/middleware.py).
MIDDLEWARE = [*MIDDLEWARE, "website.middleware.SiteNotFoundPageMiddleware"]  # noqa: F405
