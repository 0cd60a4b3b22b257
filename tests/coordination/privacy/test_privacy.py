"""The privacy guard: personal information in many shapes, hidden in ordinary notes, is
found; ordinary notes without it pass; every free-text field refuses it with a 400 that
names the field and the kind, never echoes it, and stores nothing."""

import datetime
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from hypothesis.provisional import urls

from coordination import privacy
from coordination.models import Summit
from mdt.models import Meeting, Referral, StatusUpdate
from phases.models import ActionItem, DataRequest, Finding, Initiative, OutcomeMeasure, Phase
from tests.mdt.factories import ReferralFactory
from tests.phases.factories import InitiativeFactory

TODAY = datetime.date(2026, 11, 25)
CORPUS = [
    line.strip()
    for line in (Path(__file__).parent / "pii_free_notes.txt").read_text().splitlines()
    if line.strip() and not line.startswith("#")
]
digits = st.integers(min_value=0, max_value=9).map(str)


def digit_string(length, first="0123456789"):
    return st.tuples(st.sampled_from(first), *[digits] * (length - 1)).map("".join)


# --- PII in many shapes --------------------------------------------------------------
local_parts = st.from_regex(r"[a-z][a-z0-9]{1,8}([._+-][a-z0-9]{1,6})?", fullmatch=True)
domains = st.from_regex(r"[a-z][a-z0-9-]{1,10}", fullmatch=True)
tlds = st.sampled_from(["com", "org", "net", "edu", "gov", "us", "info", "io"])


@st.composite
def emails(draw):
    local, domain, tld = draw(local_parts), draw(domains), draw(tlds)
    shape = draw(
        st.sampled_from(
            [
                "{l}@{d}.{t}",
                "{l} @ {d}.{t}",
                "{l}(at){d}.{t}",
                "{l} [at] {d} [dot] {t}",
                "{l} at {d} dot {t}",
                "{L}@{D}.{T}",
            ]
        )
    )
    return shape.format(
        l=local, d=domain, t=tld, L=local.upper(), D=domain.capitalize(), T=tld.upper()
    )


@st.composite
def phones(draw):
    area = draw(digit_string(3, "23456789"))
    exchange = draw(digit_string(3, "23456789"))
    line = draw(digit_string(4))
    shape = draw(
        st.sampled_from(
            [
                "{a}-{e}-{n}",
                "({a}) {e}-{n}",
                "({a}){e}-{n}",
                "{a}.{e}.{n}",
                "{a} {e} {n}",
                "{a}{e}{n}",
                "+1 {a} {e} {n}",
                "1-{a}-{e}-{n}",
                "+1 ({a}) {e}-{n}",
                "{a}-{e}-{n} ext. 12",
                "{a}\u2013{e}\u2013{n}",
                "\uff15\uff10\uff14-{e}-{n}",
            ]
        )
    )
    return shape.format(a=area, e=exchange, n=line)


@st.composite
def ssns(draw):
    area, group, serial = draw(digit_string(3)), draw(digit_string(2)), draw(digit_string(4))
    separator = draw(st.sampled_from(["-", " ", "", "."]))
    return f"{area}{separator}{group}{separator}{serial}"


@st.composite
def birth_dates(draw):
    date = draw(
        st.dates(
            # Without a birth word only a full date over six years back reads as a birth date.
            min_value=datetime.date(1930, 1, 1),
            max_value=TODAY - datetime.timedelta(days=365 * 6 + 2),
        )
    )
    recent = draw(st.dates(min_value=TODAY - datetime.timedelta(days=500), max_value=TODAY))
    written = draw(
        st.sampled_from(
            [
                "%m/%d/%Y",
                "%-m/%-d/%Y",
                "%Y-%m-%d",
                "%B %-d, %Y",
                "%b. %-d %Y",
                "%-d %B %Y",
                "%m-%d-%Y",
                "%m.%d.%Y",
            ]
        )
    )
    shape = draw(
        st.sampled_from(
            [
                "{old}",
                "born {old}",
                "DOB {old}",
                "date of birth: {old}",
                "born {recent}",
                "b-day {recent}",
                "DOB: {recent}",
            ]
        )
    )
    return shape.format(old=date.strftime(written), recent=recent.strftime(written))


STREETS = [
    "Main",
    "Poydras",
    "Canal",
    "Old Spanish",
    "Martin Luther King Jr",
    "Magazine",
    "Tchoupitoulas",
    "Oak",
    "Elm",
    "Florida",
    "Government",
]
SUFFIXES = [
    "Street",
    "St",
    "St.",
    "Avenue",
    "Ave",
    "Road",
    "Rd",
    "Boulevard",
    "Blvd",
    "Drive",
    "Dr",
    "Lane",
    "Ln",
    "Court",
    "Highway",
    "Parkway",
    "Place",
    "Way",
    "Trail",
    "Circle",
]


@st.composite
def addresses(draw):
    number = draw(st.integers(min_value=1, max_value=99999))
    street, suffix = draw(st.sampled_from(STREETS)), draw(st.sampled_from(SUFFIXES))
    direction = draw(st.sampled_from(["", "N. ", "S ", "E. ", "W "]))
    shape = draw(
        st.sampled_from(
            [
                "{n} {d}{s} {x}",
                "{n} {d}{s} {x}, Apt 4",
                "{n} {sl} {xl}",
                "P.O. Box {n}",
                "po box {n}",
                "Apt. {n}",
            ]
        )
    )
    return shape.format(
        n=number, d=direction, s=street, x=suffix, sl=street.lower(), xl=suffix.lower()
    )


@st.composite
def web_addresses(draw):
    return draw(
        st.one_of(
            urls(),
            st.builds(lambda d, t: f"www.{d}.{t}", domains, tlds),
            st.builds(lambda d, t: f"{d}.{t}/intake", domains, tlds),
        )
    )


# "::" (no address at all) is not anyone's address; every other IP is refused.
ip_addresses = (
    st.one_of(st.ip_addresses(v=4), st.ip_addresses(v=6))
    .filter(lambda ip: not (ip.version == 6 and ip.is_unspecified))
    .map(str)
)

PII = {
    privacy.EMAIL: emails(),
    privacy.PHONE: phones(),
    privacy.SSN: ssns(),
    privacy.BIRTH_DATE: birth_dates(),
    privacy.STREET_ADDRESS: addresses(),
    privacy.URL: web_addresses(),
    privacy.IP_ADDRESS: ip_addresses,
}


@st.composite
def note_with_pii(draw, kinds=tuple(PII)):
    kind = draw(st.sampled_from(kinds))
    value = draw(PII[kind])
    before = draw(st.sampled_from(CORPUS + [""]))
    after = draw(st.sampled_from(CORPUS + [""]))
    glue = draw(st.sampled_from([" ", "\n", " — ", "; ", " (", ": "]))
    return kind, value, f"{before}{glue}{value}{glue}{after}".strip()


@pytest.mark.parametrize("kind", list(PII))
@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_each_kind_is_found_wherever_it_hides(kind, data):
    _, value, text = data.draw(note_with_pii(kinds=(kind,)))
    assert kind in privacy.find_pii(text, today=TODAY), f"missed {kind}: {value!r} in {text!r}"


def test_ordinary_notes_pass_false_positive_rate_on_the_corpus():
    """The README states this rate: 0 of the corpus's notes are refused."""
    refused = [(note, privacy.find_pii(note, today=TODAY)) for note in CORPUS]
    refused = [row for row in refused if row[1]]
    assert len(CORPUS) >= 90
    assert refused == [], f"false positives: {len(refused)}/{len(CORPUS)}: {refused}"


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("The youth talked to Claire about the money.", True),
        ("She was caught shoplifting at Claire's in the mall.", False),
        ("Levi said he would drive her to the motel.", True),
        ("She bought jeans at Levi's outlet.", False),
        ("The group home in Walker has a bed; DCFS prefers Walker.", False),
        ("Isaac flooded the old group home.", False),
        ("Kayla Broussard was recovered.", True),
        ("The crew had come from a job in Savannah, Georgia.", False),
    ],
)
def test_places_named_like_people_read_by_their_neighbours(text, person):
    """A shop, town or storm that is also a given name is a place only where a place reads
    (README, "The privacy guard")."""
    found = privacy.find_pii(text, today=TODAY)
    assert (privacy.NAME in found) is person, found


@pytest.mark.parametrize(
    ("text", "kind", "refused"),
    [
        # What organisations, places and offices are called (sixth corpus, first reading)
        ("Staff from the Opelousas-Eunice office came.", privacy.NAME, False),
        ("Maria-Luisa said she was scared.", privacy.NAME, True),
        ("The ADA's victim advocate sat in.", privacy.NAME, False),
        ("Tasha's cousin drove her there.", privacy.NAME, True),
        ("Kenner, Harahan and Metairie share one task force.", privacy.NAME, False),
        ("Shelby Foundation Care Coalition hosted the summit.", privacy.NAME, False),
        ("Mentoring through the Sisters of Charity Brothers program.", privacy.NAME, False),
        ("Dawn patrol units covered the bus station.", privacy.NAME, False),
        ("Dawn texted the youth twice.", privacy.NAME, True),
        ("Chase paid for the room.", privacy.NAME, True),
        ("Interpreters: K'iche', Mam and Q'anjob'al.", privacy.NAME, False),
        ('An older man called "Big Slim" runs the girls.', privacy.NAME, True),
        ('A new app called "Safe Ride" was shown.', privacy.NAME, False),
        ("Met with CHRISTUS St. Frances Cabrini about training.", privacy.NAME, False),
        # Rural routes and streets that go on in capitals
        ("Mail goes to Rt. 3 Box 12, near the levee.", privacy.STREET_ADDRESS, True),
        (
            "Families in Mamou and Ville Platte drive an hour to the CAC.",
            privacy.STREET_ADDRESS,
            False,
        ),
        ("She stays at Mamou and Ville Platte Dr with him.", privacy.STREET_ADDRESS, True),
        ("Tulane and Broad st is where she stays.", privacy.STREET_ADDRESS, True),
    ],
)
def test_what_organisations_and_places_are_called(text, kind, refused):
    assert (kind in privacy.find_pii(text, today=TODAY)) is refused


@pytest.mark.parametrize(
    ("text", "a_birth_date"),
    [
        ("Her birthday is 3/14, she turns 16 next week.", True),
        ("She turns 16 next week.", True),
        ("He turned 15 yesterday.", True),
        ("Her birthday is tomorrow.", True),
        ("turning 17 this weekend, wants a party", True),
        ("She turns 18 next month and ages out of foster care.", False),  # the month alone
        ("The MDT meets next week; the youth is 16.", False),
    ],
)
def test_a_birthday_within_a_week_is_a_date_of_birth(text, a_birth_date):
    """The issue's "she turns 16 next week": the day within a week is a date of birth."""
    assert (privacy.BIRTH_DATE in privacy.find_pii(text, today=TODAY)) is a_birth_date


def test_the_notes_run_together_as_long_minutes_pass():
    """The same notes as one text of 10,000 characters, as `make bench` sends them for
    minutes (figure 9): the model reads a long text with more context than a note, and it
    once took the "John school" (a programme for buyers) for a man named John."""
    minutes = ""
    while len(minutes) < privacy.MAX_TEXT_LENGTH:
        minutes += " ".join(" ".join(CORPUS).split()) + " "
    minutes = minutes[: privacy.MAX_TEXT_LENGTH].strip()
    assert privacy.find_pii(minutes, today=TODAY) == []


@pytest.mark.parametrize(
    "text",
    [
        "3 blocks down the street",
        "a 2 hour drive",
        "meeting at 10:30",
        "ages 12-14",
        "Act 564 of 2014",
        "206 cases, 84%",
        "seen 11/20/2026 at intake",
    ],
)
def test_ordinary_phrases_that_look_close_pass(text):
    assert privacy.find_pii(text, today=TODAY) == []


def test_the_message_names_the_kind_and_never_the_value():
    with pytest.raises(ValidationError) as error:
        privacy.guard_text({"notes": "call her at 504-555-0199 tonight"})
    messages = error.value.message_dict["notes"]
    assert "a phone number" in messages[0]
    assert "555" not in messages[0]


# --- Every free-text field refuses it through the API ----------------------------------
def _initiative_fields(world):
    return {"region": world.home.pk, "title": "Count the cases", "need_statement": "Nobody counts."}


FIELDS = [
    # (label, field, url builder, body builder, the model whose rows must not appear)
    (
        "initiative title",
        "title",
        lambda w, i: "/api/v1/initiatives/",
        lambda w, t: {**_initiative_fields(w), "title": t},
        Initiative,
    ),
    (
        "need statement",
        "need_statement",
        lambda w, i: "/api/v1/initiatives/",
        lambda w, t: {**_initiative_fields(w), "need_statement": t},
        Initiative,
    ),
    (
        "transition note",
        "note",
        lambda w, i: f"/api/v1/initiatives/{i.pk}/abandon/",
        lambda w, t: {"note": t},
        None,
    ),
    (
        "data request",
        "description",
        lambda w, i: f"/api/v1/initiatives/{i.pk}/data-requests/",
        lambda w, t: {"agency": w.home_agency.pk, "description": t, "requested_on": "2026-11-01"},
        DataRequest,
    ),
    (
        "finding",
        "statement",
        lambda w, i: f"/api/v1/initiatives/{i.pk}/findings/",
        lambda w, t: {"statement": t, "recorded_on": "2026-11-01"},
        Finding,
    ),
    (
        "action item",
        "description",
        lambda w, i: f"/api/v1/initiatives/{i.pk}/action-items/",
        lambda w, t: {"description": t},
        ActionItem,
    ),
    (
        "outcome measure",
        "name",
        lambda w, i: f"/api/v1/initiatives/{i.pk}/outcome-measures/",
        lambda w, t: {"name": t, "baseline": "2", "target": "5"},
        OutcomeMeasure,
    ),
    (
        "summit place",
        "place",
        lambda w, i: "/api/v1/summits/",
        lambda w, t: {"region": w.home.pk, "held_on": "2026-10-01", "place": t},
        Summit,
    ),
    (
        "referral notes",
        "notes",
        lambda w, i: "/api/v1/referrals/",
        lambda w, t: {
            "mdt": w.mdt.pk,
            "received_on": "2026-11-02",
            "age_band": "15-17",
            "trafficking_type": "sex",
            "victim_status": "prospective",
            "referral_source": "education",
            "parish": w.home_parish.pk,
            "notes": t,
        },
        Referral,
        "mdt_member",
    ),
    (
        "status update",
        "note",
        lambda w, i: f"/api/v1/referrals/{_host_referral(w).pk}/updates/",
        lambda w, t: {"note": t},
        StatusUpdate,
        "mdt_member",
    ),
    (
        "referral transition note",
        "note",
        lambda w, i: f"/api/v1/referrals/{_host_referral(w).pk}/close/",
        lambda w, t: {"note": t},
        StatusUpdate,
        "mdt_member",
    ),
    (
        "summit organisers",
        "organisers",
        lambda w, i: "/api/v1/summits/",
        lambda w, t: {
            "region": w.home.pk,
            "held_on": "2026-10-01",
            "place": "Hall",
            "organisers": t,
        },
        Summit,
    ),
]


FIELDS = [entry if len(entry) == 6 else (*entry, "coordinator") for entry in FIELDS]


def _host_referral(world):
    return Referral.objects.filter(notes="host").first() or ReferralFactory(
        mdt=world.mdt, notes="host"
    )


@pytest.mark.parametrize(
    ("label", "field", "url", "body", "model", "persona"), FIELDS, ids=[f[0] for f in FIELDS]
)
@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(sample=note_with_pii(kinds=tuple(kind for kind in PII if kind != privacy.BIRTH_DATE)))
def test_every_free_text_field_refuses_pii_and_stores_nothing(
    api, world, label, field, url, body, model, persona, sample
):
    kind, value, text = sample
    if len(text) > 200:  # the shortest limit among these fields; keep the PII whole
        text = f"Note: {value}"
    assume(len(text) <= 200)  # a value longer than the field is refused for its length
    initiative = Initiative.objects.filter(title="Host").first() or InitiativeFactory(
        region=world.home, title="Host", phase=Phase.ANALYSIS
    )
    before = model.objects.count() if model else None
    response = api(persona).post(url(world, initiative), body(world, text), format="json")
    assert response.status_code == 400, (label, text, response.json())
    message = " ".join(response.json()[field])
    assert kind.split(" (")[0] in message
    assert value not in message
    if model:
        assert model.objects.count() == before
    initiative.refresh_from_db()
    assert initiative.phase == Phase.ANALYSIS


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(sample=note_with_pii(kinds=tuple(kind for kind in PII if kind != privacy.BIRTH_DATE)))
def test_meeting_minutes_refuse_pii_and_keep_what_was_there(api, world, sample):
    kind, value, text = sample
    meeting = Meeting.objects.first() or Meeting.objects.create(
        mdt=world.mdt,
        starts_at="2026-12-01T15:00:00Z",
        ends_at="2026-12-01T16:00:00Z",
        minutes="4 referrals reviewed.",
    )
    response = api("mdt_member").put(
        f"/api/v1/meetings/{meeting.pk}/minutes/", {"minutes": text}, format="json"
    )
    assert response.status_code == 400
    assert kind.split(" (")[0] in response.json()["minutes"][0]
    meeting.refresh_from_db()
    assert meeting.minutes == "4 referrals reviewed."


def test_a_birth_date_in_a_note_is_refused_through_the_api(api, world):
    initiative = InitiativeFactory(region=world.home, phase=Phase.ANALYSIS)
    response = api("coordinator").post(
        f"/api/v1/initiatives/{initiative.pk}/findings/",
        {"statement": "Youth born 04/12/2011 disclosed at school", "recorded_on": "2026-11-01"},
        format="json",
    )
    assert response.status_code == 400
    assert "date of birth" in response.json()["statement"][0]
    assert not Finding.objects.exists()


def test_warming_the_guard_up_as_the_server_imports_touches_no_database():
    """`config.asgi` warms the guard up as it is imported. A test process imports it
    before its test database exists: a query then opened PostgreSQL's pool on the wrong
    database, and every live server of the run answered 500."""
    probe = (
        "import config.asgi\n"
        "from django.db import connections\n"
        "opened = [c.alias for c in connections.all() if c.connection is not None]\n"
        "print('opened', len(opened))\n"
    )
    result = subprocess.run(  # noqa: S603 (this interpreter, a fixed probe)
        [sys.executable, "-c", probe],
        cwd=Path(__file__).resolve().parents[3],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"},
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.split()[-2:] == ["opened", "0"], result.stdout


@pytest.mark.parametrize(
    ("text", "refused"),
    [
        ("The parish EM Director joined the call about shelter beds.", False),  # English
        ("Em ấy đang ở với chị Thu ở New Orleans East.", True),  # a title, in Vietnamese
        ("Thám tử Lý của NOPD muốn gặp em lần nữa.", True),  # a two-word title
        ("Dice que nació el 3 de marzo de 2009 en San Pedro Sula.", True),
        ("La Iglesia San Juan Bautista ofreció su salón el sábado.", False),
    ],
)
def test_vietnamese_titles_bear_their_marks_outside_vietnamese_text(text, refused):
    assert bool(privacy.scan(text)) is refused


@pytest.mark.parametrize(
    ("text", "refused"),
    [
        ("Jack-up rig support vessel crew: two workers said their passports were held.", False),
        ("Walk-in hours at the drop-in center moved to Tuesday.", False),
        ("Jin-woo Park signed the lease on the unit.", True),  # a name's two parts
        ("Mary-Kate said she was scared.", True),
        ("Mary Queen of Vietnam Church hosts the outreach after Sunday Mass.", False),
    ],
)
def test_compound_words_and_a_church_named_for_mary_are_not_names(text, refused):
    assert bool(privacy.scan(text)) is refused


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("per t.l. the rides come from a man in a white van", "t.l."),  # initials, lower case
        ("Boo-Boo is the dispatcher for the crew, per the deckhand.", "Boo-Boo"),
        ('Youth knows him only as "Country".', "Country"),
        ("April said she would come.", "April"),  # a month doing what a person does
        ("Augusta said no.", "Augusta"),  # a name one letter from a month
    ],
)
def test_initials_doubled_nicknames_and_month_names_are_refused(text, name):
    assert name in [text[f.start : f.end] for f in privacy.scan(text)]


@pytest.mark.parametrize(
    "text",
    [
        "The Ouachitta CAC will host the Aprill meeting.",  # a month mistyped
        "North Louisiana outreach: Homer, Haynesville, Arcadia and Marion.",
        "LE: JPSO; CW: DCFS; hlth: WJMC; adv: Metro Ctr. All on case team.",
        "Carter Plantation in Springfield hosted the Livingston Parish summit.",
        "St. Mary Magdalen in Abbeville announced a Blue Campaign weekend.",
        "Providers served 74 cases in 2024, up from 52. Sex trafficking of minors remains first.",
        "Outreach cards placed at Love's, Pilot Flying J and Circle K along I-10.",
        "The family moved from Cameron Parish after Hurricane Laura and the youth missed school.",
        "In April said workers were paid late.",
        "Meet at 9 a.m. on Monday, i.e. before court.",
    ],
)
def test_places_months_and_abbreviations_are_not_names(text):
    assert privacy.scan(text) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ('The girls call him "Pelón"; he picks them up outside the store.', "Pelón"),
        ("Interpreter for the interview: anh Dũng from the church.", "Dũng"),  # marks: a name
    ],
)
def test_a_nickname_after_call_him_and_a_vietnamese_title_in_english_text(text, name):
    assert name in [text[f.start : f.end] for f in privacy.scan(text)]


@pytest.mark.parametrize(
    "text",
    [
        "Attendance: law enforcement 4, child welfare 2, health 2 (St. Francis), CAC 1",
        "Iberia/St. Mary/St. Martin MDT",  # parishes named for saints, not a corner
        "Four findings (truck stops on I-20 and I-49, casinos on the river).",
        "Phase 3: surveys go out through the Florida Parishes Juvenile Justice District.",
        "The Vietnamese community at St. Agnes Le Thi Thanh in Marrero asked for materials.",
        "Interpreters needed: Spanish, K'iche', Q'eqchi', Vietnamese, Haitian Creole.",
    ],
)
def test_saints_interstates_districts_and_languages_are_not_people_or_places(text):
    assert privacy.scan(text) == []


# A review of the rules added for the seventh and eighth corpora found these; each was
# refused (or missed) before its fix.
@pytest.mark.parametrize(
    "text",
    [
        "Youth works p.t. at a restaurant and goes to school f.t.",
        "Family lived in Green Bay 2019-2020 before moving.",  # English has no "bay" digit
        "DOS 03-14-2024 intake completed.",
        "INTAKE: YOUTH IS 130 LBS, SHE IS 5 FT 4.",
        "Appointments: 3/7 attended, NS: 3/14, rescheduled.",  # a no-show, not "ngày sinh"
        "Youth waited in the motel parking lot 2 hours before the ride came.",
        "Rent for May paid by the program. Rent through June paid in full.",
        "Pom-Pom season at the school.",
        "Truck stop at I-10 at I-12.",
    ],
)
def test_abbreviations_amounts_and_words_the_new_rules_must_keep(text):
    assert privacy.scan(text) == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Det. Marsh called the shelter.", "Marsh"),  # one letter from March: a surname
        ("Augusto said he was paid cash.", "Augusto"),
        ("Met with Jae-in Park at the clinic.", "Jae-in"),  # not "Walk-in"
        ("Ha-on said the boss kept the passports.", "Ha-on"),
        ("picked up at Napoleon & St. Charles", "Napoleon & St. Charles"),  # a corner
        ("seen at Canal/St. Claude last night", "Canal/St. Claude"),
    ],
)
def test_names_and_corners_the_new_rules_must_still_refuse(text, value):
    assert value in [text[f.start : f.end] for f in privacy.scan(text)]


# A word no list holds, in a list of places a locative opens, is a place; so is a town
# mistyped after a locative. Each was refused as a name before.
@pytest.mark.parametrize(
    "text",
    [
        "Three more possible victims in Thibodeaux and Houma.",
        "Two possible results, both from Meaux and Forked Island.",
        "Outreach in Houma, Chauvin and Dulac this week.",
        "labor complaint from a crawfish farm nr Rayn, LWC following up",
        "youth placed in Pinevile for the night",
        "Survivors from Natchitochs and Many attended.",
    ],
)
def test_an_unlisted_or_mistyped_place_among_places_is_a_place(text):
    assert privacy.scan(text) == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("She was moved from Houma and Keisha stayed behind.", "Keisha"),  # a given name
        ("She lives in Houma and Thibodeaux said he would drive her.", "Thibodeaux"),
        ("The youth talked to Rayn about the money.", "Rayn"),  # "to" opens no place
        ("The youth went with Tasha from Houma and Chauvin to the motel.", "Tasha"),
    ],
)
def test_a_person_beside_a_list_of_places_is_still_refused(text, value):
    assert value in [text[f.start : f.end] for f in privacy.scan(text)]


# From the ninth corpus's development half; each was refused (or missed) before its fix.
@pytest.mark.parametrize(
    "text",
    [
        "Pointe Coupe and Ibervile members asked to meet in Plaquemine.",  # a town mistyped
        "summit in Lake Charels next month",
        "In Lake Charles, North Lake Charles and Goosport generate the most calls.",
        "She was taken to eat at Raising Cane's and Whataburger before the date.",
        "Volunteers from the Society of St. Vincent de Paul drove two families.",
        "Fisher Middle-High in Lafitte will pilot the curriculum.",
        "Café Reconcile and Liberty's Kitchen took two youth into job training.",
        "Outreach stops: Jennings, Lake Charles, Sulphur.",  # a place of two words in a list
    ],
)
def test_mistyped_towns_lists_of_places_and_named_kitchens_are_not_people(text):
    assert privacy.scan(text) == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The girls only know him as Slim; he drives a white truck.", "Slim"),
        ("Will is the older youth who brought the boys to the job site.", "Will"),
        ("She was at Walmart and Keisha picked her up.", "Keisha"),
        ("Kayla Middle-Brooks said he paid.", "Kayla Middle-Brooks"),
    ],
)
def test_a_nickname_known_only_to_the_girls_and_will_as_a_person_are_refused(text, value):
    assert value in [text[f.start : f.end] for f in privacy.scan(text)]


def test_a_corner_typed_with_double_spaces_is_refused_not_an_error():
    """The streets' words were looked up joined by single spaces: a ValueError (a 500)."""
    text = "seen at Canal St and  N  Rampart last night"
    assert "Canal St and  N  Rampart" in [text[f.start : f.end] for f in privacy.scan(text)]


@pytest.mark.parametrize(
    ("text", "refused"),
    [
        ("Peanut is the one holding everybody's phones, per the youth.", True),
        ("Boo is the one who took the pictures.", True),
        ("King is what the men at the camp call the boss.", True),
        ("Housing is the one need every partner named first.", False),
        ("Lafayette is the one region with a full-time coordinator.", False),
        ("Intake is what the shelter calls the first interview.", False),
    ],
)
def test_a_nickname_by_what_is_said_only_of_a_person(text, refused):
    assert bool(privacy.scan(text)) is refused


@pytest.mark.parametrize(
    ("text", "refused"),
    [
        ("The outreach van visited Dulac, Chauvin and Cocodrie.", False),
        ("Wislande said the van left the motel at six.", True),
        ("Thibadeaux (sp?) is the driver's last name per the youth.", True),
    ],
)
def test_a_word_no_list_of_names_holds_is_a_name_only_when_it_acts(text, refused):
    assert bool(privacy.scan(text)) is refused


@pytest.mark.parametrize(
    "text",
    [
        "Outreach in Queensborough, Allendale and Ingleside Heights found teens in empty houses.",
        "The placement at the Baptist Children's Home in Monroe fell through.",
        "Agenda: (a) Jazz Fest and Essence outreach debrief; (b) two new beds at Miriam's House.",
        "The clerk at the Murphy USA in Minden called the hotline.",
        "OUTREACH AT GEORGE'S POND BEFORE THE GAME.",
        "The marinas on Lake D'Arbonne took the training.",
        "Camps on Bayou Petit Caillou are reachable only by boat.",
        "Our Lady of Guadalupe hosted the prayer service.",
        "St. John Vianney and St. Aloysius each adopted a shelter bed.",
        "Greater Mount Calvary and Bethel AME formed a transport pool.",
        "Recovery crews after Barry and Nicholas recruited day labourers.",
        "Patience is key: the interview backlog is six weeks.",
        "10:00 Holiday in Dixie outreach",
        "DCFS in Marksvile says maybe Monday.",
        "AGENDA\nI. Welcome (9:00)\nII. Minutes\nV. Training calendar\nVI. Adjourn",
        "The youth stayed in the room. 2230: lights out.",
    ],
)
def test_places_venues_and_agendas_that_read_like_names_stay_allowed(text):
    assert not privacy.scan(text)


@pytest.mark.parametrize(
    "text",
    [
        "Advocate drove Justice to her hearing in Thibodaux.",
        "Destiny is needed at the 9 a.m. hearing.",
        "Staff checked in Dixie at 9 pm.",
        "She stayed in Kayla and Tasha's room.",
        "The sisters of Jasmine said the van left.",
        "The youth confided in Destiny about the money.",
        "Need to loop in Comeaux before the hearing.",
        "They rented room 117 for the whole week.",
        "The men sleep in cabin 4 at the campground near Toledo Bend.",
        "Present:\nV. Nguyen (DCFS)",
        "They met the Landry boy at the store.",
        "We spoke with the Broussard girl about the party.",
        "the Tasha situation got worse",
    ],
)
def test_names_and_rooms_beside_those_words_are_still_refused(text):
    assert privacy.scan(text)


@pytest.mark.parametrize(
    "text",
    [
        "Case review: four referrals (two 12-14, two 15-17).",
        "Referral received from the school in Ouachitta Parrish.",
        "Youth was recovered in Morgan Citty and moved to the shelter.",
        "The Coushatta Tribe's health clinic joined the MDT.",
        "Youth in Cedar Grove and Mooretown neighborhoods were the focus.",
        "Workers on Lake Fausse Pointe asked for the card.",
        "Monroe hotels on Louisville Avenue were part of the walk-through.",
        "The Krewe of King Arthur asked for the safety message.",
        "Training covered Miranda warnings, Brady material and a Terry stop.",
    ],
)
def test_eleventh_set_classes_stay_allowed(text):
    assert not privacy.scan(text)


@pytest.mark.parametrize(
    "text",
    [
        "Precious and the younger girl were found together at the truck stop.",
        "Kayla and Hope House staff went to court.",
        "Kayla Parrish said the van left.",
    ],
)
def test_eleventh_set_names_beside_them_are_refused(text):
    assert privacy.scan(text)


@pytest.mark.parametrize(
    "text",
    [
        "Terrebonne/Lafourche MDT minutes, Thursday.",
        "Phase 3 (Caddo/Bossier): the listening session was postponed.",
        "The older boyfriend moved to Texas and the youth is back in classes.",
        "The Vermillion Parrish school board sent the referral.",
        "Cases in Chauvin, Montegut and Isle de Jean Charles were connected.",
        "Hotel outreach: Merrydale, Sherwood Forest and Melrose East.",
        "Destin and Gulf Shores trips were the cover story.",
        "The job fair at the Ruth's Chris placed two adults.",
        "The Houma Women's and Children's program was full for six weeks.",
        "Ads referenced the Motel 6, Super 8 and Red Roof Inn along the interstate.",
    ],
)
def test_twelfth_set_classes_stay_allowed(text):
    assert not privacy.scan(text)


@pytest.mark.parametrize(
    "text",
    [
        "The East shelter serves Little Woods, Pontchartrain Park and the Lower Ninth Ward.",
        "The team visits Little Woods, Pines Village and Plum Orchard.",
        "Neighborhood associations from Truman and Mills Addition came.",
        "Outreach covered Cottonport, Grand Cane and Bienvenue Heights this month.",
    ],
)
def test_a_word_in_a_list_of_places_is_a_place(text):
    assert not privacy.scan(text)


@pytest.mark.parametrize(
    "text",
    [
        "Kayla, Houma and Hammond were on the list.",
        "Tasha, Houma and Thibodaux.",
        "Met with Broussard and Houma police.",
        "Houma and Truman said the van left.",
        "Houma, Thibodaux and Truman's cousin drove.",
        "Landry, Guidry and DCFS attended.",
    ],
)
def test_a_name_in_a_list_of_places_is_still_refused(text):
    assert privacy.scan(text)


@pytest.mark.parametrize(
    "text",
    [
        "Planning with the Lafayette Convention & Visitors Commission.",
        "A truck-stop casino near Toomey reported it at 0215.",
        "Youth reported in a van heading north on US 165 toward Pollock.",
        "Primary acknowledged at 0600, Chez Hope confirmed a bed.",
        "Screening, runaway shelter intake, Caddo, 13–15: possible.",
        "Sessions at the Rosa Keller and Norman Mayer branches of the library.",
        "Shreveport referrals came from Cedar Grove, Stoner Hill and Mooretown.",
        "The Cathedral of the Immaculate Conception in Lake Charles held a service.",
        "Casino partners L'Auberge du Lac, Delta Downs and Evangeline Downs sent staff.",
        "The crew leader drove a Tesla.",
        "The defense asked for Brady material and made a Batson challenge.",
    ],
)
def test_thirteenth_set_classes_stay_allowed(text):
    assert not privacy.scan(text)


@pytest.mark.parametrize(
    "text",
    [
        "The youth sat near Landry in the courtroom.",
        "Intake, Caddo, DL 00123456.",
        "Youth gave the last four of her social, 6620, to confirm it.",
        "Staying at 1508 Johnston toward the back.",
        "She asked for Kayla at the desk.",
    ],
)
def test_thirteenth_set_names_and_numbers_beside_them_are_refused(text):
    assert privacy.scan(text)


@pytest.mark.parametrize(
    ("text", "refused"),
    [
        ("Crews moved between Seadrift and Port Lavaca, Texas, then Pascagoula.", False),
        ("spoke w/ her PO, Hatfield, who agreed to hold off on the violation", True),
        ("Ben Wheeler drove the van.", True),
    ],
)
def test_towns_of_the_neighbouring_states(text, refused):
    assert bool(privacy.scan(text)) is refused


@pytest.mark.parametrize(
    ("text", "refused"),
    [
        ('Youth says the man she calls "Duke" sets up the dates.', True),
        ("5531 N Claiborne is where he keeps the girls during the week.", True),
        ("Region 2: 12 referrals, 4 N/A.", False),
    ],
)
def test_a_quoted_nickname_and_a_directed_street(text, refused):
    assert bool(privacy.scan(text)) is refused


@pytest.mark.parametrize(
    ("text", "refused"),
    [
        ("Src: JPSO, plcmt through DCFS Jeff. Par. office, SANE exam at CHNOLA.", False),
        ("Court abbreviations: 24th JDC (Jeff.), 32nd JDC (Terr.).", False),
        ("Mtg moved from the CAC in Hou. to the admin bldg.", False),
        ("Transfer chain: TGMC → Thib. Reg. → OLOL for peds psych.", False),
        ("Agenda\nA. Why we are here\nB. Data from DCFS\nC. Small groups\nD. Survey", False),
        ("Escambia County, Florida, and Okaloosa County both flagged ads.", False),
        ("The Guatemalan consulate in Houston sent a mobile team to Lafayette.", False),
        ("The prosecutor flagged Giglio material and a Crawford issue.", False),
        ("I spoke with Jeff. He said the van left.", True),
        ("The van was driven by Jeff.", True),
        ("Victims A.B. and C.R. were seen.\nB. Landry said so.", True),
    ],
)
def test_fourteenth_set_abbreviations_outlines_and_places(text, refused):
    assert bool(privacy.scan(text)) is refused


@pytest.mark.parametrize(
    ("text", "refused"),
    [
        # what someone is called, with no quotes; two capitals doing what a person does
        ("the guy they call Peanut picks them up after school", True),
        ("YOUTH SEEN AT LOVES W/ A MALE CALLED DOOBIE, BACKUP PLS ACK", True),
        ("JT drove her to Baton Rouge twice per her statement", True),
        ("LJ keeps texting the youth from a new number every week.", True),
        ("left vm for Boutte re transport", True),
        ("we met the Landry twins at school", True),
        ("the Rusty boys said they saw her", True),
        # places, acronyms, shorthand and birth records' placeholders are no one
        ("when in doubt they call DCFS first", False),
        ("she calls Region 4 every week", False),
        ("DA said the case will go forward", False),
        ("CW drove her to the shelter", False),
        ("Region 6 MDT wants a joint review w/ Natchitoches after the festival", False),
        ("youth at the Greyhound in Shreveport w/ a ticket to Marshall TX", False),
        ("screened by ER nurse, possible - runaway hx, older bf, new phone", False),
        ("answers mostly unknown, youth shut down. rescreen tmrw at the CAC", False),
        ("the Faith leaders cohort from Ferriday + Vidalia finished", False),
    ],
)
def test_twenty_third_set_calling_names_and_shorthand(text, refused):
    assert bool(privacy.scan(text)) is refused


@pytest.mark.parametrize(
    "text",
    [
        "corner of Airline and Williams",
        "the bus stop on Tulane at Broad",
        "They meet at Chef Menteur and Downman every Friday.",
        "picked up at the corner by Canal and Claiborne",
        "LA plate 123 ABC on a silver Camry",
        "tag number ZRT 881",
        "Docket 2025-CR-0041 set for Dec.",
        "her phone is five oh four, 555, 0147",
        "DOB 3-14-09",
        "she turns 17 on the 9th",
        "IG: kayla.xo_",
        "snap is lil.tee22",
        "Case no. 24-JC-118 is set for adjudication.",
        "the protective order (PO# 2025-0417) expires in March",
        "juvenile petition 25-0923 filed in 15th JDC",
        "NOPD item G-21478-25",
        "incident # 25-118844 with JPSO",
        "CAD 250918-0042 logged the call",
        "her DOB is March 3rd, 2009",
        "born 3.14.2009",
        "d.o.b. 03142009",
        "she'll be 16 on Halloween",
        "her bday is next Tues",
        "turning 15 on the 4th of July",
        "call me at 504 555 0147 ext 12",
        "her cell (504)5550147",
        "text 504.555.0147 for rides",
        "cell: +1 504 555 0147",
        "plate # LA 123-ABC",
        "temp tag 85X2291 on a white Altima",
        "TX tag JKL9921",
        "Mississippi plate: MXR 4410",
        "her insta is @kaylaa.nola",
        "add her on snap: tee.baby504",
        "tiktok user lil_kay2009",
        "cashapp: $teebaby504",
        "the corner of St. Claude and Elysian Fields",
        "Tulane & Broad by the bus stop",
        "at the intersection of Airline Hwy and Williams Blvd",
        "she waits at Canal and Broad most nights",
        "stays in room 114 at the Red Carpet Inn",
        "lot 22 at the trailer park off Hwy 90",
        "SSN ends in 4421",
        "last four of her social 4421",
        "student ID 004412893",
        "LASID 1234567890",
        "Medicaid # 1234567890123",
        "A# 212 345 678",
        "passport no. 512345678",
        "VIN 1HGCM82633A004352",
    ],
)
def test_corners_plates_numbers_and_handles_as_a_class(text):
    assert privacy.scan(text)


@pytest.mark.parametrize(
    "text",
    [
        "The meeting will be 10 minutes on Monday.",
        "The report will be 12 pages next week.",
        "The next meeting is next Tues at the CAC.",
    ],
)
def test_times_and_lengths_are_no_birthdays(text):
    assert not privacy.scan(text)


def _refused_spans(text: str) -> list[str]:
    """What the guard refuses in `text`, as the words themselves."""
    return [text[f.start : f.end] for f in privacy.scan(text, today=TODAY)]


# Written as classes after the twenty-fourth and twenty-fifth sets (not their texts): an age
# in apposition, a word-name with her kin, a handle someone goes by, a gamer's tag, a room
# someone is kept in; and what is no one: an institution's head in lower case after a name,
# a vessel's name, a town of two words before its state. And after the twenty-sixth: a
# motel room a front desk reports, a plate after the make of the car it is on, a name in
# quotes after who calls someone so, a town-named person holding a duty, initials closing
# an item, a name in a form's order (SURNAME, Given); no one: a
# motel named in its town as what a note is about, a police unit, an organisation whose
# name opens with "Casa", a transcript's speaker labels, a thing asked for in capitals, a
# street and a verb after "and", a place named with "-area". And after the twenty-seventh:
# no one is called after "the", a word is no name before a role on the next line, agencies'
# acronyms typed in lower case, a count "12 of 20" after a label. And after the
# twenty-eighth: initials glued to a dash, who submitted or acknowledged; no one: a mosque,
# feasts, nationalities, a duty or an agency after "resolved by".
@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Tyler, age 17, told the nurse the man kept her phone.", "Tyler"),
        ("Hope and her older sister were moved to the shelter in Houma.", "Hope"),
        ("Payments went to a Venmo account called LilMoneyBayou318.", "LilMoneyBayou318"),
        ("On the game server he goes by bayoukid#0912 and asks for pictures.", "bayoukid#0912"),
        ("She plays as xXCajunQueenXx on Roblox and met the adult there.", "xXCajunQueenXx"),
        ("Jennings, a 16-year-old from Lafayette, was found at the truck stop.", "Jennings"),
        ("The two girls are still in cabin 4 at the fish camp.", "cabin 4"),
        ("The worker was kept in unit 12 behind the plant.", "unit 12"),
        ("Front desk says two girls have been in room 118 all week.", "room 118"),
        ("The tag on the Silverado was KXT552 per the clerk.", "KXT552"),
        ("She is staying at the Super 8 in Sulphur with the older man.", "Super 8 in Sulphur"),
        ("The Red Roof Inn off I-10 is where he keeps them.", "Red Roof Inn off I-10"),
        ("Located her this morning. Days Inn in Kenner.", "Days Inn in Kenner"),
        ("Everybody on the crew calls him “Tater” and he drives the van.", "Tater"),
        ("Hand-off 1900: Thibodaux has backup until 0700.", "Thibodaux"),
        ("Item 3 closed: cards delivered to all parishes. — JT", "JT"),
        ("survey closes friday, reminder sent. /mk", "mk"),
        ("Action item 2 done.\nInitials of reporter: RDW", "RDW"),
        ("The intake form reads BROUSSARD, Tiana in the name field.", "BROUSSARD, Tiana"),
        ("Interpreter booked for Thursday. —R.A.M.", "R.A.M."),
        ("bed confirmed at the shelter tonight. –kpl", "kpl"),
        ("Survey comment: the module was too long. — submitted by WJ", "WJ"),
        ("Alert acknowledged by Okonkwo at 02:10; youth safe.", "Okonkwo"),
        ("After the meeting, Alexandria told the worker she was scared.", "Alexandria"),
        ("The French-Lopez family moved to the Westbank.", "French-Lopez"),
        ("Pham took on-call from 1900; the youth is at the shelter.", "Pham"),
        ("Boo-Boo drives the van for the crew.", "Boo-Boo"),
        ("Called the tipster back; outreach Saturday. -- Trang, case manager", "Trang"),
        ("Intake done.\n- Kim Le, CM", "Kim Le"),
        ("col D has 'MARTINEZ-OROZCO, J' in rows 8, 9 and 40 where the age band goes", "J"),
        ("Row 31, col B (client ref): BOUDREAUX, KAYLEE M. — not imported", "KAYLEE"),
        ("CC-2025-011 | sex | confirmed | b. Aug 2009 | Rapides | open", "Aug 2009"),
        ("Col Landry signed the order; Col. F. Landry too.", "Landry"),
        ("Iris said the van came at night.", "Iris"),
        ("North and the girl left the Smith house together.", "Smith"),
    ],
)
def test_what_the_newest_sets_taught_as_classes_is_refused(text, value):
    spans = _refused_spans(text)
    assert any(value in span for span in spans), spans


@pytest.mark.parametrize(
    "text",
    [
        "The nurse at the C.E. Byrd clinic asked for the screening tool in Spanish.",
        "Presentations went to Bolton, Peabody and Jena high schools this spring.",
        "The case is called CC-2025-014 in the provider's upload; she called 911 at 10am.",
        "Houston, age 30 and over, is the group the survey reached least.",
        "The plan is called LaCHIP in the Medicaid handout.",
        "Deckhands on the trawler Miss Ruby are not paid until the season ends.",
        "The El Dorado, Arkansas police and the Lake Charles office met on Friday.",
        "The Silver Star truck stop casino asked for posters.",
        "She was found in room 12 of the library during the drill.",
        "Econo Lodge in Opelousas: the night clerk wants the hotline poster for the lobby.",
        "Super 8 in Houma, front office: the new manager wants the hotline poster.",
        "Special Crimes handled the warrant; the youth went to the shelter.",
        "The youth spent two nights at Casa Esperanza before the hearing.",
        "[Transcript] DISPATCH: What is your location? CALLER: The bus station.",
        "PT ASKED FOR BLANKETS AND A PHONE CHARGER.",
        "The van turned onto Florida Boulevard and sped off toward the interstate.",
        "The Monroe-area shelters and the Shreveport-based task force met on Tuesday.",
        "The Lafayette office has primary this weekend.",
        "Motion to adopt Robert's Rules of Order carried; meetings move to the Lamar-Dixon Expo Center.",
        "Attendance by month - Jan / Feb / Mar",
        "Schools report: 12 of 20 districts use the screening tool.",
        "The Chair will call the Port of Lake Charles about crew training.",
        "The survey closed Friday.\nThanks,\nthe Region 2 coordinator",
        "cac, dcfs, hsi, the ada and the school liaison attended.",
        "Reporter: a State Police trooper\nBiggest gap: no shared after-hours number.",
        "The parish School System and the counselor met on Tuesday.",
        "Minutes - DCFS will send the counts - TBD",
        "Country of origin - USA; moved from Beaumont - TX",
        "The file on the shelter CC-2025-014 is closed; case of the month: 12 referrals.",
        "Alert resolved by backup; acknowledged by JDSO at 0300.",
        "The Somali and Sudanese families met at Masjid Omar after Eid al-Adha.",
        "Ask for a Levantine or Egyptian Arabic interpreter; Telugu: none available.",
        "The Asian family services program joined by video.",
        "Counts by month are in the table -set",
        "Book the interpreter for the Vietnamese-speaking family and the Haitian-born workers.",
        "Sign-in by discipline (summit, Alexandria):\nlaw enforcement 18\nadvocacy 22",
        "Attendance at the MDT training, Eunice: 14 agencies.",
        "Alert acked by pager at 0300; resolved by call at 0320.",
        "The Destiny transitional housing programme in Monroe opens intake after Easter.",
        "Identify: the Grace and Faith shelters in Baton Rouge both report more walk-ins.",
        "Rota, North Delta: Tallulah and Oak Grove contacts rotate weekly.",
        "Training: Safe Harbor 101, Roll-Call Version",
        "Sent to the parish. — Intake, case manager",
        "Sent to the parish.\n— Houma, coordinator",
        "col F note: 'served' means at least one service contact; re col N: one band.",
        "HMA-24-33 ; sex ; confirmed ; 12-17 ; medical at Leonard J. Chabert",
        "ERROR row 9 parish 'St Tammany Parish, LA' not recognised; did you mean 'St. Tammany'?",
        "Project Destiny (Terrebonne) reported for the first time: 6 rows.",
        "a. Jan 2024 summit\nb. May 2024 training",
        "HOUMA, LAFAYETTE and BATON ROUGE offices met; REGION 4, B team.",
        "Rates were 0.1234, 0.5678 for the two quarters; template version 2.10.3, 4.5.",
        "The shift runs 6 - close; meeting moved - tuesday; ages 12 - 17; see you - hope",
        "Francine: contraflow starts at noon; Barry was mostly rain, Cristobal mostly surge.",
        "Houma parades (Hercules, Aphrodite, Cleopatra, Houmas) run back to back; Alla too.",
        "Shrimp & Petroleum Festival in Morgan City over Labor Day: cards in three languages.",
        "Wallet cards at the register with the manager's OK; one team by Alex Box.",
        "The old Earl K. Long hospital site is no longer a shelter option.",
    ],
)
def test_what_the_newest_sets_taught_to_keep_is_kept(text):
    assert not privacy.scan(text, today=TODAY), privacy.scan(text, today=TODAY)


# A town the postal service knows anywhere in the country is a place where someone is, goes
# or comes from ("in", "near", "moved to", "a runaway from"); "at" before a word says where,
# not whom. Not where a person is meant: "a text from Tyler", "talked to Austin", "confided
# in Jordan", "yelled at Tasha", "Tyler's apartment".
@pytest.mark.parametrize(
    "text",
    [
        "The shelter in Camden asked for the training.",
        "Deputies near Kilgore found the van.",
        "A runaway from Prichard was seen at the docks.",
        "The youth was moved to Florence for a bed.",
        "ELL tutoring at Delgado starts after the holidays.",
    ],
)
def test_a_town_where_someone_is_goes_or_comes_from_is_a_place(text):
    assert not privacy.scan(text, today=TODAY), privacy.scan(text, today=TODAY)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("She got a text from Tyler about the party.", "Tyler"),
        ("The advocate talked to Austin twice.", "Austin"),
        ("She confided in Jordan at school.", "Jordan"),
        ("She yelled at Tasha in the lobby.", "Tasha"),
        ("They stayed in Tyler's apartment.", "Tyler"),
    ],
)
def test_a_town_that_is_a_person_there_is_still_refused(text, name):
    spans = _refused_spans(text)
    assert any(name in span for span in spans), spans
