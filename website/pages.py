"""``SitePage``: the base of every page type of the site, so that serving a page costs few queries.

Wagtail, as it comes, spends on each page: two queries to check view restrictions (private
sections), one more each time a listing calls ``.public()``, two per level of the URL to find
the page (its base row, then its specific row) and one for the breadcrumb. This site has few
private sections and few pages with children, so both are read once per content version
(``website.site_cache``) and reused:

- the private sections by the view-restriction check and by ``.public()``;
- the "sections" (live pages with children) by the breadcrumb;
- by routing, each page's children (slug, type) and each page served (:func:`kept_page`), read
  once per content version and process, each request getting its own copy of its page.

Behaviour is Wagtail's: a private section still asks for its password or login, an unknown
address is still a 404. Every page class inherits ``SitePage`` rather than ``Page``.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from wagtail.models import Page, PageManager, PageViewRestriction
from wagtail.query import PageQuerySet

from website.caching import content_version
from website.site_cache import cached_until_content_changes


def private_section_paths() -> list[str]:
    """Tree paths of the pages that carry a view restriction (password, login, groups)."""
    return cached_until_content_changes(
        "private-section-paths",
        lambda: list(PageViewRestriction.objects.values_list("page__path", flat=True).order_by("page__path")),
    )


def private_pages_q() -> Q:
    """Pages inside a private section (the section itself included), from the cached list."""
    q = Q()
    for path in private_section_paths():
        q |= Q(path__startswith=path)
    return q if q else Q(pk__in=[])  # no private section: match nothing


@dataclass(frozen=True)
class Section:
    """A live page with children: what breadcrumbs show and routing steps through."""

    pk: int
    path: str
    slug: str
    title: str
    url: str
    content_type_id: int

    @property
    def depth(self) -> int:
        return len(self.path) // Page.steplen


def site_sections() -> dict[str, Section]:
    """Every live page that has children, by tree path (a few dozen: home, sections, indexes)."""

    def build() -> dict[str, Section]:
        pages = Page.objects.live().filter(numchild__gt=0, depth__gt=1).order_by("path")
        return {page.path: Section(page.pk, page.path, page.slug, page.title, page.url or "", page.content_type_id)
                for page in pages}

    return cached_until_content_changes("site-sections", build)


def kept_page(model: type[Page], pk: int) -> Page | None:
    """The page ``pk`` as a ``model``, read once per content version and process; a copy for each request.

    Routing read each page of a URL again at every request, and compiling the query of a page type
    with many fields cost more than running it (issue #17). The copy is the request's own: what
    a request sets on it (its parent, prefetched relations) stays with that request.
    """
    page = content_version.recent(f"website:page:{pk}", lambda: model.objects.filter(pk=pk).first())
    if page is None:
        return None
    mine = copy.copy(page)  # Django copies the instance's state and its cache of related rows
    if "_prefetched_objects_cache" in page.__dict__:
        mine._prefetched_objects_cache = dict(page._prefetched_objects_cache)
    return mine


class SitePageQuerySet(PageQuerySet):
    def private_q(self) -> Q:
        return private_pages_q()


SitePageManager = PageManager.from_queryset(SitePageQuerySet)


class SitePage(Page):
    objects = SitePageManager()

    class Meta:
        abstract = True

    def get_view_restrictions(self):
        # Without any private section on the site (the usual case), skip Wagtail's two queries.
        if not private_section_paths():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()

    def breadcrumb_ancestors(self) -> list:
        """The ancestors below the tree root, home first, from the cached sections when they are all there."""
        sections = site_sections()
        steps = [self.path[:depth * self.steplen] for depth in range(2, self.depth)]
        if all(step in sections for step in steps):
            return [sections[step] for step in steps]
        return list(self.get_ancestors()[1:])  # e.g. a page under an unpublished parent (preview)

    def route(self, request, path_components):
        if path_components:
            child = self._find_child(path_components[0])
            if child is not None:
                child._cached_parent_obj = self  # as Wagtail does: no query to get the parent later
                return child.route(request, path_components[1:])
        return super().route(request, path_components)

    def _find_child(self, slug: str) -> Page | None:
        """The child page at ``slug`` as its specific type; None when there is none (Wagtail answers 404).

        No query once the page was served since the last publication: the children's slugs and
        types, and the page itself (:func:`kept_page`), are kept until content changes.
        """
        # Every child, live or not (Wagtail answers 404 for a page that is not live).
        children = content_version.recent(f"website:children:{self.pk}", lambda: {
            child_slug: (pk, content_type_id) for child_slug, pk, content_type_id
            in Page.objects.child_of(self).values_list("slug", "pk", "content_type_id")})
        if slug not in children:
            return None
        pk, content_type_id = children[slug]
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        return kept_page(model, pk) if model is not None else None
