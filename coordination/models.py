"""coordination's tables, by room (Django looks for an app's models here):

- people and access (`coordination.people`): regions, parishes, agencies, role
  assignments, the audit log, API tokens and socket tickets;
- annual reporting (`coordination.reporting`): cycles, submissions, case rows;
- learning (`coordination.learning`): summits, surveys, training, practices.

The shared vocabulary of cases (age bands, trafficking types) is `coordination.cases`.
New code imports a model from its room; these names stay for the migrations' history and
for the other apps' `from coordination.models import …`.
"""

from .cases import (  # noqa: F401
    ADULT_AGE_BANDS,
    MINOR_AGE_BANDS,
    AgeBand,
    TraffickingType,
    VictimStatus,
)
from .learning.models import (  # noqa: F401
    InstrumentPart,
    Practice,
    RegionPractice,
    Summit,
    SummitAttendance,
    SurveyAnswer,
    SurveyCategory,
    SurveyFactor,
    SurveyInstrument,
    SurveyItem,
    SurveyLink,
    SurveyResponse,
    TestAttempt,
    TestKind,
    TrainingChoice,
    TrainingModule,
    TrainingQuestion,
    VersionedInstrument,
)
from .people.api_tokens import ApiToken, SocketTicket  # noqa: F401
from .people.models import (  # noqa: F401
    ROLE_SCOPE,
    SCOPE_FIELDS,
    SCOPE_NAMES,
    Agency,
    AgencyKind,
    AuditAction,
    AuditEntry,
    Discipline,
    Duty,
    Parish,
    Region,
    Role,
    RoleAssignment,
)
from .reporting.models import (  # noqa: F401
    AnnualSubmission,
    CaseStatusUpdate,
    CycleStatus,
    DeclineReason,
    ProviderResponse,
    ReportingCycle,
    ReportingReminder,
    ResponseStatus,
    ServedCase,
    ServiceOffered,
    SubmissionReceipt,
    SubmissionSource,
    SubmissionVersion,
)
