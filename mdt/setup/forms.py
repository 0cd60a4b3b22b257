"""Forms of MDT setup (state admins). They check shapes; the services decide."""

from django import forms
from django.contrib.auth import get_user_model

from coordination.models import Agency, Discipline, Parish, Region


class MDTForm(forms.Form):
    name = forms.CharField(max_length=200)
    region = forms.ModelChoiceField(queryset=Region.objects.order_by("name"))
    parishes = forms.ModelMultipleChoiceField(
        queryset=Parish.objects.order_by("name"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text="The parishes it serves (hold Ctrl or ⌘ to choose several).",
    )
    chair = forms.ModelChoiceField(
        queryset=get_user_model().objects.none(),
        required=False,
        help_text="One of its members; add members first.",
    )

    def __init__(self, *args, mdt=None, **kwargs):
        super().__init__(*args, **kwargs)
        if mdt is None:
            del self.fields["chair"]
        else:
            members = get_user_model().objects.filter(mdt_memberships__mdt=mdt).order_by("username")
            self.fields["chair"].queryset = members
            self.fields["chair"].label_from_instance = lambda user: user.get_username()


class MemberForm(forms.Form):
    user = forms.ModelChoiceField(
        queryset=get_user_model().objects.filter(is_active=True).order_by("username"),
        label="Person",
    )
    agency = forms.ModelChoiceField(queryset=Agency.objects.order_by("name"))
    discipline = forms.ChoiceField(choices=[("", "Choose…"), *Discipline.choices])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].label_from_instance = lambda user: user.get_username()
