"""Login throttling for the Wagtail and Django admins (django-axes).

Axes' backend refuses any authentication call without the HTTP request, because it keys the
lockout on the client. Every login form of the site passes the request; calls without one come
from code (management commands, Django's test client ``login()``), which no attacker can
reach over HTTP — so they are left to the next backend instead of raising.

:class:`AccountBackend` checks passwords and refuses the demo accounts under production settings.
"""

from __future__ import annotations

import logging

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.contrib.auth.backends import ModelBackend

logger = logging.getLogger(__name__)


class LoginThrottleBackend(AxesStandaloneBackend):
    """Refuses logins for a username + address pair locked out after repeated failures."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


#: The documented password of every demo account, and the address domain they are created with
#: (``load_demo``). Both are public knowledge: see :class:`AccountBackend`.
DEMO_PASSWORD = "changeme"  # noqa: S105 — documented local-only demo accounts
DEMO_EMAIL_DOMAIN = "example.invalid"


def is_demo_account(email: str, password: str | None = None) -> bool:
    """True for an account made by ``load_demo`` (its reserved e-mail domain) or signing in with the demo password."""
    return email.lower().endswith(f"@{DEMO_EMAIL_DOMAIN}") or password == DEMO_PASSWORD


class AccountBackend(ModelBackend):
    """Django's password backend, refusing the demo accounts where they are not allowed.

    ``load_demo`` refuses to create them under production settings, but a database loaded once
    with the demo (a copy of a staging base, say) still holds them, with a password printed
    in the README. Where ``DEMO_ADMIN_ALLOWED`` is off, a demo account can neither sign in nor
    keep an earlier session, and nobody signs in with the demo password, whatever the name.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is not None and not demo_accounts_allowed() and is_demo_account(user.email or "", password):
            logger.warning("Demo account login refused under these settings: %s", user.get_username())
            return None
        return user

    def user_can_authenticate(self, user) -> bool:
        if not demo_accounts_allowed() and is_demo_account(getattr(user, "email", "") or ""):
            return False
        return super().user_can_authenticate(user)


def demo_accounts_allowed() -> bool:
    return bool(getattr(settings, "DEMO_ADMIN_ALLOWED", False))
