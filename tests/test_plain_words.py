"""Issue 21: no page a person without the admin role can reach shows a command
(`manage.py`), a placeholder, or a coded value where Lantern has words for it
("safe_housing" for "Safe housing"). The demo state is seeded and each demo role's pages
are walked from the dashboard, following links, as far as a bounded crawl goes."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from django.contrib.auth import get_user_model
from django.db import models
from django.test import Client

from tests.coordination.test_seed_demo import run_seed

PAGES_PER_ROLE = 120
ROLES = ["demo-coordinator", "demo-mdt", "demo-responder", "demo-reporter"]
# Paths not to follow: signing out, downloads, the API's own pages, the admin.
SKIP = re.compile(r"^/(accounts/logout|api/|admin/|static/|calendar/)|\.(csv|pdf|ics|xlsx|json)$")


def coded_values() -> dict[str, str]:
    """Every coded choice whose code reads differently from its words, with an underscore
    (what no sentence holds): code → words."""
    found = {}
    pending = list(models.TextChoices.__subclasses__())
    while pending:
        choices = pending.pop()
        pending.extend(choices.__subclasses__())
        for value, label in choices.choices:
            if "_" in value and value != label:
                found[value] = label
    return found


class Page(HTMLParser):
    """The text a person reads, and the links to follow."""

    def __init__(self):
        super().__init__()
        self.text, self.links, self._skip = [], [], 0

    def handle_starttag(self, tag, attrs):
        if tag in {"script", "style", "title"}:
            self._skip += 1
        href = dict(attrs).get("href")
        if tag == "a" and href and href.startswith("/"):
            self.links.append(href.split("#")[0])

    def handle_endtag(self, tag):
        if tag in {"script", "style", "title"} and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.text.append(data)


@pytest.mark.django_db
def test_no_page_shows_a_command_a_placeholder_or_a_code():
    run_seed("--password", "Plain-words-passphrase-1")
    codes = coded_values()
    pattern = re.compile(
        r"\b(" + "|".join(map(re.escape, sorted(codes, key=len, reverse=True))) + r")\b"
    )
    problems = []
    for username in ROLES:
        client = Client()
        client.force_login(get_user_model().objects.get(username=username))
        queue, seen = ["/"], set()
        while queue and len(seen) < PAGES_PER_ROLE:
            path = queue.pop(0)
            if path in seen or SKIP.search(path):
                continue
            seen.add(path)
            answer = client.get(path)
            if answer.status_code != 200 or "text/html" not in answer.get("Content-Type", ""):
                continue
            page = Page()
            page.feed(answer.content.decode())
            text = " ".join(page.text)
            for word in (
                "manage.py",
                "Placeholder",
                "---------",
                "gate(s)",
                " a action",
                " a outcome",
            ):
                if word in text:
                    problems.append(f"{username} {path}: {word!r}")
            for match in set(pattern.findall(text)):
                problems.append(f"{username} {path}: {match!r} (say {codes[match]!r})")
            queue.extend(link for link in page.links if link not in seen)
        assert len(seen) > 10, (username, seen)
    assert not problems, "\n".join(sorted(set(problems)))
