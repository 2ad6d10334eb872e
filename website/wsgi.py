"""WSGI entry point (gunicorn website.wsgi). Production settings unless told otherwise.

Whatever a process would otherwise load on its first request is loaded here, at import: the
URLconf (with every admin, API and section view module it names, about 500 modules and 25 MB),
its reverse lookup table, the ``wagtail_hooks`` modules, the template engines with their tag
libraries and the French translations. gunicorn imports this module in its master process and then
forks the workers (``preload_app``, ``gunicorn.conf.py``): loaded here, that memory is shared by
every worker instead of copied into each one by its first request (issue #17). Without
preloading, it is the same work, done at a worker's start instead of during a visitor's request.
No database connection or network connection is opened.
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "website.settings.production")

application = get_wsgi_application()


def load_what_requests_use() -> None:
    """Import and build now what the first request of a process would otherwise load."""
    from django.conf import settings
    from django.core.cache.backends.redis import RedisCache
    from django.db import connections
    from django.template import engines
    from django.urls import get_resolver
    from django.utils import translation
    from django.utils.module_loading import import_string
    from wagtail import hooks

    with translation.override(settings.LANGUAGE_CODE):
        get_resolver().reverse_dict  # noqa: B018 — imports every URL module and builds the reverse table
    hooks.search_for_hooks()
    for engine in engines.all():
        django_engine = getattr(engine, "engine", None)
        if django_engine is not None:
            django_engine.template_loaders  # noqa: B018
            django_engine.template_context_processors  # noqa: B018
    backends = [import_string(cache["BACKEND"]) for cache in settings.CACHES.values()]  # classes, no connection
    if any(issubclass(backend, RedisCache) for backend in backends):
        import redis  # noqa: F401 — what Django's Redis client imports when it is first used
    connections.close_all()  # none is expected; a forked worker must never share one with the master


load_what_requests_use()
