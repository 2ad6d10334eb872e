"""Demo of the editorial side: roles, the moderation workflow, demo accounts, campaign pages.

Demo accounts exist only where the demo admin account is allowed (``DEMO_ADMIN_ALLOWED``,
true in dev and test settings, false in production): under production settings this
loader creates the groups and pages but refuses the accounts. Logins are in the README.
The audience figures of these pages are the audience app's demo (demo/loaders/audience.py).
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from demo.content import Fields, read_entries
from demo.pages import get_or_create_demo_image, get_or_create_page, section_page
from website.auth_backends import DEMO_EMAIL_DOMAIN, DEMO_PASSWORD
from website.models import CampaignIndexPage, CampaignPage, HomePage
from website.roles import apply_roles, roles

#: The campaign pages of the current wave (their dates follow the day of the load, see current_wave).
CAMPAIGN_FIELDS: Fields = {
    "slug": str, "title": str,
    "audience": str,  # the public the page is for (CampaignPage.audience)
    "introduction": str, "body": str,  # body: HTML
}


def campaigns_data() -> list[dict]:
    return read_entries("website/campaigns", CAMPAIGN_FIELDS)


def _create_demo_users(stdout) -> None:
    if not getattr(settings, "DEMO_ADMIN_ALLOWED", False):
        stdout.write("  comptes de démonstration refusés avec ces réglages (production)")
        return
    user_model = get_user_model()
    for role in roles():
        user = user_model.objects.filter(username=role.demo_username).first()
        if user is None:
            user = user_model.objects.create_user(
                role.demo_username, f"{role.demo_username}@{DEMO_EMAIL_DOMAIN}", DEMO_PASSWORD,
                first_name=role.name, last_name="(démo)",
            )
            stdout.write(f"  compte « {role.name} » : {role.demo_username} / {DEMO_PASSWORD}")
        user.groups.add(Group.objects.get(name=role.name))


MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
          "novembre", "décembre")
CAMPAIGN_DAYS = 120  # a wave runs about four months


def current_wave(today: datetime.date) -> tuple[datetime.date, datetime.date, str]:
    """The demo campaigns' dates, relative to the day the demo is loaded: started on the first of last
    month, ending four months later, so that a demo is always shown mid-campaign."""
    start = (today.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    return start, start + datetime.timedelta(days=CAMPAIGN_DAYS), f"Vague de {MONTHS[start.month - 1]} {start.year}"


def _campaign_pages(home: HomePage) -> list[CampaignPage]:
    hero = get_or_create_demo_image("campagne-index")
    index = get_or_create_page(home, CampaignIndexPage, "campagne", hero_image=hero, **section_page("campagne"))
    pages = []
    start, end, wave = current_wave(timezone.localdate())
    for spec in campaigns_data():
        image = get_or_create_demo_image(f"campagne-{spec['slug']}")
        page = get_or_create_page(
            index, CampaignPage, spec["slug"], title=spec["title"], audience=spec["audience"], wave=wave,
            start_date=start, end_date=end, introduction=spec["introduction"],
            hero_image=image, body=[("paragraph", spec["body"])],
        )
        if page.end_date is None or page.end_date < timezone.localdate():
            # A demo loaded months ago: its campaigns had ended. A reload starts a new wave.
            page.start_date, page.end_date, page.wave = start, end, wave
            page.save_revision().publish()
        pages.append(page)
    return pages


def load(stdout) -> None:
    home = HomePage.objects.first()
    if home:
        _campaign_pages(home)
    apply_roles()
    _create_demo_users(stdout)
