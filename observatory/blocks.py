"""StreamField blocks that show observatory figures: editors pick an indicator, never type a number."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock


class IndicatorBlock(blocks.StructBlock):
    """One key figure taken from the latest published data, shown with its source and year."""

    indicator = SnippetChooserBlock("observatory.KeyIndicator", label=_("chiffre clé"),
                                    help_text=_("Choisissez un chiffre clé de l'observatoire (menu Observatoire)."))
    comment = blocks.CharBlock(required=False, max_length=200, label=_("commentaire"),
                               help_text=_("Facultatif : une phrase pour expliquer le chiffre."))

    class Meta:
        icon = "table"
        label = _("chiffre de l'observatoire")
        template = "blocks/indicator_block.html"
        description = _("Un chiffre officiel choisi dans l'observatoire, avec sa source et son année.")


class KeyFiguresBlock(blocks.StructBlock):
    """A heading and a row of key figures (home page)."""

    heading = blocks.CharBlock(max_length=100, label=_("titre"), default="L'industrie en chiffres")
    figures = blocks.ListBlock(IndicatorBlock(), min_num=1, max_num=6, label=_("chiffres"))

    class Meta:
        icon = "table"
        label = _("chiffres clés")
        template = "blocks/key_figures_block.html"
        description = _("Un titre et jusqu'à six chiffres de l'observatoire.")
