"""Same-origin check for the cookie-less feedback form (cross-site request forgery defence)."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest


def is_same_origin(request: HttpRequest) -> bool:
    """True when the ``Origin`` header (or, failing it, the ``Referer``) names this site.

    Browsers send ``Origin`` with every cross-site POST and cannot be made to forge it, so a
    form posted from another site is refused. A request with neither header (scripts, some
    privacy extensions strip both) is refused too. ``CSRF_TRUSTED_ORIGINS`` are accepted.
    """
    source = request.headers.get("Origin") or request.headers.get("Referer")
    if not source or source == "null":
        return False
    parts = urlsplit(source)
    if not parts.scheme or not parts.netloc:
        return False
    origin = f"{parts.scheme}://{parts.netloc}"
    if origin in getattr(settings, "CSRF_TRUSTED_ORIGINS", []):
        return True
    expected_scheme = "https" if request.is_secure() else "http"
    return parts.scheme == expected_scheme and parts.netloc == request.get_host()
