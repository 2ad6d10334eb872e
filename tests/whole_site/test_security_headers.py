"""Every public address of the site (discovered from the demo) sends the security headers."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_every_public_address_sends_csp_and_the_other_security_headers(client, site_paths):
    missing = []
    for label, path in site_paths:
        response = client.get(path)
        csp = response.get("Content-Security-Policy", "")
        checks = {
            "CSP default-src": "default-src 'self'" in csp,
            "CSP frame-ancestors": "frame-ancestors 'none'" in csp,
            "nosniff": response.get("X-Content-Type-Options") == "nosniff",
            "Referrer-Policy": bool(response.get("Referrer-Policy")),
            "Permissions-Policy": "camera=()" in response.get("Permissions-Policy", ""),
        }
        failed = [name for name, ok in checks.items() if not ok]
        if failed:
            missing.append(f"{label} {path}: {failed}")
    assert not missing, "\n".join(missing)
