"""``{% hiring_projects_of page as hiring %}``: the BMO figures of a job profile (see careers/hiring.py)."""

from __future__ import annotations

from django import template

from careers.hiring import hiring_projects_for_profile

register = template.Library()


@register.simple_tag(takes_context=True)
def hiring_projects_of(context, page):
    return hiring_projects_for_profile(page, context.get("request"))
