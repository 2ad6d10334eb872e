"""What the statisticians may do: the observatory's data, its section of the site, its documents.

Registered through the base's ``register_role_grants`` hook (observatory/wagtail_hooks.py); the
machinery and the four roles are in website/roles.py. Nobody else gets the observatory's data:
the agency and the Région edit its pages through their grant on the home page's subtree.
"""

from __future__ import annotations

from website.roles import CONTENT, OTHER, SETTING, STATISTICIANS, CollectionGrant, Grant, PageGrant, Rule

#: Address (below the home page) of the observatory's section, whose subtree statisticians edit.
OBSERVATORY_SLUG_PATH = "observatoire/"
#: The statisticians' documents (methodology notes, data files): the only ones they may change.
OBSERVATORY_COLLECTION = "Observatoire"


def statisticians_grants() -> list[tuple[str, Grant]]:
    """Every permission of the app (custom ones such as ``import_dataset`` included), the section's
    pages up to publication, and the « Observatoire » collection (created when missing)."""
    return [
        (STATISTICIANS, Rule(apps=("observatory",), kinds=frozenset({CONTENT, SETTING, OTHER}))),
        (STATISTICIANS, PageGrant(OBSERVATORY_SLUG_PATH, ("add_page", "change_page", "lock_page", "publish_page",
                                                          "unlock_page"))),
        (STATISTICIANS, CollectionGrant("wagtaildocs", ("add_document", "change_document", "choose_document"),
                                        collection=OBSERVATORY_COLLECTION)),
    ]
