"""The shared, de-identified vocabulary of cases: referrals (mdt) and the providers'
annual submissions (reporting) describe a person only by these codes."""

from django.db import models


# --- the shared, de-identified vocabulary of cases (referrals and annual submissions) ------
class AgeBand(models.TextChoices):
    UNDER_12 = "0-11", "0–11"
    YOUNG_TEEN = "12-14", "12–14"
    OLDER_TEEN = "15-17", "15–17"
    YOUNG_ADULT = "18-24", "18–24"
    ADULT = "25-34", "25–34"
    OLDER_ADULT = "35+", "35 and over"
    UNKNOWN = "unknown", "Unknown"


MINOR_AGE_BANDS = (AgeBand.UNDER_12, AgeBand.YOUNG_TEEN, AgeBand.OLDER_TEEN)


ADULT_AGE_BANDS = (AgeBand.YOUNG_ADULT, AgeBand.ADULT, AgeBand.OLDER_ADULT)


class TraffickingType(models.TextChoices):
    SEX = "sex", "Sex trafficking"
    LABOR = "labor", "Labor trafficking"
    SEX_AND_LABOR = "sex_and_labor", "Sex and labor trafficking"
    UNKNOWN = "unknown", "Unknown"


class VictimStatus(models.TextChoices):
    CONFIRMED = "confirmed", "Confirmed (states they are a victim, or law enforcement confirms)"
    PROSPECTIVE = "prospective", "Prospective (at risk)"
