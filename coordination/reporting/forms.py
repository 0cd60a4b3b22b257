"""Forms of annual reporting."""

import json

from django import forms

from ..cases import AgeBand, TraffickingType, VictimStatus
from ..people.models import Agency, Parish
from . import uploads
from .models import Cadence, CaseStatusUpdate, DeclineReason, ResponseStatus, ServiceOffered


class ReportingCycleForm(forms.Form):
    year = forms.IntegerField(min_value=2000, max_value=2100)
    cadence = forms.ChoiceField(
        choices=Cadence.choices,
        initial=Cadence.ANNUAL,
        required=False,
        help_text="Annual makes the statewide report; semi-annual or quarterly collects a "
        "funder's measures.",
    )
    period = forms.TypedChoiceField(
        choices=[(1, "1 (annual, first half, Q1)"), (2, "2"), (3, "3"), (4, "4")],
        coerce=int,
        initial=1,
        required=False,
        empty_value=1,
        label="Half or quarter",
    )

    def clean_cadence(self):
        return self.cleaned_data.get("cadence") or Cadence.ANNUAL

    funder = forms.CharField(
        max_length=120, required=False, help_text="The grant whose measures it collects."
    )
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
        widget=forms.CheckboxSelectMultiple(attrs={"class": "columns filterable"}),
    )
    children_served = forms.IntegerField(min_value=0, label="Children served (under 18)")
    adults_served = forms.IntegerField(min_value=0, label="Adults served")
    file = forms.FileField(
        required=False,
        label="Case rows as a file (.csv or .xlsx)",
        help_text="Fill the template, one row per person served. Or type the rows below.",
    )

    drop_rows = forms.BooleanField(
        required=False,
        label="Drop the case rows this version leaves out",
        help_text="Only when revising: without it, a version that leaves out rows of the "
        "current one is refused and they are named.",
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


class ResponseForm(forms.Form):
    """A provider's word before submitting: working on it, or declining with a reason."""

    status = forms.ChoiceField(choices=ResponseStatus.choices, widget=forms.HiddenInput)
    reason = forms.ChoiceField(
        choices=[("", "—"), *DeclineReason.choices], required=False, label="Reason"
    )

    def clean(self):
        data = super().clean()
        if data.get("status") == ResponseStatus.DECLINED and not data.get("reason"):
            raise forms.ValidationError("Choose a reason to decline.")
        return data


class DeclineForm(forms.Form):
    """A state admin records a provider's decline (told by phone or letter)."""

    agency = forms.ModelChoiceField(queryset=Agency.objects.none(), label="Provider")
    reason = forms.ChoiceField(choices=DeclineReason.choices, label="Reason")

    def __init__(self, *args, cycle, **kwargs):
        super().__init__(*args, **kwargs)
        reported = cycle.submissions.values("agency_id")
        self.fields["agency"].queryset = cycle.providers.exclude(pk__in=reported).order_by("name")


class ReceiptForm(forms.Form):
    """A receipt to verify: its JSON file, or its text pasted."""

    MAX_BYTES = 64 * 1024  # a receipt is about 2 KB

    file = forms.FileField(required=False, label="The receipt's JSON file")
    text = forms.CharField(
        required=False,
        max_length=MAX_BYTES,
        widget=forms.Textarea(attrs={"rows": 6}),
        label="Or paste the receipt's text",
    )

    def clean(self):
        data = super().clean()
        upload = data.get("file")
        if upload is not None:
            if upload.size > self.MAX_BYTES:
                raise forms.ValidationError("This file is far larger than a receipt.")
            raw = upload.read()
        else:
            raw = (data.get("text") or "").encode()
        if not raw.strip():
            raise forms.ValidationError("Give the receipt as a file or as text.")
        try:
            data["document"] = json.loads(raw)
        except (ValueError, RecursionError):
            raise forms.ValidationError("This is not a receipt's JSON.") from None
        return data
