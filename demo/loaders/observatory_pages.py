"""Demo pages of the observatory: /observatoire/ and its method page, and the home page key figures."""

from __future__ import annotations

from demo.pages import get_or_create_page
from observatory.models import FapFamily, KeyIndicator, ObservatoryIndexPage, Territory
from website.models import HomePage, StandardPage

METHOD_BODY = [
    ("paragraph", (
        "<h2>Que veut dire « métier en tension » ?</h2>"
        "<p>Un métier est en tension quand les employeurs ont du mal à recruter : il y a beaucoup "
        "d’offres d’emploi et peu de personnes disponibles pour y répondre. Pour vous, c’est plutôt "
        "une bonne nouvelle : vos chances d’être embauché sont plus grandes.</p>"
        "<h2>D’où viennent les chiffres ?</h2>"
        "<p>Ils sont calculés chaque année par la Dares (le service statistique du ministère du "
        "Travail) avec France Travail. Les chiffres affichés sur ce site sont ceux de 2019, pour la "
        "France, la région Hauts-de-France et ses cinq départements.</p>"
        "<h2>Comment est calculé le niveau de tension ?</h2>"
        "<p>Trois mesures sont combinées : le nombre d’offres d’emploi par demandeur d’emploi (pour "
        "30 %), la vitesse à laquelle les demandeurs d’emploi retrouvent un poste (pour 20 %) et la "
        "part des recrutements que les employeurs jugent difficiles (pour 50 %). Chaque mesure est "
        "comparée à la moyenne de tous les métiers, puis le résultat est rangé en cinq niveaux : "
        "très faible, faible, moyenne, forte, très forte.</p>"
        "<h2>Et les raisons affichées ?</h2>"
        "<p>La Dares publie aussi six indicateurs qui expliquent la tension : l’intensité des "
        "embauches, le lien entre la formation et le métier, le manque de main-d’œuvre disponible, "
        "les contrats courts, les conditions de travail et l’éloignement entre offres et "
        "candidats. Nous affichons les deux plus marqués, en mots simples, seulement quand la "
        "tension est au moins moyenne : sous ce niveau, ce ne sont pas les raisons d’une pénurie.</p>"
        "<h2>Quelle famille de métiers ?</h2>"
        "<p>La Dares ne mesure pas la tension métier par métier mais par famille professionnelle "
        "(FAP). Un même code de métier peut compter dans deux familles selon la qualification de "
        "la personne : un soudeur qualifié compte avec les « Soudeurs », une personne sans "
        "qualification avec les « Ouvriers non qualifiés du métal ». Chaque fiche métier affiche "
        "le chiffre de sa propre famille (celle d’une personne qualifiée, sauf si la fiche en "
        "indique une autre) et en donne le nom et le code sous le chiffre.</p>"
        "<h2>Quand le chiffre de mon territoire manque</h2>"
        "<p>Quand trop peu de personnes exercent un métier dans un département, la Dares ne publie "
        "pas de niveau pour ce département. Nous affichons alors celui de la région, puis de la "
        "France, en le disant clairement. Ces cases non publiées ne comptent jamais dans les "
        "classements « Métiers qui recrutent près de chez vous ». Quand un niveau est publié pour "
        "votre territoire, c’est toujours lui que nous montrons.</p>"
        "<h2>Salaire et part de femmes</h2>"
        "<p>Le salaire médian (la moitié des salariés à temps complet gagnent plus) et la part de "
        "femmes viennent du « Portrait statistique des métiers » de la Dares, tiré de l’enquête Emploi "
        "de l’Insee, en moyenne sur trois ans (2017-2019). Ce sont des chiffres pour la France entière : "
        "l’enquête ne permet pas de les donner par région. Nous montrons celui de la famille détaillée "
        "du métier quand la Dares le publie, sinon celui de la famille plus large, en le disant ; quand "
        "aucun n’est publié (trop peu de personnes interrogées), la page dit « non publié » plutôt "
        "qu’un nombre. Les fiches des kits pédagogiques citent ces mêmes chiffres, "
        "avec leur source et leur période.</p>"
        "<h2>Pour les statisticiens</h2>"
        "<p>Famille par défaut d’un code ROME : celle que la table de passage FAP 2009 ↔ ROME v3 "
        "attribue au plus grand nombre de niveaux de qualification qualifiés (tous sauf 1 manœuvre, "
        "2 ouvrier spécialisé, 5 employé non qualifié), puis le plus petit code FAP. Classement : "
        "catégorie publiée, puis score composite publié, puis code ROME. Les lignes sans catégorie "
        "publiée sont marquées <code>published: false</code> dans l’API "
        "(<a href=\"/api/v1/docs/\">documentation</a>).</p>"
    )),
]


def load_pages(stdout) -> None:
    home = HomePage.objects.first()
    if home is None:
        return
    observatory = get_or_create_page(
        home, ObservatoryIndexPage, "observatoire",
        title="Observatoire de l’emploi industriel",
        featured_rome_code="H2913",
        introduction=("Quels métiers recrutent près de chez vous, et pourquoi ? Les chiffres officiels, "
                      "leur source et leur année, en accès libre."),
    )
    get_or_create_page(
        observatory, StandardPage, "methode-tensions",
        title="Comment mesure-t-on les métiers en tension ?",
        introduction="La méthode de la Dares expliquée simplement.",
        body=METHOD_BODY,
    )
    _home_key_figures(home, stdout)


def _home_key_figures(home: HomePage, stdout) -> None:
    region = Territory.objects.filter(key="REG-32").first()
    if region is None or home.key_figures:
        return
    figures = []
    for code, title in (("D1Z", "Usinage (ouvriers qualifiés) : niveau de tension en Hauts-de-France"),
                        ("G1Z", "Techniciens de maintenance : niveau de tension en Hauts-de-France"),
                        ("E1Z", "Ouvriers qualifiés des industries de process : niveau de tension")):
        fap = FapFamily.objects.filter(code=code).first()
        if fap is None:
            continue
        indicator, _ = KeyIndicator.objects.get_or_create(
            measure=KeyIndicator.Measure.TENSION_LEVEL, territory=region, fap=fap, defaults={"title": title},
        )
        figures.append({"indicator": indicator, "comment": ""})
    if not figures:
        return
    home.key_figures = [("key_figures", {"heading": "L’industrie en chiffres", "figures": figures})]
    home.save_revision().publish()
    stdout.write("  observatoire : chiffres clés de l’accueil")
