"""The guard in Spanish and Vietnamese notes (issue 22): names with no title before them,
the apps people use, short notes, and the places and feasts written with capitals."""

import unicodedata

import pytest

from coordination import privacy
from coordination.privacy.languages import typed_vietnamese


def refused(text: str) -> list[str]:
    return [text[finding.start : finding.end] for finding in privacy.scan(text)]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a given name doing what a person does, at the start of a sentence
        ("Hoàng không đến buổi hẹn với cán bộ xã hội chiều nay.", "Hoàng"),
        # a given name inside a sentence
        ("Hôm qua chúng tôi đã gặp Khoa ở văn phòng Caritas.", "Khoa"),
        # a surname and a given name, no middle name
        ("Em kể là Trần Khoa giữ giấy tờ của em.", "Trần Khoa"),
        # two given names
        ("Người giới thiệu là Minh Khoa, làm ở tiệm nail.", "Minh Khoa"),
    ],
)
def test_a_vietnamese_name_with_no_title_is_refused(text, name):
    assert name in refused(text)


@pytest.mark.parametrize(
    "text",
    [
        "Em đến từ Hà Nội, sống ở Long An ba năm.",  # provinces of two given names
        "Em đến từ Đà Nẵng và Cần Thơ.",
        "Chùa Quan Âm và nhà thờ Thánh Giuse ở Gretna phát tờ rơi.",
        "Tin đồn về việc làm lương cao ở Thái Lan và Hoa Kỳ lan rộng.",
        "Em muốn học tiếng Anh và tiếng Việt vào thứ Năm.",
        "Chùa Bồ Đề cho mượn hội trường để tổ chức Tết Trung Thu vào Chủ Nhật.",
        "Mùa Giáng Sinh năm nay nhà thờ Thánh Tâm tổ chức phát quà.",
        "Vào lễ Phục Sinh các em được đi chơi.",
        "Bình thường em đi học buổi sáng.",  # a given name's syllable opening a sentence
        "An toàn là ưu tiên số một.",
        "Mai em sẽ chuyển sang nhà tạm trú khác.",
        "Vào mùa Xuân có nhiều thợ mới.",
        "Họp MDT Vùng 1 vào thứ Ba; DCFS và CAC có mặt.",
    ],
)
def test_vietnamese_places_feasts_and_words_are_not_names(text):
    assert refused(text) == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Người tuyển dụng nhắn tin cho em qua Zalo, tài khoản tuan.nail.88.", "tuan.nail.88"),
        ("El reclutador le escribe por WhatsApp, su usuario es lupita_05", "lupita_05"),
        ("Số biên bản của NOPD là G-21847-25; em cần bản sao.", "G-21847-25"),
        ("El reporte del NOPD es G-21847-25.", "G-21847-25"),
        ("The report of JPSO is 2025-118834.", "2025-118834"),
    ],
)
def test_handles_and_numbers_named_in_spanish_and_vietnamese(text, value):
    assert any(value in span for span in refused(text))


@pytest.mark.parametrize(
    "text",
    [
        "la cuenta bancaria está cerrada",  # a short Spanish note: its words are Spanish
        "We use Zalo and Viber to reach families.",  # apps, not people
        "report DCFS is ready",
    ],
)
def test_short_spanish_notes_and_apps_are_not_refused(text):
    assert refused(text) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # A common given name written with its accent is a name in Spanish, not a word.
        ("Vive con su tía María en Choloma.", "María"),
        ("Vive con su tia Maria en Choloma.", "Maria"),
        ("Dice que Guerrero le quitó el pasaporte.", "Guerrero"),  # a state, and a surname
        # a nickname after its article or "es"
        ("En la cantina le dicen la Flaca y no sabe su apellido.", "Flaca"),
        ("A él le dicen el Chapo en el campo.", "Chapo"),
        ("Su apodo es Güera.", "Güera"),
    ],
)
def test_spanish_names_and_nicknames_are_refused(text, name):
    assert name in refused(text)


@pytest.mark.parametrize(
    "text",
    [
        "Los Ángeles, El Salvador y Santa Rosa de Copán son los lugares de origen más comunes.",
        "La trabajadora dice que es de Olancho y que llegó por Tapachula.",
        "Trabajó en San Marcos antes de venir a Houma.",
    ],
)
def test_where_workers_come_from_is_not_a_name(text):
    assert refused(text) == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Me dictó el número: cinco cero cuatro, cinco cinco cinco, cero uno seis dos.", "cinco"),
        ("Em đọc số điện thoại: năm không bốn - 555 - không một chín hai.", "năm không bốn"),
        ("La van blanca tiene placa de Luisiana JBX 482.", "JBX 482"),
        ("bien so xe la lxd 772, xe tai trang", "lxd 772"),
        ("Tiene Medicaid con AmeriHealth Caritas, número de miembro 2290338147716.", "2290338147"),
        ("Thẻ bảo hiểm của em, số thành viên 7731045528801.", "7731045528801"),
        ("La niña cumple años el 21 de mayo y la mamá quiere hacerle una fiesta.", "21 de mayo"),
        ("Phiếu sàng lọc ghi ns: 21/10/2009, em nói đúng.", "21/10/2009"),
        ("Xe đón ở ngã ba Engineers Rd và Belle Chasse Hwy lúc trời chưa sáng.", "Engineers Rd"),
        ("Họ giữ em ở phòng số 9 của cái motel trên đường Chef Menteur.", "phòng số 9"),
        ("She lives in the trailer park off LA 20 outside Thibodaux, lot 22.", "lot 22"),
        ("Las muchachas lo conocen como el Chele; es el que cobra.", "Chele"),
        ("Durante la entrevista en el CAC, Nolvia contó que la llevaban a fiestas.", "Nolvia"),
        ("Rosa contó que su patrón le quitó el pasaporte.", "Rosa"),
        ("La señora Peña renta el tráiler a los trabajadores.", "Peña"),
        ("Sau buổi tư vấn, Bảo Trân đồng ý gặp luật sư di trú.", "Bảo Trân"),
        ("Theo giáo viên chủ nhiệm, Ngọc Ánh hay nghỉ học thứ Bảy.", "Ngọc Ánh"),
        ("Điều tra viên hỏi Thắng về chiếc xe tải chở người ra Buras.", "Thắng"),
        ("Mấy đứa ở tiệm gọi con nhỏ là Bống, chủ không cho nó đi học.", "Bống"),
        ("Número de reporte de NOPD: F-31872-25; la víctima no quiere declarar.", "F-31872"),
        ("Số báo cáo của NOPD: H-20418-25; em chưa muốn khai.", "H-20418-25"),
        ("La víctima dijo que Luz le prometió trabajo en un hotel.", "Luz"),
        ("Thằng Bi chạy việc cho tiệm, chở đồ ăn tới cho mấy cô thợ.", "Bi"),
        ("Tối qua cô gái nhắn cho Duyên xin tiền đi xe buýt về Houston.", "Duyên"),
        ("Em gặp Phạm Nhật Minh ở tiệm.", "Phạm Nhật Minh"),  # "Nhật" inside a full name
        ("Lê Nam không đến buổi hẹn.", "Lê Nam"),
        ("Hôm qua gặp Dũng ở tiệm.", "Dũng"),  # NFD below
    ],
)
def test_what_identifies_in_spanish_and_vietnamese_notes_is_refused(text, value):
    assert any(value in span for span in refused(text))


@pytest.mark.parametrize(
    "text",
    [
        "Esperanza es lo que más repiten las madres en el grupo de apoyo.",
        "Amparo legal: la abogada explicó que en México existe el juicio de amparo.",
        "Tiempos: recibido a las 08:15. Meta del MDT: 48 horas.",
        "Sugerencia para el programa Puentes de Esperanza: materiales en español sencillo.",
        "El Centro Hispano y la Sociedad San Vicente de Paúl ofrecen ropa.",
        "Từ Vĩnh Long, Long An, An Giang và Bình Định, nhiều người qua đây bằng visa.",
        "Em làm ở đó hai ba năm, một hai tuần nghỉ.",
        "Họp thành viên MDT vào thứ Năm.",
        "Outreach at the trailer park in Houma went well.",
        "La Parroquia Nuestra Señora de Guadalupe ofreció su salón.",
        "Hội trường của nhà thờ Thánh Têrêsa quá nhỏ cho 40 người.",  # Saint, not Thanh
        "Nhận biết nạn buôn người: những điều cơ bản",  # Nhận (to recognise), not Nhân
        "Hướng dẫn của Cơ quan Quản lý Trẻ em và Gia đình Hoa Kỳ.",  # Quản, not Quân
        "El informe de Luisiana cuenta a una persona que se encuentra en una zona.",
        "chu hang cua o Delcambre khong cho cong nhan ra ngoai ngay Chu Nhat",  # Sunday
        "Consuelo no es lo mismo que justicia, dijo la fiscalía en la capacitación.",
        "Milagros no hay, dijo el investigador; lo que funciona es documentar.",
        "Durante la Semana Santa bajan las llamadas; el equipo pide guardias el Viernes Santo.",
        "Llegaron de Camagüey y Holguín por Miami; ahora trabajan en Kenner.",
        "Servicios en curso. La muchacha empezó clases de inglés y su Medicaid está en trámite.",
        "Tịnh xá Ngọc Phúc ở Lafayette nhận nấu cơm chay cho nhà tạm trú.",
        "Nhà thờ Thánh Têrêsa Hài Đồng Giêsu ở Houma có nhóm giới trẻ giúp dịch.",
        # found by a review of this session's rules
        "Em bị đưa sang Houston vào tháng 12 năm 2019.",  # "năm" before a year
        "Su hermano es miembro de MS-13 desde 2019.",
        "El patrón dice que la cuenta es de 3000 dólares.",  # a debt, not an account
        "Ella tiene 15 años y vive con su tía en Houma.",
        "Él dijo que trabaja en el puerto. Nadie dijo nada.",
        "Em từng sống ở Châu Âu trước khi qua Mỹ.",
        "Em đã báo cho Công An ở quận.",
        "Mai sẽ có kết quả xét nghiệm.",
        "Giày dép, quần áo, v.v. cho mùa đông.",
    ],
)
def test_spanish_and_vietnamese_words_that_look_like_names_or_numbers_are_kept(text):
    assert refused(text) == []


def test_a_vietnamese_name_typed_with_its_marks_apart_is_refused():
    """Some keyboards send "ũ" as "u" and a combining tilde (NFD)."""
    text = unicodedata.normalize("NFD", "Hôm qua gặp Dũng ở tiệm.")
    assert refused(text)


# From the fourth Spanish and Vietnamese sets' development halves; each was missed before.
@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("La comadre Chabela le presta un cuarto.", "Chabela"),
        ("El que recluta en la parada es el Cuervo, un señor alto con gorra.", "Cuervo"),
        ("Todos le tienen miedo a Memo: es el que lleva la cuenta.", "Memo"),
        ("Chino es el encargado de la cuadrilla de techos en Sulphur.", "Chino"),
        ("Theo tip từ nhà thờ, Kha Minh Triết đang cho bốn người ở chung.", "Kha Minh Triết"),
        ("a tuan noi e ko dc ra khoi tiem neu ko co chu", "tuan"),
        ("Mai nói sáng mai sẽ đi khám ở phòng khám Versailles.", "Mai"),
        ("Theo Thọ, ghe tôm ra khơi ba tuần liền.", "Thọ"),
        ("Thắng lái xe van chở tám người từ Houston qua Lake Charles.", "Thắng"),
        ("Sau buổi họp Trâm Anh ở lại hỏi về T-visa cho em gái.", "Trâm Anh"),
        ("Sau buổi nói chuyện, một chị tên Mộng Tuyền đi theo ra xe.", "Mộng Tuyền"),
        ("Tư Ếch là người đưa các thợ qua tiểu bang khác.", "Tư Ếch"),
        ("Út Hột Vịt giữ sổ nợ của các thợ.", "Út Hột Vịt"),
        ("CẬP NHẬT: HUỲNH ĐÃ RỜI KHỎI GHE, ĐANG Ở NHÀ TẠM TẠI HOUMA.", "HUỲNH"),
        ("Thông dịch viên Lạc không đến kịp nên cuộc phỏng vấn được dời lại.", "Lạc"),
        ("Los dejan en la esquina de Siegen Lane con Perkins Rd a las 5.", "Siegen Lane con"),
        ("Xe đón thợ ở góc đường Westbank Expy và Barataria Blvd lúc 6 giờ.", "Westbank Expy"),
        ("Número de reporte de la policía de Kenner: 2025-0031764.", "2025-0031764"),
        ("La tarjeta de Medicaid de la menor, número 1150449870316, la tiene él.", "1150449870316"),
        ("Dice que nació en octubre del 2008, así que es menor.", "octubre del 2008"),
        ("Xe van màu bạc, bảng số Louisiana PKD 471, thường đậu sau tiệm.", "PKD 471"),
        ("Em nói em sinh tháng 3 năm 2009, tức là chưa đủ 18 tuổi.", "tháng 3 năm 2009"),
    ],
)
def test_what_the_fourth_sets_found_missing_is_refused(text, value):
    assert any(value in found or found in value for found in refused(text))


@pytest.mark.parametrize(
    "text",
    [
        "El video sobre trabajo forzoso después del huracán Laura fue fuerte pero necesario.",
        "Muchos vienen de Palizada, Campeche, y de Tierra Blanca, Veracruz.",
        "La capilla de Nuestra Señora del Pronto Socorro prestó su salón.",
        "El Templo Bautista Emanuel de Kenner ofreció comida para la feria.",
        "El Consulado es el que da las citas.",  # a place before "es el que"
        "survey: tôi không biết quy trình báo động; buổi tập huấn giúp rất nhiều.",
        "đoạn phim về lao động cưỡng bức sau bão Ida rất nặng nề.",
        "Nhóm thợ chuyển từ Gretna qua Harvey rồi lên Hammond theo lời chủ.",
        "em ngồi ở góc phòng và khóc",  # a room's corner, no street
        "Ba Mẹ của em ở Houma.",  # mum and dad
        "học sinh tháng 3 năm 2009 đi học",  # students, not a birth
    ],
)
def test_what_the_fourth_sets_found_refused_is_kept(text):
    assert refused(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Socorro fue la que abrió la puerta cuando llegó la policía.",
        "Seguimiento: Mercedes sigue sin contestar desde el lunes.",
        "La que cobraba la renta era Dolores, la esposa del contratista.",
    ],
)
def test_a_spanish_given_name_that_is_also_a_word_is_a_person_by_what_is_said_of_it(text):
    assert privacy.scan(text)


@pytest.mark.parametrize(
    "text",
    [
        "La esperanza fue la que nos sostuvo durante la tormenta.",
        "Esperanza es lo que más necesitan las familias en Houma.",
    ],
)
def test_the_same_words_as_things_stay_allowed(text):
    assert not privacy.scan(text)


@pytest.mark.parametrize(
    ("text", "refused"),
    [
        ("a khanh bao em khong duoc noi voi ai", True),
        ("hom qua gap be ngan o cho, no so lam", True),
        ("Thợ mới trong tiệm ở Slidell, Sương, nói chủ tiệm giữ giấy tờ.", True),
        ("Kiều bào mới qua thường không biết quyền lợi lao động ở Mỹ.", False),
        ("hom qua gap ban o cho, khong co gi moi", False),
    ],
)
def test_vietnamese_names_by_a_form_of_address_or_between_commas(text, refused):
    assert bool(privacy.scan(text)) is refused


@pytest.mark.parametrize(
    ("text", "refused"),
    [
        ("La casa está en la calle Piety número 1418, la de la reja azul.", True),
        ("Los recogen en el cruce de Airline Hwy con Veterans Blvd.", True),
        ("Le asignaron el número de estudiante 50318276 en la escuela.", True),
        ("f. n. 23-07-2009, según el acta que trajo la madrina.", True),
        ("sinh ngày 23/07/2009, theo giấy tờ của em.", True),
        ("Su acta de nacimiento dice marzo de 2009.", True),
        ("La menor, identificada como R. T. V., faltó toda la semana.", True),
        ("Reunión del MDT el 28-11-2026 en Houma.", False),
        ("Screening en la secundaria de Jena: no hay indicadores.", False),
        ("El cruce de la frontera fue por Reynosa.", False),
        ("Outreach in the U. S. and Mexico continued.", False),
    ],
)
def test_spanish_and_vietnamese_places_numbers_and_dates_written_their_way(text, refused):
    assert bool(privacy.scan(text)) is refused


@pytest.mark.parametrize(
    ("text", "refused"),
    [
        ("El que cobra la renta en el tráiler es el Tecolote, según la vecina.", True),
        ("Hablamos con Pilar en la cocina; dice que no le pagan.", True),
        ("Cán bộ đã nói chuyện với Hồng Nhạn qua Zalo.", True),
        ("Ngoc Han di lam tu 8 gio sang, khong duoc nghi.", True),
        ("Thợ mới ở Gretna, Sương, nói chủ giữ giấy tờ.", True),
        ("Giấy tờ ghi ngày sinh 03-11-2006.", True),
        ("El que más ayuda es el Consulado de Honduras.", False),
        ("Llegó de Choluteca vía Reynosa; trabaja en un restaurante.", False),
        ("¡Jesús!, exclamó la intérprete al oír las horas.", False),
        ("TALLER: TRATA LABORAL EN LA CAÑA DE AZÚCAR.", False),
        ("La Misión Bautista Hispana recibe a las familias.", False),
        ("Nhân viên DCFS và điều tra viên HSI cùng phỏng vấn em.", False),
        ("Bước tiếp theo là nộp đơn T-visa với luật sư.", False),
        ("Chùa Quang Minh cho mượn hội trường.", False),
        ("Bão Francine làm hư hai trailer ở Chauvin.", False),
        ("Người từ Long An, Bến Tre, Biên Hòa và Xuân Lộc qua Louisiana.", False),
    ],
)
def test_fifth_sets_classes_in_spanish_and_vietnamese(text, refused):
    assert bool(privacy.scan(text)) is refused


@pytest.mark.parametrize(
    ("text", "refused"),
    [
        ("e noi thuy tien la nguoi dua e vo tiem o baton rouge", True),
        ("thang dat dc chu ghe ung tien nhung bat tra gap doi", True),
        ("Em nói Trung là người đón em ở sân bay.", True),
        ("Xe đón thợ ở chỗ giao Lapalco Blvd và Manhattan Blvd.", True),
        ("Nhiều gia đình chuyển qua Bayou La Batre.", False),
        ("Lễ hội Tôm Delcambre và Tết Đoan Ngọ gần nhau.", False),
        ("ông ấy cũng quê miền Trung.", False),
    ],
)
def test_vietnamese_typed_on_a_phone_names_and_places(text, refused):
    assert bool(privacy.scan(text)) is refused


@pytest.mark.parametrize(
    ("text", "refused"),
    [
        (
            "el número es nueve ochenta y cinco, cinco cincuenta y cinco, cero uno, treinta y dos",
            True,
        ),
        ("El Tacuazín le quitó el celular.", True),
        ("Trabajan de quince a veinte horas, cinco días, por cuarenta y ocho dólares.", False),
        ("LA REUNIÓN SE CAMBIA AL SALÓN PARROQUIAL DE SAN JUDAS TADEO.", False),
        ("Mandaban el dinero por Ria y Elektra desde Crowley.", False),
        ("El bar La Perla, en la carretera de Houma, sigue abierto.", False),
    ],
)
def test_sixth_spanish_set_classes(text, refused):
    assert bool(privacy.scan(text)) is refused


@pytest.mark.parametrize(
    ("text", "refused"),
    [
        ("Le preguntamos a Panchito si iba a la escuela.", True),
        ("Atendimos a Pilar, de 19 años, en la clínica.", True),
        ("Lupita, la más chica, se quedó dormida en la sala.", True),
        ('Mensaje: "hola soy maribel la de la lavanderia, no me dejan salir"', True),
        ("Los recogen donde se cruzan Veterans Blvd y Clearview Pkwy.", True),
        ("La camioneta tiene placas de Tamaulipas, XKR-418-C.", True),
        ("escríbale a trabajos.nola arroba correo punto gob punto mx", True),
        ("Las zonas de Airline Hwy y Veterans Blvd tienen muchos moteles.", False),
        ("Rosario Pérez dijo que no le pagan.", True),
        ("Llevamos a los trabajadores a Houston y a Raceland.", False),
        ("Mercedes Sprinter blanca con vidrios polarizados, según el reporte.", False),
        ("Inmaculada Concepción, 8 de diciembre: la misa en español es a las 6.", False),
        ("Cristo Negro de Esquipulas, 15 de enero: la comunidad hace procesión.", False),
    ],
)
def test_seventh_spanish_set_classes(text, refused):
    assert bool(privacy.scan(text)) is refused


@pytest.mark.parametrize(
    ("text", "refused"),
    [
        ("Con Mít là đứa canh cửa ở nhà trọ.", True),
        ("Cu Tí tuần trước còn đứng trước cửa tiệm canh chừng thợ.", True),
        ("Quản lý ca đêm ký tên Khanh Vo trên phiếu lương.", True),
        ("Giấy phép của tiệm ở Kenner đứng tên Long Nguyen.", True),
        ("Email đọc qua điện thoại: vieclam.nailkenner a còng example chấm com.", True),
        ("Số item NOPD của tường trình: B-18452-25.", True),
        ("Minutes / Biên bản: có mặt 9 trên 11.", False),
        ("Thuyền viên đi giữa Palacios, Seadrift và Port Lavaca rồi sang Pascagoula.", False),
        ("Các tiệm nail dọc Airline Highway và khu vực Bossier City đông khách.", False),
        ("Hablamos con Ángel y con la mamá.", True),
    ],
)
def test_seventh_vietnamese_set_classes(text, refused):
    assert bool(privacy.scan(text)) is refused


@pytest.mark.parametrize(
    ("text", "refused"),
    [
        ("la muchacha preguntó por Sol varias veces durante la entrevista", True),
        ("La que cobraba la renta era Paz, la esposa del contratista.", True),
        ("Preguntó por Houston y por el consulado.", False),
    ],
)
def test_asked_for_someone_and_who_she_is(text, refused):
    assert bool(privacy.scan(text)) is refused


@pytest.mark.parametrize(
    ("text", "refused"),
    [
        ("Xe van trắng biển Mississippi HNC 2741 chở thợ từ Biloxi.", True),
        ("Santísima Trinidad: la misa de ese domingo en Abbeville es en español.", False),
        ("Lễ Vía Quan Âm ở chùa được tổ chức long trọng.", False),
        ("hop MDT doi qua thu Sau, van hop qua Zoom", False),
        ("Biên bản họp MDT: hồ sơ CC-2025-147 đã chuyển sang services engaged.", False),
        ("Nhiều gia đình ở Kemah, Seabrook và Port Lavaca có người thân ở Louisiana.", False),
    ],
)
def test_eighth_spanish_and_vietnamese_set_classes(text, refused):
    assert bool(privacy.scan(text)) is refused


@pytest.mark.parametrize(
    "text",
    [
        "Lạc Thị Thu Oanh đứng tên hợp đồng thuê nhà cho cả nhóm thợ.",
        "Em noi nguoi giu passport cua em la Diep Thi Cam Tu, chu tiem o Slidell.",
        "NGƯỜI GIỮ GIẤY TỜ: DƯƠNG THỊ MỸ HIỀN",
    ],
)
def test_a_vietnamese_name_with_thi_whatever_its_surname(text):
    assert privacy.scan(text)


def test_a_nickname_no_list_holds_inside_a_spanish_sentence():
    assert privacy.scan("Nos avisaron que Pelusa ya no está en la casa de Breaux Bridge.")
    assert not privacy.scan("Nos avisaron que Walmart ya no abre los domingos en Houma.")


@pytest.mark.parametrize(
    ("text", "refused"),
    [
        ("Tên ở nhà của em là Mít, ở tiệm ai cũng gọi vậy.", True),
        ("Mọi người ở bến gọi ông chủ là Tư Mập.", True),
        ("Người giữ lương là Diệp Thành Nhơn, quản lý ở nhà máy cua.", True),
        ("Số CCCD của em là 052 203 004 817.", True),
        ("e noi e sinh thang 2 nam 2010, o Kien Giang", True),
        ("Ghe Bình Minh và ghe Tài Lộc cùng đậu ở bến Chauvin.", False),
        ("Thánh thất Cao Đài ở New Orleans East mời nhóm đến nói chuyện.", False),
        ("Nhiều gia đình ở Village de l'Est là người gốc Phát Diệm và Bùi Chu.", False),
        ("Thợ bị giữ trong tiệm của nhà họ Dương ở Gonzales.", True),
        ("ĐỪNG ĐỂ NGƯỜI CỦA HỌ TRƯƠNG BIẾT CHỖ Ở MỚI.", True),
    ],
)
def test_ninth_vietnamese_set_classes(text, refused):
    assert bool(privacy.scan(text)) is refused


@pytest.mark.parametrize(
    ("text", "refused"),
    [
        ("Una imagen de San Simón con velas había en la sala de los trabajadores.", False),
        ("San Judas Tadeo, 28 de octubre: muchas trabajadoras piden el día.", False),
        ("Lázaro Cárdenas, en Michoacán, es el puerto de donde salieron.", False),
        ("Los cinco hombres son de La Ceiba, Tela y Trujillo, en la costa norte.", False),
        ("EN LAS NOTAS SE ESCRIBE EL ROL (LA MAMÁ, EL PATRÓN, LA PROMOTORA).", False),
        ("Su novio, el Chino, la llevaba al trabajo.", True),
        ("Los recogen donde se cruzan la Tchoupitoulas y la Napoleon.", True),
        ("Đón ở ngã tư Chef Menteur và Alcee Fortier.", True),
    ],
)
def test_ninth_spanish_set_classes(text, refused):
    assert bool(privacy.scan(text)) is refused


@pytest.mark.parametrize(
    ("text", "refused"),
    [
        ("La Virgen de Suyapa se celebra el 3 de febrero.", False),
        ("El Santo Hermano Pedro es muy querido en Antigua.", False),
        ("El Tabernáculo Maranata de Slidell ofreció transporte.", False),
        ("La cuadrilla de techeros Los Tecolotes trabaja en Sulphur.", False),
        ("Los Barriletes Gigantes de Sumpango se ven el 1 de noviembre.", False),
        ("Benigno, dijo el médico sobre el bulto en el cuello.", False),
        ("El MOU con el sheriff's office ya está firmado.", False),
        ("Todos los Santos es el 1 de noviembre.", False),
        ("En el 2024 de la temporada pasada hubo más casos.", False),
        ("Según la joven, el Cuervo manejaba la van blanca.", True),
        ("Tigre y Chino traen a los trabajadores desde Houston.", True),
        ("El Chino nos llevó a Houston.", True),
        ("La Güera Martínez cobra la renta.", True),
        ("De parte de Nubia: que la cita se movió para el martes.", True),
        ("La camioneta es de los Cárcamo, que manejan la cuadrilla.", True),
        ("Vive en la colonia Planeta, bloque 14, casa 22, en La Lima.", True),
        ("La familia vive en la 4a. avenida 11-28, zona 3.", True),
        ("la tienen en el 3309 de la gentilly, la casa de atras", True),
        ("Viven en el lote 27 del parque de trailas.", True),
        ("El bus tenía placa de Honduras HBR 5720.", True),
    ],
)
def test_tenth_spanish_set_classes(text, refused):
    assert bool(privacy.scan(text)) is refused


@pytest.mark.parametrize(
    ("text", "refused"),
    [
        ('Trong nhóm Zalo có tin: "Thịnh ơi tiệm còn thiếu thợ bột không"', True),
        ("BS Khuê ở phòng khám Marrero khám cho em.", True),
        ("Tiệm nail có bàn thờ ông Địa và Thần Tài ngay quầy tính tiền.", False),
        ("Tiệc Giáng Sinh của giáo xứ có Ông Già Noel phát quà.", False),
        ("Thành Công Seafood ở Delcambre mở thêm ca đêm.", False),
        ("Tiệm vàng Kim Ngân trong khu chợ nhận chuyển tiền.", False),
    ],
)
def test_tenth_vietnamese_set_classes(text, refused):
    assert bool(privacy.scan(text)) is refused


@pytest.mark.parametrize(
    ("text", "refused"),
    [
        ("María de los Ángeles llegó con su hija.", True),
        ("José de Jesús trabaja en el barco.", True),
        ("Güero manda a los muchachos a la planta.", True),
        ("Luz del Mundo es la iglesia a la que va la familia.", False),
        ("Ángeles de la Guarda es el grupo de oración.", False),
        ("Santa María de los Ángeles es la parroquia.", False),
    ],
)
def test_compound_given_names_and_nicknames_in_spanish(text, refused):
    assert bool(privacy.scan(text)) is refused


@pytest.mark.parametrize(
    ("text", "refused"),
    [
        ("Em nói ông Nam là chủ bãi ghe ở Venice, ong Nam la chu bai ghe.", True),
        ("Ở nhà nghỉ gần I-10, dem qua o room 17 nha nghi gan Sulphur.", True),
        ("Cô ấy là chủ tiệm ở Gretna, co ay la chu tiem.", False),
    ],
)
def test_a_titled_owner_and_a_motel_typed_without_marks(text, refused):
    assert bool(privacy.scan(text)) is refused


@pytest.mark.parametrize(
    ("text", "refused"),
    [
        # the eleventh Spanish set's development half
        ("Mercedes y su hija duermen en la bodega de atrás de la tienda.", True),
        ("Hablamos con los Cruz, los vecinos de enfrente.", True),
        ("La mamá dice que Jefferson dejó la escuela en octubre.", True),
        ("Mañana Brittany y yo vamos a la escuela de Ponchatoula.", True),
        ("La abogada de Legal Aid explicó que el camino es la visa T.", False),
        ("Los workers con H-2B no tienen overtime; Wage and Hour dice otra cosa.", False),
        ("La Esperanza y La Paz, en Honduras, son de donde vienen las jóvenes.", False),
        ("Puerto Ángel, en la costa de Oaxaca, es de donde salió la lancha.", False),
        ("fuimos a la misa de la virgen de los dolores y repartimos volantes", False),
        ("la tia esta preocupada pq la sobrina no contesta", False),
        ("Ella dijo que debe dinero por el viaje desde la frontera.", False),
        # a phone told in parts, after a word that says it is one (the tenth set's
        # development half)
        ("Dejó su número en un papel: primero 504, después 555 y al final 0137.", True),
        ("le marcan al 985 555 y los ultimos cuatro son 01 58, es el cel del patron", True),
        ("Su número de casos subió de 120 a 145 y luego a 1300.", False),
        ("Ana Lucía ya no quiere volver a la planta.", True),
        ("Fuimos a Santa Ana y a Villa Nueva en Guatemala.", False),
    ],
)
def test_eleventh_spanish_set_classes(text, refused):
    assert bool(privacy.scan(text)) is refused


@pytest.mark.parametrize(
    ("text", "refused"),
    [
        # the eleventh Vietnamese set's development half: typed on a phone without marks
        ("sau buoi hop, chu phuc cho biet ke mo gioi da goi ve Quang Tri", True),
        ("bs khiem o clinic Metairie kham cho e", True),
        ("c tiffany o tiem nail Kenner la ng thu tien nha", True),
        ("e dua em ve shelter o Covington, tam noi muon goi ve cho me o Bac Lieu", True),
        ("tin nhan Messenger: 'bi oi, e bi giu o tiem ko ra dc, cuu e'", True),
        ("Chủ ghe tên là duong minh hieu, em ấy gõ tên không dấu.", True),
        ("thầy Thích Nhuận Đức ở chùa bên Algiers gọi lên.", True),
        ("ID Zalo của chủ ghe là ghetom.grandisle, em ấy chụp màn hình.", True),
        ("e ay ket ban vs thonail.mobile05 tren mang", True),
        ("tui no bi nhot o phong 12 nha nghi gan I-10 o Breaux Bridge", True),
        ("CCCD cua e: 083 204 015 692, ke mo gioi lay luc lam ho so.", True),
        ("em nho nam sinh 2009, ko di hoc tu khi qua My.", True),
        ("moi chuyen binh thuong o tau tom Venice, nhung noi ho chieu bi giu", False),
        ("nhom Zalo cua tho nail o Gretna dang tin tuyen nguoi, lam 6 ngay.", False),
        ("Chùa có tượng Phật Thích Ca ở sân trước.", False),
        ("sinh năm 2006 đến 2008, các em đều đi học ở Gretna", False),
        ("sau buoi hop o CAC, nguyen thi lan noi e bi giu giay to.", True),
        ("MDT o CAC: hom nay co tu van vien noi chuyen voi e ve T visa, e dong y.", False),
        ("sau khi lam ho so o CAC, neu bi giu giay to thi goi dau ma ko bi lo.", False),
        (
            "Survey o Houma: MDT hop deu, nhung thieu phien dich tieng Viet, nhat la ban dem, "
            "de nghi co them nguoi.",
            False,
        ),
        ("hom nay e goi 2 lan nhan duoc tin cua shelter o Houma.", False),
    ],
)
def test_eleventh_vietnamese_set_classes(text, refused):
    assert bool(privacy.scan(text)) is refused


@pytest.mark.parametrize(
    ("text", "refused"),
    [
        # the twelfth Vietnamese set's development half: typed without marks, a given name
        # with no title before it
        ("tuan tra loi truoc, noi ca nhom ngu chung 1 trailer", True),
        ("toi qua phuong nhan tin noi bi khoa cua trong phong", True),
        ("vinh cho biet chu nha hang thu het tien tip", True),
        ("khanh van con lam o tiem nail ben Gretna", True),
        ("sang 17 tuoi, xin o lai shelter vai dem", True),
        ("toi qua outreach gap hong o cho dem", True),
        ("case team cu 1 nguoi di voi nghia len toa", True),
        ("chieu nay goi cho tin 3 lan ko bat may", True),
        ("da dua giay hen cho duy, tuan sau quay lai", True),
        ("ong chu ghe danh hung 2 lan vi keo luoi cham", True),
        ("nhom lam o tiem: dinh, tuyet, sen va 1 nguoi nua", True),
        ("3 nguoi trong phong: luan, ngoc han, phi, deu duoi 18.", True),
        ("da nho c huyen ben shelter giu cho 1 giuong toi nay", True),
        ("nguoi cho e di nho xe ten dang van luc, hay noi tieng Tay Ban Nha.", True),
        ("e sn 2009, chu tiem bat noi la 19 tuoi", True),
        # the same syllables as words
        ("da noi chuyen voi tho. 1 tho phu hoi ve lop tieng Anh", False),
        ("ko dc giu tien, ko co dt rieng, e an dc 2 bua", False),
        (
            "alert urgent: khach bao chu nha tro dang den shelter tim. Primary da ack, goi "
            "deputy ben sheriff ho tro.",
            False,
        ),
        ("Tuan sau se co xe dua don. Hien gio nhan vien phai dua khach di kham.", False),
        ("Nhà hàng Hương Sen ở Kenner cho nhóm dùng phòng phía sau.", False),
        ("tuan sau quay lai, mai noi chuyen tiep voi ben y te", False),
        ("luc hoi ve gia dinh, e noi co 1 chi o Houston", False),
        # the thirteenth set's development half: short notes mixed with English
        ("da text cho hieu, chua reply.", True),
        ("o tiem nail: bich, hue, ngat, all without pay stubs.", True),
        ("Người môi giới tên trịnh thị liên, ở Houston.", True),
        ("cong viec o xuong tom thuong bat dau luc 4h sang.", False),
        ("hop MDT doi qua thu Hai tuan sau, van hop qua Zoom", False),
        # two-syllable words that hold a given name's syllable
        ("pre-test 48, post-test 79. hoc vien hai long voi vi du thuc te.", False),
        ("hoa don benh vien chua thanh toan, binh thuong thoi.", False),
        ("consent ok, da chia se voi MDT, tuan sau quay lai.", False),
        ("tuan tra loi truoc, hoc vien hai long.", True),
        ("hoa don benh vien chua thanh toan, legal aid se goi lai.", False),
        ("screener la school counselor, lam screening bang tieng Anh va tieng Viet.", False),
        ("Công nhân nhà máy cua ở Delcambre nói chủ không cho đi chợ.", False),
    ],
)
def test_twelfth_vietnamese_set_classes(text, refused):
    assert bool(privacy.scan(text)) is refused


@pytest.mark.parametrize(
    ("text", "refused"),
    [
        # the twelfth Spanish set's development half: short forms of given names, names
        # in lower case after a kin word, chat senders, a title typed as said
        ("mi prima sol me dijo que el señor de la troca les cobra la renta", True),
        ("su tio beto les cobra por el cuarto cada viernes", True),
        ("Memo me dijo que si alguien habla con la policía ya sabe.", True),
        ("Cuando llegamos, Pilar estaba sola con los niños.", True),
        ("[6:05 a. m.] Chuy: ya están listos? paso a las 6", True),
        ("La seño Marleny notó que la niña nunca traía lonche.", True),
        ("[9:14] Primary: ack, voy en camino", False),
        ("Asesoría legal para la visa T. Próximo paso: cita con Legal Aid.", False),
        ("En la finca Las Mercedes el papá trabajó desde niño.", False),
        ("El programa Nueva Esperanza del albergue acepta adolescentes.", False),
        ("la camioneta es rosa con blanco y se para frente a la lavanderia", False),
        ("una troca blanca con placas de Texas pasa cada noche", False),
        ("mi prima sol tambien trabaja ahi pero no quiere hablar", True),
        ("Tiene 15 y cumple 16 el 12 de diciembre, dice la mamá.", True),
        ("el programa cumple 10 años el 5 de mayo", False),
        ("mi hermana mayor no quiere hablar con nadie", False),
    ],
)
def test_twelfth_spanish_set_classes(text, refused):
    assert bool(privacy.scan(text)) is refused


@pytest.mark.parametrize(
    ("text", "typed"),
    [
        ("chieu nay goi cho tin 3 lan ko bat may", True),
        ("hom nay da noi voi ben shelter ve T visa", True),
        ("Update from legal aid: e hieu quy trinh, hoi nhieu ve viec di hoc.", True),
        ("The DA will call her back about the hearing on Monday.", False),
        ("Hablamos con la abogada que trabaja con las familias.", False),
        ("Hôm nay đã nói với bên shelter.", False),  # with its marks: read as Vietnamese
    ],
)
def test_a_note_typed_without_marks_is_told_by_its_vietnamese_words(text, typed):
    assert typed_vietnamese(text.replace(".", " ").replace(":", " ").split()) is typed


@pytest.mark.parametrize(
    ("text", "refused"),
    [
        # the thirteenth Spanish set's development half: an e-mail spelled out in brackets,
        # an article or a preposition before a capital, a visa class, a feast
        ("mandan los contratos desde reclutamiento.mariscos (arroba) example (punto) com", True),
        ("escríbele a kim [a còng] example [chấm] com", True),
        ("Un Mercedes negro con vidrios polarizados llega a la cantina los sábados.", False),
        ("el manager del car wash le tiene el phone y se lo devuelve los domingos", False),
        ("la tía Marisol del taller les cobra la renta", True),
        ("Hablamos con 30 workers, casi todas con visa H-2B. Varias dicen que no.", False),
        ("Domingo de Ramos no hay reunión; se pasa a la semana de Pascua.", False),
        ("Remedios y su hija duermen en el cuarto de atrás del taller.", True),
        ("llevamos a la senora paz y al hijo al consulado, ya tienen cita", True),
        ("la senora de la tienda llego tarde", False),
        ("Jesús, el mayor de los tres hermanos, es quien le entrega el cash al patrón.", True),
        ("Houma, la ciudad mas grande, tiene refugio.", False),
        # the fourteenth Vietnamese set's development half: a two-syllable word opening a
        # sentence, a count of people, a city, a reported clause's subject
        ("Trung thuc ma noi, client chua san sang ke het, can them thoi gian", False),
        ("Hieu roi, cam on nhieu", False),
        ("Nghia la client dong y cho MDT xem ho so, nhung ko chia se sang vung khac", False),
        ("post-test: hieu ro hon ve dau hieu lao dong cuong buc trong nganh dich vu", False),
        ("phat 150 to roi, 12 nguoi hoi ve viec lam an toan", False),
        ("gia dinh client o An Giang, client tu Chau Doc qua Campuchia", False),
        ("client noi lan cung bi giu passport, dang o chung nha tro", True),
        ("Nghia noi chu tiem giu passport", True),
        ("3 nguoi lam chung tiem: vinh, sang, my - ca 3 ngu lai trong tiem", True),
        # the fourteenth Spanish and fifteenth Vietnamese sets' development halves
        ("La Ley William Wilberforce de 2008 amplió las protecciones para menores.", False),
        ("Reyes Magos no hubo este año para los niños del campamento.", False),
        (
            "El foreman les descuenta el housing y el transporte del paycheck, and they can't.",
            False,
        ),
        ("doan van thang la nguoi dua client qua Texas.", True),
        ("thanks nga, da ack roi, dang chay toi.", True),
        ("ok hai, e se goi lai", True),
        ("tin nhan bi loi, gui lai dum e", False),
        ("phu huynh dong y cho tri lieu hang tuan o trung tam", False),
        ("Hong xe giua duong, goi backup di thay", False),
    ],
)
def test_thirteenth_spanish_and_fourteenth_vietnamese_set_classes(text, refused):
    assert bool(privacy.scan(text)) is refused


@pytest.mark.parametrize(
    ("text", "refused"),
    [
        # case and report numbers after their Spanish and Vietnamese labels
        ("La audiencia de la causa penal 2025-0871 se celebrará en Lake Charles.", True),
        ("Informe de incidente del sheriff de Calcasieu n.º 25-04417.", True),
        ("La denuncia quedó con el número MP001/2025/38817.", True),
        ("Houma PD đã lập biên bản, số hồ sơ HPD-25-004217.", True),
        ("toa hinh su Orleans, case so 561-208, hen ra toa thang sau.", True),
        ("xe ban tai bien Texas RJK-4720 dau truoc xuong", True),
        ("CCCD cua client: 052 307 004 816", True),
        ("drivers lisence on the motel card: FL H123-456-78-901-0", True),
        # addresses written their way
        ("Bà chủ cho em ở căn hộ 3C trong chung cư gần chợ.", True),
        ("Su familia vive en la colonia Las Palmas, calle 5 de Mayo #214.", True),
        ("Dirección: 4.ª avenida 5-32, zona 1, Huehuetenango.", True),
        ("Địa chỉ gia đình: số 112 tổ 5 ấp Bình Thạnh, xã Long Hòa.", True),
        ("tho ngu chung o can nha goc Barataria va Lapalco", True),
        # a birth day said in words
        ("Declaró que nació el veintitrés de febrero de dos mil diez.", True),
        ("Em chỉ nhớ mình sinh ngày 28 tháng Chạp âm lịch.", True),
        ("Her birthday is the twenty-third of May.", True),
        ("Biên bản NOPD số J-18472-24 đã gửi qua HSI.", True),
        ("Năm sinh ghi trên thẻ là 2006, em ấy làm ở tiệm phở.", True),
        ("Sinh nhật em ấy 22/7.", True),
        ("Em ấy sẽ tròn 16 tuổi vào thứ Bảy tuần sau.", True),
        ("cumple 16 el sábado que viene y el patrón lo sabe", True),
        ("Los cortadores viven en la calle Duhon 311, en Breaux Bridge.", True),
        # the referral's own case code, years, counts and words stay
        ("La calle Principal 2025 fue el año del cambio.", False),
        ("Avenida Veterans 300 trabajadores marcharon.", False),
        ("El programa cumple 10 años el sábado que viene.", False),
        ("Năm sinh của các em từ 2005 đến 2008.", False),
        ("Mai gặp lại ở Houma, thứ Bảy tuần sau họp MDT.", False),
        ("La fiscalía revisa el caso CC-2026-007 el jueves.", False),
        ("Xem xét hồ sơ: CC-2025-147 chuyển sang có dịch vụ.", False),
        ("Cập nhật: hồ sơ I-914 đã nộp, đang chờ Continued Presence.", False),
        ("En el caso 2025 hubo 3 referidos; la causa principal fue la deuda.", False),
        ("el caso de los 2025 trabajadores", False),
        ("El informe anual 2024-2025 ya está listo.", False),
        ("La dirección del programa: 3 sesiones al mes en la parroquia.", False),
        ("ho so cua 3 client da gui qua legal aid", False),
        ("está bien 2 de 3", False),
    ],
)
def test_numbers_addresses_and_birth_days_as_each_language_writes_them(text, refused):
    assert bool(privacy.scan(text)) is refused


# Written for the classes the held-out halves miss most (plates, case and report numbers,
# phones in other countries' shapes, addresses, rooms, birth days, handles), as a class,
# not from any corpus's text.
@pytest.mark.parametrize(
    "text",
    [
        "La camioneta tenía placas texanas DLR 4821.",
        "Las placas de la troca son de California, 8ABC123.",
        "Traía placas temporales 45T-8821 de Luisiana.",
        "Iba en un carro blanco con tablilla HGT-552.",
        "Denuncia número 2025-00871 en la policía de Kenner.",
        "El folio de la denuncia es 4471-2025.",
        "La orden de protección 25-PO-0331 vence en junio.",
        "Acta 0912/2025 levantada en el Ministerio Público.",
        "Carpeta de investigación FED/TAB/0045/2025.",
        "Llámale al 504 555 0147 después de las seis.",
        "Su cel es (985) 555-0147.",
        "Su número en Honduras es +504 9876-5432.",
        "El WhatsApp de la mamá es 9876-5432, en Honduras.",
        "Su teléfono: 985.555.0147",
        "Vive en el 1420 de la Elysian Fields, la casa verde.",
        "Viven en la 2810 de Gentilly, atrás de la gasolinera.",
        "Su casa está en lote 5, manzana 8 de la colonia Las Flores.",
        "Se queda en el cuarto 12 de la pensión de la calle Canal.",
        "Fecha de nacimiento: 03-05-2009.",
        "Su cumpleaños es el 12 de marzo.",
        "El 15 de enero cumple 16 años.",
        "Nacida el 4 de julio de 2010.",
        "Ella nació en marzo de 2009.",
        "Em sinh ngày 12/3/2008 ở Cà Mau.",
        "Ngày sinh: 12-03-2008.",
        "Sinh nhật 15 tháng 8, năm nay tròn 17.",
        "Em sinh vào tháng 3 năm 2009.",
        "Em ở phòng 12 nhà nghỉ gần chợ Hong Kong.",
        "Ở phòng trọ số 5 trên đường Chef Menteur.",
        "Nick Zalo của em là hoa.nail86.",
        "fb: be.xinh.2008",
        "Facebook của bà chủ tên Kim Nail Spa Houma.",
        "Zalo: 0912 345 678",
        "em ấy hay nhắn qua TikTok @tiemnail_houma",
        "Số điện thoại của em: 504-555-0147.",
        "goi cho e so 985 555 0147 nha",
        "Biển số xe 9KD 2231, xe Camry màu bạc.",
        "xe mang bien so Louisiana 123 ABC",
        "Em ở căn phòng 204 của motel trên Airline Hwy.",
        "Nhà em ở số 45 đường Alcee Fortier.",
        "nha e o 1205 duong Chef Menteur",
        "Hộ chiếu số C1234567.",
        "Mã số A là 212-345-678.",
        "Cô ấy đăng ký Medicaid số 1234567890123.",
        "em ay sinh 12/3/2008 o Ca Mau",
        "bé sinh năm 2010, giờ học lớp 9",
        "sinh ra ngày 5 tháng 6 năm 2009 tại Bạc Liêu",
        "e sn 2008",
        "ngay sinh cua e la 14/02/2009",
        "sinh nhat e la 20 thang 10",
        "Ngày 12/8 em tròn 16 tuổi.",
        "Nhà nghỉ trên Chef Menteur, phòng số 14.",
        "o nha tro gan cho, phong 7",
        "Khách sạn Hồng Kông phòng 203.",
        "Zalo em ấy: Lan Anh Nail",
        "nick fb cua e la hoang.yen.1208",
        "instagram: @ngocanh.2009",
        "Cashapp của chủ tiệm là $KimNail504",
        "Venmo: @tuan-nguyen-22",
        "Fecha de nac. 14/02/2009",
        "nacio el 14 de febrero del 2009",
        "tiene 15, cumple el 3 de mayo",
        "su cumple es el 4 de julio",
        "Su Facebook es Maria Lopez Honduras.",
        "Lo agregamos en Insta, @el_flaco504.",
        "reporte policial #2025-00341",
        "el número de reporte es 25-118844",
        "la policía de Kenner le dio un número de reporte: K-25-4471",
        "en el reporte de la policía (2025-0031764)",
        "la denuncia (exp. 2025-118) sigue abierta",
        "la queja ante el DOL, folio WH-2025-0044",
        "Orden de arresto 25-W-00321 contra el patrón",
        "número de citatorio 44-1821",
        "la casa número 23 de la colonia El Carmen",
        "calle 8 #45-12, barrio La Esperanza",
        "Residencial Los Pinos, casa 14, en San Pedro Sula",
        "cerca del Walmart de la Veterans, en los apartamentos Oak Tree, edificio C, apartamento 12",
        "en el 3300 de Tulane, arriba de la tienda",
        "fecha de nac: 02/14/09",
        "su fecha de nacimiento es 14 feb 2009",
        "nacida en 2009 en Olancho",
        "cumple años el 3 de mayo",
        "cumpleaños: 3/5",
        "nació un 12 de diciembre",
        "su número es 985-555-0147",
        "marcar al 5 0 4 5 5 5 0 1 4 7",
        "le llamamos al (504) 555-01-47",
        "whats +52 1 998 123 4567",
        "número de su mamá en Guatemala: 502 5555 1234",
        "sinh 12/3/2008 tại Cà Mau",
        "ngày sinh 12.03.2008",
        "năm nay 16 tuổi, sinh tháng 3 năm 2009",
        "sinh nhật vào ngày 5/6",
        "em sinh ngày mùng 5 tháng Giêng",
        "tuần sau là sinh nhật 16 tuổi của em",
        "phòng 12 motel Sunrise",
        "ở motel trên Chef, phòng 21",
        "ở nhà nghỉ gần Walmart, phòng số 8",
        "ở trọ phòng 5 gần chợ",
        "nhà số 45 đường Chef Menteur",
        "ở 1205 Chef Menteur Hwy",
        "địa chỉ 4412 Lapalco",
        "ở căn nhà số 18 hẻm 3",
        "số nhà 45, gần chùa",
        "bảng số xe LA 482 KTM",
        "xe tải biển số 7GHT221",
        "mã số hồ sơ cảnh sát 2025-004471",
        "số vụ việc: 25-1193",
    ],
)
def test_identifiers_in_spanish_and_vietnamese_as_a_class(text):
    assert privacy.scan(text)


@pytest.mark.parametrize(
    "text",
    [
        "We met at Houma and Thibodaux last spring.",
        "posted on fb. the next step is training",
        "Học sinh ra về lúc 3 giờ chiều.",
        "El 5 de mayo el programa cumple 10 años.",
        "Zalo nhóm MDT có 12 người.",
        "La denuncia se hizo en marzo.",
        "Chị ơi bên Houma có ai nói tiếng Việt trực tối nay ko?",
        "la multa fue de 2500 dólares",
        "El número de casos subió a 1500 este año.",
        "Viven 12 trabajadores en una casa.",
        "vive en Houma desde 2019",
        "học sinh tháng 3 năm 2025 thi xong",
        "Địa chỉ của văn phòng MDT chưa đổi.",
        "la citación llegó el 3 de mayo",
        "La Iglesia Pentecostal Luz y Esperanza de Gonzales ofreció su salón.",
    ],
)
def test_the_same_words_without_an_identifier_are_kept(text):
    assert not privacy.scan(text)


def test_a_name_called_out_is_still_refused():
    assert privacy.scan("Thịnh ơi, tiệm còn thiếu thợ")


@pytest.mark.parametrize(
    ("text", "refused"),
    [
        ("Linh Tran bên Catholic Charities sẽ thông dịch cho buổi MDT thứ Năm.", True),
        ("Hợp đồng thuê nhà ghi tên Thao Pham nhưng người ở là ba cô thợ.", True),
        ("Em ở Long An, sang Mỹ năm ngoái.", False),
        ("Em làm ở tiệm Nail Pro gần Houma.", False),
    ],
)
def test_a_vietnamese_name_in_american_order_in_a_marked_note(text, refused):
    assert bool(privacy.scan(text)) is refused


@pytest.mark.parametrize(
    ("text", "refused"),
    [
        ("Hôm qua Tèo bỏ trốn khỏi tiệm.", True),
        ("Em gặp Mít ở chợ Hong Kong.", True),
        ("Sáng nay Chiến lại tới tiệm đòi tiền.", True),
        ("Thông dịch viên giọng Bắc đã sẵn sàng cho buổi phỏng vấn.", False),
        ("Văn phòng Thống đốc về Phòng chống Buôn người tài trợ lớp tập huấn.", False),
        ("Kiều bào mới qua thường không biết quyền lợi lao động ở Mỹ.", False),
        ("Các nhóm chỉ dấu dựa theo Công cụ Nhận diện Nạn nhân Buôn người.", False),
    ],
)
def test_a_capitalised_syllable_no_list_holds_inside_a_vietnamese_sentence(text, refused):
    assert bool(privacy.scan(text)) is refused


# Spanish names by what is said around them, written as a class (not from a corpus's text).
@pytest.mark.parametrize(
    "text",
    [
        "Quien denunció al patrón fue Amparo, la mesera de más edad.",
        "Rosario confirmó que son 14 mujeres en la planta.",
        "Según Consuelo, el encargado les quita el pasaporte.",
        "Hablamos con Dolores y su hermana en la clínica.",
        "La que maneja el dinero es Blanca, la esposa del contratista.",
        "Ángel dijo que lo amenazaron con llamar a migración.",
        "Le dicen el Chino y es el que cobra la renta.",
        "El muchacho, Jesús, tiene 16 años y trabaja en la planta.",
        "La señora Paz ofreció su casa para las reuniones.",
        "Ayer llegó Cruz con dos compañeros de la finca.",
        "Mi compa Rigo me pasó el contacto del patrón.",
        "Socorro no quiere declarar todavía.",
        "Luz y su bebé están en el albergue desde el lunes.",
        "La trabajadora social habló con Mercedes por teléfono.",
        "Don Chuy es el que los recoge en la troca.",
    ],
)
def test_spanish_names_by_what_is_said_around_them(text):
    assert privacy.scan(text)


@pytest.mark.parametrize(
    "text",
    [
        "La Paz, la capital, queda lejos de la frontera.",
        "Houston y sus alrededores tienen muchas plantas de mariscos.",
        "La policía confirmó la fecha de la audiencia.",
    ],
)
def test_spanish_places_and_agencies_stay(text):
    assert not privacy.scan(text)


# Written as classes after the sixteenth Spanish and seventeenth Vietnamese sets (not their
# texts): a person called at the head of a voice note, an appositive role with no comma,
# Central America's identity documents, a house number said in words, Vietnamese forms of
# address typed without marks, whose number it is, a birthday typed short. And after the
# seventeenth Spanish and eighteenth Vietnamese sets: a married woman's name, a person's
# word reported, numbered streets of South America and Puerto Rico, directions from a
# landmark, a plate's island word, a cédula with dots, names after Vietnamese naming cues
# (nickname, dharma name, saint name) and called out; and what is no one: a place after
# "en" or after a region's word and "de", a youth group's branch, a kin word after "gọi là".
# And after the eighteenth Spanish and nineteenth Vietnamese: a person "es el que …", asked
# ("le pregunté a …"), signing "att."; a birthday "este sábado"; an address after "tại"; a
# CCCD number whose it is; a judgment's number; a name in a form's order; a title typed
# without marks opening a sentence; no one: a district named after a person, two-syllable
# words with a name's syllable ("chu tiem", "nha hang"). And after the nineteenth Spanish
# and twentieth Vietnamese: a judge's title, a town-named person with a role after a
# comma, an incident number, a room typed "p.112", a birthday after "nó".
@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Rigoberto, mira, ya hablé con el de la troca", "Rigoberto"),
        # a chat line's sender named with a town is still a person
        ("[9:14 p. m.] Tavo Houma: ya están listos?", "Tavo Houma"),
        ("Hola Maribel, te cuento que los de la finca ya cobraron", "Maribel"),
        ("Yesenia buenas noches, ya llegamos al albergue", "Yesenia"),
        ("Beto el capataz les cobra el raite a todos", "Beto"),
        ("el DUI de la señora es 04417236-9 y lo tiene el patrón", "04417236-9"),
        ("su cédula de identidad 0801 1999 04512 la guarda la dueña", "0801 1999 04512"),
        (
            "viven en el treinta y cinco catorce de la Franklin, atrás",
            "treinta y cinco catorce de la Franklin",
        ),
        (
            "she said the trailer is at fifty-two nineteen Old Spanish Trail",
            "fifty-two nineteen Old Spanish",
        ),
        ("thang Phuc 16t lam o tiem nail o Marrero", "Phuc"),
        ("chi Hanh noi chu giu giay to cua em", "Hanh"),
        ("Gia đình Phạm ở Marrero giữ giấy tờ của ba em", "Phạm"),
        ("Số A của chú ấy: 214 330 871", "214 330 871"),
        ("sn cua be la 3/9, nam nay 15", "3/9"),
        ("Em ấy vừa đủ 16 tuổi hôm thứ Bảy tuần trước", "hôm thứ Bảy tuần trước"),
        ("la Sra. de Quiñones guarda los pasaportes en la oficina", "Quiñones"),
        ("Según Mireya, el patrón no les paga las horas extra.", "Mireya"),
        ("la mamá vive en la Carrera 12 # 40-15 de Bogotá", "Carrera 12 # 40-15"),
        ("la dirección es Calle Flamboyán 3C-21, Carolina", "Calle Flamboyán 3C-21"),
        ("del mercado central tres cuadras al norte, casa verde", "tres cuadras al norte"),
        ("la tablilla de la guagua del patrón: HKL-552", "HKL-552"),
        ("su cédula venezolana V-19.402.771 está vencida", "V-19.402.771"),
        ("ai cung keu no la Bo, 16t, lam o quan pho", "Bo"),
        ("Thầy có pháp danh Quảng Đức, ở chùa bên Westbank", "Quảng Đức"),
        ("em có tên thánh là Têrêsa, sinh hoạt ở giáo xứ", "Têrêsa"),
        ("Phuong oi, mai e qua tiem som nha", "Phuong"),
        ("thảo vừa nhắn là chủ tiệm giữ hộ chiếu của em ấy", "thảo"),
        ("Chuy es el que maneja la troca y cobra el raite", "Chuy"),
        ("le pregunté a Maritza si quería volver a la casa", "Maritza"),
        ("muchas gracias por el taller, att. Yesenia de Houma", "Yesenia"),
        ("mi hija cumple los 15 este sábado y el patrón lo sabe", "este sábado"),
        ("Ông bà ở tại 4412 Hwy 1, Golden Meadow từ tháng Ba", "4412 Hwy"),
        ("Số CCCD của thân chủ: 079 555 013 246", "079 555 013 246"),
        ("Người môi giới bị xử theo Bản án số 88/2023/HS-PT", "88/2023/HS-PT"),
        ("Tren giay to ghi la PHAM, Thi Thu", "PHAM, Thi Thu"),
        ("Chi Hoa noi e ko dc ve nha.", "Hoa"),
        ("ante la magistrada Olivares, la víctima ratificó su denuncia", "Olivares"),
        ("Thibodaux, el defensor público, pidió un receso", "Thibodaux"),
        ("Número de incidente de la policía de Houma: 25-004417", "25-004417"),
        ("e o p.112 motel gan Chef Menteur", "p.112"),
        ("sinh nhật nó 3 tháng 9, sắp 17 rồi", "3 tháng 9"),
        ("Pelón, el que maneja la van blanca, cobra la renta.", "Pelón"),
        ("Yaritza no volvió a la clínica después de la cita.", "Yaritza"),
        ("Chị thợ nail đồng ý gặp lại ở văn phòng. — Ngân, điều phối viên", "Ngân"),
        ("Lich hen outreach thu Bay. -- Trang, case manager", "Trang"),
        ("Da gap Chi hom qua, Chi noi chu tiem giu passport.", "Chi"),
        ("hồi sáng chị hạnh ở tiệm nail có nhắn là bà chủ giữ giấy tờ", "hạnh"),
        ("boss của em là chú thịnh ở metairie ổng nói sẽ gọi cho gia đình", "thịnh"),
        ("bác sĩ trang ở phòng khám nói vết thương là do bị phỏng dầu", "trang"),
        ("cô case manager tên hương bên catholic charities sẽ gọi lại", "hương"),
        ("dạ em là hoài em làm tiệm nail ở lafayette", "hoài"),
        ("ngọc nói hôm thứ bảy có người đàn ông tới tiệm đưa tiền cho bà chủ", "ngọc"),
        ("mấy người đi ghe của captain lộc ở venice không ai được lãnh tiền", "lộc"),
        ("el mayordomo es un tal arceneaux, el q cobra la comida", "arceneaux"),
        ("el carro tiene placa 218 ckp, es un camry viejo rojo", "218 ckp"),
        ("x si acaso aqui mando ubicacion: 29.5958, -90.7195 📍 no le digas", "29.5958, -90.7195"),
        ("llego tarde, el bus no paso. avisale a la jefa porfa --santi", "santi"),
        ("El muchacho se presenta como Q'anil; dice que tiene 16 años.", "Q'anil"),
        ("Tz'unun, de San Juan Ixcoy, describe jornadas de 14 horas.", "Tz'unun"),
    ],
)
def test_what_the_newest_language_sets_taught_as_classes_is_refused(text, value):
    assert any(value in span or span in value for span in refused(text)), refused(text)


@pytest.mark.parametrize(
    "text",
    [
        "el contratista los trae de Beaumont en una van blanca",
        "el patron les quita los papeles y les reza el rosario los domingos",
        "[7:40 a. m.] Promotora Houma: ya repartimos los folletos",
        "[9:02 p. m.] Intérprete Mam: terminé la entrevista en la clínica",
        "hop MDT thang Tu o Houma, chu Nhat nghi",
        "mấy em H-2B chưa được trả tiền hai tuần",
        "e gui qua Zalo nhe, mai gap",
        "dang cho sheriff Lafourche xac nhan",
        "In twenty twenty-five the summit drew more members from Acadiana.",
        "about fifty sixty Hispanic workers came to the clinic",
        "eran treinta cuarenta Hondureños en la obra",
        "la familia vivió muchos años en Valledupar antes de venir",
        "cruzaron por la selva del Darién y luego por Tapachula",
        "la joven trabajó en el departamento de Olancho",
        "Ngành Thiếu Nhi của đoàn họp chiều Chủ nhật",
        "nganh Au Nhi co 12 em, sinh hoat o nha tho",
        "gọi là chị cho thân mật nhé",
        "mình vừa gọi cho bên shelter, chưa ai nghe máy",
        "cac em hoc sinh truong J.S. Clark o Opelousas se toi buoi hop",
        "la reunión del comité es este jueves a las diez",
        "trabajo de lunes a domingo, 10 horas, sin día libre",
        "chu tiem giu het giay to cua tho, ko cho ai ve",
        "Gia đình sống ở huyện Trần Văn Thời, Cà Mau, gần biển.",
        "co 2 em lam o nha hang o Kenner, chua dc tra luong",
        "un campo de fresas de Tangipahoa, el capataz no deja salir a nadie",
        "dos agentes de HSI, la fiscal y la defensora de víctimas estuvieron presentes",
        "no meeting on 12 tháng 4, hẹn lại tuần sau",
        "la clínica queda a dos cuadras de la plaza",
        "Junta de padres en la escuela primaria Ella Dolhonde: la mamá pidió intérprete.",
        "El paciente, cubano de Trinidad, pelaba ostiones en Empire.",
        "Es originaria de Florencia, Honduras; llegó en marzo.",
        "Houma no tiene intérprete de noche; Houma, el que más casos tiene, pidió ayuda.",
        "Em noi nhieu trung tam tuyen dung lua dao dua nguoi sang Dai Loan va Han Quoc.",
        "Sau le o nha tho, mot chi xin noi chuyen rieng. Chi noi chu tiem cho di le.",
        "chị em ở chung một nhà, sáng nào cũng có xe đưa qua tiệm",
        "em là thợ nail ở kenner, tên tiệm là gì em không nhớ",
        "cô giáo nói em nghỉ học hai tuần nay vì phải đi làm",
        "mija ya comiste? aca todos bn, hay jale en hoteles con casa y raite",
        "el viernes de dolores hacemos altar como lo hacia mi abuela",
        "pago bn, 500 a la semana, solo q sean jovenes; nel no puedo hablar",
        "el caso 2025 hubo 3 referidos",
        "mai nói với chị là em nghỉ một bữa",
        "Sesión con intérprete de mam (variante de Todos Santos Cuchumatán).",
        "Los techeros de Chichicastenango y la gente de Momostenango no tienen arnés.",
        "La familia pidió no poner la cita el día Wajxaqib' B'atz'; en q'eqchi' b'alam es jaguar.",
        "Las peladoras de Henderson dicen que la pesa de la planta marca de menos.",
        "el día B'atz' no trabajan",
        "mùng Một mùng Hai Tết thì chủ cho nghỉ, nhưng mùng Ba phải đi làm lại",
        "mẹ em đi khám, bác sĩ nói phải nghỉ mà chủ không cho",
        "mùa thu là lúc ghe đi nhiều nhất, mấy anh deckhand đi cả tuần không về",
    ],
)
def test_what_the_newest_language_sets_taught_to_keep_is_kept(text):
    assert not privacy.scan(text), refused(text)
