"""Test settings: fast hashing, in-memory cache, plain static storage, no real e-mail."""

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-insecure-key"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "test"},
    "renditions": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "test-r"},
    "counters": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "test-counters"},
    "shared": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "test-shared"},
    "fragments": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "test-fragments"},
}
MEDIA_ROOT = BASE_DIR / "test-media"  # noqa: F405
STORAGES["private"] = {"BACKEND": "django.core.files.storage.FileSystemStorage",  # noqa: F405
                       "OPTIONS": {"location": BASE_DIR / "test-media" / "private"}}  # noqa: F405
# Background imports run at once, within the request that starts them; the tests that check the
# queue itself switch "imports" back to the database backend and run the worker.
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "imports": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
}
WAGTAILADMIN_BASE_URL = "http://testserver"
DEMO_ADMIN_ALLOWED = True
# The demo content and its `load_demo` command (demo/): here and in the dev settings, never
# in production.
INSTALLED_APPS = [*INSTALLED_APPS, "demo"]  # noqa: F405

# Editors and tests must always see fresh pages; tests enable it where they test it.
PAGE_CACHE_ENABLED = False
AUDIENCE_FLUSH_SECONDS = 0  # counts written at once: tests read them straight after a request
