"""The CI dependency audit fails on a known vulnerability and never passes off "nothing audited" as clean."""

from __future__ import annotations

import importlib.util
from pathlib import Path

_spec = importlib.util.spec_from_file_location("audit_dependencies",
                                               Path(__file__).resolve().parents[2] / ".ci" / "audit_dependencies.py")
audit = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(audit)

CLEAN = {"name": "django", "version": "5.2.19", "vulns": []}
VULNERABLE = {"name": "pillow", "version": "9.0.0",
              "vulns": [{"id": "GHSA-xxxx", "fix_versions": ["9.0.1"], "description": "…"}]}
SKIPPED = {"name": "segno", "skip_reason": "Dependency not found on PyPI and could not be audited: segno (1.6.6)"}


def test_a_known_vulnerability_fails_the_build_and_names_the_fix():
    code, lines = audit.verdict({"dependencies": [CLEAN, VULNERABLE]}, require_audit=False)
    assert code == 1
    assert "VULNERABLE pillow 9.0.0: GHSA-xxxx (fixed in 9.0.1)" in lines


def test_audited_pins_without_vulnerability_pass_and_unaudited_ones_are_listed():
    code, lines = audit.verdict({"dependencies": [CLEAN, SKIPPED]}, require_audit=True)
    assert code == 0
    assert "1 pinned packages audited, 0 vulnerable, 1 not audited." in lines
    assert any("segno" in line for line in lines)


def test_nothing_audited_is_reported_as_not_performed_and_fails_when_required():
    relaxed, lines = audit.verdict({"dependencies": [SKIPPED]}, require_audit=False)
    strict, _ = audit.verdict({"dependencies": [SKIPPED]}, require_audit=True)
    assert (relaxed, strict) == (0, 1)
    assert any(line.startswith("AUDIT NOT PERFORMED") for line in lines)
