"""Issue 21: one way to show times. The server writes "9:05 a.m." in Lantern's time zone;
the scripts write the same, in that zone (the page names it), not the browser's."""

import re
from pathlib import Path

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parent.parent


def test_pages_say_their_time_zone_for_the_scripts(world):
    client = Client()
    client.force_login(world.users["coordinator"])
    body = client.get("/").content.decode()
    assert 'data-time-zone="America/Chicago"' in body
    assert "lantern/time.js" in body


def test_no_template_writes_a_24_hour_time():
    templates = [p for p in ROOT.glob("*/templates/**/*.html")]
    assert templates
    for template in templates:
        text = template.read_text()
        assert not re.search(r'(date|time):"[^"]*[HG]:i', text), template
