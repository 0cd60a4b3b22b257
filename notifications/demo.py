"""Demo alerts: a little history on the New Orleans console (one alert handled end to end,
one acknowledged and still open). No alert is left waiting: a first run should not start
with e-mails and escalations nobody asked for."""

from django.contrib.auth import get_user_model
from django.db import transaction

from coordination.models import Region

from . import services
from .models import Alert

User = get_user_model()

DEMO_ALERTS = [
    ("urgent", "Youth reported at a bus station without a guardian; shelter bed needed.", True),
    ("critical", "Possible trafficking at a truck stop; law enforcement on scene.", False),
]


@transaction.atomic
def seed_alerts() -> None:
    region = Region.objects.get(slug="greater-new-orleans")
    if Alert.objects.filter(region=region).exists():
        return
    coordinator = User.objects.get(username="demo-coordinator")
    contact = User.objects.get(username="demo-responder")
    for severity, summary, resolve in DEMO_ALERTS:
        alert = services.alert_raise(
            actor=coordinator, region=region, severity=severity, summary=summary
        )
        alert = services.alert_transition(actor=contact, alert=alert, transition="acknowledge")
        if resolve:
            services.alert_transition(actor=contact, alert=alert, transition="resolve")
