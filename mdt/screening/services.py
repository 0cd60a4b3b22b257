"""Every write of the statewide screening tool: a screen, and referring it to an MDT
(with an alert when it finds immediate danger)."""

from __future__ import annotations

from collections.abc import Mapping

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from coordination.learning.instruments import guarded_text
from coordination.models import AgeBand, AuditAction, Discipline, Parish
from coordination.people.access import access_for
from coordination.plumbing.errors import Conflict
from coordination.plumbing.records import model_create
from coordination.plumbing.throttling import SCREENING, check_rate
from coordination.plumbing.translations import store_translation, translated_instrument
from notifications import services as notifications_services

from ..models import (
    MDT,
    REFERRABLE_BANDS,
    Answer,
    Referral,
    Screening,
    ScreeningBand,
    ScreeningIndicator,
    ScreeningInstrument,
    ScreeningTranslation,
)
from ..services import record_referral_change
from . import instrument as screening_scores


@transaction.atomic
def screening_instrument_load(*, actor, data: dict) -> ScreeningInstrument:
    """A screening instrument, or a new version of one, from its data
    (`load_screening_instrument`): a state admin's, as every screener answers it."""
    if not access_for(actor).may_edit_reference_data:
        raise PermissionDenied("Screening instruments are loaded by state admins.")
    return screening_scores.load_instrument(data)


@transaction.atomic
def screening_translation_load(*, actor, data: dict) -> ScreeningTranslation:
    """A screening instrument's texts in Spanish or Vietnamese
    (`load_screening_instrument --translation`): a state admin's. The instrument, its
    weights and bands are unchanged, so a screen scores the same in every language."""
    if not access_for(actor).may_edit_reference_data:
        raise PermissionDenied("Translations of screening instruments are loaded by state admins.")
    instrument = translated_instrument(ScreeningInstrument.objects.all(), data)
    return store_translation(
        ScreeningTranslation, "instrument", instrument, data, guard=guarded_text
    )


def screening_instrument_current(name: str | None = None) -> ScreeningInstrument | None:
    """The newest version of the instrument (of the newest instrument, if unnamed)."""
    instruments = ScreeningInstrument.objects.order_by("-loaded_at", "-version")
    if name:
        instruments = instruments.filter(name=name).order_by("-version")
    return instruments.first()


@transaction.atomic
def screening_submit(
    *,
    actor,
    instrument: ScreeningInstrument,
    discipline: str,
    parish: Parish,
    age_band: str,
    answers: Mapping[str, str],
) -> Screening:
    """Score and store a screen. Any signed-in professional; no identity of the person:
    the discipline of the screener, a parish, an age band and coded answers — every
    indicator answered yes, no or don't know."""
    if not getattr(actor, "is_authenticated", False):
        raise PermissionDenied("Sign in to screen.")
    check_rate(scope=SCREENING, person=actor, what="screens")
    indicators = list(
        ScreeningIndicator.objects.filter(section__instrument=instrument).order_by("order")
    )
    codes = {indicator.code for indicator in indicators}
    errors: dict[str, list[str]] = {}
    unknown = sorted(set(answers) - codes)
    missing = sorted(codes - set(answers))
    if unknown:
        errors["answers"] = [f"{len(unknown)} answer(s) name no indicator of this instrument."]
    elif missing:
        errors["answers"] = [
            f"Answer every indicator (yes, no or don't know): {len(missing)} left."
        ]
    elif any(value not in Answer.values for value in answers.values()):
        errors["answers"] = ["Each answer is yes, no or unknown."]
    if discipline not in Discipline.values:
        errors["discipline"] = ["Choose the screener's discipline."]
    if age_band not in AgeBand.values:
        errors["age_band"] = ["Choose an age band."]
    if errors:
        raise ValidationError(errors)
    result = screening_scores.score(indicators, instrument, answers)
    return Screening.objects.create(
        instrument=instrument,
        screener=actor,
        discipline=discipline,
        parish=parish,
        age_band=age_band,
        answers=dict(answers),
        score=result.score,
        band=result.band,
        drivers=result.drivers,
    )


def screening_mdt(screening: Screening) -> MDT | None:
    """The MDT that covers the screen's parish (else the first MDT of its region)."""
    covering = MDT.objects.filter(parishes=screening.parish).order_by("name").first()
    if covering or screening.parish.region_id is None:
        return covering
    return MDT.objects.filter(region_id=screening.parish.region_id).order_by("name").first()


@transaction.atomic
def screening_refer(*, actor, screening: Screening, confirmed: bool = False) -> Screening:
    """Turn a screen at `possible` or above into a de-identified referral on the list of
    the MDT that covers the parish (prospective, or confirmed when the screener records
    confirmation), carrying only coded fields — and, at `immediate_danger`, raise a
    critical alert to the region's on-duty contact. The screener only; once."""
    screening = Screening.objects.select_for_update().select_related("parish").get(pk=screening.pk)
    if screening.screener_id != actor.pk:
        raise PermissionDenied("Only the screener refers their screen.")
    check_rate(scope=SCREENING, person=actor, what="screens and referrals")
    if screening.band not in REFERRABLE_BANDS:
        raise Conflict("A screen with no indicators is not referred.", band=screening.band)
    if screening.referral_id is not None:
        raise Conflict("This screen is already referred.", referral=screening.referral.case_code)
    mdt = screening_mdt(screening)
    if mdt is None:
        raise Conflict("No MDT covers this parish yet: call the region's coordinator.")
    indicators = list(
        ScreeningIndicator.objects.filter(section__instrument=screening.instrument_id)
    )
    referral = model_create(
        Referral,
        data={
            "mdt": mdt,
            "created_by": actor,
            "received_on": timezone.localdate(),
            "age_band": screening.age_band,
            "trafficking_type": screening_scores.trafficking_type(indicators, screening.answers),
            "victim_status": "confirmed" if confirmed else "prospective",
            "referral_source": screening.discipline,
            "parish": screening.parish,
            "needs": [],
            "notes": "",
        },
    )
    record_referral_change(
        actor=actor,
        referral=referral,
        action=AuditAction.CREATE,
        detail=f"from screening {screening.pk}",
    )
    screening.referral = referral
    if screening.band == ScreeningBand.IMMEDIATE_DANGER:
        screening.alert = notifications_services.alert_raise_for_screening(
            screener=actor,
            region=mdt.region,
            # No case code: the contact is not always a reader of the referral (the
            # alert links to it for those who are).
            summary=(
                f"Screen at immediate danger — referred to {mdt.name}, "
                f"{screening.parish.name} Parish, age band {screening.age_band}. "
                f"Indicators: {', '.join(screening.drivers)}."
            ),
            referral=referral,
        )
    screening.save(update_fields=["referral", "alert"])
    return screening
