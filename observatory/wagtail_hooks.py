"""Wagtail admin hooks of the observatory."""

from observatory import industry_admin  # noqa: F401 — registers the filière snippets and recompute hooks
