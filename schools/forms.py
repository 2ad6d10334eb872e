"""Public forms of the schools app: registering to an event."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from schools.models.registrations import MAX_SEATS_PER_REQUEST


class EventRegistrationForm(forms.Form):
    """Name, e-mail and seats; phone and organisation optional. Errors are said in French, field by field."""

    name = forms.CharField(
        label=_("Nom et prénom"), max_length=120,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": _("Indiquez votre nom et votre prénom.")},
    )
    email = forms.EmailField(
        label=_("Courriel"), max_length=200, help_text=_("Pour que l'organisateur vous confirme votre place."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={"required": _("Indiquez votre adresse électronique."),
                        "invalid": _("Cette adresse électronique n'est pas valide (exemple : nom@exemple.fr).")},
    )
    phone = forms.CharField(
        label=_("Téléphone (facultatif)"), max_length=30, required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    organisation = forms.CharField(
        label=_("Établissement, classe ou structure (facultatif)"), max_length=150, required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    seats = forms.IntegerField(
        label=_("Nombre de places"), min_value=1, max_value=MAX_SEATS_PER_REQUEST, initial=1,
        help_text=_("Pour une classe : élèves et accompagnateurs (%(max)s au plus).") % {"max": MAX_SEATS_PER_REQUEST},
        error_messages={
            "required": _("Indiquez le nombre de places."),
            "invalid": _("Indiquez le nombre de places en chiffres."),
            "min_value": _("Demandez au moins une place."),
            "max_value": _("%(limit_value)s places au plus par demande : contactez l'organisateur pour un groupe plus grand."),
        },
    )
    consent = forms.BooleanField(
        label=_("J'accepte que ces informations soient transmises à l'organisateur pour cet événement ; "
                "elles sont supprimées trois mois après l'événement."),
        error_messages={"required": _("Cochez la case pour que nous puissions transmettre votre inscription.")},
    )
    # Left empty by people, filled in by form-spamming robots (hidden from everyone else).
    website = forms.CharField(required=False, label=_("Ne pas remplir ce champ"))

    def clean_phone(self) -> str:
        phone = self.cleaned_data.get("phone", "").strip()
        digits = [c for c in phone if c in "0123456789"]  # ASCII only: « ² » is a digit to isdigit()
        if phone and (len(digits) < 6 or any(c not in "0123456789 +.-()" for c in phone)):
            raise forms.ValidationError(_("Ce numéro de téléphone n'est pas valide (exemple : 03 20 00 00 00)."))
        return phone
