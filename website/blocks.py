"""StreamField blocks shared by every section of the site.

Each block has its own template in ``templates/blocks/``, a ``description`` and a
``preview_value`` for the admin's block previews. A block used by one app only stays in
that app.

Section apps add blocks of their own to the base's StreamFields through
``settings.SECTION_BLOCKS`` (:func:`section_blocks`): the observatory's indicator on every
content page (a reference to a stored figure: editors choose it, they never type the number)
and its key figures on the home page. A setting rather than a hook or a registry filled in
``AppConfig.ready()``: a StreamField's block list is built when its model class is defined,
before any ``ready()`` runs or any ``wagtail_hooks`` module is loaded. The settings are the
project's composition root, so the base itself never names those apps.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import StructValue
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageBlock as WagtailImageBlock

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]


class LinkValue(StructValue):
    """A link to a page of the site or to an external address, with its visible label."""

    def url(self) -> str:
        page = self.get("page")
        if page:
            return page.url
        return self.get("external_url") or ""

    def text(self) -> str:
        if self.get("label"):
            return self.get("label")
        page = self.get("page")
        return page.title if page else self.get("external_url", "")


class LinkBlock(blocks.StructBlock):
    """A page of the site or an external address, with an optional label."""

    page = blocks.PageChooserBlock(required=False, label=_("page du site"))
    external_url = blocks.URLBlock(required=False, label=_("ou adresse externe"))
    label = blocks.CharBlock(required=False, max_length=60, label=_("libellé"),
                             help_text=_("Par défaut, le titre de la page."))

    class Meta:
        icon = "link"
        value_class = LinkValue
        label = _("lien")

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("external_url")):
            raise blocks.StructBlockValidationError(
                block_errors={"page": ValidationError(_("Choisissez une page ou une adresse externe, pas les deux."))}
            )
        if value.get("external_url") and not value.get("label"):
            raise blocks.StructBlockValidationError(
                block_errors={"label": ValidationError(_("Un lien externe a besoin d'un libellé."))}
            )
        return value


class SocialLinkBlock(blocks.StructBlock):
    platform = blocks.ChoiceBlock(
        choices=[("linkedin", "LinkedIn"), ("instagram", "Instagram"), ("youtube", "YouTube"),
                 ("facebook", "Facebook"), ("tiktok", "TikTok"), ("mastodon", "Mastodon"), ("x", "X")],
        label=_("réseau"),
    )
    url = blocks.URLBlock(label=_("adresse"))

    class Meta:
        icon = "site"
        label = _("réseau social")


class AudienceEntryBlock(blocks.StructBlock):
    """A home-page card sending one audience to its section."""

    audience = blocks.CharBlock(max_length=40, label=_("public"), help_text=_("Ex. « Je cherche un emploi »"))
    title = blocks.CharBlock(max_length=80, label=_("titre"))
    text = blocks.TextBlock(max_length=240, label=_("texte"))
    page = blocks.PageChooserBlock(label=_("page"))
    colour = blocks.ChoiceBlock(
        choices=[("orange", _("Orange")), ("blue", _("Bleu")), ("green", _("Vert")), ("violet", _("Violet"))],
        default="orange", label=_("couleur"),
    )

    class Meta:
        icon = "user"
        label = _("entrée par public")
        template = "blocks/audience_entry_block.html"


class CaptionedImageBlock(blocks.StructBlock):
    """An image with alt text, caption, and the credit stored on the image."""

    image = WagtailImageBlock(label=_("image"))
    caption = blocks.CharBlock(required=False, max_length=250, label=_("légende"))

    class Meta:
        icon = "image"
        label = _("image")
        template = "blocks/image_block.html"
        description = _("Une image avec son texte alternatif, sa légende et son crédit.")


VIDEO_FILE_EXTENSIONS = ("mp4", "webm")


class VideoValue(StructValue):
    def embed_url(self) -> str:
        """The privacy-friendly player address, loaded only after the visitor clicks."""
        from website.video import embed_url_for

        return embed_url_for(self.get("url", "") or "")

    def host_name(self) -> str:
        from website.video import host_name_for

        return host_name_for(self.get("url", "") or "")

    def is_self_hosted(self) -> bool:
        return bool(self.get("video_file"))

    def file_type(self) -> str:
        video = self.get("video_file")
        return "video/webm" if video and video.file_extension == "webm" else "video/mp4"


def _extension_error(document, extensions: tuple[str, ...], message) -> ValidationError | None:
    if document is not None and document.file_extension.lower() not in extensions:
        return ValidationError(message)
    return None


class VideoBlock(blocks.StructBlock):
    """A video with its transcript: a file of this site's with captions, or YouTube/Vimeo loaded on click.

    - A file uploaded to the site (MP4 or WebM document) plays in the browser's own player
      (keyboard controls, captions menu) from this site only, with its WebVTT captions file:
      without captions the block is invalid, so the page cannot be published.
    - A YouTube or Vimeo video is shown as a still until the visitor asks to play it: nothing
      is requested from the host before the click (no cookie, no IP address sent), which is
      what the CNIL expects without consent.
    """

    title = blocks.CharBlock(max_length=120, label=_("titre"))
    video_file = DocumentChooserBlock(
        required=False, label=_("fichier vidéo (MP4 ou WebM)"),
        help_text=_("Déposez la vidéo dans les documents, ou laissez vide et donnez une adresse YouTube ou Vimeo."),
    )
    captions = DocumentChooserBlock(
        required=False, label=_("sous-titres (fichier WebVTT .vtt)"),
        help_text=_("Obligatoire avec un fichier vidéo : les sous-titres en français, au format WebVTT."),
    )
    url = blocks.URLBlock(required=False, label=_("adresse de la vidéo"),
                          help_text=_("YouTube ou Vimeo, si la vidéo n'est pas déposée sur le site."))
    poster = WagtailImageBlock(required=False, label=_("image d'aperçu"))
    duration = blocks.CharBlock(required=False, max_length=10, label=_("durée"), help_text=_("Ex. 2 min 30"))
    transcript = blocks.RichTextBlock(features=["bold", "italic", "ul", "link"], label=_("transcription"),
                                      help_text=_("Obligatoire : tout ce qui est dit et montré, pour qui ne peut pas voir ou entendre la vidéo."))

    class Meta:
        icon = "media"
        label = _("vidéo")
        template = "blocks/video_block.html"
        value_class = VideoValue
        description = _("Une vidéo du site avec ses sous-titres, ou YouTube/Vimeo chargée au clic ; avec sa transcription.")

    def clean(self, value):
        from website.video import embed_url_for

        value = super().clean(value)
        errors = {}
        video, captions, url = value.get("video_file"), value.get("captions"), value.get("url") or ""
        if video is not None:
            if url:
                errors["url"] = ValidationError(_("Une seule source : le fichier vidéo ou l'adresse, pas les deux."))
            if error := _extension_error(video, VIDEO_FILE_EXTENSIONS,
                                         _("Le fichier vidéo doit être un MP4 ou un WebM.")):
                errors["video_file"] = error
            if captions is None:
                errors["captions"] = ValidationError(
                    _("Ajoutez les sous-titres (fichier .vtt) : une vidéo sans sous-titres ne peut pas être publiée."))
            elif error := _extension_error(captions, ("vtt",), _("Les sous-titres doivent être un fichier WebVTT (.vtt).")):
                errors["captions"] = error
        elif not embed_url_for(url):
            errors["url"] = ValidationError(
                _("Adresse non reconnue : utilisez un lien YouTube ou Vimeo, ou déposez le fichier vidéo sur le site.")
                if url else _("Choisissez un fichier vidéo ou donnez une adresse YouTube ou Vimeo."))
        if errors:
            raise blocks.StructBlockValidationError(block_errors=errors)
        return value


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(max_length=600, label=_("citation"))
    author = blocks.CharBlock(max_length=80, label=_("auteur ou autrice"))
    role = blocks.CharBlock(required=False, max_length=120, label=_("fonction"))

    class Meta:
        icon = "openquote"
        label = _("citation")
        template = "blocks/quote_block.html"
        description = _("Une citation courte avec son auteur.")
        preview_value = {"quote": "Ici, je vois ce que je fabrique : ça change tout.", "author": "Inès", "role": "Technicienne de maintenance"}


class CallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=100, label=_("titre"))
    text = blocks.TextBlock(required=False, max_length=300, label=_("texte"))
    link = LinkBlock(label=_("bouton"))

    class Meta:
        icon = "pick"
        label = _("appel à l'action")
        template = "blocks/call_to_action_block.html"
        description = _("Un encadré avec un bouton vers une page.")


class FaqItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(max_length=200, label=_("question"))
    answer = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, label=_("réponse"))


class FaqBlock(blocks.StructBlock):
    title = blocks.CharBlock(required=False, max_length=100, label=_("titre"))
    items = blocks.ListBlock(FaqItemBlock(), label=_("questions"))

    class Meta:
        icon = "help"
        label = _("questions fréquentes")
        template = "blocks/faq_block.html"
        description = _("Des questions et réponses dépliables (fonctionne sans JavaScript).")


class MythFactBlock(blocks.StructBlock):
    """An idea people have about industry, and what the figures say — with their source."""

    myth = blocks.CharBlock(max_length=200, label=_("idée reçue"))
    fact = blocks.TextBlock(max_length=600, label=_("la réalité"))
    source = blocks.CharBlock(max_length=200, label=_("source et année"),
                              help_text=_("Obligatoire : d'où vient le chiffre (ex. « Dares, 2019 »)."))

    class Meta:
        icon = "doc-full"
        label = _("idée reçue / réalité")
        template = "blocks/myth_fact_block.html"
        description = _("Une idée reçue, la réalité et sa source.")
        preview_value = {"myth": "L'industrie, c'est sale et bruyant.", "fact": "Les ateliers d'aujourd'hui sont propres, automatisés et pilotés par écran.", "source": "Exemple"}


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("document"))
    title = blocks.CharBlock(required=False, max_length=120, label=_("titre affiché"),
                             help_text=_("Par défaut, le titre du document."))
    description = blocks.TextBlock(required=False, max_length=300, label=_("description"))

    class Meta:
        icon = "doc-full-inverse"
        label = _("document à télécharger")
        template = "blocks/document_block.html"
        description = _("Un fichier à télécharger, avec son format et son poids.")


def section_blocks(place: str) -> list[tuple[str, blocks.Block]]:
    """New instances of the blocks that section apps offer at ``place`` of the base's StreamFields.

    ``settings.SECTION_BLOCKS[place]`` lists ``(block name, dotted path of the block class)``, in
    the order the editor's "add a block" menu shows them. The names are stored in the content:
    renaming or removing one is a migration and a content change.
    """
    return [(name, import_string(path)()) for name, path in settings.SECTION_BLOCKS.get(place, ())]


class SiteStreamBlock(blocks.StreamBlock):
    """The base's own blocks, offered by every content page (see :data:`BaseStreamBlock`)."""

    paragraph = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, label=_("texte"), template="blocks/paragraph_block.html")
    image = CaptionedImageBlock()
    video = VideoBlock()
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()
    faq = FaqBlock()
    myth_fact = MythFactBlock()
    document = DocumentBlock()

    class Meta:
        block_counts: dict = {}


#: The blocks every content page offers: the base's own, then those of ``SECTION_BLOCKS["body"]``.
#: Made by the blocks' metaclass, as a ``class`` statement would, from names known only when the
#: settings are read. A subclass declaring more blocks (schools' ``PupilStreamBlock``) lists them
#: after all of these, so the order of a page's blocks (recorded by migrations) stays the same.
BaseStreamBlock = type(SiteStreamBlock)(
    "BaseStreamBlock", (SiteStreamBlock,),
    {"__module__": __name__, "__qualname__": "BaseStreamBlock",
     "__doc__": "The blocks every content page offers, sections' included.", **dict(section_blocks("body"))},
)
