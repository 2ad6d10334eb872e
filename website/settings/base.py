"""Settings shared by every environment of Industrie d'avenir.

Environment-specific files (``dev``, ``test``, ``production``) import everything from here
and override only what differs. Everything that changes between machines comes from
environment variables, documented in the README.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

# Read from the environment in production; dev and test settings provide their own.
SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS: list[str] = [
    host.strip() for host in os.environ.get("ALLOWED_HOSTS", "").split(",") if host.strip()
]

INSTALLED_APPS = [
    # Project apps first so that their templates and static files win.
    "website",
    "observatory",
    "careers",
    "schools",
    "audience",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.table_block",
    "wagtail.contrib.typed_table_block",
    "wagtail.contrib.frontend_cache",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "rest_framework",
    "drf_spectacular",
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "axes",  # admin login throttling (see the end of this file)
    "django_tasks_db",  # queue of the background tasks (see TASKS below)
]

MIDDLEWARE = [
    # Outermost: a HEAD answer loses its body, even when it comes from the page cache (gunicorn sends it).
    "website.middleware.HeadWithoutBodyMiddleware",
    "website.caching.PageCacheUpdateMiddleware",  # stores anonymous pages (see website/caching.py)
    "django.middleware.security.SecurityMiddleware",
    "website.middleware.RejectNulBytesMiddleware",  # %00 never reaches a view or the database
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Counts page views (no cookie, nothing stored about visitors). Keep it between the page
    # cache's update (first) and fetch middlewares so cached views count too: see docs/editorial-workflow.md.
    "audience.middleware.AudienceMiddleware",
    # Answers from the page cache. A cached page already carries the headers the middlewares below
    # added when it was stored (CSP, Permissions-Policy, X-Frame-Options), so a hit skips them all.
    "website.caching.PageCacheFetchMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "website.csp.SiteCSPMiddleware",  # django-csp, with a separate policy for the admin (website/csp.py)
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "axes.middleware.AxesMiddleware",  # answers locked-out login attempts with HTTP 429
    # Only on page-cache misses: the request's Wagtail site from the cache (website/site_cache.py).
    "website.site_cache.CachedSiteMiddleware",
    # Innermost: turns a page save refused by the model after its form passed (two saves at once)
    # into a message rather than a 500 (website/middleware.py).
    "website.middleware.AdminSaveRaceMiddleware",
]

ROOT_URLCONF = "website.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "website.wsgi.application"

# --- Database -------------------------------------------------------------------------
# SQLite by default (nothing to install); PostgreSQL when DATABASE_URL is set.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
DATABASE_IS_POSTGRES = DATABASES["default"]["ENGINE"].endswith("postgresql")
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # Write-ahead log: readers never wait for the writer. A background import holds SQLite's only
    # write lock for minutes; in the default journal mode every page, reads included, then failed
    # with « database is locked » (measured: a 400 000-row import, the home page answered 500).
    # Stored in the database file; an in-memory test database ignores it.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("init_command", "PRAGMA journal_mode=WAL")
if DATABASE_IS_POSTGRES:
    INSTALLED_APPS.append("django.contrib.postgres")
    # Fail fast instead of hanging when the database is unreachable.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 5)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Reverse proxies ------------------------------------------------------------------
# Addresses or networks of the site's own reverse proxies, comma-separated. Only requests coming
# from them have their X-Forwarded-For believed (audience.client_address), so that per-visitor
# limits count visitors, not the proxy. Empty: the connecting address is the visitor's.
from audience.client_address import parse_networks  # noqa: E402

TRUSTED_PROXY_NETWORKS = parse_networks(os.environ.get("TRUSTED_PROXIES", "").split(","))

# --- E-mail (password resets, workflow notifications) ---------------------------------
# SMTP from the environment; production refuses to start without EMAIL_HOST (settings/production.py).
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "true").lower() != "false"
EMAIL_TIMEOUT = 10  # seconds: a stuck mail server must not hold a request forever
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Industrie d'avenir <no-reply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Cache ----------------------------------------------------------------------------
# Local memory by default; Django's built-in Redis backend when REDIS_URL is set.
# "renditions" keeps Wagtail's image rendition lookups out of the database.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "website.cache_backends.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "ida",
            "TIMEOUT": 600,
            # A Redis outage must degrade to "uncached", not to errors.
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        },
        "renditions": {
            "BACKEND": "website.cache_backends.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "ida-renditions",
            "TIMEOUT": 60 * 60 * 24,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        },
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "ida-default",
            "TIMEOUT": 600,
        },
        "renditions": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "ida-renditions",
            "TIMEOUT": 60 * 60 * 24,
        },
    }
# Per-process counters (audience: the visitor ceiling of counted views, the feedback limits while
# Redis is down). Local on purpose: counting a view must not cost a network round trip.
CACHES["counters"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "ida-counters",
    "TIMEOUT": 60 * 60,
    "OPTIONS": {"MAX_ENTRIES": 50_000},
}

# Retention (days) of the admin's login logs (IP address, browser), purged by purge_audience.
LOGIN_LOG_RETENTION_DAYS = int(os.environ.get("LOGIN_LOG_RETENTION_DAYS", "183"))

# Page views and downloads are added up in memory and written at most this many seconds later,
# in one transaction (audience/counter.py); 0 writes each one at once.
AUDIENCE_FLUSH_SECONDS = float(os.environ.get("AUDIENCE_FLUSH_SECONDS", "5"))

# Whole-page cache for anonymous visitors (website/caching.py). Off in dev and tests.
PAGE_CACHE_ENABLED = os.environ.get("PAGE_CACHE_ENABLED", "true").lower() != "false"
CACHE_MIDDLEWARE_ALIAS = "default"
CACHE_MIDDLEWARE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "300"))
CACHE_MIDDLEWARE_KEY_PREFIX = "pages"
# Rendered pieces shared by many pages (job profile cards), per process (website/fragments.py).
CACHES["fragments"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "ida-fragments",
    "TIMEOUT": CACHE_MIDDLEWARE_SECONDS,
    "OPTIONS": {"MAX_ENTRIES": 3000},  # about 2 KB each: a few MB per process
}

# --- Passwords ------------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Internationalisation -------------------------------------------------------------
LANGUAGE_CODE = "fr"
# The public site is in French only, so there is no LocaleMiddleware: every request is served in
# LANGUAGE_CODE, responses do not vary on Accept-Language (one cached copy per page, in Redis as
# in a CDN), and a cached page is answered without parsing that header. Wagtail's admin still
# speaks each editor's chosen language (it switches per request itself). A second public language
# would need LocaleMiddleware back, before the page-cache fetch, and i18n_patterns.
LANGUAGES = [("fr", _("Français"))]
WAGTAILADMIN_PERMITTED_LANGUAGES = [("fr", "Français"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

# --- Static and media files -----------------------------------------------------------
# Sources live in static/; collectstatic writes to staticfiles/ (Django refuses a
# STATIC_ROOT that is also in STATICFILES_DIRS).
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = os.environ.get("MEDIA_URL", "/media/")

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Optional S3-compatible media storage (AWS, Scaleway, OVH, MinIO…).
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}
    AWS_S3_ENDPOINT_URL = os.environ.get("AWS_S3_ENDPOINT_URL") or None
    AWS_S3_REGION_NAME = os.environ.get("AWS_S3_REGION_NAME") or None
    AWS_S3_CUSTOM_DOMAIN = os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None
    AWS_DEFAULT_ACL = None
    AWS_QUERYSTRING_AUTH = False
    AWS_S3_FILE_OVERWRITE = False
    AWS_S3_OBJECT_PARAMETERS = {"CacheControl": "max-age=86400"}

# Files that must never be served: the observatory's uploads waiting for a background import
# (observatory.ImportJob, deleted once imported). Outside MEDIA_ROOT on disk, because MEDIA_ROOT
# is served to anyone (by the reverse proxy; by runserver in DEBUG). On S3, the « private/ »
# prefix, which the bucket policy keeps private (only images/ is public: docs/deployment.md).
# Web servers and the task worker must share it: on several machines, use S3.
PRIVATE_ROOT = Path(os.environ.get("PRIVATE_ROOT", BASE_DIR / "private"))
STORAGES["private"] = {
    "BACKEND": "django.core.files.storage.FileSystemStorage",
    "OPTIONS": {"location": PRIVATE_ROOT / "files"},
}
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["private"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {"location": "private", "default_acl": "private", "querystring_auth": True,
                    "object_parameters": {}},
    }

# Seen by every process of the site, the task worker included (an import's progress, the
# observatory's data version, bumped by a publication in the worker): Redis, or else files on
# this machine — the local-memory cache of one process is invisible to the others.
if REDIS_URL:
    CACHES["shared"] = {**CACHES["default"], "KEY_PREFIX": "ida-shared"}
else:
    CACHES["shared"] = {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": PRIVATE_ROOT / "cache",
        "TIMEOUT": 60 * 60 * 24,
    }

# --- Background tasks (django-tasks) ----------------------------------------------------------
# "imports": the observatory's imports started from the admin, queued in the database and run by
# `manage.py db_worker --backend imports` (a separate process: `make run` starts one; production
# needs one too, see docs/deployment.md). A 1.76-million-row file takes minutes: in a web request
# it held a worker and, on SQLite, the database.
# "default" stays immediate: Wagtail's own tasks (reference and search index, CDN purges, image
# clean-up) keep running within the request that triggers them, as before — the document access
# rule and the stale-data panel read the reference index right after a publication.
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "imports": {"BACKEND": "django_tasks_db.DatabaseBackend"},
}

# --- Uploads --------------------------------------------------------------------------
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024  # 10 MB
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000  # refuses decompression bombs
WAGTAILIMAGES_IMAGE_FORM_BASE = "website.image_forms.SafeImageForm"  # checks pixels before decoding
WAGTAILDOCS_EXTENSIONS = ["pdf", "odt", "ods", "odp", "docx", "xlsx", "pptx", "csv", "txt", "zip",
                          "mp4", "webm", "vtt"]  # short videos of the site and their captions (website.blocks.VideoBlock)
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024  # 20 MB
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# Refuses to replace the file of a document that published content uses (website/media_protection.py).
WAGTAILDOCS_DOCUMENT_FORM_BASE = "website.media_protection.SiteDocumentForm"

# --- Wagtail --------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Industrie d'avenir"
# Addresses are typed, printed on posters and read aloud: « /kits/fabriquer-un-objet-en-serie/ »,
# not « …-en-série/ » (which a QR code or an e-mail client turns into %C3%A9).
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = False
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "wagtail.search.backends.database",
        # Used by the PostgreSQL backend for stemming and stop words.
        "SEARCH_CONFIG": "french",
    }
}

# Frontend cache purge (CDN) when configured; see docs/deployment.md.
WAGTAILFRONTENDCACHE: dict[str, dict[str, str]] = {}
if os.environ.get("FRONTEND_CACHE_PURGE_URL"):
    WAGTAILFRONTENDCACHE["default"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": os.environ["FRONTEND_CACHE_PURGE_URL"],
    }

# --- REST API (open data) -------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "UNAUTHENTICATED_USER": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Industrie d'avenir — API open data",
    "DESCRIPTION": (
        "Indicateurs de tension, projets de recrutement, emploi industriel et nomenclatures, "
        "avec la provenance de chaque chiffre. Licence Ouverte / Etalab 2.0."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "PREPROCESSING_HOOKS": ["website.api_schema.only_public_api"],
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "website.api_schema.document_error_responses",
    ],
}

# --- Security headers (all environments; production adds HTTPS-only settings) ----------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # Wagtail's admin JavaScript reads it

# Content-Security-Policy (django-csp 4). The public site loads nothing from third
# parties and runs no inline script; Wagtail's admin needs inline styles and the image/video
# previews it builds, and gets its own script policy below (see website/csp.py).
from csp.constants import NONE, SELF  # noqa: E402

MEDIA_HOSTS = [f"https://{AWS_S3_CUSTOM_DOMAIN}"] if AWS_STORAGE_BUCKET_NAME and AWS_S3_CUSTOM_DOMAIN else []

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:", "blob:", *MEDIA_HOSTS],
        "media-src": [SELF],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "frame-src": ["https://www.youtube-nocookie.com", "https://player.vimeo.com"],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    },
}
VIDEO_FRAME_HOSTS = CONTENT_SECURITY_POLICY["DIRECTIVES"]["frame-src"]
ADMIN_URL_PREFIX = "/admin/"
# Directives replaced on admin addresses only: Wagtail's widgets start with inline scripts, and
# the live preview shows the page in a same-origin frame. Nothing else is loosened.
CONTENT_SECURITY_POLICY_ADMIN = {
    "script-src": [SELF, "'unsafe-inline'"],
    "frame-src": [SELF, *VIDEO_FRAME_HOSTS],
    "frame-ancestors": [SELF],
}
# No third-party request from the admin: avatars are the initials Wagtail draws itself, or an
# uploaded picture, never Gravatar (which would also tell it every editor's e-mail hash).
WAGTAIL_GRAVATAR_PROVIDER_URL = None

PERMISSIONS_POLICY: dict[str, list[str]] = {
    "accelerometer": [],
    "camera": [],
    "geolocation": [],
    "gyroscope": [],
    "magnetometer": [],
    "microphone": [],
    "payment": [],
    "usb": [],
    "interest-cohort": [],
}

# --- Project ----------------------------------------------------------------------------
# The base app (website) never names the section apps: what they add to it is listed here, the
# composition root, or registered by the apps themselves (Wagtail hooks, AppConfig attributes:
# README « Organisation du code »).

# Blocks the section apps add to the base's StreamFields, by place (website/blocks.py): "body",
# every content page's blocks (BaseStreamBlock); "key_figures", the home page's key figures.
# Read when the models are defined. The names are stored in the pages' content.
SECTION_BLOCKS = {
    "body": [("indicator", "observatory.blocks.IndicatorBlock")],
    "key_figures": [("key_figures", "observatory.blocks.KeyFiguresBlock")],
}

# URL modules of the section apps, included at the site's root by website/urls.py, after the admin
# and before Wagtail's pages (which answer every other address).
SECTION_URLCONFS = [
    "audience.urls",  # feedback (/avis/) and the posters' short addresses (/go/<page>/<canal>/)
    "observatory.urls",  # open-data API (/api/v1/) and the visitor's territory choice (/territoire/)
]

# Loaders run in this order by `manage.py load_demo` (the `demo` app, installed by the dev and
# test settings only: production has no demo). One module per app's content, in demo/loaders/.
DEMO_LOADERS = [
    "demo.loaders.website_home",
    "demo.loaders.observatory_data",
    "demo.loaders.observatory_industry",
    # Section apps' loaders go here, before the navigation step.
    "demo.loaders.careers",
    # After careers: kits and events link to job profiles and filières.
    "demo.loaders.schools",
    "demo.loaders.website_editorial",
    # After the campaign pages: a fortnight of views and feedback on them.
    "demo.loaders.audience",
    "demo.loaders.website_navigation",
]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

WAGTAILIMAGES_IMAGE_MODEL = "website.SiteImage"

# --- Admin login throttling (django-axes) -----------------------------------------------
# After AXES_FAILURE_LIMIT failed logins for the same username from the same address, that
# pair is refused (HTTP 429) for AXES_COOLOFF_TIME; a successful login resets the count. Keyed
# on username + address so that an attacker cannot lock an editor out from elsewhere, and a
# shared office address does not lock out colleagues. Attempts are stored in the database,
# so the limit holds across several app servers.
from datetime import timedelta  # noqa: E402

AUTHENTICATION_BACKENDS = [
    "website.auth_backends.LoginThrottleBackend",
    "website.auth_backends.AccountBackend",  # Django's ModelBackend, demo accounts refused in production
]
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_FORM_FIELD = "username"
AXES_VERBOSE = False
