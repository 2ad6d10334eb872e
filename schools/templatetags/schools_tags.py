"""Template helpers of the schools app."""

from __future__ import annotations

from django import template

register = template.Library()


@register.filter
def get_answer(answers: dict, question_id) -> int | None:
    """The answer already given to a quiz question (to keep it checked when the form returns)."""
    if not answers:
        return None
    return answers.get(question_id)
