"""Demo of the editorial side: roles, the moderation workflow, demo accounts, campaign pages.

Demo accounts exist only where the demo admin account is allowed (``DEMO_ADMIN_ALLOWED``,
true in dev and test settings, false in production): under production settings this
loader creates the groups and pages but refuses the accounts. Logins are in the README.
A fortnight of audience figures is added so the reports are not empty in the demo.
"""

from __future__ import annotations

import datetime
import random

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from website.auth_backends import DEMO_EMAIL_DOMAIN, DEMO_PASSWORD
from website.demo_utils import get_or_create_demo_image, get_or_create_page
from website.models import CampaignIndexPage, CampaignPage, HomePage
from website.roles import apply_roles, roles

CAMPAIGNS = [
    {
        "slug": "l-industrie-recrute-pres-de-chez-toi",
        "title": "L’industrie recrute près de chez toi",
        "audience": "jeunes",
        "wave": "Printemps 2026",
        "introduction": "Des métiers qui bougent, des ateliers propres et connectés, un salaire dès l’apprentissage : "
                        "découvre en trois minutes ce que l’industrie peut t’offrir après la 3e ou le bac.",
        "palette": "orange", "motif": "circuit",
        "alt": "Illustration : un circuit électronique orange et bleu nuit.",
        "body": "<h2>Trois bonnes raisons d’y regarder de plus près</h2>"
                "<ul><li>L’apprentissage est payé, et la plupart des apprentis sont embauchés à la sortie.</li>"
                "<li>Les usines de la région cherchent des techniciens, des soudeurs, des pilotes de ligne.</li>"
                "<li>On y travaille en équipe, avec des robots et des écrans, sur des objets qu’on voit partir.</li></ul>"
                "<p>Parles-en avec ton professeur principal ou viens à une journée portes ouvertes.</p>",
    },
    {
        "slug": "changer-de-metier-avec-l-industrie",
        "title": "Changer de métier avec l’industrie",
        "audience": "demandeurs",
        "wave": "Printemps 2026",
        "introduction": "Vous avez de l’expérience dans la logistique, le bâtiment ou le commerce ? Des formations courtes "
                        "et rémunérées mènent à des postes qualifiés dans les entreprises industrielles de la région.",
        "palette": "steel", "motif": "gears",
        "alt": "Illustration : des engrenages gris acier et jaunes.",
        "body": "<h2>Comment ça se passe</h2>"
                "<p>Votre conseiller France Travail vous présente les formations financées près de chez vous. "
                "Beaucoup commencent par une immersion de quelques jours en entreprise, pour vérifier que le métier "
                "vous plaît avant de vous engager.</p>",
    },
]


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


def _campaign_pages(home: HomePage) -> list[CampaignPage]:
    hero = get_or_create_demo_image("campagne-index", "Campagne — affiches",
                                    "Illustration : des blocs bleu nuit et orange empilés.", "navy", "blocks")
    index = get_or_create_page(
        home, CampaignIndexPage, "campagne", title="Les campagnes",
        introduction="Affiches, flyers, réseaux sociaux, salons : chaque vague de la campagne a sa page.",
        hero_image=hero,
    )
    pages = []
    start = datetime.date(2026, 3, 1)
    for spec in CAMPAIGNS:
        image = get_or_create_demo_image(f"campagne-{spec['slug']}", f"Campagne — {spec['title']}",
                                         spec["alt"], spec["palette"], spec["motif"])
        pages.append(get_or_create_page(
            index, CampaignPage, spec["slug"], title=spec["title"], audience=spec["audience"], wave=spec["wave"],
            start_date=start, end_date=start + datetime.timedelta(days=120), introduction=spec["introduction"],
            hero_image=image, body=[("paragraph", spec["body"])],
        ))
    return pages


def _audience_figures(pages) -> None:
    """Two weeks of plausible views per channel, only when no figure exists yet (idempotent)."""
    from audience.models import PageFeedback, PageViewCount

    if PageViewCount.objects.exists():
        return
    rng = random.Random(32)  # same figures on every machine
    today = timezone.localdate()
    channels = ["direct", "affiche-lycee", "affiche-college", "affiche-france-travail", "instagram", "salon"]
    rows = []
    for page in pages:
        for offset in range(14):
            day = today - datetime.timedelta(days=offset)
            for channel in channels:
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
    pages = [home, *_campaign_pages(home)] if home else []
    apply_roles()
    _create_demo_users(stdout)
    if pages:
        _audience_figures(pages)
