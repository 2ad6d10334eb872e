"""Factories for the site-wide page types (wagtail-factories)."""

from __future__ import annotations

import factory
import wagtail_factories

from website.models import HomePage, SearchPage, SiteImage, StandardPage


class SiteImageFactory(wagtail_factories.ImageFactory):
    description = factory.Sequence(lambda n: f"Illustration {n}")
    credit = "Illustration générée"

    class Meta:
        model = SiteImage


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Accueil"
    introduction = "Les métiers de l’industrie recrutent."

    class Meta:
        model = HomePage


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Page standard {n}")
    introduction = "Une page de contenu."
    body = wagtail_factories.StreamFieldFactory({})

    class Meta:
        model = StandardPage


class SearchPageFactory(wagtail_factories.PageFactory):
    title = "Rechercher"
    slug = "recherche"

    class Meta:
        model = SearchPage
