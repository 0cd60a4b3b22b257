"""MDT pages. The iCalendar feed is reached by its private token alone (calendar apps
cannot sign in); renewing the token revokes the old URL."""

from django.http import Http404, HttpResponse

from . import calendar
from .models import CalendarFeed


def calendar_feed(request, token: str):
    feed = CalendarFeed.objects.select_related("user").filter(token=token).first()
    if feed is None or not feed.user.is_active:
        raise Http404("No such calendar.")
    response = HttpResponse(calendar.meetings_feed(user=feed.user), content_type="text/calendar")
    response["Content-Disposition"] = 'inline; filename="lantern-meetings.ics"'
    response["Cache-Control"] = "private, max-age=300"
    return response
