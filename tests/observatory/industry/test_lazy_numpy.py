"""A web worker that only serves pages never loads numpy (about 20 MB a worker, issue #17)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[3]

PROBE = """
import django, sys
django.setup()
from django.urls import get_resolver
get_resolver().url_patterns  # every URL module, the API's included
from wagtail import hooks
hooks.search_for_hooks()  # every wagtail_hooks module, the admin's views included
import observatory.industry_service, observatory.industry.parsers, observatory.api_industry  # noqa: E401
print("numpy" in sys.modules)
"""


def test_the_site_starts_and_imports_its_industry_modules_without_loading_numpy():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "website.settings.test"}
    result = subprocess.run([sys.executable, "-c", PROBE], cwd=PROJECT, env=env, capture_output=True, text=True,  # noqa: S603
                            timeout=120, check=True)
    assert result.stdout.strip().splitlines()[-1] == "False", result.stdout + result.stderr


def test_the_deferred_module_answers_as_numpy_once_used():
    from observatory.industry.lazy_numpy import np

    assert np.asarray([1.0, 2.0]).sum() == 3.0
    assert isinstance(np.zeros(2), np.ndarray)
