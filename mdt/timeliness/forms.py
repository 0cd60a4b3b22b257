from django import forms


class TargetsForm(forms.Form):
    target_review_days = forms.IntegerField(
        min_value=0, max_value=365, label="Days from receipt to review"
    )
    target_engaged_days = forms.IntegerField(
        min_value=0, max_value=365, label="Days from receipt to services engaged"
    )
