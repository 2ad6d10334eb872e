"""Demo content of the site-wide app: home page, legal pages, search page, site settings.

Navigation and home-page entries that point to the sections are set by
``website.demo_navigation``, which runs after the section apps have built their pages.
"""

from __future__ import annotations

from wagtail.models import Page, Site

from demo.pages import get_or_create_demo_image, get_or_create_page
from website.models import HomePage, SearchPage, SiteSettings, StandardPage


def _paragraph(html: str) -> tuple[str, str]:
    return ("paragraph", html)


def ensure_home_page() -> HomePage:
    """The demo home page, replacing Wagtail's welcome page at the root of the default site."""
    root = Page.get_first_root_node()
    home = HomePage.objects.first()
    if home is None:
        hero = get_or_create_demo_image(
            "home-hero", "Accueil — atelier connecté",
            "Illustration : un grand engrenage orange entouré d'engrenages bleus.", "navy", "gears",
        )
        welcome = root.get_children().filter(slug="home").exclude(content_type__model="homepage").first()
        if welcome is not None:
            welcome.slug = "ancienne-page-accueil"
            welcome.save_revision().publish()
        home = HomePage(
            title="L’industrie recrute près de chez vous. Et si c’était vous ?",
            slug="accueil",
            seo_title="Les métiers de l’industrie en Hauts-de-France",
            introduction=(
                "Maintenance, soudure, pilotage de lignes automatisées, qualité, logistique : "
                "des milliers d’emplois qualifiés, bien payés et utiles, à deux pas de chez vous."
            ),
            hero_image=hero,
        )
        root.add_child(instance=home)
        home.save_revision().publish()
        if welcome is not None:
            welcome.delete()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True,
                            site_name="Industrie d'avenir")
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.site_name = "Industrie d'avenir"
        site.save()
    return home


LEGAL_PAGES = [
    (
        "mentions-legales", "Mentions légales",
        "Qui édite ce site, qui l’héberge et comment nous joindre.",
        "<h2>Éditeur</h2><p>Région Hauts-de-France, 151 avenue du Président Hoover, 59555 Lille Cedex. "
        "Directeur de la publication : le président du conseil régional.</p>"
        "<h2>Hébergement</h2><p>Le nom et l’adresse de l’hébergeur sont indiqués ici lors de la mise en ligne.</p>"
        "<h2>Données et licences</h2><p>Les chiffres publiés proviennent de la Dares, de France Travail et de l’Insee "
        "et sont réutilisables sous Licence Ouverte / Etalab 2.0. La source et le millésime de chaque chiffre "
        "sont indiqués à côté de lui. Les illustrations de démonstration sont produites par le projet.</p>",
    ),
    (
        "accessibilite", "Déclaration d’accessibilité",
        "Ce site vise la conformité au RGAA 4.1 (WCAG 2.1 niveau AA). Voici ce qui est vérifié, et comment.",
        "<h2>Pourquoi cet état</h2><p>Aucun audit RGAA complet n’a encore été réalisé par un auditeur "
        "indépendant : au sens du RGAA, le site ne peut pas se déclarer conforme, même partiellement, avant cet "
        "audit. Les vérifications ci-dessous sont faites par l’équipe, automatiquement, à chaque modification du "
        "code ; elles ne remplacent pas un audit, qui examine aussi ce que les outils ne savent pas juger (pertinence "
        "des textes alternatifs, ordre de lecture, compréhension).</p>"
        "<h2>Ce qui est testé à chaque modification</h2><ul>"
        "<li>Un exemplaire de <strong>chaque type de page</strong> du site (accueil, rubriques, fiches, pages de "
        "l’observatoire, pages légales…), ainsi que les résultats de recherche, les listes filtrées, le résultat du "
        "quiz, la page « introuvable » et la documentation de l’API : ces pages sont trouvées automatiquement dans "
        "le contenu, aucune n’est oubliée quand un nouveau type de page apparaît.</li>"
        "<li><strong>axe-core</strong> (règles WCAG 2.0 et 2.1, niveaux A et AA) dans Chromium, sur écran "
        "d’ordinateur et sur écran de téléphone : zéro erreur exigée.</li>"
        "<li><strong>Clavier</strong> : chaque lien, bouton et champ visible doit recevoir le focus avec la touche "
        "Tab ; le lien d’évitement mène au contenu principal.</li>"
        "<li><strong>Validité HTML</strong> : zéro erreur du validateur Nu HTML Checker (W3C) sur le code servi.</li>"
        "<li><strong>Sans JavaScript</strong> : les pages s’affichent et les formulaires fonctionnent sans script ; "
        "le script n’apporte que des conforts.</li>"
        "<li><strong>Lighthouse</strong> (Google), profil mobile : score d’accessibilité mesuré par les bancs "
        "d’essai du projet.</li></ul>"
        "<h2>Technologies utilisées</h2><p>HTML5, CSS, JavaScript (amélioration progressive uniquement).</p>"
        "<h2>Environnement de test</h2><p>Chromium sans interface piloté par Playwright, axe-core, Nu HTML Checker, "
        "Lighthouse. Des vérifications manuelles avec un lecteur d’écran (NVDA, VoiceOver) restent à mener lors de "
        "l’audit.</p>"
        "<h2>Contenus non accessibles</h2><p>Les vidéos hébergées chez un tiers ne sont chargées qu’à la demande ; "
        "une transcription est toujours fournie.</p>"
        "<h2>Retour d’information et contact</h2><p>Si vous ne pouvez pas accéder à un contenu, écrivez-nous : "
        "nous vous le fournirons sous une autre forme.</p>"
        "<h2>Voies de recours</h2><p>Vous pouvez saisir le Défenseur des droits si vous n’obtenez pas de réponse "
        "satisfaisante.</p>",
    ),
    (
        "confidentialite", "Données personnelles et cookies",
        "Ce site ne vous suit pas : pas de cookie publicitaire ni de mesure d’audience nominative.",
        "<h2>Cookies</h2><p>Le seul cookie déposé retient, si vous le choisissez, votre département ou votre zone "
        "d’emploi pour afficher des chiffres locaux. Il ne contient aucune donnée personnelle et n’est jamais "
        "transmis à un tiers.</p>"
        "<h2>Mesure d’audience</h2><p>Nous comptons les pages vues par jour, sans cookie, sans adresse IP et sans "
        "identifiant : ces chiffres ne permettent pas de vous reconnaître.</p>"
        "<h2>Ce que nous gardons, et combien de temps</h2><ul>"
        "<li>Vues de pages, téléchargements et avis « cette page vous a-t-elle été utile ? » : 25 mois, puis "
        "effacés. Dans un avis, une adresse e-mail (même déguisée), un numéro de téléphone, de sécurité "
        "sociale ou un IBAN sont effacés avant l’enregistrement.</li>"
        "<li>Mots cherchés dans le moteur de recherche du site : comptés par jour, 25 mois, sans adresse e-mail "
        "ni numéro de téléphone (retirés avant l’enregistrement).</li>"
        "<li>Inscriptions aux événements (nom, courriel, téléphone, établissement) : transmises à l’organisateur "
        "de l’événement pour vous accueillir, consultées par la seule Communication Région, effacées trois mois "
        "après l’événement.</li>"
        "<li>Connexions des rédacteurs à l’espace d’administration (adresse IP, navigateur) : 6 mois, pour la "
        "sécurité des comptes.</li></ul>"
        "<h2>Vidéos</h2><p>Les vidéos du site sont hébergées ici même. Celles de YouTube ou Vimeo ne sont chargées "
        "depuis ces services que si vous cliquez pour les lire.</p>"
        "<h2>Vos droits</h2><p>Pour toute question, écrivez au délégué à la protection des données de la Région.</p>",
    ),
]


def load(stdout) -> None:
    home = ensure_home_page()
    for slug, title, intro, html in LEGAL_PAGES:
        get_or_create_page(home, StandardPage, slug, title=title, introduction=intro, body=[_paragraph(html)])
    get_or_create_page(
        home, SearchPage, "recherche", title="Rechercher",
        help_text_block="<p>Vous pouvez aussi parcourir <a href=\"/metiers/\">tous les métiers</a>.</p>",
    )
    site = Site.objects.get(is_default_site=True)
    site_settings = SiteSettings.for_site(site)
    if not site_settings.contact_email:
        site_settings.contact_email = "industrie-avenir@hautsdefrance.fr"
        site_settings.contact_phone = "03 74 27 00 00"
        site_settings.contact_address = "151 avenue du Président Hoover\n59555 Lille Cedex"
        site_settings.footer_text = (
            "Industrie d’avenir fait découvrir les métiers de l’industrie et publie des chiffres "
            "ouverts sur l’emploi industriel en Hauts-de-France."
        )
        site_settings.social_links = [("link", {"platform": "linkedin", "url": "https://www.linkedin.com/company/region-hauts-de-france/"}),
                                      ("link", {"platform": "instagram", "url": "https://www.instagram.com/hautsdefrance/"})]
        site_settings.save()
    if site_settings.accessibility_statement_id is None:
        site_settings.accessibility_statement = home.get_children().filter(slug="accessibilite").first()
        site_settings.save()
    stdout.write(f"  accueil : {home.url_path}")
