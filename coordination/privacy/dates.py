"""Dates in free text, and the ones that are dates of birth: a full date next to a birth
word or more than 18 months back, and a partial one (a month and day, a month and year, a
holiday) after a birth word ("bday 3/14", "born in May 2009", "turns 16 on April 2").
RE2 patterns find the candidates; bounded windows decide."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

import re2

Span = tuple[int, int]

# --- dates, and the ones that are birth dates -------------------------------------------
_MONTH_NAMES = [
    ("jan", "january"),
    ("feb", "february"),
    ("mar", "march"),
    ("apr", "april"),
    ("may",),
    ("jun", "june"),
    ("jul", "july"),
    ("aug", "august"),
    ("sep", "sept", "september"),
    ("oct", "october"),
    ("nov", "november"),
    ("dec", "december"),
]
MONTHS = {name: number for number, names in enumerate(_MONTH_NAMES, 1) for name in names}
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
# Numeric dates with one separator used twice (3/4/2010, 2010-03-04, 3.4.10): RE2 has no
# back-references, so each separator is its own alternative.
_NUMERIC_DATE = re2.compile(
    r"\d{1,4}/\d{1,2}/\d{1,4}|\d{1,4}-\d{1,2}-\d{1,4}|\d{1,4}\.\d{1,2}\.\d{1,4}"
)
_NAMED_DATES = [
    # March 4, 2010 · Mar. 4th 2010
    (re2.compile(rf"(?i)\b({_MONTH})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b"), "Mdy"),
    # 4 March 2010 · 4th of March, 2010
    (
        re2.compile(
            rf"(?i)\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH})\.?,?\s+(\d{{4}})\b"
        ),
        "dMy",
    ),
]
_DATE_NEIGHBOURS = "0123456789/.-"


def _year(digits: str, today: datetime.date) -> int:
    year = int(digits)
    if len(digits) == 2:
        year += 2000 if year <= today.year % 100 else 1900
    return year


def _numeric_date(written: str, today: datetime.date) -> datetime.date | None:
    separator = next(character for character in written if character in "/.-")
    parts = written.split(separator)
    lengths = [len(part) for part in parts]
    if lengths[0] <= 2 and lengths[1] <= 2 and lengths[2] in (2, 4):
        year = _year(parts[2], today)
        # Month first, as in the US; else day first, as Spanish and Vietnamese write it
        # ("f. n. 14-02-2008", "sinh ngày 14/02/2008").
        for month, day in ((parts[0], parts[1]), (parts[1], parts[0])):
            try:
                return datetime.date(year, int(month), int(day))
            except ValueError:  # not a calendar date this way round
                continue
        return None
    if lengths[0] == 4 and lengths[2] <= 2:
        try:
            return datetime.date(int(parts[0]), int(parts[1]), int(parts[2]))
        except ValueError:
            return None
    return None


def dates(text: str, today: datetime.date) -> Iterator[tuple[Span, datetime.date]]:
    """Every full calendar date written in `text`, with where it is."""
    for match in _NUMERIC_DATE.finditer(text):
        start, end = match.span()
        if text[start - 1 : start] and text[start - 1] in _DATE_NEIGHBOURS:
            continue
        # A full stop after is the sentence's end ("ngày sinh 03-11-2006."), unless a
        # digit follows it (part of a longer number: "3.4.10.5").
        after = text[end : end + 2]
        if after[:1] and after[0] in _DATE_NEIGHBOURS and (after[0] != "." or after[1:].isdigit()):
            continue
        date = _numeric_date(match.group(), today)
        if date is not None:
            yield (start, end), date
    for pattern, order in _NAMED_DATES:
        for match in pattern.finditer(text):
            groups = match.groups()
            try:
                if order == "Mdy":
                    date = datetime.date(int(groups[2]), MONTHS[groups[0].lower()], int(groups[1]))
                else:
                    date = datetime.date(int(groups[2]), MONTHS[groups[1].lower()], int(groups[0]))
            except ValueError:
                continue
            yield match.span(), date


_BIRTH_WORDS = re2.compile(
    r"(?i)\b(?:born|birth\w*|dob|d\.o\.b|b[- ]?day|bday|naci[oó]|nacid[oa]|nacimiento|"
    r"cumplea[nñ]os|năm sinh|nam sinh|sinh ngay|ngay sinh)\b|sinh ngày|sinh nhật|ngày sinh"
)
# A full date this long ago is taken for a birth date even without a birth word: case
# notes speak of events of the last few years (intake, meetings, a case's history),
# people's birth dates lie further back.
RECENT = datetime.timedelta(days=365 * 6)


def birth_dates(text: str, today: datetime.date) -> Iterator[Span]:
    for (start, end), date in dates(text, today):
        if date > today or date < today - datetime.timedelta(days=365 * 120):
            continue
        window = text[max(0, start - 40) : end + 20]
        if date < today - RECENT or _BIRTH_WORDS.search(window):
            yield start, end


# --- partial dates of birth -----------------------------------------------------------------
# A birth word, then within a few words a month and day, a month and year, or a holiday:
# "bday 3/14", "birthday is the 21st of September", "born in May 2009", "DOB 06/2008",
# "turns 16 on April 2", "her 15th birthday on Oct 30", "her birthday was Christmas Eve".
_BIRTH_CUE = re2.compile(
    r"(?i)\b(?:born|birthday|birth ?date|birth certificate|birth month(?:/yr)?|b-?day|bday|"
    r"dob|d\.o\.b\.?|"
    r"date of birth|turn(?:s|ed|ing)? \d{1,2}|(?:'ll|will) be \d{1,2}|"
    r"\d{1,2}(?:st|nd|rd|th) birthday|sweet (?:16|sixteen)|"
    r"quince(?:añera|anera)?|nacid[oa]|fecha de nacimiento|cumpleaños|cumpleanos|"
    r"cumple(?:n|rá|ra)? (?:los )?\d{1,2}(?: años| anos)?|"  # "cumple 16 el 12 de diciembre"
    r"cumple|nacio|f\. ?n\.?|fecha de nac\.?|acta de nacimiento)\b|nació|sinh ngày|sinh nhật"
    r"|ngày sinh"  # RE2's \b is ASCII
    r"|[|,;]\s*(?-i:b\.)"  # born, in a table's cell or a list: "| b. Aug 2009 |"
    r"|(?-i:\bns:)"  # ngày sinh, in lower case ("NS:" in English is a no-show)
    # "em sinh tháng 3 năm 2009": a person, then born (not "học sinh", a student)
    r"|\b(?:em|bé|cháu|nó|tôi|chị|anh|cô|con|được|là) sinh\b"
    # typed on a phone without marks: "e sinh thang 2 nam 2010", "ngay sinh 3/4"
    r"|\b(?:(?:e|em|be|chau|no|toi|chi|co|con|duoc|la) sinh|sinh ngay|ngay sinh|sinh nhat)\b"
    # "16 tuổi, sinh tháng 3", "sẽ tròn 16 tuổi vào thứ Bảy tuần sau"
    r"|tuổi,? sinh|tròn \d{1,2} tuổi|\btron \d{1,2} tuoi\b"
    # "vừa đủ 17 tuổi hôm Chủ nhật", and "sn" typed short for sinh nhật: "sn của e là 12/5"
    r"|đủ \d{1,2} tuổi|\bdu \d{1,2} tuoi\b|(?-i:\bsn\b)"
    r"|sinh ra (?:ngày|vào|năm)|\bsinh ra (?:ngay|vao|nam)\b"  # not "học sinh ra về"
)
_SPANISH_MONTH = (
    "enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|"
    "noviembre|diciembre"
)
# A day said in words: "nació el veintitrés de febrero", "born on the twenty-third of May".
_SPANISH_DAY = (
    "primero|uno|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|once|doce|trece|catorce|"
    "quince|diecis[eé]is|diecisiete|dieciocho|diecinueve|veinte|veinti[uú]n|veintiuno|"
    "veintid[oó]s|veintitr[eé]s|veinticuatro|veinticinco|veintis[eé]is|veintisiete|"
    "veintiocho|veintinueve|treinta(?: y uno)?"
)
_ENGLISH_DAY = (
    "first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|"
    "thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|"
    "(?:twenty|thirty)[- ](?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|thirtieth"
)
_PARTIAL_DATE = re2.compile(
    rf"(?i)\b(?:\d{{1,2}}/\d{{1,2}}(?:/\d{{2,4}})?|\d{{1,2}}[/-]\d{{4}}"
    rf"|(?:{_MONTH})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?"
    rf"|(?:the\s+)?\d{{1,2}}(?:st|nd|rd|th)?\s+of\s+(?:{_MONTH})"
    rf"|(?:{_MONTH})\.?\s+(?:of\s+)?\d{{4}}"  # "May 2009", "February of 2011"
    r"|christmas(?: eve| day)?|new year'?s(?: eve| day)?|valentine'?s day|halloween"
    r"|july 4th|fourth of july|thanksgiving|easter"
    r"|the \d{1,2}(?:st|nd|rd|th)"  # "turns 17 on the 22nd"
    r"|(?:last|next|this) (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    r"|mon|tues?|weds?|thu|thurs?|fri|sat|sun)"
    r"|(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])(?:19|20)\d\d"  # "d.o.b. 03142009"
    # "she turns 16 next week", "birthday tomorrow": the day within a week (not "next
    # month": the month alone is as the year, HIPAA's safe harbor aside)
    r"|today|tonight|tomorrow|yesterday|(?:last|next|this) week(?:end)?"
    # the same in Vietnamese and Spanish: "thứ Bảy tuần sau", "ngày mai", "el sábado que viene"
    r"|(?:thứ \pL+|chủ nhật) tuần (?:sau|này|tới)|tuần (?:sau|này|tới)|ngày mai|hôm nay"
    r"|(?:thu \pL+|chu nhat) tuan (?:sau|nay|toi)|tuan (?:sau|nay|toi)|ngay mai|hom nay"
    # and a day just past: "hôm Chủ nhật vừa rồi", "thứ Ba tuần trước"
    r"|(?:hôm )?(?:thứ \pL+|chủ nhật) (?:vừa rồi|vừa qua|tuần trước)|hôm qua"
    r"|(?:hom )?(?:thu \pL+|chu nhat) (?:vua roi|vua qua|tuan truoc)|hom qua"
    r"|(?:la )?(?:pr[oó]xima semana|semana que viene)|mañana|manana"
    r"|(?:el )?(?:lunes|martes|mi[eé]rcoles|jueves|viernes|s[aá]bado|domingo)"
    r"(?: que viene| pr[oó]ximo| proximo)"
    r"|(?:este|esta|el pr[oó]ximo) (?:lunes|martes|mi[eé]rcoles|jueves|viernes|s[aá]bado|domingo)"
    r"|\d{1,2}\s?[A-Za-z]{3}\s?\d{2,4}"  # military: 14MAR2009
    r"|\d{1,2} de [a-z]+(?: de \d{4})?"  # Spanish: 5 de mayo de 2010
    rf"|(?:{_SPANISH_DAY}) de (?:{_SPANISH_MONTH})"  # "el veintitrés de febrero"
    rf"|(?:the )?(?:{_ENGLISH_DAY}) of (?:{_MONTH})|(?:{_MONTH}) (?:the )?(?:{_ENGLISH_DAY})"
    # the lunar year's first and last months, its days ("mùng 5 tháng Giêng")
    r"|\d{1,2} tháng (?:giêng|chạp)|\d{1,2} thang (?:gieng|chap)"
    r"|(?:mùng|mồng|mung|mong) \d{1,2} (?:tháng|thang) (?:\d{1,2}|giêng|chạp|gieng|chap)"
    r"|\d{1,2} tháng \d{1,2}(?: năm \d{4})?"  # Vietnamese: 14 tháng 3 (năm 2010)
    r"|tháng \d{1,2} năm \d{4}"  # tháng 3 năm 2009
    r"|(?:\d{1,2} )?thang \d{1,2}(?: nam \d{4})?"  # typed without marks
    rf"|(?:{_SPANISH_MONTH}) (?:del? )?\d{{4}})\b"  # octubre del 2008
)
_BETWEEN = re2.compile(
    r"(?i)^[\s,:.\-]*(?:(?:is|was|on|in|of|the|her|his|be|el|es|en|fue|coming|up|años|anos|"
    r"says|said|shows|dice|dec[ií]a|pone|ghi|un|una|"
    r"của|em|là|ngày|vào|bé|cháu|cua|la|ngay|vao|e|tại|tai|nó|no|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|ấy|ay|sẽ|se|su|ella|él),?\s+){0,5}$"
)
_CUE_REACH = 32


# What "cumple" años and no one: "el programa cumple 10 años el 5 de mayo".
_AN_ORGANISATION_BEFORE = re2.compile(
    r"(?i)\b(?:programa|proyecto|albergue|centro|organizaci[oó]n|coalici[oó]n|grupo|red|mdt|"
    r"cl[ií]nica|iglesia|escuela|oficina|equipo|alianza|festival|comit[eé])\s+(?:\w+\s+){0,2}$"
)


# Before a cue, the date with at most its subject between: "El 15 de enero cumple 16 años",
# "On March 3 she turns 16", "Ngày 12/8 em tròn 16 tuổi".
_BETWEEN_BEFORE = re2.compile(
    r"(?i)^[\s,]*(?:(?:she|he|they|the youth|ella|él|el joven|la joven|la menor|em|bé|nó|will"
    r"|sẽ|se|va a|là|is|es)\s+){0,2}$"
)


def _a_date_before(text: str, cue) -> Span | None:
    window_start = max(0, cue.start() - _CUE_REACH)
    window = text[window_start : cue.start()]
    last = None
    for date in _PARTIAL_DATE.finditer(window):
        last = date
    if last is not None and _BETWEEN_BEFORE.fullmatch(window[last.end() :]):
        return window_start + last.start(), window_start + last.end()
    return None


def partial_birth_dates(text: str) -> Iterator[Span]:
    for cue in _BIRTH_CUE.finditer(text):
        before = _a_date_before(text, cue)
        if before:
            yield before
        if cue.group().lower().startswith("cumple") and _AN_ORGANISATION_BEFORE.search(
            text[max(0, cue.start() - 40) : cue.start()]
        ):
            continue
        window = text[cue.end() : cue.end() + _CUE_REACH]
        date = _PARTIAL_DATE.search(window)
        if date and _BETWEEN.fullmatch(window[: date.start()]):
            yield cue.end() + date.start(), cue.end() + date.end()


# --- a year of birth alone --------------------------------------------------------------
# "năm sinh 2009", "sn 2009" (typed short), "year of birth: 2008", "born in 2009", "DOB
# 2007": the contract counts a partial date of birth, and a year said to be someone's birth
# year is one. A range ("born in 2005-2008", "sinh năm 2006 đến 2008") counts people, not
# one person.
_BIRTH_YEAR = re2.compile(
    r"(?i)(?:\b(?:nam sinh|sinh nam|sn|ns|year of birth|birth ?year|born in|dob|d\.o\.b\.?|"
    r"nacio en|nacid[oa] en|año de nacimiento|ano de nacimiento)|năm sinh|sinh năm|nació en)"
    r"[\s:]{0,3}((?:19|20)\d\d)\b"
)
# A few words between, then "là" or "is": "Năm sinh ghi trên thẻ là 2006" (read in two
# steps: one pattern for both outgrew RE2's DFA memory).
_BIRTH_YEAR_LABEL = re2.compile(r"(?i)năm sinh|\bnam sinh\b|\byear of birth\b|\bbirth ?year\b")
_SAID_TO_BE = re2.compile(r"(?i)^(?:\s+\S{1,8}){1,4}\s+(?:là|la|is|was|es|:)\s*((?:19|20)\d\d)\b")
_A_RANGE = re2.compile(r"(?i)^\s{0,2}(?:-|–|to|or|and|y|o|đến|den|tới|toi)\s{0,2}\d")


# What is "born in" a year and no one: "The coalition was born in 2009".
_FOUNDED = re2.compile(
    r"(?i)\b(?:coalition|program|programme|project|initiative|task force|agency|center|"
    r"centre|shelter|organi[sz]ation|mdt|team|network|alliance|partnership|office|clinic|"
    r"church|school|idea|law|festival|group)\s+(?:\w+\s+)?(?:was|were)\s+$"
)


def birth_years(text: str) -> Iterator[Span]:
    for match in _BIRTH_YEAR.finditer(text):
        if _A_RANGE.match(text[match.end() : match.end() + 8]):
            continue
        said = match.group().lower()
        if said.startswith("born") and _FOUNDED.search(
            text[max(0, match.start() - 40) : match.start()]
        ):
            continue
        yield match.span(1)
    for label in _BIRTH_YEAR_LABEL.finditer(text):
        said = _SAID_TO_BE.match(text[label.end() : label.end() + 48])
        if said:
            yield label.end() + said.start(1), label.end() + said.end(1)
