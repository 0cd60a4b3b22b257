"""Forms of summits, surveys, training tests and practices."""

from django import forms
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from ..people.models import Discipline
from ..plumbing.translations import Translated
from .models import Practice, TestKind


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


AGREEMENT = [
    (1, _("Strongly disagree")),
    (2, _("Disagree")),
    (3, _("Neutral, no opinion")),
    (4, _("Agree")),
    (5, _("Strongly agree")),
]


class SurveyForm(forms.Form):
    """An anonymous collaboration survey: one 5-point question a statement, each optional
    (a statement left blank is missing, not zero). `form_key` makes a re-sent form count
    once."""

    form_key = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def __init__(self, *args, instrument, words: Translated | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        words = words or Translated()
        self.groups = []
        for category in instrument.categories.prefetch_related("factors__items"):
            names = []
            for factor in category.factors.all():
                for item in factor.items.all():
                    name = f"item_{item.pk}"
                    self.fields[name] = forms.TypedChoiceField(
                        label=words.shown(item.text),
                        choices=AGREEMENT,
                        coerce=int,
                        required=False,
                        widget=forms.RadioSelect,
                    )
                    names.append(name)
            self.groups.append((words.shown(category.name), names))

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
        label=_("Your participant code"),
        help_text=_("Make one up and use it for both tests (e.g. BLUE-4821). Never your name."),
    )
    kind = forms.ChoiceField(choices=TestKind.choices, widget=forms.RadioSelect, label=_("Test"))
    # No silent default: the participant chooses (issue 21).
    discipline = forms.ChoiceField(
        choices=[("", _("Choose…")), *Discipline.choices],
        label=_("Your discipline"),
        error_messages={"required": _("Choose your discipline.")},
    )

    def __init__(self, *args, module, words: Translated | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        words = words or Translated()
        for number, question in enumerate(module.questions.all(), start=1):
            self.fields[f"question_{question.pk}"] = forms.TypedChoiceField(
                label=format_html("{}. {}", number, words.shown(question.text)),
                choices=[
                    (choice.pk, words.shown(choice.text)) for choice in question.choices.all()
                ],
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
