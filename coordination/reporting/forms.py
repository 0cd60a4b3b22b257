"""Forms of annual reporting."""

import json

from django import forms
from django.core.exceptions import ValidationError

from ..cases import AgeBand, TraffickingType, VictimStatus
from ..people.models import Agency, Parish
from ..plumbing.forms import add_service_errors
from . import submissions, uploads
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


LABELS = submissions.COLUMN_LABELS


class CaseRowForm(forms.Form):
    """One person served, typed on the page; the service checks it like a file's row."""

    case_code = forms.CharField(required=False, max_length=20, label=LABELS["case_code"])
    trafficking_type = _coded(TraffickingType.choices, LABELS["trafficking_type"])
    victim_status = _coded(VictimStatus.choices, LABELS["victim_status"])
    age_band = _coded(AgeBand.choices, LABELS["age_band"])
    parish = forms.ModelChoiceField(
        queryset=Parish.objects.order_by("name"),
        required=False,
        to_field_name="name",
        label=LABELS["parish"],
        empty_label="—",
    )
    status_update = _coded(CaseStatusUpdate.choices, LABELS["status_update"])

    def row(self) -> dict | None:
        data = self.cleaned_data
        if not any(data.get(name) for name in self.fields):
            return None  # an empty row is no row
        return {**data, "parish": data["parish"].name if data.get("parish") else ""}

    @property
    def shown_row(self) -> int:
        """The row's number in the table, as the person sees it (1, 2, …)."""
        return int(self.prefix.rsplit("-", 1)[-1]) + 1 if self.prefix else 1

    def typed(self) -> dict:
        """What is in the boxes as sent, unchecked (kept when rows are added)."""
        return {name: self[name].data for name in self.fields}


TYPED_ROWS_MAX = 500  # the typed table's limit: more rows are revised as a file
ADD_ROWS = 10
CaseRowFormSet = forms.formset_factory(
    CaseRowForm, extra=0, max_num=TYPED_ROWS_MAX, absolute_max=TYPED_ROWS_MAX
)


def with_more_rows(form: SubmissionForm, row_forms) -> tuple[SubmissionForm, object]:
    """The form as it was sent, with `ADD_ROWS` more empty case rows: nothing checked or
    stored, nothing typed lost (a file chosen is the browser's: it must be chosen again).
    The first new row's case code takes the focus."""
    kept = {name: form[name].data for name in form.fields if name != "file"}
    rows = [row.typed() for row in row_forms]
    total = min(len(rows) + ADD_ROWS, TYPED_ROWS_MAX)
    more = CaseRowFormSet(prefix="cases", initial=[*rows, *[{}] * (total - len(rows))])
    if total > len(rows):
        more.forms[len(rows)].fields["case_code"].widget.attrs["autofocus"] = True
    return SubmissionForm(initial=kept), more


# A file's rows are named as the provider's spreadsheet shows them.
FILE_ROWS = (
    "In the file (rows numbered as your spreadsheet shows them, the header being row 1; "
    "columns named by their headers):"
)
ELSEWHERE = {"Cases in parishes not listed as served": "parishes_served"}


def show_refusal(form: SubmissionForm, typed_forms: list, error: ValidationError) -> None:
    """A refused submission on the page, each problem next to its box: a typed row's in
    its cell (`typed_forms`, the row forms sent as rows, in order), a file's rows at the
    file, parishes the rows name but the list leaves out at that list."""
    uploaded = bool(form.cleaned_data.get("file"))
    said = error.message_dict if hasattr(error, "error_dict") else {"__all__": error.messages}
    rest = {key: texts for key, texts in said.items() if key != "cases"}
    file_rows = []
    for text in said.get("cases", []):
        problem = submissions.read_problem(text)
        at = (problem.row - submissions.FIRST_ROW) if problem else -1
        if problem and not uploaded and 0 <= at < len(typed_forms):
            shown = _shown_row(problem.same_as, typed_forms)
            typed_forms[at].add_error(problem.column, _cell_text(problem, shown))
        elif problem and uploaded:
            file_rows.append(text)
        else:
            key = next((k for start, k in ELSEWHERE.items() if text.startswith(start)), None)
            rest.setdefault(key or ("file" if uploaded else None), []).append(text)
    if file_rows:
        form.add_error("file", [FILE_ROWS, *file_rows])
    if rest:
        found = ValidationError({key or "__all__": texts for key, texts in rest.items()})
        found.findings = getattr(error, "findings", {})
        add_service_errors(form, found)


def _shown_row(number: int | None, typed_forms: list) -> int | None:
    """The case row of the table (1, 2, …) that the service numbered `number`."""
    at = None if number is None else number - submissions.FIRST_ROW
    if at is None or not 0 <= at < len(typed_forms):
        return None
    return typed_forms[at].shown_row


def _cell_text(problem: submissions.RowProblem, same_as: int | None) -> str:
    """A typed cell's problem in the page's words: its lists show labels, not codes."""
    if problem.column != "case_code":
        return f"Choose the {LABELS[problem.column].lower()}."
    if problem.same_as is not None:
        return f"The same case code as case row {same_as}." if same_as else "A repeated case code."
    return problem.text[:1].upper() + problem.text[1:]


class ResponseForm(forms.Form):
    """A provider's word before submitting: working on it, or declining with a reason."""

    status = forms.ChoiceField(choices=ResponseStatus.choices, widget=forms.HiddenInput)
    reason = forms.ChoiceField(
        choices=[("", "Choose…"), *DeclineReason.choices], required=False, label="Reason"
    )

    def clean(self):
        data = super().clean()
        if data.get("status") == ResponseStatus.DECLINED and not data.get("reason"):
            raise forms.ValidationError("Choose a reason to decline.")
        return data


class DeclineForm(forms.Form):
    """A state admin records a provider's decline (told by phone or letter)."""

    agency = forms.ModelChoiceField(
        queryset=Agency.objects.none(), label="Provider", empty_label="Choose…"
    )
    reason = forms.ChoiceField(
        choices=[("", "Choose…"), *DeclineReason.choices],
        label="Reason",
        error_messages={"required": "Choose the reason the provider gave."},
    )

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
