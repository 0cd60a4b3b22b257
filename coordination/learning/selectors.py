"""Reads of summits, surveys, training and practices, scoped to the user."""

from __future__ import annotations

from django.db.models import Count, Max, QuerySet

from ..people.access import access_for
from ..people.models import Region
from .models import RegionPractice, Summit, SurveyLink, SurveyResponse, TrainingModule
from .training_results import training_outcomes


def summit_list(*, user) -> QuerySet[Summit]:
    """Summits of the regions the user works in, with their attendance."""
    return (
        Summit.objects.filter(access_for(user).regions_q("region"))
        .select_related("region")
        .prefetch_related("attendance")
    )


def summit_findings(*, user, summit: Summit) -> QuerySet | None:
    """The phase-4 findings that name `summit` as their source, with their initiative.
    Findings are records of initiatives, which only the region's coordinators and state
    admins see: None for everyone else who reads the summit (MDT members, contacts,
    reporters working in the region)."""
    access = access_for(user)
    if not access.coordinates_somewhere:
        return None
    return summit.findings.filter(access.coordinated_q("initiative__region")).select_related(
        "initiative"
    )


def summits_held_with_attendance(*, region_id: int, on_or_before) -> QuerySet[Summit]:
    """Summits of a region that have taken place and counted someone: information
    gathered (the phase-3 gate of every initiative in the region)."""
    return Summit.objects.filter(
        region_id=region_id, held_on__lte=on_or_before, attendance__count__gt=0
    ).distinct()


# --- summits, surveys, training, practices ------------------------------------------------------
def survey_responses_in_region(*, region_id: int) -> QuerySet[SurveyResponse]:
    """Collaboration-survey responses to the region's summits: information gathered."""
    return SurveyResponse.objects.filter(link__summit__region_id=region_id)


def summit_survey(*, summit: Summit) -> SurveyLink | None:
    return summit.survey_links.filter(is_open=True).select_related("instrument").first()


def open_survey(*, token: str) -> SurveyLink | None:
    """What an anonymous survey link reaches: its own open survey, nothing else."""
    return (
        SurveyLink.objects.filter(token=token, is_open=True)
        .select_related("instrument", "summit__region")
        .first()
    )


def surveyed_summits(*, user) -> QuerySet[Summit]:
    """Summits the user sees that have survey responses (to compare with)."""
    return summit_list(user=user).filter(survey_links__responses__isnull=False).distinct()


def may_see_training_outcomes(*, user) -> bool:
    return access_for(user).coordinates_somewhere


def training_list(*, user) -> QuerySet[TrainingModule]:
    if not may_see_training_outcomes(user=user):
        return TrainingModule.objects.none()
    return TrainingModule.objects.annotate(
        participants=Count("attempts__participant_code", distinct=True)
    ).order_by("title")


# Trainings whose outcome the dashboard shows: the latest taken first, a few (each reads
# its own attempts).
TRAININGS_ON_THE_DASHBOARD = 5


def training_outcomes_to_read(*, user) -> list[dict]:
    """The trainings whose tests were taken, the latest first, each with its outcome in
    words (or how many took both tests, when too few did to say)."""
    modules = (
        training_list(user=user)
        .filter(attempts__isnull=False)
        .annotate(last_taken=Max("attempts__taken_on"))
        .order_by("-last_taken", "title")[:TRAININGS_ON_THE_DASHBOARD]
    )
    return [{"module": module, "outcomes": training_outcomes(module)} for module in modules]


def open_training(*, token: str) -> TrainingModule | None:
    return (
        TrainingModule.objects.filter(token=token, is_open=True)
        .prefetch_related("questions__choices")
        .first()
    )


def practice_matrix(*, user) -> dict:
    """Every region × every practice: in use or not (visible to every signed-in user;
    a practice inventory is not about anyone)."""
    regions = list(Region.objects.order_by("name"))
    rows = RegionPractice.objects.filter(in_use=True).values_list(
        "region_id", "practice", "custom_name"
    )
    in_use = {(region_id, practice) for region_id, practice, _ in rows if practice != "custom"}
    custom: dict[int, list[str]] = {}
    for region_id, practice, name in rows:
        if practice == "custom":
            custom.setdefault(region_id, []).append(name)
    access = access_for(user)
    return {
        "regions": [
            {
                "region": region,
                "uses": {code for (region_id, code) in in_use if region_id == region.pk},
                "custom": sorted(custom.get(region.pk, [])),
                "may_edit": access.coordinates(region.pk),
            }
            for region in regions
        ]
    }
