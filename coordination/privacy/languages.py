"""Free text in Spanish or Vietnamese.

The name rules know English: which words are plain words (never a name) comes from the
English model's word tables. In a Spanish or Vietnamese note, "La", "Una", "Gia" or
"An toàn" would read as names. So the guard first tells which language a text is in
(`language_of`: Vietnamese by its letters, Spanish by its small words), and for a Spanish
or Vietnamese text it also counts as plain words the common words of that language, from
wordfreq's frequency lists (an installed package's data, CC BY-SA 4.0; never a download):
the most common `ALWAYS_PLAIN` words of each list unless they are given names common in
the US ("kevin", "maria"), and the rest of the `COMMON` most common words unless a name
list holds them ("rosa", "cruz" stay possible names). The English model is not run on
such a text: it reads Spanish and Vietnamese words as names. Cues in those languages ("se
llama", "tên là", "doña", "chị") are among the rules' own (`name_words`)."""

from __future__ import annotations

import functools
import gzip
import unicodedata
from pathlib import Path

import srsly

from .lexicons import GIVEN_TO_MANY, fold, package_folder, word_set

COMMON = {"es": 20_000, "vi": 3_000}
# Nearly every Vietnamese syllable is also a name's: its common words are all plain there,
# and its names are found by their shape ("Nguyễn Thị Hoa"), a title ("chị Thu") or a
# cue ("tên là"); Spanish keeps the names its lists know ("Rosa", "Cruz") possible.
ALWAYS_PLAIN = {"es": 1_000, "vi": 3_000}

# Letters that Vietnamese writes and Spanish, French and English do not.
_VIETNAMESE_LETTERS = frozenset(
    "ăâđêôơưạảãấầẩẫậắằẳẵặẹẻẽếềểễệỉĩịọỏốồổỗộớờởỡợụủũứừửữựỳỵỷỹ"
    "ĂÂĐÊÔƠƯẠẢÃẤẦẨẪẬẮẰẲẴẶẸẺẼẾỀỂỄỆỈĨỊỌỎỐỒỔỖỘỚỜỞỠỢỤỦŨỨỪỬỮỰỲỴỶỸ"
)
# Small words that are Spanish and not English (folded).
SPANISH_SMALL_WORDS = word_set(
    "de la que el los las por con una para su del al como pero sus esta este fue muy "
    "tiene porque donde cuando ella ellos ellas le les se lo y en es esta estaba dijo "
    "tambien hay sin sobre entre hasta desde durante despues antes cada otra otro "
    "nos mi mis tu usted ustedes ya mas menos aqui alli eso esto esa ese fueron son "
    "tienen hace hizo dice quiere puede anos meses semana dia dias madre padre hija hijo "
    "joven menor persona trabajo casa "
    # what a phone's Spanish calls people and things, never a name: "mija ya comiste?"
    "mija mijo mijita mijito jale raite nel sean"
)
# Common Vietnamese words written without their marks, as typed on a phone (folded).
_VIETNAMESE_PLAIN = word_set(
    "va co cua duoc mot cac khong trong cho nguoi nay voi da de nhung den khi lam se tu "
    "ra ho tai ve vao cung bi ay noi rang nhu thi ma con nha viec sau truoc di gap "
    "chung toi ban em chau cha me"
)


def language_of(words: list[str]) -> str:
    """ "vi", "es" or "en" for the words of a text (as typed)."""
    # NFC: a keyboard may send "ũ" as "u" and a combining tilde
    letters = [unicodedata.normalize("NFC", w) for w in words if any(c.isalpha() for c in w)]
    if not letters:
        return "en"
    folded = [fold(w) for w in letters]
    english = sum(1 for w in folded if w in _ENGLISH_WORDS)
    # A Vietnamese name in an English note ("Lê Thị Hồng declined to return…") leaves
    # the note English: its small words outnumber.
    marked = sum(1 for w in letters if any(c in _VIETNAMESE_LETTERS for c in w))
    if marked >= 2 and marked * 6 >= len(letters) and marked > 2 * english:
        return "vi"
    spanish = sum(1 for w in folded if w in SPANISH_SMALL_WORDS)
    if spanish:  # a Spanish small word at least: its common words count too
        only_spanish = _common_there_rare_in_english("es")
        spanish += sum(1 for w in folded if w in only_spanish and w not in SPANISH_SMALL_WORDS)
    vietnamese = sum(1 for w in folded if w in _VIETNAMESE_PLAIN)
    if vietnamese >= 3 and vietnamese > spanish and vietnamese > 2 * english:
        return "vi"
    # A short note shows fewer small words: two in a note of six ("su usuario es …").
    if (spanish >= 3 or (spanish == 2 and len(letters) <= 6)) and spanish > 2 * english:
        return "es"
    return "en"


@functools.cache
def _common_there_rare_in_english(language: str) -> frozenset[str]:
    """Words among `language`'s 5,000 most common that are not among English's 30,000
    ("recibido", "horas", "tiempos"): a short note of them is in that language."""
    english = set(frequent_words("en")[:30_000])
    return frozenset(w for w in frequent_words(language)[:5_000] if w not in english and len(w) > 2)


_ENGLISH_WORDS = word_set(
    "the and of to in is was for on with at by from that this it he she they her his "
    "their be been has have had not are were will would an or as but said says"
)


@functools.cache
def _frequent(language: str) -> tuple[tuple[str, bool], ...]:
    """wordfreq's list for `language`, most frequent first: each word folded, and whether
    it was written with marks ("là" → ("la", True)), without repeats."""
    path = package_folder("wordfreq") / "data" / f"small_{language}.msgpack.gz"
    with gzip.open(path) as packed:
        buckets = srsly.msgpack_loads(packed.read())[1:]  # [header, bucket, bucket, …]
    seen: dict[str, bool] = {}
    for bucket in buckets:
        for word in bucket:
            if word.isalpha():
                folded = fold(word)
                seen[folded] = seen.get(folded, False) or not word.isascii()
    return tuple(seen.items())


def frequent_words(language: str) -> tuple[str, ...]:
    """wordfreq's list for `language`, most frequent first, folded, without repeats."""
    return tuple(word for word, _ in _frequent(language))


def plain_words(language: str, first_names, surnames, births) -> frozenset[str]:
    """The words of `language` the name rules take as plain words there: its small words;
    its most common words unless they are common given names ("kevin", "john", "maría"
    are in those lists, from names in Vietnamese and Spanish text; "là", "gia" are words:
    written with Vietnamese marks); and its other common words that no name list holds."""
    words = _frequent(language)
    always = {
        word
        for word, marked in words[: ALWAYS_PLAIN[language]]
        # Vietnamese marks make a word ("là"); Spanish ones do not ("María", "José").
        if (marked and language == "vi") or births.get(word, 0) < GIVEN_TO_MANY
    }
    common = {w for w, _ in words[: COMMON[language]] if w not in first_names and w not in surnames}
    small = SPANISH_SMALL_WORDS if language == "es" else _VIETNAMESE_PLAIN
    return frozenset(always | common | small)


# Cues before a name in Spanish and Vietnamese (folded): "se llama Rosa", "le dicen la
# Flaca", "tên là Ngọc Trâm", "gọi em là bé Na", "bạn trai tên Jimmy" (`name_words`).
FOREIGN_CUES = (
    "se llama",
    "se llamaba",
    "un tal",  # "el mayordomo es un tal arceneaux"
    "una tal",
    "me llamo",
    "le dicen",
    "le decian",
    "le llaman",
    "apodo",
    "alias",
    "de nombre",
    "conocido como",
    "conocida como",
    "conocen como",
    "conoce como",
    "conocian como",
    "lo llaman",
    "la llaman",
    "lo apodan",
    "la apodan",
    "ten la",
    "chi ten",  # "một chị tên Mộng Tuyền"
    "anh ten",
    "em ten",
    "ong ten",
    "ba ten",
    "chu ten",
    "ten minh la",
    "ten that la",
    "goi la",
    "goi em la",
    "goi no la",  # "ai cũng gọi nó là Mập"
    "keu no la",
    "keu em la",
    "biet danh",  # a nickname
    "phap danh",  # a Buddhist's dharma name: "pháp danh Quảng Tịnh"
    "ten thanh",  # a Catholic's saint name: "tên thánh Phêrô"
    "co ten",
    "trai ten",
    "gai ten",
    "ky ten",  # "ký tên Khanh Vo" (signs as)
    "dung ten",  # "đứng tên Long Nguyen" (in the name of)
    "hola soy",  # "hola soy maribel"
    "att .",  # a signature: "att. Nolvia de Gretna"
    "atte .",
    "de parte de",  # "De parte de Nubia: que la cita…"
)

# Who signed or acknowledged, in English: "— submitted by FQ", "acknowledged by Kovalenko".
SIGNING_CUES = ("submitted by", "acknowledged by", "ack'd by", "acked by", "resolved by")
# A rota's duties: only a person "has primary" or "took backup"; "acked by backup" names no one.
ROTA_DUTIES = frozenset(("primary", "backup", "on-call", "oncall", "pager", "call"))

# Spanish names a place or an organisation head first: "Iglesia San Juan", "Parroquia
# Nuestra Señora de Guadalupe", "Día de Reyes", "Hospital Ochsner".
HEADS_BEFORE = word_set(
    "iglesia parroquia capilla catedral escuela colegio universidad hospital clinica centro "
    "programa fundacion oficina departamento tribunal corte dia fiesta festival feria calle "
    "avenida barrio ciudad condado estado rio lago puente hotel motel tienda restaurante "
    "mercado plaza parque rosario nuestra templo mision asociacion comite congregacion "
    "ministerio sociedad bar cantina discoteca club salon taqueria panaderia consulado "
    "ley casa masjid "  # "la Ley William Wilberforce", "Casa Esperanza" (not "la casa de Rosa")
    # devotions: "Cristo Negro de Esquipulas", "Inmaculada Concepción", "Sagrado Corazón"
    "cristo inmaculada sagrado divino santisimo santisima virgen tabernaculo "
    # a place's first word: "Puerto Ángel", "Isla Mujeres", "Valle de Ángeles"
    "puerto playa bahia isla laguna cerro valle aldea urbanizacion urb "  # "Urb. Los Almendros"
    "finca rancho hacienda granja"  # "la finca Las Mercedes"
)


def _folded(words: frozenset[str]) -> frozenset[str]:
    """The same words without their marks, for a note typed without them."""
    return frozenset(fold(word) for word in words)


# Vietnamese given names, surnames and middle names with their marks, the common ones: a
# name in a Vietnamese note often stands with no title ("Hoàng không đến", "gặp Khoa hôm
# qua"). With marks "Nhân" is a name and "Nhận" (to receive) a word; typed without them,
# the folded forms are compared. Faker's vi_VN lists hold only a few dozen; these are
# public facts, add to them freely.
VIETNAMESE_GIVEN_MARKED = word_set(
    "an anh ánh bảo bích bình cẩm châu chi chinh cúc cường đại đan đào đạt diễm diệp "
    "diệu đình doãn dũng dương duy giang hạc hải hân hằng hạnh hào hậu hiệp hiền hiếu "
    "hoa hòa hoài hoan hoàng hồng huệ hùng hưng hương hữu huy huyền khải khang khánh "
    "khoa khôi khuyên kiệt kiều kim lâm lan lê liên linh loan lộc lợi long luân lương "
    "ly lý mai mẫn minh my mỹ na nga ngân nghĩa ngọc nguyên nguyệt nhân nhật nhi như "
    "nhung oanh phát phi phong phú phúc phụng phương quân quang quốc quý quyên quỳnh "
    "sang sinh sơn tài tâm tân thạch thắng thanh thảo thắm thi thiên thịnh thọ thoa "
    "thu thư thuận thủy thúy thương tiên tiến tín tịnh toàn trang trâm trân trí triệu "
    "trinh trọng trúc trung tú tuấn tuệ tùng tường tuyền tuyết uyên văn vân vinh vĩnh "
    "vũ vương vy xuân yến út tí bi bống nhàn nhã lài lành lụa mận đông hạ kha khuê lệ "
    "luyến nương phượng sương thoại thơ thục tình trà vi xuyến hiển khiêm lực mạnh nghị "
    "nhựt phước quế sĩ thiện toản trường tuân vỹ đăng hiếu thái dung duyên đoan hoà ngà "
    "nhiên thái trâm tươi xinh hảo lợi thuỷ hậu giao cảnh sen quyết định huân ngát"
)
VIETNAMESE_GIVEN = _folded(VIETNAMESE_GIVEN_MARKED)
VIETNAMESE_SURNAMES_MARKED = word_set(
    "nguyễn trần lê phạm hoàng huỳnh phan vũ võ đặng bùi đỗ hồ ngô dương lý trương "
    "đinh lâm lương mai cao tạ trịnh đoàn châu quách lưu tô la thái tăng kiều hà "
    "vương giang tôn khúc âu thân mạc chu triệu lục từ văn diệp đào lạc lại lã ninh nông "
    "phùng thạch tiêu tống khổng khưu nghiêm bạch doãn đàm hầu liêu lữ giáp quản trác "
    "thích"  # a monk's or a nun's: "thầy Thích Nhuận Đức"
)
# Typed without marks (fewer: "dao", "lac" are words elsewhere).
VIETNAMESE_SURNAMES = word_set(
    "nguyen tran le pham hoang huynh phan vu vo dang bui do ho ngo duong ly truong dinh lam "
    "luong mai cao ta trinh doan chau quach lu to la thai tang kieu ha vuong giang"
)
VIETNAMESE_MIDDLE_MARKED = word_set(
    "thị văn minh ngọc đức thanh quang hữu kim anh xuân hoàng công đình hồng bảo gia "
    "tuấn phương thu hải thế tấn phú trí"
)
# Given names that are, capitalised, a country, a language, a weekday or a feast: "tiếng
# Việt", "người Mỹ", "Thái Lan", "Hoa Kỳ", "thứ Năm", "Tết Trung Thu". With their marks
# ("Ánh" is a name, "Anh" English), and folded for a note typed without them.
VIETNAMESE_NOT_NAMES = word_set(
    "việt anh mỹ nam pháp hoa trung nhật hàn thái lào đức kỳ tết hai ba tư sáu bảy chủ quốc thu "
    "tàu"  # a ship: "Đoàn Tàu", the fleet
)
VIETNAMESE_NOT_NAMES_FOLDED = _folded(VIETNAMESE_NOT_NAMES)
# Words before a place's or an organisation's name: "chùa Bồ Đề", "trường Lê Lợi" (with
# their marks: "hỏi Thắng" asks a person, "Hội" is an association).
VIETNAMESE_HEADS_BEFORE = word_set(
    "chùa đền thánh tiếng người miền nước trường phố đường quận tỉnh xã huyện làng sông "
    "hồ núi chợ tiệm hội xứ tháng thứ khu vùng viện ty đoàn đạo thờ mùa lễ dịp nhà giáo "
    "đảo xá tịnh bão ghe thuyền vàng hàng"  # "ghe Tài Lộc", "tiệm vàng Kim Ngân", "nhà hàng"
    " ngành"  # a youth group's branch: "ngành Oanh Vũ", "ngành Nghĩa Sĩ"
    " mùng mồng"  # a day of the month: "mùng Hai Tết"
)
# Typed without marks "bao" is a given name (Bảo), not a storm (bão), and "hang" Hằng.
VIETNAMESE_HEADS_BEFORE_FOLDED = _folded(VIETNAMESE_HEADS_BEFORE - {"bão", "hàng"})
# Kin and friends, whose person a name after "de" is: "la hija de Eunice", "su novio, el
# Chino" (folded).
SPANISH_KIN = word_set(
    "esposa esposo mujer marido hermana hermano hija hijo prima primo tia tio novia novio "
    "mama papa madre padre cunada cunado sobrina sobrino suegra suegro vecina vecino amiga "
    "amigo companera companero comadre compadre abuela abuelo pareja hijos hijas"
)
# What a person does, said after their name in a Spanish note: "Nolvia contó…".
SPANISH_DEEDS = word_set(
    "dijo conto vive vivia trabaja trabajaba llego tiene tenia quiere queria salio "
    "llamo mando pago cobra maneja lleva llevaba explico nego acepto pidio huyo escapo "
    "declaro menciono recluta reclutaba amenazo amenaza abrio dejo volvio regreso hablo "
    "contesto sabe sabia conoce conocia dice decia mandaba pagaba cobraba manejaba recogio "
    "recoge trajo traia llevo grito golpeo encerro vendio compro sigue seguia aviso avisa "
    "traen manejan cobran llaman mandan quiso pego manda paga pide trae busca deja vende "
    "estaba estaban andaba vino respondio respondia"
)
# What follows a person's name in a Vietnamese sentence: "Hoàng không đến", "Khoa nói".
VIETNAMESE_DEEDS = word_set(
    "khong da dang se van chua noi ke khai bi duoc muon so goi nhan den di tron bo lam "
    "cung hua gap biet la vua nhan tung con "
    # drove, carried, brought, kept, took, hit, forced, asked, led, paid, rented
    "lai cho dua giu lay danh ep bat hoi xin dan tra thue "
    "dc ko"  # được, không, typed short
)


def typed_vietnamese(words: list[str]) -> bool:
    """A note typed on a phone without marks that is partly Vietnamese though its English
    words keep it English ("Update from legal aid: … e hieu quy trinh, hoi nhieu ve viec
    di hoc", "update: client da ky consent"): two words or more that Vietnamese uses and
    English does not."""
    if not all(word.isascii() for word in words):
        return False
    only_vietnamese = _common_there_rare_in_english("vi") | _TYPED_SHORT
    vietnamese = sum(1 for word in words if word.lower() in only_vietnamese)
    # not a Spanish note ("que", "sin" are Vietnamese syllables too)
    spanish = sum(1 for word in words if word.lower() in SPANISH_SMALL_WORDS)
    return vietnamese >= 2 and vietnamese > spanish


# Vietnamese words typed short on a phone (không, được, số điện thoại, biết), and small
# words that English does not write: đã, lại, với, về, hôm.
_TYPED_SHORT = frozenset(("ko", "dc", "sdt", "bik", "hok", "khg", "da", "lai", "voi", "ve", "hom"))


@functools.cache
def vietnamese_words_no_name_holds() -> frozenset[str]:
    """Vietnamese's 3,000 commonest words that are written with marks ("chưa", "của", "ở",
    "đi"), folded, less those some Vietnamese name holds ("lan", "mai", "thu")."""
    names = (
        VIETNAMESE_GIVEN
        | VIETNAMESE_SURNAMES
        | _folded(VIETNAMESE_SURNAMES_MARKED)
        | _folded(VIETNAMESE_MIDDLE_MARKED)
    )
    return frozenset(word for word, marked in _frequent("vi")[:3_000] if marked) - names


@functools.cache
def vietnamese_words_of_two() -> frozenset[tuple[str, str]]:
    """Two-syllable Vietnamese words, typed without marks, that hold a syllable a given name
    also is ("hai long": satisfied, not Hải; "hoa don": an invoice): in a note typed on a
    phone such a pair is a word (`data/vietnamese_words_of_two.txt`)."""
    path = Path(__file__).parent / "data" / "vietnamese_words_of_two.txt"
    lines = path.read_text(encoding="utf-8")
    return frozenset(
        tuple(line.split())
        for line in lines.splitlines()
        if line.strip() and not line.startswith("#") and len(line.split()) == 2
    )
