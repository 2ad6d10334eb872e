"""Editorial roles: the rule engine (pure) and the permission matrix role × action (database)."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.documents.permissions import permission_policy as document_policy
from wagtail.images.permissions import permission_policy as image_policy
from wagtail.models import GroupPagePermission

from tests.website.factories import StandardPageFactory
from website.roles import (
    ADMINISTRATORS,
    AGENCY,
    CONTENT,
    OTHER,
    PAGE,
    REGION,
    SETTING,
    STATISTICIANS,
    PermissionInfo,
    Rule,
    apply_roles,
    expand_rules,
    role_named,
    roles,
)

# Permissions the other apps are expected to define (names agreed in the brief).
FUTURE = [
    PermissionInfo("observatory", "dataset", "add_dataset", CONTENT),
    PermissionInfo("observatory", "dataset", "change_dataset", CONTENT),
    PermissionInfo("observatory", "dataset", "import_dataset", CONTENT),
    PermissionInfo("observatory", "filierescope", "change_filierescope", CONTENT),
    PermissionInfo("observatory", "observatorypage", "add_observatorypage", PAGE),
    PermissionInfo("careers", "company", "change_company", CONTENT),
    PermissionInfo("careers", "testimonial", "add_testimonial", CONTENT),
    PermissionInfo("careers", "jobprofilepage", "change_jobprofilepage", PAGE),
    PermissionInfo("schools", "kit", "change_kit", CONTENT),
    PermissionInfo("schools", "kitdownloadcount", "change_kitdownloadcount", CONTENT),
    PermissionInfo("schools", "kitdownloadcount", "view_kitdownloadcount", CONTENT),
    PermissionInfo("website", "sitesettings", "change_sitesettings", SETTING),
    PermissionInfo("website", "navigationsettings", "change_navigationsettings", SETTING),
    PermissionInfo("wagtailadmin", "admin", "access_admin", OTHER),
    PermissionInfo("auth", "user", "change_user", CONTENT),
    PermissionInfo("audience", "pageviewcount", "view_pageviewcount", CONTENT),
]


def _granted(role: str) -> set[str]:
    return expand_rules(role_named(role), FUTURE)


def test_agency_gets_content_snippets_but_no_observatory_settings_or_accounts():
    granted = _granted(AGENCY)
    assert {"careers.change_company", "careers.add_testimonial", "schools.change_kit",
            "wagtailadmin.access_admin", "audience.view_pageviewcount"} <= granted
    assert "schools.view_kitdownloadcount" in granted
    assert not {"observatory.import_dataset", "observatory.change_dataset", "observatory.change_filierescope",
                "schools.change_kitdownloadcount", "website.change_sitesettings", "website.change_navigationsettings", "auth.change_user"} & granted


def test_page_models_are_never_granted_as_model_permissions_except_to_administrators():
    for role in (AGENCY, REGION, STATISTICIANS):
        assert not {"careers.change_jobprofilepage", "observatory.add_observatorypage"} & _granted(role)
    assert "careers.change_jobprofilepage" in _granted(ADMINISTRATORS)


def test_region_gets_settings_and_navigation_but_not_observatory_data():
    granted = _granted(REGION)
    assert {"website.change_sitesettings", "website.change_navigationsettings", "careers.change_company"} <= granted
    assert not {"observatory.import_dataset", "observatory.change_filierescope", "auth.change_user"} & granted


def test_statisticians_get_every_observatory_permission_and_no_other_content():
    granted = _granted(STATISTICIANS)
    assert {"observatory.add_dataset", "observatory.change_dataset", "observatory.import_dataset",
            "observatory.change_filierescope", "wagtailadmin.access_admin"} <= granted
    assert not {"careers.change_company", "schools.change_kit", "website.change_sitesettings"} & granted


def test_administrators_get_everything():
    assert _granted(ADMINISTRATORS) == {info.name for info in FUTURE}


def test_a_grant_to_a_role_that_does_not_exist_is_refused_with_its_name():
    """Apps grant their models through the ``register_role_grants`` hook; a typo in a role name must not pass unseen."""
    from wagtail import hooks

    with hooks.register_temporarily("register_role_grants", lambda: [("Stagiaires", Rule())]), \
            pytest.raises(ValueError, match="Stagiaires"):
        roles()


# --- The matrix on the real database ------------------------------------------------------


@pytest.fixture
def tree(home_page):
    """A content page and an observatory section with a child, then the roles applied."""
    content = StandardPageFactory(parent=home_page, title="Devenir technicienne", slug="devenir-technicienne")
    observatory = StandardPageFactory(parent=home_page, title="Observatoire", slug="observatoire")
    figures = StandardPageFactory(parent=observatory, title="Chiffres clés", slug="chiffres-cles")
    apply_roles()
    from tests.website.factories import SiteImageFactory

    someone_else = get_user_model().objects.create_user("photographe", password="x")
    from wagtail.models import Collection

    image = SiteImageFactory(uploaded_by_user=someone_else, collection=Collection.get_first_root_node())
    return {"home": home_page, "content": content, "observatory": observatory, "figures": figures, "image": image}


def _user(role: str):
    user = get_user_model().objects.create_user(f"u-{role[:10]}", password="x")
    user.groups.add(Group.objects.get(name=role))
    return get_user_model().objects.get(pk=user.pk)  # fresh permission caches


ACTIONS = {
    "access_admin": lambda u, t: u.has_perm("wagtailadmin.access_admin"),
    "add_content_page": lambda u, t: t["home"].permissions_for_user(u).can_add_subpage(),
    "edit_content_page": lambda u, t: t["content"].permissions_for_user(u).can_edit(),
    "publish_content_page": lambda u, t: t["content"].permissions_for_user(u).can_publish(),
    "edit_observatory_page": lambda u, t: t["figures"].permissions_for_user(u).can_edit(),
    "publish_observatory_page": lambda u, t: t["figures"].permissions_for_user(u).can_publish(),
    "add_image": lambda u, t: image_policy.user_has_permission(u, "add"),
    # Everyone who may add images may delete their own uploads (Wagtail's ownership rule);
    # deleting someone else's is the moderators' right.
    "delete_others_image": lambda u, t: image_policy.user_has_permission_for_instance(u, "delete", t["image"]),
    "edit_others_image": lambda u, t: image_policy.user_has_permission_for_instance(u, "change", t["image"]),
    "add_document": lambda u, t: document_policy.user_has_permission(u, "add"),
    "choose_image": lambda u, t: image_policy.user_has_permission(u, "choose"),
    "edit_site_settings": lambda u, t: u.has_perm("website.change_sitesettings"),
    "edit_navigation": lambda u, t: u.has_perm("website.change_navigationsettings"),
    "manage_redirects": lambda u, t: u.has_perm("wagtailredirects.change_redirect"),
    "read_audience": lambda u, t: u.has_perm("audience.view_pageviewcount"),
    "read_feedback": lambda u, t: u.has_perm("audience.view_pagefeedback"),
    "manage_users": lambda u, t: u.has_perm("auth.change_user"),
}

ALLOWED = {
    AGENCY: {"access_admin", "add_content_page", "edit_content_page", "edit_observatory_page", "add_image",
             "add_document", "choose_image", "read_audience", "read_feedback"},
    REGION: {"access_admin", "add_content_page", "edit_content_page", "publish_content_page", "edit_observatory_page",
             "publish_observatory_page", "add_image", "delete_others_image", "edit_others_image", "add_document", "choose_image",
             "edit_site_settings", "edit_navigation", "manage_redirects", "read_audience", "read_feedback"},
    STATISTICIANS: {"access_admin", "edit_observatory_page", "publish_observatory_page", "add_document",
                    "choose_image"},
    ADMINISTRATORS: set(ACTIONS),
}


@pytest.mark.django_db
@pytest.mark.parametrize("role", list(ALLOWED))
def test_permission_matrix_row(tree, role):
    """Every action of the matrix for one role: the whole row is compared, so a failure shows every difference."""
    user = _user(role)
    actual = {action: check(user, tree) for action, check in ACTIONS.items()}
    expected = {action: action in ALLOWED[role] for action in ACTIONS}
    assert actual == expected


@pytest.mark.django_db
def test_groups_exist_right_after_migrate():
    """The post_migrate handler has already run on the test database."""
    assert set(Group.objects.filter(name__in=ALLOWED).values_list("name", flat=True)) == set(ALLOWED)
    assert Group.objects.get(name=STATISTICIANS).permissions.filter(codename="access_admin").exists()


@pytest.mark.django_db
def test_applying_roles_twice_changes_nothing(tree):
    def snapshot():
        return (
            sorted(Group.objects.values_list("name", "permissions__codename")),
            sorted(GroupPagePermission.objects.values_list("group__name", "page_id", "permission__codename")),
        )

    first = snapshot()
    apply_roles()
    assert snapshot() == first


@pytest.mark.django_db
def test_permissions_added_by_hand_are_reset_to_the_rules(tree):
    from django.contrib.auth.models import Permission

    agency = Group.objects.get(name=AGENCY)
    agency.permissions.add(Permission.objects.get(codename="change_sitesettings"))
    apply_roles()
    assert not agency.permissions.filter(codename="change_sitesettings").exists()


@pytest.mark.django_db
def test_statisticians_page_grant_waits_for_the_observatory_section(home_page):
    apply_roles()
    assert not GroupPagePermission.objects.filter(group__name=STATISTICIANS).exists()
    StandardPageFactory(parent=home_page, title="Observatoire", slug="observatoire")
    apply_roles()
    assert GroupPagePermission.objects.filter(group__name=STATISTICIANS, page__slug="observatoire").exists()


@pytest.mark.django_db
def test_real_permissions_of_the_merged_apps_follow_the_rules(home_page):
    """Checked against the models actually migrated on this branch (observatory, careers, schools)."""
    from django.apps import apps
    from django.contrib.auth.models import Permission

    apply_roles()
    present = {f"{p.content_type.app_label}.{p.codename}" for p in Permission.objects.select_related("content_type")}
    expectations = {
        "observatory.import_dataset": {STATISTICIANS, ADMINISTRATORS},
        "observatory.publish_dataset": {STATISTICIANS, ADMINISTRATORS},
        "observatory.change_keyindicator": {STATISTICIANS, ADMINISTRATORS},
        "careers.change_testimonial": {AGENCY, REGION, ADMINISTRATORS},
        "careers.add_company": {AGENCY, REGION, ADMINISTRATORS},
        "schools.view_kitdownloadcount": {AGENCY, REGION, ADMINISTRATORS},
        "schools.change_kitdownloadcount": {ADMINISTRATORS},  # counters are never edited by hand
    }
    checked = [name for name in expectations if name in present]
    if not checked:
        pytest.skip("no observatory, careers or schools model is migrated on this branch")
    for name in checked:
        holders = {group.name for group in Group.objects.filter(permissions__content_type__app_label=name.split(".")[0],
                                                                  permissions__codename=name.split(".")[1])}
        assert holders & set(ALLOWED) == expectations[name], name
    # No role but the administrators reaches page models through model permissions.
    page_models = [m for m in apps.get_models() if m._meta.app_label in ("careers", "schools", "observatory")
                   and hasattr(m, "get_url_parts")]
    for model in page_models:
        codename = f"change_{model._meta.model_name}"
        holders = set(Group.objects.filter(permissions__codename=codename,
                                           permissions__content_type__app_label=model._meta.app_label)
                      .values_list("name", flat=True))
        assert holders & set(ALLOWED) <= {ADMINISTRATORS}, codename
