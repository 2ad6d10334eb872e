"""Classroom kits: listing filters, the kit page, its print view and the ZIP of its documents."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import PageViewRestriction

from schools.models import ClassroomKitPage, KitDownloadCount
from tests.schools.factories import ClassroomKitPageFactory, DisciplineFactory, add_document
from tests.schools.queries import count_queries

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0"


def _zip_bytes(response) -> bytes:
    return b"".join(response.streaming_content)


# --- Listing ---------------------------------------------------------------------------------
def test_listing_shows_every_live_kit_with_its_level_and_duration(client, kit_index):
    ClassroomKitPageFactory(parent=kit_index, title="Qui fabrique mon vélo ?", levels=["cycle-3"])
    draft = ClassroomKitPageFactory(parent=kit_index, title="Brouillon caché")
    draft.unpublish()
    response = client.get(kit_index.url)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Qui fabrique mon vélo ?" in content
    assert "Cycle 3 (CM1, CM2, 6e)" in content
    assert "55 minutes" in content
    assert "Brouillon caché" not in content
    assert "1 kit pédagogique" in content


def test_level_filter_keeps_only_kits_for_that_level_and_counts_each_choice(client, kit_index):
    ClassroomKitPageFactory(parent=kit_index, title="Kit collège", levels=["cycle-4"])
    ClassroomKitPageFactory(parent=kit_index, title="Kit lycée pro", levels=["voie-professionnelle"])
    ClassroomKitPageFactory(parent=kit_index, title="Kit mixte", levels=["cycle-4", "seconde"])
    response = client.get(kit_index.url, {"niveau": "cycle-4"})
    kits = [kit.title for kit in response.context["kits"]]
    assert sorted(kits) == ["Kit collège", "Kit mixte"]
    facets = {facet.name: facet for facet in response.context["kit_filter"].facets()}
    level_counts = {option.value: option.count for option in facets["niveau"].options}
    # Counts of the level facet ignore the level filter itself (what each choice would give).
    assert level_counts["cycle-4"] == 2
    assert level_counts["voie-professionnelle"] == 1
    assert level_counts["seconde"] == 1
    assert facets["niveau"].selected.value == "cycle-4"
    assert '<option value="cycle-4" selected>' in response.content.decode()


def test_discipline_and_duration_filters_combine(client, kit_index):
    techno = DisciplineFactory(name="Technologie", slug="technologie")
    maths = DisciplineFactory(name="Mathématiques", slug="mathematiques")
    ClassroomKitPageFactory(parent=kit_index, title="Techno courte", disciplines=[techno])
    long_kit = ClassroomKitPageFactory(parent=kit_index, title="Techno longue", disciplines=[techno],
                                       duration_minutes=None, steps=[("step", {
                                           "title": "Projet", "minutes": 165, "organisation": "groupes",
                                           "instructions": "<p>Projet.</p>"})])
    long_kit.duration_minutes = 165
    long_kit.save()
    ClassroomKitPageFactory(parent=kit_index, title="Maths courte", disciplines=[maths])
    response = client.get(kit_index.url, {"discipline": "technologie", "duree": "une-seance"})
    assert [kit.title for kit in response.context["kits"]] == ["Techno courte"]
    facets = {facet.name: facet for facet in response.context["kit_filter"].facets()}
    assert {o.value: o.count for o in facets["duree"].options} == {"une-seance": 1, "deux-seances": 0, "projet": 1}


def test_unknown_filter_value_is_named_and_ignored_instead_of_failing(client, kit_index):
    ClassroomKitPageFactory(parent=kit_index, title="Kit présent")
    response = client.get(kit_index.url, {"niveau": "maternelle", "duree": "<script>"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "« maternelle » n&#x27;est pas une valeur possible pour le filtre « Niveau »" in content
    assert "&lt;script&gt;" in content and "<script>" not in content.split("<main")[1].split("</main>")[0]
    assert [kit.title for kit in response.context["kits"]] == ["Kit présent"]


def test_listing_queries_do_not_grow_with_the_number_of_kits(client, kit_index, django_assert_max_num_queries):
    techno = DisciplineFactory(name="Technologie", slug="technologie")
    for _ in range(3):
        ClassroomKitPageFactory(parent=kit_index, disciplines=[techno], levels=["cycle-4", "seconde"])
    client.get(kit_index.url)  # warm caches (site root, settings)
    with count_queries() as few:
        client.get(kit_index.url, {"niveau": "cycle-4"})
    for _ in range(12):
        ClassroomKitPageFactory(parent=kit_index, disciplines=[techno], levels=["cycle-4", "seconde"])
    client.get(kit_index.url)  # new pages invalidate the site data cache: warm it again
    with django_assert_max_num_queries(few.value):
        response = client.get(kit_index.url, {"niveau": "cycle-4"})
    assert len(response.context["kits"]) == 15


# --- Kit page --------------------------------------------------------------------------------
def test_kit_page_shows_objectives_steps_materials_and_documents_with_type_and_size(client, kit_index):
    kit = ClassroomKitPageFactory(parent=kit_index, title="Enquête maintenance")
    add_document(kit, kind="corrige", title="Corrigé de l’enquête")
    response = client.get(kit.url)
    content = response.content.decode()
    assert response.status_code == 200
    assert "Parcours Avenir" in content and "Découvrir un métier." in content
    assert "Lancement" in content and "25 min" in content
    assert "Vidéoprojecteur" in content
    assert "Corrigé de l’enquête" in content
    assert "Corrigé — PDF, 25\xa0octets" in content  # type, format and size
    assert "Télécharger tout le kit (ZIP)" in content
    assert "Mis à jour le" in content


def test_kit_page_queries_do_not_grow_with_its_documents(client, kit_index, django_assert_max_num_queries):
    kit = ClassroomKitPageFactory(parent=kit_index)
    add_document(kit)
    client.get(kit.url)
    with count_queries() as one_document:
        client.get(kit.url)
    assert one_document.value <= 20
    for _ in range(5):
        add_document(kit)
    client.get(kit.url)  # first view stores the new files' sizes once
    with django_assert_max_num_queries(one_document.value):
        assert client.get(kit.url).status_code == 200


def test_print_view_has_the_kit_content_without_site_navigation(client, kit_index):
    kit = ClassroomKitPageFactory(parent=kit_index, title="Kit à imprimer")
    response = client.get(kit.url + "imprimer/")
    content = response.content.decode()
    assert response.status_code == 200
    assert "Kit à imprimer" in content and "Lancement" in content
    assert "site-header" not in content
    assert '<meta name="robots" content="noindex">' in content


def test_duration_left_empty_is_the_sum_of_the_steps():
    kit = ClassroomKitPage(title="Kit", slug="kit", duration_minutes=None,
                           objectives=[("objective", {"kind": "socle-d4", "text": "Décrire."})],
                           steps=[("step", {"title": "A", "minutes": 20, "organisation": "classe", "instructions": "<p>a</p>"}),
                                  ("step", {"title": "B", "minutes": 35, "organisation": "classe", "instructions": "<p>b</p>"})])
    kit.clean()
    assert kit.duration_minutes == 55


def test_duration_that_contradicts_the_steps_is_refused_with_both_figures():
    kit = ClassroomKitPage(title="Kit", slug="kit", duration_minutes=90,
                           objectives=[], steps=[("step", {"title": "A", "minutes": 20, "organisation": "classe",
                                                           "instructions": "<p>a</p>"})])
    with pytest.raises(ValidationError) as error:
        kit.clean()
    assert "20 minutes" in str(error.value) and "90" in str(error.value)


def test_draft_kit_is_not_served_to_visitors(client, kit_index):
    kit = ClassroomKitPageFactory(parent=kit_index)
    kit.unpublish()
    assert client.get(kit.url_path.replace(kit_index.get_site().root_page.url_path, "/")).status_code == 404


def test_kit_behind_a_login_restriction_redirects_anonymous_visitors_to_login(client, kit_index):
    kit = ClassroomKitPageFactory(parent=kit_index)
    PageViewRestriction.objects.create(page=kit, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(kit.url)
    assert response.status_code == 302
    assert "login" in response["Location"]
    # …and its ZIP is not handed out either.
    assert client.get(kit.url + "telecharger/").status_code == 302


# --- ZIP -------------------------------------------------------------------------------------
def test_zip_is_streamed_with_a_safe_name_and_every_current_document(client, kit_index):
    kit = ClassroomKitPageFactory(parent=kit_index, title="L’usine du futur : robots & cobots")
    first = add_document(kit, title="Fiche élève", file__data=b"%PDF-1.4 fiche")
    add_document(kit, kind="corrige", title="Corrigé", file__data=b"%PDF-1.4 corrige", file__filename="corrige.pdf")
    response = client.get(kit.url + "telecharger/")
    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"] == 'attachment; filename="kit-l-usine-du-futur-robots-cobots.zip"'
    archive = zipfile.ZipFile(io.BytesIO(_zip_bytes(response)))
    assert archive.namelist() == ["01-fiche-eleve.pdf", "02-corrige.pdf"]
    assert archive.read("01-fiche-eleve.pdf") == b"%PDF-1.4 fiche"
    # Replacing a document's file changes the next archive: it is built from current files.
    from django.core.files.base import ContentFile

    first.document.file.save("nouvelle-fiche.pdf", ContentFile(b"%PDF-1.4 version 2"))
    archive = zipfile.ZipFile(io.BytesIO(_zip_bytes(client.get(kit.url + "telecharger/"))))
    assert archive.read("01-fiche-eleve.pdf") == b"%PDF-1.4 version 2"


def test_missing_file_gives_a_clear_page_naming_it_instead_of_a_broken_archive(client, kit_index):
    kit = ClassroomKitPageFactory(parent=kit_index)
    add_document(kit, title="Fiche présente")
    missing = add_document(kit, title="Diaporama perdu")
    missing.document.file.storage.delete(missing.document.file.name)
    response = client.get(kit.url + "telecharger/")
    assert response.status_code == 503
    assert not response.streaming
    content = response.content.decode()
    assert "Diaporama perdu" in content
    assert "Fichiers manquants" in content
    assert KitDownloadCount.objects.count() == 0  # a failed download is not counted


def test_kit_without_documents_explains_there_is_nothing_to_download(client, kit_index):
    kit = ClassroomKitPageFactory(parent=kit_index)
    response = client.get(kit.url + "telecharger/")
    assert response.status_code == 503
    assert "pas encore de document" in response.content.decode()


def test_each_download_adds_one_to_this_months_counter_and_nothing_else_is_stored(client, kit_index):
    kit = ClassroomKitPageFactory(parent=kit_index)
    add_document(kit)
    for _ in range(3):
        _zip_bytes(client.get(kit.url + "telecharger/", HTTP_USER_AGENT=BROWSER))
    counter = KitDownloadCount.objects.get(kit=kit)
    assert counter.count == 3
    assert {field.name for field in KitDownloadCount._meta.fields} == {"id", "kit", "month", "count"}
    assert KitDownloadCount.summary_for(kit.pk) == {"total": 3, "this_month": 3}


def test_robots_and_a_download_loop_do_not_inflate_the_kit_counter(client, kit_index):
    from audience.tracking import MAX_COUNTED_PER_VISITOR

    kit = ClassroomKitPageFactory(parent=kit_index)
    add_document(kit)
    for agent in ("curl/8.5.0", "python-requests/2.32", ""):
        _zip_bytes(client.get(kit.url + "telecharger/", HTTP_USER_AGENT=agent))
    assert not KitDownloadCount.objects.filter(kit=kit).exists()
    for _ in range(MAX_COUNTED_PER_VISITOR + 5):
        _zip_bytes(client.get(kit.url + "telecharger/", HTTP_USER_AGENT=BROWSER))
    assert KitDownloadCount.objects.get(kit=kit).count == MAX_COUNTED_PER_VISITOR
