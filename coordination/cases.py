"""The shared, de-identified vocabulary of cases: referrals (mdt) and the providers'
annual submissions (reporting) describe a person only by these codes."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop


# --- the shared, de-identified vocabulary of cases (referrals and annual submissions) ------
class AgeBand(models.TextChoices):
    UNDER_12 = "0-11", _("0–11")
    YOUNG_TEEN = "12-14", _("12–14")
    OLDER_TEEN = "15-17", _("15–17")
    YOUNG_ADULT = "18-24", _("18–24")
    ADULT = "25-34", _("25–34")
    OLDER_ADULT = "35+", _("35 and over")
    UNKNOWN = "unknown", _("Unknown")


MINOR_AGE_BANDS = (AgeBand.UNDER_12, AgeBand.YOUNG_TEEN, AgeBand.OLDER_TEEN)


ADULT_AGE_BANDS = (AgeBand.YOUNG_ADULT, AgeBand.ADULT, AgeBand.OLDER_ADULT)


class TraffickingType(models.TextChoices):
    SEX = "sex", gettext_noop("Sex trafficking")
    LABOR = "labor", gettext_noop("Labor trafficking")
    SEX_AND_LABOR = "sex_and_labor", gettext_noop("Sex and labor trafficking")
    UNKNOWN = "unknown", "Unknown"


class VictimStatus(models.TextChoices):
    CONFIRMED = (
        "confirmed",
        gettext_noop("Confirmed (states they are a victim, or law enforcement confirms)"),
    )
    PROSPECTIVE = "prospective", gettext_noop("Prospective (at risk)")
