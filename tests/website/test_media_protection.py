"""Images and documents used by published content: the agency asks the Région to replace or delete them.

Also the statisticians' documents, confined to the « Observatoire » collection.
"""

from __future__ import annotations

import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.documents.permissions import permission_policy as document_policy
from wagtail.images import get_image_model
from wagtail.models import Collection, ReferenceIndex

from observatory.roles import OBSERVATORY_COLLECTION
from tests.careers.factories import CompanyFactory
from tests.schools.factories import DocumentFactory
from tests.website.factories import SiteImageFactory, StandardPageFactory
from website.roles import AGENCY, REGION, STATISTICIANS, apply_roles

pytestmark = pytest.mark.django_db

ASK_THE_REGION = "demandez à la Communication Région"


@pytest.fixture
def roles(home_page):
    apply_roles()


def _member(role: str):
    user = get_user_model().objects.create_user(f"membre-{role[:6]}", password="x")
    user.groups.add(Group.objects.get(name=role))
    return get_user_model().objects.get(pk=user.pk)


def _page_with_document(home_page, document, *, live: bool = True):
    page = StandardPageFactory(parent=home_page, live=live)
    page.body = [("document", {"document": document, "title": "", "description": ""})]
    page.save()
    ReferenceIndex.create_or_update_for_object(page)  # what saving in the admin does
    return page


def _document(**fields):
    """A document of the root collection (the factory's default collection is a new tree)."""
    return DocumentFactory(collection=Collection.get_first_root_node(), **fields)


def _pdf(name: str = "nouvelle-version.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4\n% nouvelle version\n", content_type="application/pdf")


def _png() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), "navy").save(buffer, "PNG")
    return SimpleUploadedFile("nouveau-logo.png", buffer.getvalue(), content_type="image/png")


def _replace_document(client, document):
    return client.post(reverse("wagtaildocs:edit", args=[document.pk]), {
        "title": document.title, "file": _pdf(), "collection": document.collection_id, "tags": "",
    })


def _replace_image(client, image):
    return client.post(reverse("wagtailimages:edit", args=[image.pk]), {
        "title": image.title, "file": _png(), "collection": image.collection_id, "tags": "",
        "description": image.description, "credit": image.credit,
    })


def _messages(response) -> str:
    return " ".join(str(message) for message in get_messages(response.wsgi_request))


# --- Documents -------------------------------------------------------------------------------


def test_agency_cannot_replace_its_document_once_a_live_page_offers_it(client, roles, home_page):
    agency = _member(AGENCY)
    document = _document(title="Fiche métier soudeur", uploaded_by_user=agency)
    _page_with_document(home_page, document)
    original = document.file.name
    client.force_login(agency)
    response = _replace_document(client, document)
    assert response.status_code == 200
    assert ASK_THE_REGION in response.content.decode()
    document.refresh_from_db()
    assert document.file.name == original


def test_agency_replaces_its_document_while_only_a_draft_uses_it(client, roles, home_page):
    agency = _member(AGENCY)
    document = _document(title="Fiche en préparation", uploaded_by_user=agency)
    _page_with_document(home_page, document, live=False)
    original = document.file.name
    client.force_login(agency)
    assert _replace_document(client, document).status_code == 302
    document.refresh_from_db()
    assert document.file.name != original


def test_region_replaces_a_document_a_live_page_offers(client, roles, home_page):
    document = _document(title="Fiche métier soudeur", uploaded_by_user=_member(AGENCY))
    _page_with_document(home_page, document)
    original = document.file.name
    client.force_login(_member(REGION))
    assert _replace_document(client, document).status_code == 302
    document.refresh_from_db()
    assert document.file.name != original


def test_agency_cannot_delete_its_document_once_a_live_page_offers_it(client, roles, home_page):
    agency = _member(AGENCY)
    document = _document(title="Fiche métier soudeur", uploaded_by_user=agency)
    _page_with_document(home_page, document)
    client.force_login(agency)
    response = client.post(reverse("wagtaildocs:delete", args=[document.pk]))
    assert response.status_code == 302 and response["Location"] == reverse("wagtaildocs:edit", args=[document.pk])
    assert ASK_THE_REGION in _messages(response)
    assert get_document_model().objects.filter(pk=document.pk).exists()


def test_agency_cannot_bulk_delete_a_document_a_live_page_offers(client, roles, home_page):
    agency = _member(AGENCY)
    document = _document(title="Fiche métier soudeur", uploaded_by_user=agency)
    _page_with_document(home_page, document)
    client.force_login(agency)
    url = reverse("wagtail_bulk_action", args=["wagtaildocs", "document", "delete"]) + f"?id={document.pk}"
    client.post(url)
    assert get_document_model().objects.filter(pk=document.pk).exists()


def test_agency_deletes_its_unused_document(client, roles):
    agency = _member(AGENCY)
    document = _document(title="Brouillon de fiche", uploaded_by_user=agency)
    client.force_login(agency)
    client.post(reverse("wagtaildocs:delete", args=[document.pk]))
    assert not get_document_model().objects.filter(pk=document.pk).exists()


def test_region_deletes_a_document_a_live_page_offers(client, roles, home_page):
    document = _document(title="Fiche métier soudeur", uploaded_by_user=_member(AGENCY))
    _page_with_document(home_page, document)
    client.force_login(_member(REGION))
    client.post(reverse("wagtaildocs:delete", args=[document.pk]))
    assert not get_document_model().objects.filter(pk=document.pk).exists()


# --- Images ----------------------------------------------------------------------------------


def test_agency_cannot_replace_or_delete_the_logo_of_a_live_company(client, roles):
    agency = _member(AGENCY)
    logo = SiteImageFactory(title="Logo des Forges", uploaded_by_user=agency, collection=Collection.get_first_root_node())
    company = CompanyFactory(logo=logo)
    ReferenceIndex.create_or_update_for_object(company)
    original = logo.file.name
    client.force_login(agency)
    response = _replace_image(client, logo)
    assert response.status_code == 200 and ASK_THE_REGION in response.content.decode()
    response = client.post(reverse("wagtailimages:delete", args=[logo.pk]))
    assert ASK_THE_REGION in _messages(response)
    logo.refresh_from_db()
    assert logo.file.name == original


def test_region_deletes_the_logo_of_a_live_company(client, roles):
    logo = SiteImageFactory(title="Logo des Forges", uploaded_by_user=_member(AGENCY),
                            collection=Collection.get_first_root_node())
    ReferenceIndex.create_or_update_for_object(CompanyFactory(logo=logo))
    client.force_login(_member(REGION))
    client.post(reverse("wagtailimages:delete", args=[logo.pk]))
    assert not get_image_model().objects.filter(pk=logo.pk).exists()


# --- The statisticians' collection -----------------------------------------------------------


def test_the_observatory_collection_is_created_once_below_the_root(roles):
    apply_roles()
    collections = Collection.objects.filter(name=OBSERVATORY_COLLECTION)
    assert collections.count() == 1
    assert collections.get().get_parent() == Collection.get_first_root_node()


def test_statisticians_change_documents_of_their_collection_only(roles):
    statistician = _member(STATISTICIANS)
    observatory = Collection.objects.get(name=OBSERVATORY_COLLECTION)
    theirs = DocumentFactory(collection=observatory, uploaded_by_user=_member(REGION))
    elsewhere = DocumentFactory(collection=Collection.get_first_root_node(), uploaded_by_user=statistician)
    for action in ("change", "delete"):
        assert document_policy.user_has_permission_for_instance(statistician, action, theirs)
        assert not document_policy.user_has_permission_for_instance(statistician, action, elsewhere)
    assert document_policy.user_has_permission_for_instance(statistician, "choose", elsewhere)


def test_a_statistician_can_neither_replace_nor_delete_a_document_outside_their_collection(client, roles):
    statistician = _member(STATISTICIANS)
    elsewhere = _document(title="Ancienne note", uploaded_by_user=statistician)  # even their own, outside
    original = elsewhere.file.name
    client.force_login(statistician)
    _replace_document(client, elsewhere)
    client.post(reverse("wagtaildocs:delete", args=[elsewhere.pk]))
    elsewhere.refresh_from_db()
    assert elsewhere.file.name == original


def test_a_statistician_uploads_into_the_observatory_collection(client, roles):
    client.force_login(_member(STATISTICIANS))
    response = client.post(reverse("wagtaildocs:add"), {"title": "Note de méthode", "file": _pdf("methode.pdf"),
                                                       "tags": ""})
    assert response.status_code == 302
    assert get_document_model().objects.get(title="Note de méthode").collection.name == OBSERVATORY_COLLECTION
