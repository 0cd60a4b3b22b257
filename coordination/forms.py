"""Forms of coordination's pages. They check shapes; services decide."""

import django_otp
from django import forms
from django.contrib.auth.forms import AuthenticationForm, UsernameField
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator

from . import uploads
from .models import (
    AgeBand,
    Agency,
    CaseStatusUpdate,
    Discipline,
    Parish,
    Practice,
    ServiceOffered,
    TestKind,
    TraffickingType,
    VictimStatus,
)


def add_service_errors(form, error: ValidationError) -> None:
    """Show a service's refusal on the form: on its field where the form has one, else
    above the form; personal information found is marked in the person's own text."""
    for field, found in getattr(error, "findings", {}).items():
        if field in form.fields:
            form.privacy_findings = {**getattr(form, "privacy_findings", {}), field: found}
    for field, field_messages in error.message_dict.items():
        form.add_error(field if field in form.fields else None, field_messages)


_CODE_WIDGET = forms.TextInput(
    attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "pattern": "[0-9 ]*"}
)


class SignInForm(AuthenticationForm):
    """Username and password, and the authenticator's code for those who turned two-factor
    sign-in on. A wrong code counts as a failed sign-in (towards the lockout)."""

    # AuthenticationForm sets the username's limit only when built; both are bounded here.
    username = UsernameField(max_length=150, widget=forms.TextInput(attrs={"autofocus": True}))
    password = forms.CharField(
        label="Password",
        max_length=256,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    otp_token = forms.CharField(
        label="Two-factor code",
        required=False,
        max_length=8,
        widget=_CODE_WIDGET,
        help_text="Only if you turned on two-factor sign-in: the 6 digits your app shows.",
    )
    otp_device = None
    otp_refused = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Django sets the length on the widget only: a longer name, which no account can
        # have, is refused here instead of reaching the lockout's records (255 characters;
        # PostgreSQL refused the insert, a 500).
        username = self.fields["username"]
        username.validators.append(MaxLengthValidator(username.max_length))

    def clean(self):
        cleaned = super().clean()
        user = self.get_user()
        devices = list(django_otp.devices_for_user(user, confirmed=True)) if user else []
        if devices:
            code = (cleaned.get("otp_token") or "").replace(" ", "")
            # Each device checks its own code (and slows down repeated wrong ones).
            self.otp_device = next((d for d in devices if code and d.verify_token(code)), None)
            if self.otp_device is None:
                self.otp_refused = True
                user_login_failed.send(
                    sender=__name__,
                    credentials={"username": user.get_username()},
                    request=self.request,
                )
                raise ValidationError("Enter the current two-factor code.", code="otp")
        return cleaned


class TwoFactorCodeForm(forms.Form):
    code = forms.CharField(
        label="Code from your authenticator app", max_length=8, widget=_CODE_WIDGET
    )


class SummitForm(forms.Form):
    """A summit and its attendance, one number per discipline."""

    held_on = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), label="Held on")
    place = forms.CharField(max_length=200)
    organisers = forms.CharField(max_length=300, required=False)

    def __init__(self, *args, regions=None, **kwargs):
        super().__init__(*args, **kwargs)
        if regions is not None:
            self.fields["region"] = forms.ModelChoiceField(queryset=regions, empty_label=None)
            self.order_fields(["region"])
        for value, label in Discipline.choices:
            self.fields[f"attendance_{value}"] = forms.IntegerField(
                label=f"Attendance: {label}", min_value=0, max_value=100_000, required=False
            )

    def attendance(self) -> dict[str, int]:
        return {
            value: self.cleaned_data[f"attendance_{value}"]
            for value in Discipline.values
            if self.cleaned_data.get(f"attendance_{value}")
        }


class ReportingCycleForm(forms.Form):
    year = forms.IntegerField(min_value=2000, max_value=2100)
    deadline = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    providers = forms.ModelMultipleChoiceField(
        queryset=Agency.objects.filter(is_service_provider=True),
        widget=forms.CheckboxSelectMultiple,
        help_text="The service providers asked to report for the year.",
    )


class SubmissionForm(forms.Form):
    services_offered = forms.MultipleChoiceField(
        choices=ServiceOffered.choices, widget=forms.CheckboxSelectMultiple
    )
    parishes_served = forms.ModelMultipleChoiceField(
        queryset=Parish.objects.order_by("name"),
        widget=forms.CheckboxSelectMultiple(attrs={"class": "columns"}),
    )
    children_served = forms.IntegerField(min_value=0, label="Children served (under 18)")
    adults_served = forms.IntegerField(min_value=0, label="Adults served")
    file = forms.FileField(
        required=False,
        label="Case rows as a file (.csv or .xlsx)",
        help_text="Fill the template, one row per person served. Or type the rows below.",
    )

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if uploads.file_too_large(uploaded):
            raise forms.ValidationError(uploads.too_large_message())
        return uploaded


def _coded(choices, label):
    return forms.ChoiceField(choices=[("", "—"), *choices], required=False, label=label)


class CaseRowForm(forms.Form):
    """One person served, typed on the page; the service checks it like a file's row."""

    case_code = forms.CharField(required=False, max_length=20, label="Case code")
    trafficking_type = _coded(TraffickingType.choices, "Trafficking type")
    victim_status = _coded(VictimStatus.choices, "Victim status")
    age_band = _coded(AgeBand.choices, "Age band")
    parish = forms.ModelChoiceField(
        queryset=Parish.objects.order_by("name"), required=False, to_field_name="name"
    )
    status_update = _coded(CaseStatusUpdate.choices, "Status update")

    def row(self) -> dict | None:
        data = self.cleaned_data
        if not any(data.get(name) for name in self.fields):
            return None  # an empty row is no row
        return {**data, "parish": data["parish"].name if data.get("parish") else ""}


CaseRowFormSet = forms.formset_factory(CaseRowForm, extra=0, max_num=500, absolute_max=500)


AGREEMENT = [
    (1, "Strongly disagree"),
    (2, "Disagree"),
    (3, "Neutral, no opinion"),
    (4, "Agree"),
    (5, "Strongly agree"),
]


class SurveyForm(forms.Form):
    """An anonymous collaboration survey: one 5-point question a statement, each optional
    (a statement left blank is missing, not zero). `form_key` makes a re-sent form count
    once."""

    form_key = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def __init__(self, *args, instrument, **kwargs):
        super().__init__(*args, **kwargs)
        self.groups = []
        for category in instrument.categories.prefetch_related("factors__items"):
            names = []
            for factor in category.factors.all():
                for item in factor.items.all():
                    name = f"item_{item.pk}"
                    self.fields[name] = forms.TypedChoiceField(
                        label=item.text,
                        choices=AGREEMENT,
                        coerce=int,
                        required=False,
                        widget=forms.RadioSelect,
                    )
                    names.append(name)
            self.groups.append((category.name, names))

    def grouped(self) -> list:
        """(category, its statements as bound fields), in the instrument's order."""
        return [(category, [self[name] for name in names]) for category, names in self.groups]

    def answers(self) -> dict[int, int | None]:
        return {
            int(name.removeprefix("item_")): value or None
            for name, value in self.cleaned_data.items()
            if name.startswith("item_")
        }


class TrainingTestForm(forms.Form):
    participant_code = forms.CharField(
        max_length=20,
        label="Your participant code",
        help_text="Make one up and use it for both tests (e.g. BLUE-4821). Never your name.",
    )
    kind = forms.ChoiceField(choices=TestKind.choices, widget=forms.RadioSelect, label="Test")
    discipline = forms.ChoiceField(choices=Discipline.choices, label="Your discipline")

    def __init__(self, *args, module, **kwargs):
        super().__init__(*args, **kwargs)
        for number, question in enumerate(module.questions.all(), start=1):
            self.fields[f"question_{question.pk}"] = forms.TypedChoiceField(
                label=f"{number}. {question.text}",
                choices=[(choice.pk, choice.text) for choice in question.choices.all()],
                coerce=int,
                required=False,
                widget=forms.RadioSelect,
            )

    def answers(self) -> dict[int, int]:
        return {
            int(name.removeprefix("question_")): value
            for name, value in self.cleaned_data.items()
            if name.startswith("question_") and value not in (None, "")
        }


class RegionPracticesForm(forms.Form):
    practices = forms.MultipleChoiceField(
        choices=[choice for choice in Practice.choices if choice[0] != Practice.CUSTOM],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label="Practices in use",
    )
    other = forms.CharField(
        max_length=100, required=False, label="Another practice in use (optional)"
    )
