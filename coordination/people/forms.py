"""Forms of signing in and two-factor sign-in."""

import django_otp
from django import forms
from django.contrib.auth.forms import AuthenticationForm, UsernameField
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator

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
