"""Demo of « industry redefined »: INSEE A38 2018 coefficients, synthetic regional employment, pages.

- the real INSEE 2018 input–output data (``observatory/data/input-output/``) through the
  ``io-insee-a38`` importer, and the UN handbook example through ``io-table``;
- a SYNTHETIC file of salaried employment by NAF sous-classe (France, Hauts-de-France and its
  départements; see ``observatory/industry/synthetic_employment.py``) through the ``employment``
  importer, titled so that every page says « données de démonstration synthétiques »;
- the eight filières with their default scope, the precomputed results, and the pages
  « L'industrie en chiffres » and the two method pages under /observatoire/.

Idempotent: files already published (same checksum) are skipped, pages and filières found in place.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import observatory
from demo.pages import get_or_create_page
from observatory.importers.service import run_import
from observatory.industry_import import read_insee_folder
from observatory.industry_service import ensure_default_filieres, published_io_table, recompute_industry
from observatory.models import Dataset, DatasetStatus, IndustryFiguresPage, MethodologyPage, ObservatoryIndexPage

#: The official files shipped with the observatory app (observatory/data/README.md).
DATA = Path(observatory.__file__).resolve().parent / "data"
IO_FOLDER = DATA / "input-output"
SYNTHETIC_EMPLOYMENT = DATA / "emploi_synthetique_hdf_2023.csv"
UN_HANDBOOK_SOURCE = ("Nations unies, Handbook on Supply, Use and Input-Output Tables with Extensions and "
                      "Applications (2018, ST/ESA/STAT/SER.F/74/Rev.1)")
UN_HANDBOOK_LICENCE = "Publication des Nations unies, reproduite pour des tests de référence"
SYNTHETIC_TITLE = "Emploi salarié par activité — données de démonstration synthétiques"
SYNTHETIC_SOURCE = "Données de démonstration synthétiques (Industrie d’avenir, non officielles)"


def _already_published(kind: str, checksum: str) -> bool:
    return Dataset.objects.filter(kind=kind, checksum=checksum).exclude(status=DatasetStatus.DRAFT).exists()


def _import(kind: str, stream, name: str, stdout, **options) -> None:
    result = run_import(kind, stream, name, publish=True, **options)
    if not result.ok:
        raise RuntimeError(f"Demo file {name} rejected: " + "; ".join(result.log.report_lines()))
    stdout.write(f"  industrie : {name} ({result.rows} lignes)")


def load_datasets(stdout) -> None:
    insee = read_insee_folder(IO_FOLDER, 2018)
    if not _already_published("io-insee-a38", hashlib.sha256(insee.getvalue()).hexdigest()) and not (
            Dataset.objects.filter(kind="io-insee-a38", vintage=2018, status=DatasetStatus.PUBLISHED).exists()):
        _import("io-insee-a38", insee, "insee_a38_2018.zip", stdout,
                title="Tableau entrées-sorties 2018, 38 branches",
                source="Insee, comptes nationaux 2018 (TES, niveau A38)")
    un_file = IO_FOLDER / "un_handbook_germany_2009.csv"
    if not _already_published("io-table", hashlib.sha256(un_file.read_bytes()).hexdigest()):
        with un_file.open("rb") as stream:
            # A worked example used to check the algebra, not data about the region: kept off the site.
            _import("io-table", stream, un_file.name, stdout,
                    title="Exemple du manuel des Nations unies (Allemagne 2009)",
                    source=UN_HANDBOOK_SOURCE, publisher="Nations unies", public=False,
                    licence=UN_HANDBOOK_LICENCE, source_url="")
    if not _already_published("employment", hashlib.sha256(SYNTHETIC_EMPLOYMENT.read_bytes()).hexdigest()):
        with SYNTHETIC_EMPLOYMENT.open("rb") as stream:
            _import("employment", stream, SYNTHETIC_EMPLOYMENT.name, stdout, title=SYNTHETIC_TITLE,
                    source=SYNTHETIC_SOURCE, synthetic=True)


GENERAL_METHOD = [
    ("paragraph", (
        "<h2>Pourquoi trois chiffres pour une seule industrie ?</h2>"
        "<p>Imaginez une usine de pièces automobiles. Il y a vingt ans, elle employait elle-même ses "
        "agents de maintenance, ses caristes, ses agents de nettoyage et une partie de ses ingénieurs. "
        "Aujourd’hui, beaucoup de ces personnes travaillent toujours dans l’usine, chaque jour, mais "
        "leur employeur est une entreprise de services : une agence d’intérim, une société de "
        "nettoyage, un bureau d’études, un prestataire logistique.</p>"
        "<p>La statistique habituelle classe chaque salarié selon l’activité de son employeur. Ces "
        "personnes sont donc comptées « dans les services », et l’industrie paraît plus petite "
        "qu’elle n’est. C’est pour cela que nous montrons trois chiffres côte à côte.</p>"
        "<h2>1. Le secteur : le chiffre habituel</h2>"
        "<p>On compte les salariés des entreprises dont l’activité principale est industrielle : "
        "extraction, fabrication, énergie, eau et déchets (sections B à E de la nomenclature NAF de "
        "l’Insee). C’est simple, comparable partout, mais cela oublie les services qui travaillent "
        "pour les usines.</p>"
        "<h2>2. Les filières : l’usine et ceux qui travaillent pour elle</h2>"
        "<p>Une filière regroupe tout ce qu’il faut pour fabriquer une famille de produits : "
        "l’automobile, l’agroalimentaire, la métallurgie… On compte ses usines, puis on ajoute une "
        "part des services qui travaillent pour elle. Par exemple, si un quart du travail des "
        "agences d’intérim de la région sert l’industrie, un quart de leurs salariés est ajouté. "
        "Ces parts sont écrites noir sur blanc, avec leur source, sur la page de chaque filière. "
        "Un même emploi n’est jamais compté deux fois.</p>"
        "<h2>3. Les entrées-sorties : tout ce que l’industrie fait travailler</h2>"
        "<p>Quand vous achetez une voiture, vous faites aussi travailler le sidérurgiste qui a "
        "fait l’acier, le transporteur qui a livré les pièces, le comptable du constructeur. Les "
        "statisticiens savent retracer ces chaînes grâce au « tableau entrées-sorties » de l’Insee, "
        "qui dit ce que chaque activité achète aux autres. On obtient ainsi les emplois de toutes "
        "les activités qui existent parce que des produits industriels sont achetés, en France "
        "comme à l’étranger.</p>"
        "<h2>Alors, quel est le bon chiffre ?</h2>"
        "<p>Aucun n’est faux : ils répondent à des questions différentes. Le secteur dit combien de "
        "personnes travaillent pour une entreprise industrielle. Les filières disent combien "
        "travaillent pour une chaîne de production. Les entrées-sorties disent combien d’emplois "
        "dépendent de ce que l’industrie vend. L’écart entre les trois montre le poids des "
        "services dans l’industrie d’aujourd’hui.</p>"
    )),
    ("faq", {"title": "Questions fréquentes", "items": [
        {"question": "Pourquoi le chiffre « entrées-sorties » peut-il être plus petit que le secteur ?",
         "answer": "<p>Parce qu’il ne garde que ce qui sert à fabriquer des produits industriels vendus. "
                   "L’acier vendu à un chantier de construction, par exemple, compte pour la construction. "
                   "En échange, il ajoute les emplois de services qui travaillent pour l’industrie.</p>"},
        {"question": "Les intérimaires sont-ils comptés deux fois ?",
         "answer": "<p>Non. Dans le chiffre habituel, ils ne sont pas dans l’industrie (leur employeur est "
                   "l’agence). Dans les filières, une part d’entre eux est ajoutée, et la somme des parts "
                   "de toutes les filières ne peut pas dépasser 100 %.</p>"},
        {"question": "Les chiffres de cette démonstration sont-ils officiels ?",
         "answer": "<p>Les coefficients entrées-sorties sont ceux de l’Insee (2018). Les emplois par "
                   "activité, eux, sont des données de démonstration synthétiques, générées avec des "
                   "ordres de grandeur réalistes pour les Hauts-de-France, parce qu’aucun extrait "
                   "officiel de la région n’est livré avec la démonstration. Dès que le fichier de "
                   "l’Urssaf (effectifs salariés par commune et activité) est importé, ses chiffres "
                   "remplacent ceux-ci partout.</p>"},
    ]}),
]

EXPERT_METHOD = [
    ("paragraph", (
        "<h2>Secteur</h2>"
        "<p>Emploi salarié au lieu de travail, sections B, C, D et E de la NAF rév. 2, par sous-classe "
        "puis agrégé en branches A38 (nomenclature agrégée de l’Insee).</p>"
        "<h2>Filières</h2>"
        "<p>Chaque filière est une liste de codes NAF (ou de branches A38) avec une part entre 0 et 1. "
        "Cœur de filière : divisions, groupes ou classes industriels, part 1. Services : sous-classes "
        "de services aux entreprises (78.20Z intérim, 71.12B ingénierie, 81.22Z nettoyage industriel, "
        "52.10B entreposage, 62.02A conseil informatique…), dont la part par défaut vaut "
        "s(F) = Σ<sub>j</sub> Z<sub>s,j</sub> · w<sub>F,j</sub> / x<sub>s</sub> : la part de la production "
        "intérieure de la branche de service s achetée en consommations intermédiaires par les branches j "
        "du cœur de la filière F, chaque branche étant pondérée par la part w<sub>F,j</sub> de ses emplois "
        "qui relève du cœur de F. Pour chaque code, la règle la plus précise s’applique et la somme des "
        "parts entre filières est bornée à 1 (contrôlé à la saisie et au calcul).</p>"
        "<h2>Entrées-sorties</h2>"
        "<p>Tableau symétrique branche × branche reconstitué depuis l’extraction A38 de l’Insee : "
        "Z<sub>i,j</sub> = tei<sub>j,i</sub> · CI<sub>j</sub> · RESS<sub>i</sub> / TRESS<sub>i</sub> "
        "(flux intérieurs, importations retirées au prorata des ressources). A = Z · diag(x)<sup>−1</sup>, "
        "L = (I − A)<sup>−1</sup>. Emploi incorporé dans la demande finale de produits industriels : "
        "diag(e/x) · L · f<sub>industrie</sub>, où f<sub>industrie</sub> ne garde que les produits B à E.</p>"
        "<h2>Régionalisation</h2>"
        "<p>Sans tableau régional, les coefficients nationaux sont régionalisés par quotients de "
        "localisation de Flegg (FLQ, δ = 0,3) : "
        "a<sup>r</sup><sub>ij</sub> = a<sub>ij</sub> · min(FLQ<sub>ij</sub>, 1), "
        "FLQ<sub>ij</sub> = (SLQ<sub>i</sub>/SLQ<sub>j</sub>) · "
        "[log<sub>2</sub>(1 + E<sup>r</sup>/E<sup>n</sup>)]<sup>δ</sup>. "
        "La production régionale suit l’emploi à productivité nationale ; la demande finale régionale "
        "(exportations hors région comprises) vaut f<sup>r</sup> = (I − A<sup>r</sup>) x<sup>r</sup> ; une ligne "
        "dont les achats locaux dépasseraient la production locale est ramenée à celle-ci.</p>"
        "<h2>Les choix qui pèsent sur le chiffre</h2>"
        "<ul>"
        "<li><b>Régionalisation.</b> Le chiffre publié utilise les FLQ (δ = 0,3). La page « L’industrie en "
        "chiffres » montre, pour chaque territoire, le même calcul avec des quotients simples (SLQ) et avec "
        "les coefficients nationaux sans régionalisation : l’écart entre ces lignes mesure la dépendance "
        "du résultat à ce choix.</li>"
        "<li><b>Territoires calculés séparément.</b> Chaque département est régionalisé avec ses propres "
        "quotients : la somme des départements ne redonne pas exactement le chiffre de la région.</li>"
        "<li><b>Années différentes.</b> Les coefficients sont ceux du tableau entrées-sorties de 2018 ; "
        "ils sont appliqués aux emplois de l’année affichée (le titre le dit : « à coefficients 2018 »).</li>"
        "<li><b>Demande finale estimée par solde.</b> f<sup>r</sup> = (I − A<sup>r</sup>) x<sup>r</sup> "
        "comprend tout ce que le territoire vend hors de lui-même, y compris aux industries des autres "
        "régions : c’est la demande adressée au territoire, pas sa seule consommation.</li>"
        "<li><b>Effets directs et indirects seulement (type I).</b> Les emplois que font vivre les "
        "dépenses des salariés (effet induit, type II) ne sont pas comptés.</li>"
        "<li><b>Recherche et développement.</b> Les comptes nationaux la traitent comme un investissement, "
        "pas comme une consommation intermédiaire : les achats de R&amp;D de l’industrie n’entrent pas "
        "dans A, et la branche R&amp;D reçoit 0 emploi par cette méthode.</li>"
        "<li><b>Services seulement.</b> Le tableau « les services qui vivent de l’industrie » ne garde "
        "que les branches G à U : l’agriculture et la construction n’y figurent pas.</li>"
        "</ul>"
        "<h2>Contrôles et références</h2>"
        "<p>Les imports vérifient l’équilibre des lignes et des colonnes (tolérance d’arrondi), la "
        "non-négativité et l’inversibilité de I − A. Les calculs sont testés sur l’exemple à deux "
        "branches de Miller et Blair et sur l’exemple « Allemagne 2009 » du manuel des Nations unies "
        "(multiplicateurs à 4 décimales). Le détail des formats et des formules est dans la "
        "documentation du projet (docs/industry-definitions.md) ; toutes les données sont "
        "téléchargeables en CSV et par l’API /api/v1/industry-employment/.</p>"
    )),
]


def load_pages(stdout) -> None:
    observatory = ObservatoryIndexPage.objects.first()
    if observatory is None:
        return
    get_or_create_page(
        observatory, IndustryFiguresPage, "industrie-en-chiffres",
        title="L’industrie en chiffres",
        introduction=("Combien d’emplois fait vivre l’industrie près de chez vous ? Trois façons de compter, "
                      "côte à côte, avec leurs sources."),
        explanation=("<p>Le <b>secteur</b> ne compte que les salariés des entreprises industrielles. Les "
                     "<b>filières</b> ajoutent la part des services qui travaillent pour elles (intérim, "
                     "maintenance, ingénierie, logistique). La méthode <b>entrées-sorties</b> suit toute la "
                     "chaîne des achats. L’écart montre tout ce que l’industrie fait travailler.</p>"),
    )
    get_or_create_page(
        observatory, MethodologyPage, "comprendre-les-chiffres-de-l-industrie",
        title="Comprendre les trois chiffres de l’industrie",
        audience=MethodologyPage.Audience.GENERAL,
        introduction="Pourquoi l’industrie compte plus d’emplois qu’on ne le croit, expliqué sans jargon.",
        body=GENERAL_METHOD,
    )
    get_or_create_page(
        observatory, MethodologyPage, "methode-industrie-experts",
        title="Emploi industriel : méthode détaillée",
        audience=MethodologyPage.Audience.EXPERT,
        introduction="Formules, sources, parts des services et régionalisation, pour les statisticiens.",
        body=EXPERT_METHOD,
    )


def load(stdout) -> None:
    load_datasets(stdout)
    ensure_default_filieres(published_io_table())
    summary = recompute_industry()
    stdout.write(f"  industrie : {summary}")
    load_pages(stdout)
