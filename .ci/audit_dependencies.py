"""Dependency audit of the pinned requirements with pip-audit, saying plainly what was and was not audited.

pip-audit exits 0 when it cannot reach any advisory data (a closed network or a PyPI mirror
without the JSON API reports every pin as "not found"), which would read as a clean audit. This
wrapper counts the pins actually checked:

- a known vulnerability in an audited pin fails the build (exit 1);
- pins that could not be audited are listed; if none could be, the audit is reported as NOT
  PERFORMED — a failure when ``REQUIRE_DEPENDENCY_AUDIT=1`` (set it where the network reaches
  PyPI or OSV), a loud notice otherwise.

Usage: ``python .ci/audit_dependencies.py requirements.txt``
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path


def verdict(report: dict, require_audit: bool) -> tuple[int, list[str]]:
    """Exit code and lines to print for a pip-audit JSON report (pure: tested in tests/security/)."""
    audited = [dep for dep in report.get("dependencies", []) if "skip_reason" not in dep]
    skipped = [dep for dep in report.get("dependencies", []) if "skip_reason" in dep]
    vulnerable = [dep for dep in audited if dep.get("vulns")]
    lines = []
    for dep in vulnerable:
        for vuln in dep["vulns"]:
            fixes = ", ".join(vuln.get("fix_versions", [])) or "no fixed version yet"
            lines.append(f"VULNERABLE {dep['name']} {dep['version']}: {vuln['id']} (fixed in {fixes})")
    lines.append(f"{len(audited)} pinned packages audited, {len(vulnerable)} vulnerable, {len(skipped)} not audited.")
    lines += [f"  not audited: {dep['skip_reason']}" for dep in skipped]
    if vulnerable:
        return 1, lines
    if not audited:
        lines.append("AUDIT NOT PERFORMED: no advisory data was reachable from this machine (PyPI JSON API, OSV). "
                     "Run it where PyPI is reachable; REQUIRE_DEPENDENCY_AUDIT=1 makes this a failure.")
        return (1 if require_audit else 0), lines
    return 0, lines


def main(requirements: str) -> int:
    require_audit = os.environ.get("REQUIRE_DEPENDENCY_AUDIT") == "1"
    pip_audit = Path(sys.executable).with_name("pip-audit")
    completed = subprocess.run(  # noqa: S603 — our own venv's pip-audit, fixed arguments
        [str(pip_audit), "--requirement", requirements, "--progress-spinner", "off", "--disable-pip", "--no-deps",
         "--format", "json"],
        capture_output=True, text=True, check=False,
    )
    try:
        report = json.loads(completed.stdout)
    except json.JSONDecodeError:
        print(completed.stderr or completed.stdout)
        print("AUDIT NOT PERFORMED: pip-audit gave no report.")
        return 1 if require_audit else 0
    code, lines = verdict(report, require_audit)
    print("\n".join(lines))
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "requirements.txt"))
