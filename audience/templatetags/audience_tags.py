"""``{% page_feedback page %}``: the "was this page useful?" widget at the foot of content pages."""

from __future__ import annotations

from django import template

from audience.forms import FeedbackForm

register = template.Library()


def feedback_enabled(page) -> bool:
    """Pages ask for feedback unless their class sets ``feedback_enabled = False`` (home, search…)."""
    if page is None or not getattr(page, "pk", None):
        return False
    # The page in a template is already the specific instance: its class answers without a query.
    return bool(getattr(type(page), "feedback_enabled", True))


@register.inclusion_tag("audience/feedback_widget.html", takes_context=True)
def page_feedback(context, page) -> dict:
    enabled = feedback_enabled(page)
    return {
        "enabled": enabled,
        "form": FeedbackForm(initial={"page": page.pk}) if enabled else None,
        "page": page,
        "request": context.get("request"),
    }
