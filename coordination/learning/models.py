"""Learning together: regional summits and their collaboration surveys, online
training with pre- and post-tests, and each region's inventory of practices."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..bounds import LONG_TEXT, SHORT_TEXT, bounded_text, plausible_date
from ..people.models import Discipline, Region
from ..plumbing.translations import Translation


class Summit(models.Model):
    """A regional summit: community education across disciplines, and a way of gathering
    information (phase 3) for every initiative of its region."""

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="summits")
    held_on = models.DateField(validators=[plausible_date])
    place = models.CharField(max_length=200)
    organisers = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"{self.region} summit, {self.held_on:%B %-d, %Y}"


class SummitAttendance(models.Model):
    summit = models.ForeignKey(Summit, on_delete=models.CASCADE, related_name="attendance")
    discipline = models.CharField(max_length=32, choices=Discipline.choices)
    count = models.PositiveIntegerField()

    class Meta:
        ordering = ["discipline"]
        constraints = [
            models.UniqueConstraint(
                fields=["summit", "discipline"], name="one_attendance_count_per_discipline"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_discipline_display()}: {self.count}"


# --- collaboration surveys (after a summit) ----------------------------------------------------
class VersionedInstrument(models.Model):
    """An instrument loaded from a file (a survey, a screening tool): named, versioned,
    credited. Records made with it keep the version they used."""

    name = models.CharField(max_length=200)
    version = models.PositiveSmallIntegerField(default=1)
    source = bounded_text(LONG_TEXT, help_text="Where the instrument comes from: the credit.")
    loaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["name", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["name", "version"], name="%(app_label)s_%(class)s_one_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} (version {self.version})"


class SurveyInstrument(VersionedInstrument):
    """A collaboration survey defined as data (loaded with `load_instrument survey`):
    categories of factors, each factor measured by items on a 5-point agreement scale."""


class InstrumentPart(models.Model):
    """A named, ordered part of an instrument (a survey's category, a screening tool's
    section); subclasses name their `instrument`."""

    name = models.CharField(max_length=200)
    order = models.PositiveSmallIntegerField()

    class Meta:
        abstract = True
        ordering = ["instrument", "order"]

    def __str__(self) -> str:
        return self.name


class SurveyCategory(InstrumentPart):
    instrument = models.ForeignKey(
        SurveyInstrument, on_delete=models.CASCADE, related_name="categories"
    )


class SurveyFactor(models.Model):
    category = models.ForeignKey(SurveyCategory, on_delete=models.CASCADE, related_name="factors")
    name = models.CharField(max_length=200)
    order = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["category__order", "order"]

    def __str__(self) -> str:
        return self.name


class SurveyItem(models.Model):
    factor = models.ForeignKey(SurveyFactor, on_delete=models.CASCADE, related_name="items")
    text = bounded_text(SHORT_TEXT)
    reverse_scored = models.BooleanField(
        default=False, help_text="Agreement means a weaker factor: scored as 6 − the answer."
    )
    order = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["order"]

    def __str__(self) -> str:
        return self.text[:60]


class SurveyLink(models.Model):
    """The one anonymous link a summit's participants share. Each use of it makes one
    response; nothing about who answered is kept."""

    summit = models.ForeignKey(Summit, on_delete=models.CASCADE, related_name="survey_links")
    instrument = models.ForeignKey(SurveyInstrument, on_delete=models.PROTECT, related_name="+")
    token = models.CharField(max_length=64, unique=True)
    is_open = models.BooleanField(default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Survey of {self.summit}"


class SurveyResponse(models.Model):
    """One anonymous answer sheet: no user, no address, only the day. `form_key` is the
    digest of the one-time key of the form it came from, so a form sent twice counts once."""

    link = models.ForeignKey(SurveyLink, on_delete=models.CASCADE, related_name="responses")
    submitted_on = models.DateField()
    form_key = models.CharField(max_length=64, unique=True)

    def __str__(self) -> str:
        return f"Response {self.pk} to {self.link}"


class SurveyAnswer(models.Model):
    """One item's answer, 1 (strongly disagree) to 5 (strongly agree); an item left
    unanswered has no row."""

    response = models.ForeignKey(SurveyResponse, on_delete=models.CASCADE, related_name="answers")
    item = models.ForeignKey(SurveyItem, on_delete=models.PROTECT, related_name="answers")
    value = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(5)]
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["response", "item"], name="one_answer_per_item"),
            models.CheckConstraint(
                condition=Q(value__gte=1) & Q(value__lte=5), name="answer_on_the_scale"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.item_id}: {self.value}"


# --- online training with pre- and post-tests ---------------------------------------------------
class TrainingModule(models.Model):
    """An online training module; participants take the same knowledge test before (pre)
    and after (post), under a pseudonymous code of their own so the two pair up."""

    title = models.CharField(max_length=200, unique=True)
    description = bounded_text(LONG_TEXT, blank=True)
    token = models.CharField(max_length=64, unique=True)
    is_open = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class TrainingQuestion(models.Model):
    module = models.ForeignKey(TrainingModule, on_delete=models.CASCADE, related_name="questions")
    text = bounded_text(SHORT_TEXT)
    order = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["module", "order"]

    def __str__(self) -> str:
        return self.text[:60]


class TrainingChoice(models.Model):
    question = models.ForeignKey(TrainingQuestion, on_delete=models.CASCADE, related_name="choices")
    text = models.CharField(max_length=300)
    is_correct = models.BooleanField(default=False)

    class Meta:
        ordering = ["question", "id"]

    def __str__(self) -> str:
        return self.text


class SurveyTranslation(Translation):
    """A survey instrument's texts in another language (`plumbing.translations`)."""

    instrument = models.ForeignKey(
        SurveyInstrument, on_delete=models.CASCADE, related_name="translations"
    )

    class Meta(Translation.Meta):
        unique_together = [("instrument", "language", "version")]


class TrainingTranslation(Translation):
    """A training module's title, description, questions and choices in another language."""

    module = models.ForeignKey(
        TrainingModule, on_delete=models.CASCADE, related_name="translations"
    )

    class Meta(Translation.Meta):
        unique_together = [("module", "language", "version")]


class TestKind(models.TextChoices):
    __test__ = False  # not a pytest test class, whatever its name

    PRE = "pre", _("Pre-test (before the module)")
    POST = "post", _("Post-test (after the module)")


class TestAttempt(models.Model):
    __test__ = False  # not a pytest test class, whatever its name

    module = models.ForeignKey(TrainingModule, on_delete=models.PROTECT, related_name="attempts")
    participant_code = models.CharField(max_length=20)
    kind = models.CharField(max_length=4, choices=TestKind.choices)
    discipline = models.CharField(max_length=32, choices=Discipline.choices)
    correct = models.PositiveSmallIntegerField()
    questions = models.PositiveSmallIntegerField()
    taken_on = models.DateField()

    class Meta:
        ordering = ["module", "participant_code", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["module", "participant_code", "kind"],
                name="one_attempt_per_code_and_test",
                violation_error_message="This code has already taken this test.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.participant_code} {self.kind} {self.module}"

    @property
    def percent(self) -> float:
        return 100 * self.correct / self.questions if self.questions else 0.0


# --- the practices inventory ------------------------------------------------------------------
class Practice(models.TextChoices):
    COMMUNITY_ACTION_MODEL = "community_action_model", "Community action model"
    SCREENING_TOOL = "statewide_screening_tool", "Statewide screening tool"
    CROSS_DISCIPLINE_TRAINING = "cross_discipline_training", "Cross-discipline training"
    TRAUMA_INFORMED = "trauma_informed_practice", "Trauma-informed practice"
    MDTS = "mdts", "Multidisciplinary teams (MDTs)"
    MENTORSHIP = "mentorship", "Mentorship"
    RAPID_RESPONSE = "rapid_response", "Rapid response with one central contact"
    YOUTH_ADVISORY_BOARD = "youth_advisory_board", "Youth survivors on an advisory board"
    JOHN_SCHOOLS = "john_schools", "John schools"
    CUSTOM = "custom", "Other practice"


class RegionPractice(models.Model):
    """A practice a region uses (or has stopped using)."""

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="practices")
    practice = models.CharField(max_length=32, choices=Practice.choices)
    custom_name = models.CharField(max_length=100, blank=True)
    in_use = models.BooleanField(default=True)
    since = models.DateField(null=True, blank=True, validators=[plausible_date])
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["region", "practice", "custom_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "practice", "custom_name"],
                name="one_row_per_region_practice",
                violation_error_message="This practice is already listed for the region.",
            ),
            models.CheckConstraint(
                condition=(Q(practice="custom") & ~Q(custom_name=""))
                | (~Q(practice="custom") & Q(custom_name="")),
                name="custom_practices_are_named",
                violation_error_message="Name an “other” practice; listed ones take no name.",
            ),
        ]

    def __str__(self) -> str:
        return self.custom_name or self.get_practice_display()
