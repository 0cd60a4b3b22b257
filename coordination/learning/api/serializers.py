"""Serializers of summits, training and practices."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from coordination.bounds import LONG_TEXT, SHORT_TEXT

from ...people import selectors as people_selectors
from ...people.models import Discipline, Region
from ...plumbing.api.serializers import ScopedRelationsMixin, StrictInputMixin
from ..models import Practice, Summit, TrainingModule


# --- Summits -------------------------------------------------------------------------
class AttendanceField(serializers.DictField):
    """Attendance by discipline: `{"law_enforcement": 12, "health_care": 7}`."""

    child = serializers.IntegerField(min_value=0, max_value=100_000)

    def to_internal_value(self, data):
        counts = super().to_internal_value(data)
        unknown = set(counts) - set(Discipline.values)
        if unknown:
            # The keys are the client's: counted, not repeated.
            raise serializers.ValidationError(
                f"{len(unknown)} key(s) are not disciplines; use {', '.join(Discipline.values)}."
            )
        return counts

    def to_representation(self, value):
        return {row.discipline: row.count for row in value.all()}


class SummitSerializer(StrictInputMixin, ScopedRelationsMixin, serializers.ModelSerializer):
    region = serializers.PrimaryKeyRelatedField(queryset=Region.objects.none())
    attendance = AttendanceField(required=False)
    total_attendance = serializers.SerializerMethodField()
    scoped_relations = {"region": people_selectors.region_list}

    class Meta:
        model = Summit
        fields = [
            "id",
            "region",
            "held_on",
            "place",
            "organisers",
            "attendance",
            "total_attendance",
        ]

    def get_total_attendance(self, summit) -> int:
        return sum(row.count for row in summit.attendance.all())


class ScoresQuerySerializer(serializers.Serializer):
    compare = serializers.IntegerField(
        required=False, help_text="Another summit's id: the change from its scores."
    )


# --- training and practices --------------------------------------------------------------------
class TrainingChoiceSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=300)
    correct = serializers.BooleanField(default=False, source="is_correct")


class TrainingQuestionSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=SHORT_TEXT)
    choices = TrainingChoiceSerializer(many=True, max_length=20)


class TrainingModuleSerializer(StrictInputMixin, serializers.ModelSerializer):
    questions = serializers.SerializerMethodField()
    participants = serializers.SerializerMethodField()
    take_url = serializers.SerializerMethodField()

    class Meta:
        model = TrainingModule
        fields = ["id", "title", "description", "is_open", "questions", "participants", "take_url"]
        read_only_fields = ["is_open"]

    @extend_schema_field(TrainingQuestionSerializer(many=True))
    def get_questions(self, module):
        return [
            {
                "text": question.text,
                "choices": [
                    {"text": choice.text, "correct": choice.is_correct}
                    for choice in question.choices.all()
                ],
            }
            for question in module.questions.prefetch_related("choices")
        ]

    def get_participants(self, module) -> int:
        return module.attempts.values("participant_code").distinct().count()

    def get_take_url(self, module) -> str:
        request = self.context.get("request")
        path = f"/t/{module.token}/"
        return request.build_absolute_uri(path) if request else path


class TrainingModuleCreateSerializer(StrictInputMixin, serializers.Serializer):
    title = serializers.CharField(max_length=200)
    description = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=LONG_TEXT
    )
    questions = serializers.ListField(
        child=serializers.DictField(), allow_empty=False, max_length=100
    )


LISTED_PRACTICES = [choice for choice in Practice.choices if choice[0] != Practice.CUSTOM]


class PracticesSerializer(StrictInputMixin, ScopedRelationsMixin, serializers.Serializer):
    region = serializers.PrimaryKeyRelatedField(queryset=Region.objects.none())
    scoped_relations = {"region": people_selectors.region_list}
    practices = serializers.ListField(
        child=serializers.ChoiceField(choices=LISTED_PRACTICES),
        max_length=len(LISTED_PRACTICES),
        help_text="The listed practices in use now; those left out are not in use.",
    )
    other = serializers.CharField(required=False, allow_blank=True, max_length=100, default="")


class RegionPracticesSerializer(serializers.Serializer):
    """A region's row of the practices inventory: the listed practices it uses and the
    names of its other ones."""

    region = serializers.IntegerField()
    region_name = serializers.CharField()
    practices = serializers.ListField(child=serializers.ChoiceField(choices=LISTED_PRACTICES))
    other = serializers.ListField(child=serializers.CharField())
