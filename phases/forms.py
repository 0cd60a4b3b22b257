"""Forms of the initiative pages; they validate input shapes, the services decide."""

from django import forms

from coordination.learning import selectors as learning_selectors
from coordination.people import selectors as people_selectors
from coordination.people.access import access_for
from coordination.plumbing import measures

from .models import (
    ActionItem,
    DataRequest,
    Finding,
    Initiative,
    OutcomeMeasure,
    Phase,
    VictimCategory,
)

DATE_INPUT = forms.DateInput(attrs={"type": "date"})


class InitiativeForm(forms.ModelForm):
    victim_categories = forms.MultipleChoiceField(
        choices=VictimCategory.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Phase 2 asks which categories of victims the initiative counts.",
    )

    class Meta:
        model = Initiative
        fields = [
            "region",
            "title",
            "need_statement",
            "partner_agencies",
            "victim_categories",
            "parishes",
        ]
        widgets = {
            "partner_agencies": forms.CheckboxSelectMultiple,
            "parishes": forms.CheckboxSelectMultiple,
            "need_statement": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "need_statement": "The need, condition or problem as the community frames it.",
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # The region is fixed once opened; parishes are chosen within it.
            del self.fields["region"]
            self.fields["parishes"].queryset = self.instance.region.parishes.all()
        else:
            # A new initiative opens in a region the user coordinates; its parishes are
            # chosen in phase 2, once the region is known.
            self.fields["region"].queryset = people_selectors.region_list(user=user).filter(
                access_for(user).coordinated_q("pk")
            )
            del self.fields["parishes"]
        self.fields["partner_agencies"].queryset = people_selectors.agency_list(user=user)
        self.fields["partner_agencies"].required = False


class TransitionForm(forms.Form):
    note = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=2000
    )
    expected_phase = forms.ChoiceField(choices=Phase.choices, widget=forms.HiddenInput)


class DataRequestForm(forms.ModelForm):
    class Meta:
        model = DataRequest
        fields = ["agency", "description", "requested_on", "answered_on"]
        widgets = {"requested_on": DATE_INPUT, "answered_on": DATE_INPUT}


class FindingForm(forms.ModelForm):
    class Meta:
        model = Finding
        fields = ["statement", "summit", "recorded_on"]
        widgets = {"recorded_on": DATE_INPUT, "statement": forms.Textarea(attrs={"rows": 3})}


class ActionItemForm(forms.ModelForm):
    class Meta:
        model = ActionItem
        fields = ["description", "owner_agency", "due_on", "status"]
        widgets = {"due_on": DATE_INPUT}


class OutcomeMeasureForm(forms.ModelForm):
    source = forms.ChoiceField(
        required=False,
        label="Counted from Lantern's data",
        help_text="Choose a count to fill the result in by itself; leave the result empty.",
    )

    class Meta:
        model = OutcomeMeasure
        fields = ["name", "baseline", "source", "target", "result"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].choices = [("", "No: the result is typed")] + [
            (item.code, item.label) for item in measures.sources()
        ]


RECORD_FORMS = {
    "data-requests": (DataRequest, DataRequestForm, "data request"),
    "findings": (Finding, FindingForm, "finding"),
    "action-items": (ActionItem, ActionItemForm, "action item"),
    "outcome-measures": (OutcomeMeasure, OutcomeMeasureForm, "outcome measure"),
}


def scope_record_form(form, *, user, initiative) -> None:
    """Offer only the agencies and summits this user can see (and of the right region)."""
    if "agency" in form.fields:
        form.fields["agency"].queryset = people_selectors.agency_list(user=user)
    if "owner_agency" in form.fields:
        form.fields["owner_agency"].queryset = people_selectors.agency_list(user=user)
    if "summit" in form.fields:
        form.fields["summit"].queryset = learning_selectors.summit_list(user=user).filter(
            region=initiative.region
        )
