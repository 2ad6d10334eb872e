"""Editorial roles: who may do what, defined in code and applied after every ``migrate``.

Four groups (see docs/editorial-workflow.md):

* **Agence de communication** — writes and edits content pages, snippets, images and
  documents; submits pages and snippets to moderation; never publishes, never deletes what is
  published (website/moderation.py, website/media_protection.py); no observatory data, no settings.
* **Communication Région** — moderates and publishes pages and snippets, edits site settings and
  navigation.
* **Statisticiens** — observatory imports, datasets, filière scopes and observatory pages; their
  documents go to the « Observatoire » collection.
* **Administrateurs** — everything.

This module holds the machinery (:class:`Rule`, :class:`PageGrant`, :class:`CollectionGrant`,
:class:`Role`) and the four roles with what is not any app's: the admin, site settings, Wagtail's
redirects and search promotions, pages below the home page, the media library. Each app grants
its own models through the ``register_role_grants`` Wagtail hook: a function returning
``(role name, grant)`` pairs (:data:`ROLE_GRANTS_HOOK`); :func:`editorial_content_grants` gives
the usual ones of an app whose models are editorial content. So this base app names none of the
apps above it, and an app's rights live with its models.

Rules name permissions by app label, model and codename, with wildcards, so that models an app
adds later are covered as soon as they are migrated: :func:`apply_roles` runs from a
``post_migrate`` handler and is idempotent (each group ends with exactly the permissions its
rules give; edit the rules, not the groups).

The rule matching (:func:`expand_rules`) is pure Python, tested without a database.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

logger = logging.getLogger(__name__)

AGENCY = "Agence de communication"
REGION = "Communication Région"
STATISTICIANS = "Statisticiens"
ADMINISTRATORS = "Administrateurs"
ROLE_NAMES = (AGENCY, REGION, STATISTICIANS, ADMINISTRATORS)

#: Wagtail hook of the apps' grants: functions without argument returning ``(role name, grant)``
#: pairs, a grant being a :class:`Rule`, a :class:`PageGrant` or a :class:`CollectionGrant`.
ROLE_GRANTS_HOOK = "register_role_grants"
#: Collections named by :class:`CollectionGrant`: the root one, or a child of it with this name.
ROOT_COLLECTION = "root"

# Model kinds, decided from the model class (see :func:`model_kind`).
PAGE = "page"  # Wagtail pages: governed by page permissions, not model permissions
SETTING = "setting"  # site settings (BaseSiteSetting / BaseGenericSetting)
MEDIA = "media"  # images, documents, renditions: governed by collection permissions
CONTENT = "content"  # every other model (snippets, data tables…)
OTHER = "other"  # permissions not tied to a model (wagtailadmin.access_admin)
ALL_KINDS = frozenset({PAGE, SETTING, MEDIA, CONTENT, OTHER})

CRUD = ("add", "change", "delete", "view")


@dataclass(frozen=True)
class PermissionInfo:
    """What a rule needs to know about one ``auth.Permission`` row."""

    app_label: str
    model: str
    codename: str
    kind: str

    @property
    def name(self) -> str:
        """The ``app_label.codename`` form used by ``user.has_perm``."""
        return f"{self.app_label}.{self.codename}"


@dataclass(frozen=True)
class Rule:
    """Grants the permissions matching every given criterion.

    ``apps`` / ``models``: label tuples, or ``("*",)`` for any. ``kinds``: model kinds the
    rule may reach. ``actions``: standard actions (``add``…) → codename ``<action>_<model>``;
    ``codenames``: exact codenames; neither → every permission of the matched models,
    including custom ones such as ``observatory.import_dataset``.
    """

    apps: tuple[str, ...] = ("*",)
    models: tuple[str, ...] = ("*",)
    kinds: frozenset[str] = frozenset({CONTENT})
    actions: tuple[str, ...] | None = None
    codenames: tuple[str, ...] | None = None
    exclude_models: tuple[str, ...] = ()

    def matches(self, info: PermissionInfo) -> bool:
        if self.apps != ("*",) and info.app_label not in self.apps:
            return False
        if self.models != ("*",) and info.model not in self.models:
            return False
        if info.model in self.exclude_models:
            return False
        if info.kind not in self.kinds:
            return False
        if self.codenames is not None:
            return info.codename in self.codenames
        if self.actions is not None:
            return info.codename in {f"{action}_{info.model}" for action in self.actions}
        return True


@dataclass(frozen=True)
class PageGrant:
    """Page permissions (``add_page``, ``publish_page``…) on a subtree: ``root``, ``home`` or a path below home."""

    location: str
    codenames: tuple[str, ...]


@dataclass(frozen=True)
class CollectionGrant:
    """Collection permissions for ``wagtailimages`` / ``wagtaildocs`` on ``collection``.

    ``collection``: :data:`ROOT_COLLECTION` (every image or document), or the name of a child of
    the root collection, created by :func:`apply_roles` when missing. Wagtail's permissions
    apply to the collection and everything below it.
    """

    app_label: str
    codenames: tuple[str, ...]
    collection: str = ROOT_COLLECTION


@dataclass(frozen=True)
class Role:
    name: str
    rules: tuple[Rule, ...] = ()
    pages: tuple[PageGrant, ...] = ()
    collections: tuple[CollectionGrant, ...] = ()
    all_permissions: bool = False
    description: str = ""
    demo_username: str = ""
    extra: dict = field(default_factory=dict, compare=False)


Grant = Rule | PageGrant | CollectionGrant

ACCESS_ADMIN = Rule(apps=("wagtailadmin",), kinds=ALL_KINDS, codenames=("access_admin",))
EDIT_SETTINGS = Rule(kinds=frozenset({SETTING}))


def editorial_content_grants(app_label: str, counters: tuple[str, ...] = (),
                             personal: tuple[str, ...] = ()) -> list[tuple[str, Grant]]:
    """The grants of an app whose models are editorial content (snippets, helpers of pages).

    The agency and the Région add, change, delete and view them; the Région alone publishes, locks
    and unlocks them (Wagtail's extra permissions of moderated snippets). ``counters``: names of
    models the app fills itself (download counts), which both may read and neither may edit.
    ``personal``: models holding visitors' personal data (event registrations): the Région, which
    answers for them, views, corrects and deletes them; the agency, a subcontractor writing
    content, never sees them (RGPD: access limited to those who need it).
    """
    edit = Rule(apps=(app_label,), actions=CRUD, exclude_models=(*counters, *personal))
    grants: list[tuple[str, Grant]] = [
        (AGENCY, edit), (REGION, edit), (REGION, Rule(apps=(app_label,), actions=("publish", "lock", "unlock"))),
    ]
    if counters:
        read = Rule(apps=(app_label,), models=counters, actions=("view",))
        grants += [(AGENCY, read), (REGION, read)]
    if personal:
        grants.append((REGION, Rule(apps=(app_label,), models=personal, actions=("view", "change", "delete"))))
    return grants


#: The four roles with the grants that are no app's; :func:`roles` adds those the apps register.
BASE_ROLES: tuple[Role, ...] = (
    Role(
        AGENCY,
        rules=(ACCESS_ADMIN,),
        pages=(PageGrant("home", ("add_page", "change_page")),),
        # Wagtail lets "change" edit and delete anyone's file; with "add" only, the agency edits
        # and deletes its own uploads, and the region keeps the shared library safe.
        collections=(
            CollectionGrant("wagtailimages", ("add_image", "choose_image")),
            CollectionGrant("wagtaildocs", ("add_document", "choose_document")),
        ),
        description="Rédige et modifie les pages, extraits, images et documents ; soumet à validation ; ne publie pas.",
        demo_username="agence",
    ),
    Role(
        REGION,
        rules=(ACCESS_ADMIN, EDIT_SETTINGS, Rule(apps=("wagtailredirects", "wagtailsearchpromotions"), actions=CRUD)),
        pages=(PageGrant("home", ("add_page", "bulk_delete_page", "change_page", "lock_page", "publish_page",
                                  "unlock_page")),),
        collections=(
            CollectionGrant("wagtailimages", ("add_image", "change_image", "choose_image", "delete_image")),
            CollectionGrant("wagtaildocs", ("add_document", "change_document", "choose_document", "delete_document")),
        ),
        description="Valide et publie, gère les paramètres du site et la navigation.",
        demo_username="region",
    ),
    Role(
        STATISTICIANS,
        rules=(ACCESS_ADMIN,),
        # Choosing any image or document for their pages; what they may change is granted by the
        # observatory (its data, its section, its collection). "change" on the root collection would
        # let them replace or delete every file of the site.
        collections=(
            CollectionGrant("wagtailimages", ("choose_image",)),
            CollectionGrant("wagtaildocs", ("choose_document",)),
        ),
        description="Importe les données, gère jeux de données, périmètres de filière et pages de l'observatoire.",
        demo_username="statisticien",
    ),
    Role(
        ADMINISTRATORS,
        all_permissions=True,
        pages=(PageGrant("root", ("add_page", "bulk_delete_page", "change_page", "lock_page", "publish_page",
                                  "unlock_page")),),
        collections=(
            CollectionGrant("wagtailimages", ("add_image", "change_image", "choose_image", "delete_image")),
            CollectionGrant("wagtaildocs", ("add_document", "change_document", "choose_document", "delete_document")),
        ),
        description="Tous les droits, y compris les comptes et les groupes.",
        demo_username="administrateur",
    ),
)



def roles() -> tuple[Role, ...]:
    """The four roles: :data:`BASE_ROLES` plus every grant registered through ``register_role_grants``."""
    from wagtail import hooks

    added: dict[str, list[Grant]] = {name: [] for name in ROLE_NAMES}
    for declare in hooks.get_hooks(ROLE_GRANTS_HOOK):
        for role_name, grant in declare():
            if role_name not in added:
                raise ValueError(f"{declare.__module__}.{declare.__name__}: unknown role {role_name!r}")
            added[role_name].append(grant)
    return tuple(
        replace(role,
                rules=(*role.rules, *(grant for grant in added[role.name] if isinstance(grant, Rule))),
                pages=(*role.pages, *(grant for grant in added[role.name] if isinstance(grant, PageGrant))),
                collections=(*role.collections,
                             *(grant for grant in added[role.name] if isinstance(grant, CollectionGrant))))
        for role in BASE_ROLES
    )


def role_named(name: str) -> Role:
    """One of :func:`roles`, by its name."""
    return next(role for role in roles() if role.name == name)


def expand_rules(role: Role, available: Iterable[PermissionInfo]) -> set[str]:
    """The ``app_label.codename`` names a role grants among the ``available`` permissions."""
    if role.all_permissions:
        return {info.name for info in available}
    return {info.name for info in available if any(rule.matches(info) for rule in role.rules)}


# --- Database side ----------------------------------------------------------------------


def model_kind(model_class) -> str:
    """Classify a model for the rules (``None`` → a permission without model, e.g. access_admin)."""
    if model_class is None:
        return OTHER
    from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
    from wagtail.documents.models import AbstractDocument
    from wagtail.images.models import AbstractImage, AbstractRendition
    from wagtail.models import Page

    if issubclass(model_class, Page):
        return PAGE
    if issubclass(model_class, BaseSiteSetting | BaseGenericSetting):
        return SETTING
    if issubclass(model_class, AbstractImage | AbstractRendition | AbstractDocument):
        return MEDIA
    return CONTENT


def available_permissions():
    """Every ``Permission`` row with its :class:`PermissionInfo` (one query)."""
    from django.contrib.auth.models import Permission

    rows = Permission.objects.select_related("content_type")
    return [
        (permission, PermissionInfo(permission.content_type.app_label, permission.content_type.model,
                                    permission.codename, model_kind(permission.content_type.model_class())))
        for permission in rows
    ]


def resolve_page(location: str):
    """The page a :class:`PageGrant` applies to, or ``None`` when it does not exist (yet)."""
    from wagtail.models import Page, Site

    if location == "root":
        return Page.get_first_root_node()
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        return None
    home = site.root_page
    if location == "home":
        return home
    return Page.objects.filter(url_path=f"{home.url_path}{location}").first()


def resolve_collection(name: str):
    """The collection a :class:`CollectionGrant` applies to, created under the root when missing."""
    from wagtail.models import Collection

    root = Collection.get_first_root_node()
    if name == ROOT_COLLECTION:
        return root
    existing = root.get_children().filter(name=name).first()
    return existing or root.add_child(instance=Collection(name=name))


def apply_roles(verbosity: int = 0) -> dict[str, int]:
    """Create or update the four groups, their permissions, the moderation workflow and the
    collections the grants name.

    Idempotent. Page grants whose page does not exist yet (no home page before the demo, no
    section page before its app creates it) are skipped and applied on the next run.
    Returns the number of model permissions per group.
    """
    from django.contrib.auth.models import Group, Permission
    from django.db import transaction
    from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission

    summary: dict[str, int] = {}
    with transaction.atomic():
        permissions = available_permissions()
        by_name = {info.name: permission for permission, info in permissions}
        infos = [info for _, info in permissions]
        root_collection = Collection.get_first_root_node()
        for role in roles():
            group, _ = Group.objects.get_or_create(name=role.name)
            granted = expand_rules(role, infos)
            group.permissions.set([by_name[name] for name in granted])
            summary[role.name] = len(granted)

            wanted_pages: set[tuple[int, int]] = set()
            for grant in role.pages:
                page = resolve_page(grant.location)
                if page is None:
                    continue
                for codename in grant.codenames:
                    permission = Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)
                    GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)
                    wanted_pages.add((page.pk, permission.pk))
            for existing in GroupPagePermission.objects.filter(group=group):
                if (existing.page_id, existing.permission_id) not in wanted_pages:
                    existing.delete()

            wanted_collections: set[tuple[int, int]] = set()
            if root_collection is not None:
                for grant in role.collections:
                    collection = resolve_collection(grant.collection)
                    for codename in grant.codenames:
                        permission = Permission.objects.get(content_type__app_label=grant.app_label, codename=codename)
                        GroupCollectionPermission.objects.get_or_create(
                            group=group, collection=collection, permission=permission)
                        wanted_collections.add((collection.pk, permission.pk))
            for existing in GroupCollectionPermission.objects.filter(group=group):
                if (existing.collection_id, existing.permission_id) not in wanted_collections:
                    existing.delete()

        from website.workflow import ensure_validation_workflow

        ensure_validation_workflow()
    if verbosity:
        logger.info("Editorial roles applied: %s", summary)
    return summary


def apply_roles_after_migrate(sender, **kwargs) -> None:
    """``post_migrate`` receiver: runs once, after the last app's permissions exist."""
    from django.apps import apps

    # Django sends post_migrate only for apps with a models module, in INSTALLED_APPS order.
    last_app = [config for config in apps.get_app_configs() if config.models_module is not None][-1]
    if sender.label != last_app.label:
        return
    if kwargs.get("using", "default") != "default":
        return
    apply_roles(verbosity=kwargs.get("verbosity", 0))
