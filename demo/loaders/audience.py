"""Demo of the audience figures: a fortnight of views per channel and some visitors' feedback on the
home page and the campaign pages, so that the reports and the dashboard are not empty in the demo.

Runs after ``website.demo_editorial`` (settings.DEMO_LOADERS), which builds the campaign pages.
"""

from __future__ import annotations

import datetime
import random

from django.utils import timezone

from audience.models import PageFeedback, PageViewCount
from website.models import CampaignPage, HomePage

#: Channels of the demo views: no channel, posters in schools and job centres, social media, a fair.
DEMO_CHANNELS = ["direct", "affiche-lycee", "affiche-college", "affiche-france-travail", "instagram", "salon"]


def _audience_figures(pages) -> None:
    """Two weeks of plausible views per channel, only when no figure exists yet (idempotent)."""
    if PageViewCount.objects.exists():
        return
    rng = random.Random(32)  # same figures on every machine
    today = timezone.localdate()
    rows = []
    for page in pages:
        for offset in range(14):
            day = today - datetime.timedelta(days=offset)
            for channel in DEMO_CHANNELS:
                views = rng.randint(0, 40 if channel == "direct" else 15)
                if views:
                    rows.append(PageViewCount(page=page, day=day, channel=channel, views=views))
    PageViewCount.objects.bulk_create(rows)
    PageFeedback.objects.bulk_create([
        PageFeedback(page=pages[0], day=today - datetime.timedelta(days=n % 7), useful=n % 4 != 0,
                     comment="Il manque les dates des portes ouvertes." if n == 0 else "")
        for n in range(12)
    ] + [
        PageFeedback(page=pages[-1], day=today - datetime.timedelta(days=n), useful=n % 3 == 0,
                     comment="Je ne trouve pas les formations près de Saint-Quentin." if n == 1 else "")
        for n in range(6)
    ])


def load(stdout) -> None:
    home = HomePage.objects.first()
    if home is not None:
        _audience_figures([home, *CampaignPage.objects.descendant_of(home).order_by("path")])
