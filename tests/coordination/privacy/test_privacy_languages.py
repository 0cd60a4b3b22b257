"""The guard in Spanish and Vietnamese notes (issue 22): names with no title before them,
the apps people use, short notes, and the places and feasts written with capitals."""

import pytest

from coordination import privacy


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
