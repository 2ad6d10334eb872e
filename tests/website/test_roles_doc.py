"""The role table of docs/editorial-workflow.md says what website/roles.py actually grants.

Each row of the table is recomputed for each role on a database where the roles are applied:
the document cannot drift from the code, and a right added to the rules shows up here as a cell
to write.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from wagtail.documents.permissions import permission_policy as document_policy
from wagtail.images.permissions import permission_policy as image_policy
from wagtail.models import Collection, ReferenceIndex

from observatory.roles import OBSERVATORY_COLLECTION
from tests.careers.factories import TestimonialFactory
from tests.schools.factories import DocumentFactory
from tests.website.factories import SiteImageFactory, StandardPageFactory
from website.media_protection import refusal
from website.moderation import may_delete, moderated_snippet_models
from website.roles import ROLE_NAMES, apply_roles

DOC = Path(__file__).resolve().parents[2] / "docs" / "editorial-workflow.md"


def role_table(text: str) -> tuple[list[str], dict[str, list[str]]]:
    """(role names of the header, {row label: cells}) of the first table under "## Rôles"."""
    section = text.split("\n## Rôles", 1)[1].split("\n## ", 1)[0]
    lines = [line.strip() for line in section.splitlines() if line.strip().startswith("|")]

    def cells(line: str) -> list[str]:
        return [cell.strip() for cell in line.strip("|").split("|")]

    header, _separator, *rows = lines
    return cells(header)[1:], {cells(row)[0]: cells(row)[1:] for row in rows}


def test_role_table_is_parsed_from_the_roles_section():
    roles, rows = role_table("# T\n## Rôles\n\n| action | A | B |\n| --- | :-: | :-: |\n| lire | oui | non |\n\n## Suite\n"
                             "| autre | x | y |\n")
    assert roles == ["A", "B"] and rows == {"lire": ["oui", "non"]}


def _can_change_all(policy, user, item) -> bool:
    return policy.user_has_permission_for_instance(user, "change", item) and \
        policy.user_has_permission_for_instance(user, "delete", item)


def _sees_checks(user, world) -> bool:
    client = Client()
    client.force_login(user)
    return client.get(reverse("website_page_checks", args=[world["content"].pk])).status_code == 200


CHECKS = {
    "accéder à l'administration": lambda u, w: u.has_perm("wagtailadmin.access_admin"),
    "créer et modifier des pages de contenu": lambda u, w: (
        w["home"].permissions_for_user(u).can_add_subpage() and w["content"].permissions_for_user(u).can_edit()),
    "publier une page de contenu (sans ce droit : la soumettre à « Validation Région »)":
        lambda u, w: w["content"].permissions_for_user(u).can_publish(),
    "voir les « Vérifications » d'une page de contenu": _sees_checks,
    "modifier les pages sous `/observatoire/`": lambda u, w: w["figures"].permissions_for_user(u).can_edit(),
    "publier les pages sous `/observatoire/`": lambda u, w: w["figures"].permissions_for_user(u).can_publish(),
    "créer et modifier les extraits publics : entreprises, témoignages, organismes de formation, disciplines":
        lambda u, w: all(u.has_perm(f"{m._meta.app_label}.{action}_{m._meta.model_name}")
                         for m in moderated_snippet_models() for action in ("add", "change")),
    "publier ou dépublier un extrait public (sans ce droit : le soumettre à « Validation Région »)":
        lambda u, w: all(u.has_perm(f"{m._meta.app_label}.publish_{m._meta.model_name}")
                         for m in moderated_snippet_models()),
    "supprimer un extrait jamais publié": lambda u, w: (
        u.has_perm("careers.delete_testimonial") and may_delete(u, w["draft_testimonial"])),
    "supprimer un extrait publié (ou qui l'a été)": lambda u, w: (
        u.has_perm("careers.delete_testimonial") and may_delete(u, w["live_testimonial"])),
    "ajouter des images": lambda u, w: image_policy.user_has_permission(u, "add"),
    "ajouter des documents": lambda u, w: document_policy.user_has_permission(u, "add"),
    "modifier ou supprimer les images et documents déposés par d'autres": lambda u, w: (
        _can_change_all(image_policy, u, w["others_image"]) and _can_change_all(document_policy, u, w["others_document"])),
    "remplacer le fichier d'un document utilisé par un contenu publié, ou le supprimer, même déposé par soi":
        lambda u, w: (_can_change_all(document_policy, u, w["own_used_document"](u))
                      and refusal(u, w["own_used_document"](u), "change") is None
                      and refusal(u, w["own_used_document"](u), "delete") is None),
    "modifier ou supprimer les documents de la collection « Observatoire », même déposés par d'autres":
        lambda u, w: _can_change_all(document_policy, u, w["observatory_document"]),
    "paramètres du site et navigation": lambda u, w: (
        u.has_perm("website.change_sitesettings") and u.has_perm("website.change_navigationsettings")),
    "redirections et promotions de recherche": lambda u, w: (
        u.has_perm("wagtailredirects.change_redirect") and u.has_perm("wagtailsearchpromotions.change_query")),
    "données de l'observatoire : imports, jeux de données, périmètres de filière (tous les droits de l'application `observatory`)":
        lambda u, w: u.has_perm("observatory.import_dataset") and u.has_perm("observatory.change_dataset"),
    "rapports d'audience et avis des visiteurs": lambda u, w: (
        u.has_perm("audience.view_pageviewcount") and u.has_perm("audience.view_pagefeedback")),
    "comptes et groupes": lambda u, w: u.has_perm("auth.change_user") and u.has_perm("auth.change_group"),
}


@pytest.fixture
def world(home_page):
    """One example of each thing a row of the table is about, then the roles applied."""
    content = StandardPageFactory(parent=home_page, title="Devenir technicienne")
    observatory = StandardPageFactory(parent=home_page, title="Observatoire", slug="observatoire")
    figures = StandardPageFactory(parent=observatory, title="Chiffres clés")
    apply_roles()
    root = Collection.get_first_root_node()
    someone_else = get_user_model().objects.create_user("photographe", password="x")
    published_once = TestimonialFactory(live=False)
    published_once.save_revision().publish()
    published_once.refresh_from_db()

    def own_used_document(user):
        """A document ``user`` uploaded to the general library, offered by a live page."""
        document = DocumentFactory(collection=root, uploaded_by_user=user, title=f"Fiche de {user.username}")
        page = StandardPageFactory(parent=home_page)
        page.body = [("document", {"document": document, "title": "", "description": ""})]
        page.save()
        ReferenceIndex.create_or_update_for_object(page)
        return document

    return {
        "home": home_page, "content": content, "figures": figures,
        "draft_testimonial": TestimonialFactory(live=False, consent_date=None),
        "live_testimonial": published_once,
        "others_image": SiteImageFactory(uploaded_by_user=someone_else, collection=root),
        "others_document": DocumentFactory(uploaded_by_user=someone_else, collection=root),
        "observatory_document": DocumentFactory(uploaded_by_user=someone_else,
                                                collection=Collection.objects.get(name=OBSERVATORY_COLLECTION)),
        "own_used_document": own_used_document,
    }


@pytest.mark.django_db
def test_the_role_table_of_the_documentation_matches_the_rules(world):
    roles, rows = role_table(DOC.read_text(encoding="utf-8"))
    assert roles == list(ROLE_NAMES)
    assert set(rows) == set(CHECKS), "each row of the table needs its check here, and each check its row"
    documented, actual = {}, {}
    for role in roles:
        user = get_user_model().objects.create_user(f"role-{roles.index(role)}", password="x")
        user.groups.add(Group.objects.get(name=role))
        user = get_user_model().objects.get(pk=user.pk)
        for label, check in CHECKS.items():
            documented[(label, role)] = rows[label][roles.index(role)]
            actual[(label, role)] = "oui" if check(user, world) else "non"
    assert {key: value for key, value in documented.items() if actual[key] != value} == {}
