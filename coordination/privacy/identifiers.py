"""Identifying numbers: Social Security numbers, and (issue 16) the numbers a label names —
a driver's licence, passport, student, Medicaid or alien number, a plate, a VIN, a court
docket or a police report number."""

from __future__ import annotations

from collections.abc import Iterator

import re2

from .lexicons import word_set

Span = tuple[int, int]

# --- Social Security numbers ------------------------------------------------------------
_SSN = re2.compile(r"\b(?:\d{3}-\d{2}-\d{4}|\d{3}\.\d{2}\.\d{4}|\d{3}\s\d{2}\s\d{4}|\d{9})\b")


def ssns(text: str) -> Iterator[Span]:
    for match in _SSN.finditer(text):
        start, end = match.span()
        # "12-345-67-8901" or "123-45-6789-0" is some other code, not an SSN.
        if text[start - 1 : start] == "-" or text[end : end + 1] == "-":
            continue
        yield start, end


# --- numbers a label names ------------------------------------------------------------------
# What each label names; the label's own words are not part of the refused span.
LABELS = {
    "ssn": r"ssn|l4 ?ssn|l4|ss ?#|ss no|soc(?:ial)?(?: security)?(?: (?:number|no|#|card))?"
    r"|last (?:four|4)(?: (?:digits|numbers))?"
    r"(?: of (?:(?:her|his|the|their|my) )?(?:social|ssn))?",
    "drivers_license": r"dl ?#?|d/l|driver'?s? li[cs]en[cs]e|drivers li[cs]en[cs]e|licen[cs]e"
    r"|lic ?#?"
    r"|state id|id card|oln|dln|permit|licencia(?: de conducir)?|bằng lái|giấy phép lái xe",
    "passport": r"passport(?: card| book)?|pasaporte|visa|i-94|travel document|hộ chiếu"
    # Viet Nam's citizen identity card, with and without marks
    r"|cccd|cmnd|căn cước(?: công dân)?|can cuoc(?: cong dan)?|chứng minh(?: nhân dân| thư)?"
    r"|chung minh(?: nhan dan| thu)?"
    # Central America's and Mexico's identity documents: "su DPI es 2871 40392 1301"
    r"|dpi|dui|curp|ine|dni|c[eé]dula(?: de identidad)?|(?:tarjeta|documento) de identidad"
    r"|matr[ií]cula consular|credencial(?: de elector| para votar)?",
    "student_id": r"student id|student ?#|student (?:no|number)|stu id|school id|lasid|sis|cwid"
    r"|n[uú]mero de estudiante|carn[eé]t(?: estudiantil| escolar)?|mã số (?:học sinh|sinh viên)"
    r"|lunch (?:number|#|no|pin)|badge|id ?#|id no|id number|id:|[a-z]{2,10} id",
    "medicaid_id": r"medicaid(?: id| #| no| number)?|medicare|lachip|member ?#|member id"
    r"|member (?:no|number)|subscriber id|insurance (?:id|#|no|number)|policy ?#?"
    r"|group ?#|ccn|card ?#|card no|card number|tarjeta(?: de medicaid)?|thẻ bảo hiểm"
    r"|n[uú]mero de miembro|số thành viên|so thanh vien",
    "a_number": r"a-?number|a-?no|a ?#|alien ?#|alien (?:no|number|registration)|uscis ?#?"
    r"|n[uú]mero de extranjero|n[uú]mero de residente|n[uú]mero a"
    r"|receipt (?:no|number|#)|(?:mã )?số a|(?:ma )?so a",
    "plate": r"(?:license |licence |lic |temp |paper |dealer )?plates?"
    r"|(?:temp |paper |truck )?tags?|lp ?#?|reg(?:istration)?(?: #| no)?|placas?|matr[ií]cula"
    r"|biển số|bien so|bảng số|bang so|biển|tablilla|chapa|patente"  # "bảng số" in the South
    # typed without marks, only before a state ("bien" is Spanish for "well")
    r"|bien (?:texas|tx|louisiana|la|mississippi|ms|alabama|florida|arkansas)",
    "vin": r"vin ?#?(?: ending| ends in| last)?",
    "court_case": r"docket(?: no| #| number)?|case ?#|case no|case number|cause no|no\."
    r"|cinc(?: docket)?|fins(?: petition)?|indictment|(?:protective|restraining) order(?: no)?"
    r"|cdc ?(?:case|#)?|suit|matter(?: no)?|petition(?: no| #)?|warrant(?: no| #)?"
    r"|citation(?: no| #)?|summons(?: no| #)?|juvenile case|criminal case|civil case"
    r"|(?:juvenile |criminal |civil |family |district |city )?court case(?: #| no| number)?"
    # Spanish and Vietnamese: "la causa penal 2025-0871", "n.º 25-04417" (read as "n.o",
    # folded), "case so 561-208" (typed without marks), "vụ án số 12/2025"; not "el caso"
    # or "hồ sơ" alone, which name the referral's own case code as "case" does
    r"|po ?#|tro ?#|ro ?#"  # a protective or restraining order's number
    r"|caso (?:n[uú]mero|no|#)|causa(?: penal| civil)?|expediente|n\.[oº°]|n°|case so|case số"
    r"|(?:số )?vụ án(?: số)?|(?:so )?vu an(?: so)?|exp\.|(?:số )?vụ việc(?: số)?|so vu viec"
    r"|bản án(?: số)?|ban an(?: so)?",  # a judgment: "Bản án số 125/2024/HS-ST"
    "police_report": r"(?-i:[A-Z]{2,6}) case|item ?#?|item no|report(?: #| no| number)?|rpt ?#?"
    r"|incident(?: report)?"
    r"(?: #| no)?|ir|file(?: no| #)?|cybertip(?:line)?(?: report| #)?|tip ?#|tip no"
    r"|ncmec(?: case| #)?|intake ?#?|ojj case|complaint ?#?|complaint no|arrest ?#"
    r"|booking ?#?|booking no|cad ?#|event ?#|signal|case report|offense report|hsi case"
    r"|compla?i?nt ?#?"  # "SO complant # 2025-00471", typed in haste
    r"|fbi case|ice case|dr ?#|reporte(?: policial)?|informe policial|denuncia|biên bản"
    r"|số báo cáo|báo cáo|tường trình|tuong trinh|số hồ sơ|so ho so"
    r"|informe(?: de incidente)?|n[uú]mero de incidente|incidente"
    r"|n[uú]mero|acta|folio|querella|averiguaci[oó]n(?: previa)?"
    r"|carpeta(?: de investigaci[oó]n)?|orden de (?:protecci[oó]n|restricci[oó]n|alejamiento)"
    r"|mã hồ sơ|hồ sơ số|biên bản số|ma ho so|ho so so|citatorio|citaci[oó]n",
}
# A label ends at a word's end, or with its own "#" or "." ("A# 212-345-678", "No. 2025").
_LABEL = re2.compile(
    r"(?i)\b(?:"
    + "|".join(f"(?P<{kind}>{words})" for kind, words in LABELS.items())
    + r")(?:\b|[^\w]|$)"
)
# What may stand between a label and its number: "#", "no.", "is", a state, a country.
_FILLER = re2.compile(
    r"(?i)^(?:[\s#:.,()=-]"
    # the vehicle it is on, by its make (first, or "on" alone is taken): "tag on the Camaro was"
    r"|\b(?:on|of)\s+(?:the|her|his|their|a)\s+(?-i:[A-Z][A-Za-z-]{1,14})\b"
    r"|\b(?:no|num|number|nbr|is|was|of|ending|ends|in|on|the|file"
    r"|off|as|la|tx|ms|al|ar|fl|ga|louisiana|texas|mississippi|florida|arkansas|alabama"
    r"|georgia|us|mexican[ao]?|honduran|suspect|her|his|their|es|su|de|del|numero|em"
    r"|cua|e|so|than chu"  # typed without marks: "CCCD cua e: 083 204 015 692" (của em, số)
    # whose, in Vietnamese: "Số A của bác ấy: 208 555 014"
    r"|bac|chu|co|anh|chi|ay|no|ong|ba|chau"
    r"|luisiana|tejas|misisipi|xe|honduras|guatemala|salvador|el salvador|nicaragua|m[eé]xico"
    r"|guatemaltec[ao]s?|hondure[nñ][ao]s?|salvadore[nñ][ao]s?|texan[ao]s?|son|eran|era"
    r"|venezolan[ao]|colombian[ao]|dominican[ao]|cuban[ao]|peruan[ao]|ecuatorian[ao]"
    r"|puertorrique[nñ][ao]"
    r"|temporal(?:es)?|de papel|california|tamaulipas|nuevo le[oó]n|chihuahua|coahuila|jalisco"
    # the vehicle it is on: "the tag on the van: Louisiana BRX 481"
    r"|van|truck|car|suv|vehicle|troca|camioneta|carro|microb[uú]s|bus|veh[ií]culo|guagua|coche"
    # whose it is: "tarjeta de Medicaid de la menor, número …" (not "INTAKE: YOUTH IS 130
    # LBS", a weight)
    r"|menor|joven|nina|niña|nino|niño|muchacha|muchacho|victima|víctima|cliente|client"
    r"|señora|senora|señor|senor|trabajadora|trabajador|persona"
    r"|reclutador|reclutadora|due[nñ]o|patr[oó]n|contratista|recruiter|owner|boss"
    # who wrote it: "reporte de la policía de Kenner: 2025-0031764"
    r"|policia|policía|sheriff|alguacil|police)\b"
    # a place or an agency before it: "Harbor Patrol: B-1845", "placas de Tamaulipas, XKR-418"
    r"|(?-i:\b[A-Z][a-z]+(?: [A-Z][a-z]+)?)\s*[:,]\s*"
    r"|\b(?:número|là|của|số)\s"  # RE2's \b is ASCII: these end with a space
    r"|(?:bác|chú|cô|chị|ấy|nó|ông|bà|cháu|thân chủ)[\s:]"  # and these begin after one
    # the agency that wrote it, then "is": "report of NOPD is G-218", "của NOPD là G-218"
    r"|(?-i:\b(?:NOPD|JPSO|OPSO|LPSO|EBRSO|CPSO|BRPD|SPD|LSP|DCFS|OJJ|HSI|FBI|ICE|CBP|NCMEC|DOL"
    r"|LWC))(?:\s+(?:is|was|es|là|số|so)\s|\s*:\s*))+"
)
# "intake, Caddo, 13-15": a place and a comma before digits alone (an age band).
_PLACE_AND_COMMA = re2.compile(r"[A-Z][a-z]+\s*,")
# A full stop after a word, then a new sentence's word ("intake. Age band"), not "No. A-12".
_A_SENTENCE_ENDS = re2.compile(r"[a-z]{3}\.\s+[A-Z][a-z]")
# The number itself: groups of letters and digits joined by single dashes or spaces.
# (Or letters, maybe digits, then groups after slashes: "MP001/2025/38817",
# "FED/TAB/0045/2025", not a date.)
_NUMBER = re2.compile(
    r"^(?:[A-Za-z]{1,6}\d{0,8}(?:/[A-Za-z0-9]{1,10}){1,4}"
    r"|\d{3,8}(?:/[A-Za-z0-9-]{1,10}){1,4}"  # a judgment's: "125/2024/HS-ST"
    r"|\d{1,2}/(?:19|20)\d\d/[A-Za-z][A-Za-z-]{1,10}"  # "88/2023/HS-PT", not a date
    r"|[A-Za-z0-9]+(?:[ -][A-Za-z0-9]+|\.\d{3}\b){0,5})"  # "V-24.871.356", a cédula
)
_YEAR = re2.compile(r"(?:19|20)\d\d")
# Words that begin a phrase, not a number ("report for Oct 2024", "file on the 3rd").
_NOT_A_NUMBER = frozenset(("for", "and", "the", "to", "at", "by", "from", "with", "a", "an"))
_NOT_A_NUMBER |= frozenset(("rcvd", "recd", "received"))  # "INTAKE - rcvd 0915": a time
# ... and in Spanish: "el caso de los 2025 trabajadores"
_NOT_A_NUMBER |= frozenset(("los", "las", "el", "la", "de", "del", "un", "una", "en", "y", "con"))
_WINDOW = 48
_MONTHS = word_set("jan feb mar apr may jun jul aug sep oct nov dec")


def _number_after(text: str, position: int, years_too: bool = False) -> Span | None:
    """The number that follows a label, within a short window: its groups of letters
    and digits up to the last one holding a digit (letters first are part of it: "FE
    447123", "xkt 552"; a plate's letters after it too: "274 GMP")."""
    window = text[position : position + _WINDOW]
    filler = _FILLER.search(window)
    skip = filler.end() if filler else 0
    match = _NUMBER.search(window[skip:])
    if match is None:
        return None
    written = match.group()
    groups = written.replace("-", " ").split(" ")[:5]
    with_digits = [index for index, group in enumerate(groups) if any(c.isdigit() for c in group)]
    for index in range(with_digits[0] + 1 if with_digits else len(groups), len(groups)):
        group = groups[index]
        worded = group.islower() and len(group) > 2 and not _vowelless(group)
        if group.isalpha() and (worded or group in _NOT_A_NUMBER):
            # a word, not a group of the number: "el caso 2025 hubo 3 referidos"
            groups = groups[:index]
            with_digits = [at for at in with_digits if at < index]
            break
    leading = groups[: with_digits[0]] if with_digits else groups
    if not with_digits or groups[with_digits[0] + 1 : with_digits[0] + 2] == ["of"]:
        return None  # no digits, or a count: "report: 23 of 31 districts"
    # Letters joined to the digits by a dash are the number's ("A-12345-24"); after a
    # space they may be a word ("report for Oct 2024", "file a 2nd time").
    joined = written.startswith(f"{groups[0]}-") and len(leading) == 1
    if not joined and any(len(g) > 4 or g.lower() in _NOT_A_NUMBER for g in leading):
        return None
    if (
        not years_too
        and all(_YEAR.fullmatch(groups[index]) for index in with_digits)
        and all(group.lower()[:3] in _MONTHS for group in leading)
    ):
        return None  # "report for Oct–Dec 2024": a year (not "LA AAA-1900", a plate)
    kept = with_digits[-1] + 1
    after = groups[kept] if kept < len(groups) else ""
    plates = len(after) == 3 and after.islower() and _vowelless(after)  # "placa 218 ckp"
    if after.isalpha() and (after.isupper() or plates) and len(after) <= 4:
        kept += 1
    start = position + skip + match.start()
    return start, start + len(_first_groups(written, kept))


def _vowelless(group: str) -> bool:
    """A plate's letters typed in lower case have no vowel ("218 ckp"); words have one."""
    return not any(vowel in group for vowel in "aeiouy")


def _first_groups(written: str, groups: int) -> str:
    """The first `groups` groups of `written`, as written (with their dashes)."""
    seen = 0
    for index, character in enumerate(written):
        if character in " -":
            seen += 1
            if seen == groups:
                return written[:index]
    return written


def labelled_numbers(text: str) -> Iterator[tuple[Span, str]]:
    """Numbers after a label that says whose they are: (span, kind)."""
    for label in _LABEL.finditer(text):
        kind = next(name for name, value in label.groupdict().items() if value is not None)
        # An SSN's last four may look like a year ("SSN last four 2000"); nothing else's.
        span = _number_after(text, label.end(), years_too=kind == "ssn")
        if span is None:
            continue
        number = text[span[0] : span[1]]
        digits = sum(c.isdigit() for c in number)
        letters = sum(c.isalpha() for c in number)
        if not letters and _PLACE_AND_COMMA.search(text[label.end() : span[0]]):
            continue  # "intake, Caddo, 13-15": an age band after a place, not the intake's
        if _A_SENTENCE_ENDS.search(text[label.start() : span[0] + 2]):
            continue  # "juvenile intake. Age band 15-17": the label ended its sentence
        if _YEAR.fullmatch(number) and kind != "ssn":
            continue  # "report 2024", "file 2025": a year
        if kind == "plate":
            if digits >= 2 and (letters or digits >= 5) or digits >= 6:
                yield span, kind
        elif kind == "ssn" or kind == "vin":
            if digits >= 4:
                yield span, kind
        elif digits >= 4 or (digits >= 3 and letters and kind in ("court_case", "police_report")):
            yield span, kind


# Numbers recognisable by their shape alone.
_VIN = re2.compile(r"\b[A-HJ-NPR-Za-hj-npr-z0-9]{17}\b")
_COURT = re2.compile(
    r"\b\d{2,4}-[A-Za-z]{1,4}-\d{2,6}\b"  # 2024-CR-01234, 23-J-456, 2025-jc-00912
    r"|\b\d:\d{2}-[A-Za-z]{2}-\d{3,6}\b"  # 2:24-cr-00117 (federal)
    r"|\bCR\s?\d{2,4}-\d{2,6}\b"
)
# A plate after its state: "BOLO BLK TAHOE LA XGP 631", "TX plate-less … TX 7KD 2291".
_STATE_PLATE = re2.compile(
    r"\b(?:LA|TX|MS|AR|AL|FL|GA|OK|TN)\s+([A-Z]{3}\s?\d{3,4}|\d{3}\s?[A-Z]{3}|\d[A-Z]{2,3}\s?\d{4})\b"
)
# In any case after its word: "tag was la 915 bxm", "plate la abc 1234".
_LABELLED_STATE_PLATE = re2.compile(
    r"(?i)\b(?:tags?|plates?|lp)\b[^.\n]{0,16}?\b(?:la|tx|ms|ar|al|fl|ga|ok|tn)\s+"
    r"([a-z]{3}[\s-]?\d{3,4}|\d{3}[\s-]?[a-z]{3}|\d[a-z]{2,3}[\s-]?\d{4})\b"
)
# Driver's licences in their states' shapes: Florida's "H123-456-78-901-0", Illinois's
# and Wisconsin's "D123-4567-8901".
_LICENCE = re2.compile(r"\b[A-Za-z]\d{3}-\d{3}-\d{2}-\d{3}-\d\b|\b[A-Za-z]\d{3}-\d{4}-\d{4}\b")
_A_NUMBER = re2.compile(r"(?i)\bA[- ]?\d{3}[- ]?\d{3}[- ]?\d{3}\b|\bA\d{8,9}\b")


# A VIN written in groups: 1N4AL-3AP8J-C231447, 1HD1-KEM1-9JB-621775.
_VIN_GROUPS = re2.compile(r"\b[A-HJ-NPR-Z0-9]{2,9}(?:[- ][A-HJ-NPR-Z0-9]{2,9}){1,4}\b")
# An ID of a few capitals and six digits or more: C00456721, F472119, LA7734912.
_LETTERED_ID = re2.compile(r"\b[A-Z]{1,3}\d{6,10}\b")
# Eleven digits or more in one run, with no label: a card's or a member's number
# ("número 1150449870316"); a phone has ten, and counts and sums are shorter.
_LONG_NUMBER = re2.compile(r"\b\d{11,24}\b")


def _inside_a_longer_code(text: str, start: int, end: int) -> bool:
    """15POVC-23-GG-00412 (a grant award) holds 23-GG-00412, which is not a docket."""
    before = text[start - 1 : start]
    after = text[end : end + 1]
    return bool(before and (before.isalnum() or before == "-")) or after == "-"


def shaped_numbers(text: str) -> Iterator[tuple[Span, str]]:
    for match in _VIN.finditer(text):
        vin = match.group()
        if sum(c.isdigit() for c in vin) >= 4 and sum(c.isalpha() for c in vin) >= 2:
            yield match.span(), "vin"
    for match in _VIN_GROUPS.finditer(text):
        vin = match.group().replace("-", "").replace(" ", "")
        if (
            len(vin) == 17
            and sum(c.isdigit() for c in vin) >= 4
            and sum(c.isalpha() for c in vin) >= 2
        ):
            yield match.span(), "vin"
    for match in _COURT.finditer(text):
        if not _inside_a_longer_code(text, *match.span()):
            yield match.span(), "court_case"
    for match in _A_NUMBER.finditer(text):
        yield match.span(), "a_number"
    for match in _LICENCE.finditer(text):
        yield match.span(), "drivers_license"
    for pattern in (_STATE_PLATE, _LABELLED_STATE_PLATE):
        for match in pattern.finditer(text):
            yield match.span(1), "plate"
    for pattern in (_LETTERED_ID, _LONG_NUMBER):
        for match in pattern.finditer(text):
            if not _inside_a_longer_code(text, *match.span()):
                yield match.span(), "id_number"
