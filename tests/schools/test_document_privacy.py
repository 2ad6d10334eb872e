"""One rule for every way a document leaves the site: /documents/ and a kit's ZIP alike."""

from __future__ import annotations

import io
import zipfile

import pytest
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction, ReferenceIndex

from tests.schools.factories import ClassroomKitPageFactory, add_document

pytestmark = pytest.mark.django_db


def _zip_names(response) -> list[str]:
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))).namelist()


def test_a_document_of_a_private_collection_is_left_out_of_the_kits_zip(client, kit_index):
    kit = ClassroomKitPageFactory(parent=kit_index)
    add_document(kit, title="Fiche élève", file__data=b"%PDF-1.4 public")
    secret = add_document(kit, kind="corrige", title="Corrigé réservé", file__data=b"%PDF-1.4 secret",
                          file__filename="corrige.pdf")
    private = Collection.get_first_root_node().add_child(name="Réservé aux enseignants")
    CollectionViewRestriction.objects.create(collection=private, restriction_type=CollectionViewRestriction.LOGIN)
    secret.document.collection = private
    secret.document.save()
    assert client.get(secret.document.url).status_code == 302  # Wagtail: login first
    names = _zip_names(client.get(kit.url + "telecharger/"))
    assert len(names) == 1 and not any("corrig" in name.lower() for name in names)


def test_a_document_published_only_on_a_password_protected_page_is_not_public(client, kit_index):
    kit = ClassroomKitPageFactory(parent=kit_index)
    item = add_document(kit, title="Sujet d'examen", file__data=b"%PDF-1.4 sujet")
    ReferenceIndex.create_or_update_for_object(kit)  # what publishing the kit does
    PageViewRestriction.objects.create(page=kit, restriction_type=PageViewRestriction.PASSWORD, password="atelier")
    response = client.get(item.document.url)
    assert response.status_code == 302 and response["Location"].endswith(kit.url)
    # The visitor who gives the page's password gets the file.
    form = client.get(kit.url)
    action = form.context["action_url"]
    client.post(action, {"password": "atelier", "return_url": kit.url})
    assert client.get(item.document.url).status_code == 200


def test_a_document_also_linked_from_a_public_page_stays_public(client, kit_index):
    protected = ClassroomKitPageFactory(parent=kit_index)
    public = ClassroomKitPageFactory(parent=kit_index)
    item = add_document(protected, title="Fiche", file__data=b"%PDF-1.4 fiche")
    add_document(public, title="Fiche")
    public.documents.update(document=item.document)
    for page in (protected, public):
        ReferenceIndex.create_or_update_for_object(page)
    PageViewRestriction.objects.create(page=protected, restriction_type=PageViewRestriction.PASSWORD, password="x")
    assert client.get(item.document.url).status_code == 200
