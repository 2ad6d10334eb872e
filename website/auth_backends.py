"""Login throttling for the Wagtail and Django admins (django-axes).

Axes' backend refuses any authentication call without the HTTP request, because it keys the
lockout on the client. Every login form of the site passes the request; calls without one come
from code (management commands, Django's test client ``login()``), which no attacker can
reach over HTTP — so they are left to the next backend instead of raising.
"""

from __future__ import annotations

from axes.backends import AxesStandaloneBackend


class LoginThrottleBackend(AxesStandaloneBackend):
    """Refuses logins for a username + address pair locked out after repeated failures."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
