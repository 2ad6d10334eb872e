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


#: The blocks whose HTML depends on the visitor's territory (``blocks/indicator_block.html``).
VISITOR_FIGURE_BLOCKS = (IndicatorBlock, KeyFiguresBlock)


def shows_visitor_figures(stream_value) -> bool:
    """Whether a StreamField value holds a block showing the visitor's figures (read from its raw data, no query)."""
    child_blocks = stream_value.stream_block.child_blocks
    return any(isinstance(child_blocks.get(item.get("type")), VISITOR_FIGURE_BLOCKS)
               for item in stream_value.raw_data)


def visitor_figures_vary(request) -> tuple:
    """What an indicator block's HTML shows of the visitor, for a ``{% fragment %}`` holding it.

    The figure is the one of the visitor's territory (``get_visitor_territory``), and the block
    says « chiffre non publié pour votre territoire » by comparing the figure's territory with the
    cookie as sent: a known territory's key, else only whether a cookie was sent (no figure's
    territory can equal an unknown value), so that the values stay few whatever visitors send.
    """
    from observatory.territory import COOKIE_NAME, get_visitor_territory, territories_by_key

    territory = get_visitor_territory(request)
    chosen = request.COOKIES.get(COOKIE_NAME) or ""
    if chosen and chosen not in territories_by_key():
        chosen = "?"
    return (territory.pk if territory is not None else None, chosen)
