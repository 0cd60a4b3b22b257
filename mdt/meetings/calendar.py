"""A member's iCalendar feed of their MDTs' meetings, built with `icalendar`.

Events carry the MDT's name, times (with the local time zone, so a recurring 9:00
meeting stays at 9:00 across daylight-saving changes), place and status; never an
agenda, a case code or minutes: a calendar is copied to phones and shared accounts.
"""

from django.utils import timezone
from icalendar import Calendar, Event

from coordination.people.access import access_for

from ..models import Meeting


def meetings_feed(*, user) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Lantern//MDT meetings//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "Lantern: MDT meetings")
    zone = timezone.get_current_timezone()
    meetings = Meeting.objects.filter(mdt_id__in=access_for(user).mdt_ids).select_related("mdt")
    for meeting in meetings:
        event = Event()
        event.add("uid", f"meeting-{meeting.pk}@lantern")
        event.add("summary", f"{meeting.mdt.name} meeting")
        event.add("dtstart", timezone.localtime(meeting.starts_at, zone))
        event.add("dtend", timezone.localtime(meeting.ends_at, zone))
        event.add("dtstamp", timezone.now())
        if meeting.location:
            event.add("location", meeting.location)
        event.add("status", "CANCELLED" if meeting.status == "cancelled" else "CONFIRMED")
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
