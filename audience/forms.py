"""The "was this page useful?" form."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from website.privacy import scrub_personal_data


class FeedbackForm(forms.Form):
    page = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    useful = forms.ChoiceField(
        label=_("Cette page vous a-t-elle été utile ?"),
        choices=[("oui", _("Oui")), ("non", _("Non"))],
        error_messages={"required": _("Choisissez « Oui » ou « Non »."),
                        "invalid_choice": _("Choisissez « Oui » ou « Non ».")},
    )
    comment = forms.CharField(
        label=_("Comment pouvons-nous améliorer cette page ? (facultatif)"),
        help_text=_("N’indiquez ni nom, ni adresse, ni numéro de téléphone : votre avis reste anonyme."),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 500}),
        error_messages={"max_length": _("500 caractères au plus.")},
    )
    # Left empty by people, filled in by form-spamming robots (hidden from everyone else).
    website = forms.CharField(required=False, label=_("Ne pas remplir ce champ"))

    def clean_comment(self) -> str:
        return scrub_personal_data(self.cleaned_data.get("comment", ""))
