import time

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.core import signing
from django.core.validators import MaxValueValidator, MinValueValidator
from django.forms.utils import flatatt
from django.template.loader import render_to_string
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from .constraints import Bounds, numeric_bounds
from .mail import queue_mail
from .models import User


class LangeAuswahl(forms.Select):
    """A select of many options rendered in one pass, not one template per option (a
    filter with hundreds of organisers cost seconds that way). Same markup as `Select`;
    no option groups."""

    def render(self, name, value, attrs=None, renderer=None):
        attrs = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        gewaehlt = set(self.format_value(value))
        optionen = "".join(
            f'<option value="{escape(wert)}"{" selected" if str(wert) in gewaehlt else ""}>'
            f"{escape(text)}</option>"
            for wert, text in self.choices
        )
        return format_html("<select{}>{}</select>", flatatt(attrs), mark_safe(optionen))  # noqa: S308 (escaped above)


class DatumInput(forms.DateInput):
    """A browser's date picker: its value is always ISO (2026-12-15), whatever the
    language, or the browser shows it empty."""

    input_type = "date"

    def __init__(self, attrs=None, format="%Y-%m-%d"):
        super().__init__(attrs, format=format)


class UhrzeitInput(forms.TimeInput):
    """A browser's time picker: its value is always 18:30, never 6:30 PM."""

    input_type = "time"

    def __init__(self, attrs=None, format="%H:%M"):
        super().__init__(attrs, format=format)


class DatumUhrzeitInput(forms.DateTimeInput):
    """A browser's date-and-time picker (value 2026-12-15T18:30)."""

    input_type = "datetime-local"

    def __init__(self, attrs=None, format="%Y-%m-%dT%H:%M"):
        super().__init__(attrs, format=format)


def apply_bounds(field: forms.Field, bounds: Bounds) -> None:
    """Give a number field the bounds of its model field's constraints: the input's
    `min`/`max` and, for a value out of them, the constraint's own message. A stricter bound
    of the form stays."""
    if not isinstance(field, forms.IntegerField | forms.DecimalField | forms.FloatField):
        return
    if bounds.min is not None and (field.min_value is None or field.min_value <= bounds.min):
        field.min_value = field.widget.attrs["min"] = bounds.min
        field.validators = [v for v in field.validators if type(v) is not MinValueValidator]
        field.validators.append(MinValueValidator(bounds.min, message=bounds.message))
    if bounds.max is not None and (field.max_value is None or field.max_value >= bounds.max):
        field.max_value = field.widget.attrs["max"] = bounds.max
        field.validators = [v for v in field.validators if type(v) is not MaxValueValidator]
        field.validators.append(MaxValueValidator(bounds.max, message=bounds.message))


def bounded_formfield(db_field, formfield: forms.Field | None) -> forms.Field | None:
    """The form field of a model field with the bounds of its constraints (for the admin's
    `formfield_for_dbfield`)."""
    bounds = numeric_bounds(db_field.model).get(db_field.name)
    if formfield is not None and bounds is not None:
        apply_bounds(formfield, bounds)
    return formfield


class ModelForm(forms.ModelForm):
    """The project's ModelForm: number inputs keep to the bounds of the model's constraints
    (`apply_bounds`; the admin does the same with `bounded_formfield`)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, bounds in numeric_bounds(self._meta.model).items():
            if name in self.fields:
                apply_bounds(self.fields[name], bounds)


class QueuedPasswordResetForm(PasswordResetForm):
    """Password reset whose mail goes through the stored, retried outbox."""

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        subject = "".join(render_to_string(subject_template_name, context).splitlines())
        body = render_to_string(email_template_name, context)
        queue_mail(to=[to_email], subject=subject, body=body)


class EmailAuthenticationForm(AuthenticationForm):
    """Log-in by e-mail address (not case-sensitive), with a message that says so."""

    username = forms.EmailField(
        label=_("E-mail address"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "The e-mail address or the password is not correct. Please check both; the "
            "password is case-sensitive."
        ),
    }


ENDE_NACH_BEGINN = _("The end must be after the start.")


def ende_nach_beginn(form: forms.Form, *, beginn: str = "von", ende: str = "bis") -> None:
    """Add the German message at the end field when both are given and the end is not after
    the start. Call it from `clean()`, with the two field names."""
    start, stop = form.cleaned_data.get(beginn), form.cleaned_data.get(ende)
    if start is not None and stop is not None and stop <= start:
        form.add_error(ende, ENDE_NACH_BEGINN)


FORM_TIME_SALT = "quartier.zeitfalle"


def form_timestamp(at: float | None = None) -> str:
    """The signed time a public form was shown (for the time trap)."""
    return signing.dumps(time.time() if at is None else at, salt=FORM_TIME_SALT)


class SpamGuardMixin(forms.Form):
    """Spam protection for public forms without an account: a honeypot field (`website`,
    hidden from people and screen readers; templates render it out of sight) and a signed
    time trap (`zeit`: bots send at once or forge the field). Set `min_seconds_setting` to
    the name of the setting with the minimum time and `rejected_message` to what a person
    sees should they trip it."""

    website = forms.CharField(label=_("Leave this field empty"), required=False, max_length=200)
    zeit = forms.CharField(widget=forms.HiddenInput, max_length=100)

    min_seconds_setting = "FORM_MINDESTZEIT"
    rejected_message = _("The form could not be sent. Please try again.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["website"].widget.attrs.update(
            {"autocomplete": "off", "tabindex": "-1", "class": "form-control"}
        )
        if not self.is_bound:
            self.initial["zeit"] = form_timestamp()

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise forms.ValidationError(self.rejected_message)
        return ""

    def clean_zeit(self):
        try:
            start = signing.loads(self.cleaned_data["zeit"], salt=FORM_TIME_SALT, max_age=24 * 3600)
        except signing.SignatureExpired:
            self._new_timestamp()
            raise forms.ValidationError(
                _("The form was open for more than a day. Please check and send it again.")
            ) from None
        except (signing.BadSignature, TypeError):
            self._new_timestamp()
            raise forms.ValidationError(self.rejected_message) from None
        if time.time() - float(start) < getattr(settings, self.min_seconds_setting):
            raise forms.ValidationError(
                _("That was very fast. Please check your entries and send the form again.")
            )
        return start

    def _new_timestamp(self):
        """A fresh time for the form shown again, so a person can simply send it."""
        self.data = self.data.copy()
        self.data["zeit"] = form_timestamp()


class QuartierSucheForm(forms.Form):
    """The chooser of areas: a name or a street (with or without house number)."""

    q = forms.CharField(
        label=_("Area or street"),
        max_length=120,
        required=False,
        help_text=_("For example “Brunnenviertel” or “Brunnenstraße 14”."),
    )


class KontoForm(ModelForm):
    """What every logged-in user keeps about themselves: their name and how the portal
    greets them."""

    class Meta:
        model = User
        fields = ["name", "kurzname"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.attrs = {"novalidate": ""}  # German messages from the server, as everywhere
        self.helper.add_input(Submit("speichern", _("Save")))


class QuartiersstrassenFormSet(forms.BaseInlineFormSet):
    """The streets of an area in the back office: the same street twice in one save is
    explained at the field (the database's rule compares without case; each form alone
    only sees the rows saved before)."""

    def clean(self):
        super().clean()
        gesehen = set()
        for form in self.forms:
            if not form.has_changed() and not form.instance.pk:
                continue
            if self.can_delete and self._should_delete_form(form):
                continue
            name = (form.cleaned_data.get("name") or "").strip().lower()
            if not name:
                continue
            if name in gesehen:
                form.add_error("name", _("This street is already listed for the area."))
            gesehen.add(name)


class BenachrichtigungenForm(forms.Form):
    """A person's choice per kind of notification they can get: immediately, in the daily
    digest or never (`quartier.benachrichtigungen`)."""

    def __init__(self, *args, user, **kwargs):
        from .benachrichtigungen import arten_fuer, gewaehlt
        from .models import Zustellung

        super().__init__(*args, **kwargs)
        self.user = user
        wahl = gewaehlt(user)
        for regel in arten_fuer(user):
            self.fields[regel.art] = forms.ChoiceField(
                label=regel.art.label,
                choices=Zustellung.choices,
                widget=forms.RadioSelect,
                initial=wahl[regel.art],
                help_text=_("Who gets it: %(wer)s.") % {"wer": regel.wer},
            )
