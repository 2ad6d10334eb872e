"""Two Content-Security-Policies: a strict one for the public site, a looser one for Wagtail's admin.

The public site runs no inline script at all, so its policy is ``script-src 'self'``
(``CONTENT_SECURITY_POLICY`` in the settings). Wagtail 7.4's admin still initialises its
widgets with small inline scripts (``new ImageChooser(…)``, ``new InlinePanel(…)``,
``initDateChooser(…)``…) whose text changes with every form, so neither hashes nor nonces
can be listed in advance: Wagtail adds no nonce to them. Hashing or nonce-stamping every
inline script of the response on the way out would trust an injected script just as much
as ``'unsafe-inline'`` does, with more code. So admin addresses get ``'unsafe-inline'``
scripts, and the preview frame they embed, and nothing else changes: still no third-party
origin (Gravatar is switched off with ``WAGTAIL_GRAVATAR_PROVIDER_URL = None``), no plugins,
no form posted elsewhere.

The admin is reached only by signed-in editors; its pages are never stored in the page
cache, so a public page can never be served with the admin's policy.
"""

from __future__ import annotations

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.http import HttpRequest, HttpResponseBase


def is_admin_path(path: str) -> bool:
    """True for an address of Wagtail's admin (``ADMIN_URL_PREFIX``, ``/admin/`` by default)."""
    return path.startswith(getattr(settings, "ADMIN_URL_PREFIX", "/admin/"))


class SiteCSPMiddleware(CSPMiddleware):
    """django-csp's middleware, with ``CONTENT_SECURITY_POLICY_ADMIN`` replacing directives in the admin."""

    def get_policy_parts(self, request: HttpRequest, response: HttpResponseBase,
                         report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        admin_policy = getattr(settings, "CONTENT_SECURITY_POLICY_ADMIN", {})
        if not report_only and is_admin_path(request.path_info):
            parts.replace = {**admin_policy, **(parts.replace or {})}
        elif not report_only and getattr(request, "is_dummy", False) and "frame-ancestors" in admin_policy:
            # A preview: Wagtail renders the page on a stand-in request at the page's public address
            # (``request.is_dummy``) and shows it in the admin's preview panel, a same-origin frame.
            # Only who may frame it changes (as the admin allows); its scripts stay the public page's.
            parts.replace = {"frame-ancestors": admin_policy["frame-ancestors"], **(parts.replace or {})}
        return parts
