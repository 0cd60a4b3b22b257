from django.contrib.auth import get_user_model
from drf_spectacular.extensions import OpenApiSerializerExtension
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from coordination.bounds import MINUTES
from coordination.models import Agency, Discipline, Parish
from coordination.people import selectors as people_selectors
from coordination.people.access import access_for
from coordination.plumbing.api.serializers import StrictInputMixin
from mdt.models import (
    MDT,
    Answer,
    Attendance,
    CaseTeamMember,
    Consent,
    Meeting,
    Membership,
    Need,
    Referral,
    ReferralShare,
    ReferralStatus,
    Rsvp,
    Screening,
    ScreeningIndicator,
    ScreeningInstrument,
    StatusUpdate,
)
from mdt.recommendations.models import RecommendationStatus
from mdt.selectors import sees_inside
from mdt.timeliness.selectors import flags_for

from ..meetings import recurrence

User = get_user_model()


def _user_mdts(user):
    return MDT.objects.filter(access_for(user).mdt_records_q("pk"))


class CaseTeamMemberSerializer(serializers.ModelSerializer):
    user = serializers.CharField(source="user.get_username", read_only=True)

    class Meta:
        model = CaseTeamMember
        fields = ["user", "discipline", "joined_at"]


class FlagSerializer(serializers.Serializer):
    target = serializers.ChoiceField(choices=["review", "services"])
    target_days = serializers.IntegerField()
    days_late = serializers.IntegerField()
    label = serializers.CharField()


def _flag(flag) -> dict:
    return {
        "target": flag.target,
        "target_days": flag.target_days,
        "days_late": flag.days_late,
        "label": flag.label,
    }


class ReferralSerializer(StrictInputMixin, serializers.ModelSerializer):
    """A de-identified referral. There is no field for a name, birth date, address, phone,
    e-mail or SSN, and any field not listed here is refused."""

    mdt = serializers.PrimaryKeyRelatedField(queryset=MDT.objects.none())
    parish = serializers.PrimaryKeyRelatedField(queryset=Parish.objects.none())
    needs = serializers.ListField(
        child=serializers.ChoiceField(choices=Need.choices),
        required=False,
        max_length=len(Need.choices),
    )
    case_team = CaseTeamMemberSerializer(many=True, read_only=True)
    flags = serializers.SerializerMethodField(
        help_text="The MDT's timeliness targets this referral is past."
    )
    open_recommendations = serializers.SerializerMethodField()

    class Meta:
        model = Referral
        fields = [
            "id",
            "case_code",
            "mdt",
            "received_on",
            "age_band",
            "trafficking_type",
            "victim_status",
            "referral_source",
            "parish",
            "needs",
            "notes",
            "status",
            "case_team",
            "flags",
            "open_recommendations",
            "reviewed_on",
            "engaged_on",
            "created_at",
            "closed_at",
        ]
        read_only_fields = [
            "case_code",
            "status",
            "reviewed_on",
            "engaged_on",
            "created_at",
            "closed_at",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = getattr(self.context.get("request"), "user", None)
        if "mdt" in self.fields and not self.fields["mdt"].read_only:
            self.fields["mdt"].queryset = _user_mdts(user)
        # A parish outside the user's regions answers like one that does not exist.
        self.fields["parish"].queryset = people_selectors.parish_list(user=user)

    @extend_schema_field(FlagSerializer(many=True))
    def get_flags(self, referral) -> list[dict]:
        return [_flag(flag) for flag in flags_for(referral)]

    def get_open_recommendations(self, referral) -> int:
        return referral.recommendations.filter(status=RecommendationStatus.OPEN).count()


# DRF's own fields format the values, so the rows read exactly as ReferralSerializer's.
_DATE = serializers.DateField()
_DATETIME = serializers.DateTimeField()
COMPUTED = {"case_team", "flags", "open_recommendations"}
REFERRAL_ROW_COLUMNS = [name for name in ReferralSerializer.Meta.fields if name not in COMPUTED]


def referral_rows(rows: list[dict], extras: dict) -> list[dict]:
    """A page of referrals from `values()` rows, shaped as ReferralSerializer shapes them
    (`extras`: `mdt.selectors.referral_row_extras` of the page).

    Building 100 model instances and running 15 serializer fields on each cost about
    half of a page's time (bench/README.md, figure 3); the columns are plain values.
    """
    page = []
    for row in rows:
        item = {name: row[name] for name in REFERRAL_ROW_COLUMNS}
        for name in ("received_on", "reviewed_on", "engaged_on"):
            item[name] = _DATE.to_representation(row[name]) if row[name] else None
        item["created_at"] = _DATETIME.to_representation(row["created_at"])
        item["closed_at"] = _DATETIME.to_representation(row["closed_at"])
        item["case_team"] = [
            {
                "user": seat["user__username"],
                "discipline": seat["discipline"],
                "joined_at": _DATETIME.to_representation(seat["joined_at"]),
            }
            for seat in extras["teams"].get(row["id"], [])
        ]
        item["flags"] = [_flag(flag) for flag in extras["flags"].get(row["id"], [])]
        item["open_recommendations"] = extras["open_recommendations"].get(row["id"], 0)
        page.append({name: item[name] for name in ReferralSerializer.Meta.fields})
    return page


class ReferralUpdateSerializer(ReferralSerializer):
    """A referral stays with its MDT (moving it needs recorded consent: a later issue)."""

    mdt = serializers.PrimaryKeyRelatedField(read_only=True)


class ReferralTransitionSerializer(StrictInputMixin, serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, max_length=500)
    on = serializers.DateField(required=False)
    expected_status = serializers.ChoiceField(choices=ReferralStatus.choices, required=False)


class StatusUpdateSerializer(StrictInputMixin, serializers.ModelSerializer):
    by = serializers.CharField(source="by.get_username", read_only=True)

    class Meta:
        model = StatusUpdate
        fields = ["id", "on", "status", "note", "by", "at"]
        read_only_fields = ["status", "at"]
        extra_kwargs = {
            "on": {"required": False},
            "note": {"required": True, "allow_blank": False},
        }


class MembershipSerializer(serializers.ModelSerializer):
    user = serializers.CharField(source="user.get_username", read_only=True)
    user_id = serializers.IntegerField(read_only=True)
    agency = serializers.CharField(source="agency.name", read_only=True)

    class Meta:
        model = Membership
        fields = ["id", "user", "user_id", "agency", "discipline"]
        read_only_fields = ["discipline"]


class MDTSerializer(StrictInputMixin, serializers.ModelSerializer):
    """Read by its members and its region's coordinators; set up by state admins
    (`chair_id`: one of its members' user id)."""

    members = MembershipSerializer(source="memberships", many=True, read_only=True)
    chair = serializers.SerializerMethodField()
    chair_id = serializers.PrimaryKeyRelatedField(
        source="chair",
        queryset=User.objects.filter(is_active=True),
        required=False,
        allow_null=True,
    )
    parishes = serializers.PrimaryKeyRelatedField(
        queryset=Parish.objects.all(), many=True, required=False
    )

    class Meta:
        model = MDT
        fields = ["id", "name", "region", "parishes", "chair", "chair_id", "members", "retired_at"]
        read_only_fields = ["retired_at"]

    def get_chair(self, mdt) -> str | None:
        # A method, not a dotted source: a PATCH answers with it too (DRF leaves out a
        # dotted field's default in a partial update).
        return mdt.chair.get_username() if mdt.chair else None


class MembershipAddSerializer(StrictInputMixin, serializers.Serializer):
    user = serializers.PrimaryKeyRelatedField(queryset=User.objects.filter(is_active=True))
    agency = serializers.PrimaryKeyRelatedField(queryset=Agency.objects.all())
    discipline = serializers.ChoiceField(choices=Discipline.choices)


class AttendanceSerializer(serializers.ModelSerializer):
    user = serializers.CharField(source="user.get_username", read_only=True)

    class Meta:
        model = Attendance
        fields = ["user", "rsvp", "present"]


class MeetingRsvpSerializer(StrictInputMixin, serializers.Serializer):
    answer = serializers.ChoiceField(choices=Rsvp.choices)


class MeetingAttendanceSerializer(StrictInputMixin, serializers.Serializer):
    present = serializers.ListField(child=serializers.IntegerField())


# What a meeting shows its MDT's members only.
MEMBERS_ONLY = ("agenda", "minutes", "attendance")


class MeetingSerializer(StrictInputMixin, serializers.ModelSerializer):
    """A meeting. Agenda and minutes are shown to the MDT's members only; a coordinator of
    the region sees the schedule."""

    mdt = serializers.PrimaryKeyRelatedField(queryset=MDT.objects.none())
    rrule = serializers.CharField(
        write_only=True,
        required=False,
        allow_blank=True,
        max_length=recurrence.MAX_LENGTH,
        help_text=f"An RFC 5545 RRULE: a series, a year (at most 60 meetings) ahead. "
        f"{recurrence.SUMMARY}",
    )
    agenda = serializers.SlugRelatedField(slug_field="case_code", many=True, read_only=True)
    attendance = AttendanceSerializer(many=True, read_only=True)

    class Meta:
        model = Meeting
        fields = [
            "id",
            "mdt",
            "series",
            "starts_at",
            "ends_at",
            "location",
            "status",
            "rrule",
            "agenda",
            "minutes",
            "attendance",
        ]
        read_only_fields = ["series", "status", "minutes"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        self.fields["mdt"].queryset = _user_mdts(getattr(request, "user", None))

    def to_representation(self, meeting):
        data = super().to_representation(meeting)
        request = self.context.get("request")
        if not sees_inside(user=getattr(request, "user", None), mdt_id=meeting.mdt_id):
            for name in MEMBERS_ONLY:
                data.pop(name)
        return data


class MeetingSchema(OpenApiSerializerExtension):
    """The schema of a meeting as it is answered: the members-only fields are left out for
    anyone else (a coordinator of the region), so an answer need not hold them."""

    target_class = MeetingSerializer

    def map_serializer(self, auto_schema, direction):
        schema = auto_schema._map_serializer(self.target, direction, bypass_extensions=True)
        if direction == "response":
            schema["required"] = [
                name for name in schema.get("required", []) if name not in MEMBERS_ONLY
            ]
        return schema


class MeetingRescheduleSerializer(StrictInputMixin, serializers.Serializer):
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    location = serializers.CharField(required=False, allow_blank=True, max_length=300)


class MeetingAgendaSerializer(StrictInputMixin, serializers.Serializer):
    referrals = serializers.ListField(child=serializers.CharField(max_length=16), max_length=200)


class MeetingMinutesSerializer(StrictInputMixin, serializers.Serializer):
    minutes = serializers.CharField(allow_blank=True, max_length=MINUTES)


class CalendarFeedSerializer(serializers.Serializer):
    url = serializers.URLField()


class CaseTeamJoinSerializer(StrictInputMixin, serializers.Serializer):
    discipline = serializers.ChoiceField(choices=Discipline.choices, required=False)


class ReferralShareSerializer(StrictInputMixin, serializers.ModelSerializer):
    """Share (or, with `transfer: true`, move) a referral to another MDT. `consent` is
    required: without the person's recorded informed consent nothing is shared."""

    mdt = serializers.PrimaryKeyRelatedField(source="to_mdt", queryset=MDT.objects.all())
    consent = serializers.ChoiceField(choices=Consent.choices, required=False, allow_null=True)
    consent_recorded_by = serializers.CharField(
        source="consent_recorded_by.get_username", read_only=True
    )

    class Meta:
        model = ReferralShare
        fields = ["id", "mdt", "transfer", "consent", "consent_recorded_by", "consent_recorded_at"]
        read_only_fields = ["consent_recorded_at"]


# --- screening -------------------------------------------------------------------------
class ScreeningIndicatorSerializer(serializers.ModelSerializer):
    section = serializers.CharField(source="section.name")

    class Meta:
        model = ScreeningIndicator
        fields = ["code", "section", "text", "weight", "immediate", "kind"]


class ScreeningInstrumentSerializer(serializers.ModelSerializer):
    indicators = serializers.SerializerMethodField()

    class Meta:
        model = ScreeningInstrument
        fields = [
            "id",
            "name",
            "version",
            "source",
            "possible_at",
            "strong_at",
            "unknown_review_at",
            "indicators",
        ]

    def get_indicators(self, instrument) -> list[dict]:
        indicators = ScreeningIndicator.objects.filter(section__instrument=instrument)
        return ScreeningIndicatorSerializer(indicators.select_related("section"), many=True).data


class ScreeningSerializer(StrictInputMixin, serializers.ModelSerializer):
    instrument = serializers.PrimaryKeyRelatedField(
        queryset=ScreeningInstrument.objects.all(),
        required=False,
        help_text="Left out: the newest instrument.",
    )
    parish = serializers.PrimaryKeyRelatedField(queryset=Parish.objects.all())
    answers = serializers.DictField(
        child=serializers.ChoiceField(choices=Answer.choices),
        help_text="Every indicator's code → yes, no or unknown.",
    )
    referral = serializers.CharField(
        source="referral.case_code", read_only=True, default=None, allow_null=True
    )
    mdt = serializers.SerializerMethodField()

    class Meta:
        model = Screening
        fields = [
            "id",
            "instrument",
            "discipline",
            "parish",
            "age_band",
            "answers",
            "score",
            "band",
            "drivers",
            "screened_at",
            "referral",
            "mdt",
        ]
        read_only_fields = ["score", "band", "drivers", "screened_at"]

    def get_mdt(self, screening) -> str | None:
        return screening.referral.mdt.name if screening.referral_id else None


class ScreeningReferSerializer(StrictInputMixin, serializers.Serializer):
    confirmed = serializers.BooleanField(
        default=False,
        help_text="The person states they are a victim, or law enforcement confirms it.",
    )
