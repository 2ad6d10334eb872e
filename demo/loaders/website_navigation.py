"""Last demo step: menus, home-page audience entries and highlights, from the pages that exist.

It runs after every section app has built its pages and looks them up by URL, so it does
not import the section apps.
"""

from __future__ import annotations

from wagtail.models import Page, Site

from website.models import HomePage, NavigationSettings

MAIN_MENU = [
    ("/metiers/", "Métiers"),
    ("/filieres/", "Filières"),
    ("/demandeurs-d-emploi/", "Demandeurs d’emploi"),
    ("/collegiens-lyceens/", "Collégiens, lycéens"),
    ("/enseignants/", "Enseignants"),
    ("/evenements/", "Événements"),
    ("/observatoire/", "Observatoire"),
]
FOOTER_MENU = [
    ("/industrie-du-futur/", "Industrie du futur"),
    ("/quiz/", "Quiz : quel métier pour moi ?"),
    ("/mentions-legales/", "Mentions légales"),
    ("/accessibilite/", "Déclaration d’accessibilité"),  # the footer's legal line says its status
    ("/confidentialite/", "Données personnelles et cookies"),
]
AUDIENCES = [
    ("/demandeurs-d-emploi/", "Je cherche un emploi", "Trouver un métier qui recrute",
     "Les métiers qui embauchent près de chez vous, les salaires et les formations courtes pour y aller.", "orange"),
    ("/collegiens-lyceens/", "Je suis collégien ou lycéen", "Découvrir des métiers",
     "Des vidéos, des idées reçues démontées et un quiz pour savoir ce qui te plaît.", "blue"),
    ("/enseignants/", "J’enseigne ou j’accompagne", "Préparer un cours ou une visite",
     "Des kits pédagogiques prêts à l’emploi, des visites d’entreprises et des chiffres fiables.", "green"),
    ("/observatoire/", "J’analyse l’emploi", "Explorer l’observatoire",
     "L’industrie mesurée par filière, les tensions de recrutement par métier et territoire, en données ouvertes.", "violet"),
]


def _page_at(site: Site, path: str) -> Page | None:
    url_path = site.root_page.url_path + path.lstrip("/")
    return Page.objects.filter(url_path=url_path).live().first()


def load(stdout) -> None:
    site = Site.objects.get(is_default_site=True)
    navigation = NavigationSettings.for_site(site)
    # Fill each menu once, when its pages exist; never overwrite what an editor changed.
    menu = [("link", {"page": page, "label": label}) for path, label in MAIN_MENU if (page := _page_at(site, path))]
    footer = [("link", {"page": page, "label": label}) for path, label in FOOTER_MENU if (page := _page_at(site, path))]
    changed = False
    if menu and not navigation.main_menu:
        navigation.main_menu, changed = menu, True
    if footer and not navigation.footer_menu:
        navigation.footer_menu, changed = footer, True
    if changed:
        navigation.save()
    home = HomePage.objects.get(pk=site.root_page_id)
    entries = [
        ("entry", {"audience": audience, "title": title, "text": text, "page": page, "colour": colour})
        for path, audience, title, text, colour in AUDIENCES if (page := _page_at(site, path))
    ]
    if entries and not home.audience_entries:
        home.audience_entries = entries
        home.hero_call_to_action = [
            ("link", {"page": page, "label": label})
            for path, label in [("/metiers/", "Voir les métiers qui recrutent"), ("/quiz/", "Faire le quiz")]
            if (page := _page_at(site, path))
        ]
        home.save_revision().publish()
    stdout.write(f"  menu : {len(navigation.main_menu)} liens")
