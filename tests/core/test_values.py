"""Text, phone, e-mail, web-address and identity-number rules of dossier.core.values.

Dates are in test_values_dates.py, numbers and field rules in test_values_numbers.py.
"""

from __future__ import annotations

from datetime import date

import phonenumbers
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from dossier.core.values import (
    BadValue,
    format_phone,
    normalize_cn_resident_id,
    normalize_credit_code,
    normalize_email,
    normalize_long_text,
    normalize_name,
    normalize_phone,
    normalize_text,
    normalize_url,
    phone_digits,
)

RIC_WEIGHTS = [2 ** (17 - i) % 11 for i in range(17)]  # ISO 7064 MOD 11-2
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = [3**i % 31 for i in range(17)]


def resident_id(region: str, birth: str, sequence: str) -> str:
    """A made-up resident ID whose check digit is computed, not anyone's real number."""
    body = region + birth + sequence
    return (
        body + "10X98765432"[sum(int(c) * w for c, w in zip(body, RIC_WEIGHTS, strict=True)) % 11]
    )


def credit_code(body: str) -> str:
    total = sum(USCC_ALPHABET.index(c) * w for c, w in zip(body, USCC_WEIGHTS, strict=True))
    return body + USCC_ALPHABET[(31 - total % 31) % 31]


def raises(code: str, function: object, *args: object) -> BadValue:
    assert callable(function)
    with pytest.raises(BadValue) as caught:
        function(*args)
    assert caught.value.code == code, caught.value
    return caught.value


def idempotent(normalize: object, value: str) -> None:
    assert callable(normalize)
    try:
        once = normalize(value)
    except BadValue:
        return
    assert normalize(once) == once


class TestBadValue:
    def test_carries_code_message_and_params(self) -> None:
        bad = BadValue("too_long", "must have at most 5 characters", max=5, length=7)
        assert (bad.code, bad.message, bad.params) == (
            "too_long",
            bad.message,
            {"max": 5, "length": 7},
        )
        assert str(bad) == "must have at most 5 characters"

    def test_is_a_value_error(self) -> None:
        assert isinstance(BadValue("x", "y"), ValueError)


class TestNormalizeText:
    @pytest.mark.parametrize(
        ("raw", "clean"),
        [
            ("  张三  ", "张三"),
            ("张\u3000三", "张 三"),
            ("Ａｃｍｅ　Ｌｔｄ", "Acme Ltd"),
            ("a\t\tb\nc", "a b c"),
            ("a\u200bb\ufeff", "ab"),
            ("bell\x07", "bell"),
            ("ｶﾀｶﾅ", "カタカナ"),
        ],
    )
    def test_examples(self, raw: str, clean: str) -> None:
        assert normalize_text(raw) == clean

    @given(st.text())
    def test_idempotent(self, value: str) -> None:
        assert normalize_text(normalize_text(value)) == normalize_text(value)

    @given(st.text())
    def test_leaves_no_control_characters_or_double_spaces(self, value: str) -> None:
        clean = normalize_text(value)
        assert "  " not in clean and clean == clean.strip()
        assert not any(ord(c) < 32 for c in clean)


class TestNormalizeLongText:
    def test_keeps_paragraphs_and_cuts_trailing_spaces(self) -> None:
        raw = "  第一段  \r\n第二行\t\r\n\r\n\r\n\r\n第二段　\n"
        assert normalize_long_text(raw) == "第一段\n第二行\n\n第二段"

    def test_keeps_indentation_inside(self) -> None:
        assert normalize_long_text("items:\n  - one\n  - two") == "items:\n  - one\n  - two"

    def test_drops_controls_but_keeps_newlines(self) -> None:
        assert normalize_long_text("a\x00b\u2028c") == "ab\nc"

    @given(st.text())
    def test_idempotent(self, value: str) -> None:
        idempotent(normalize_long_text, value)


class TestNormalizeName:
    def test_cleans_a_name(self) -> None:
        assert normalize_name("  北京　某某 科技有限公司 ") == "北京 某某 科技有限公司"

    @pytest.mark.parametrize("raw", ["", "   ", "\u3000", "\u200b"])
    def test_blank_is_refused(self, raw: str) -> None:
        raises("blank", normalize_name, raw)

    @given(st.text())
    def test_idempotent(self, value: str) -> None:
        idempotent(normalize_name, value)


class TestNormalizePhone:
    @pytest.mark.parametrize(
        ("raw", "e164"),
        [
            ("138 1234 5678", "+8613812345678"),
            ("138-1234-5678", "+8613812345678"),
            ("+86 138 1234 5678", "+8613812345678"),
            ("0086 13812345678", "+8613812345678"),
            ("１３８１２３４５６７８", "+8613812345678"),
            ("(010) 6552 9988", "+861065529988"),
            ("010-65529988", "+861065529988"),
            ("+852 2123 4567", "+85221234567"),
            ("+1 650-253-0000", "+16502530000"),
        ],
    )
    def test_examples_become_e164(self, raw: str, e164: str) -> None:
        assert normalize_phone(raw) == e164

    @pytest.mark.parametrize(
        "raw",
        [
            "010-65529988-123",
            "010-65529988 转123",
            "010 6552 9988 分机 123",
            "010 65529988 ext. 123",
        ],
    )
    def test_extension_is_kept_as_rfc3966_suffix(self, raw: str) -> None:
        assert normalize_phone(raw) == "+861065529988;ext=123"

    def test_region_decides_numbers_without_country_code(self) -> None:
        assert normalize_phone("(650) 253-0000", "US") == "+16502530000"

    @pytest.mark.parametrize(
        "raw", ["", "12345", "138 1234 567", "not a phone", "+86 000 0000 0000"]
    )
    def test_invalid_numbers_are_refused(self, raw: str) -> None:
        raises("phone_invalid", normalize_phone, raw)

    @given(st.text(alphabet="0123456789+-() 转ext.#x８", max_size=24))
    def test_idempotent(self, value: str) -> None:
        idempotent(normalize_phone, value)


def example_numbers() -> list[phonenumbers.PhoneNumber]:
    kinds = [phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE]
    found = (
        phonenumbers.example_number_for_type(region, kind)
        for region in sorted(phonenumbers.SUPPORTED_REGIONS)
        for kind in kinds
    )
    return [number for number in found if number is not None]


E164 = st.sampled_from(example_numbers()).map(
    lambda n: phonenumbers.format_number(n, phonenumbers.PhoneNumberFormat.E164)
)
CN_MOBILE = st.from_regex(r"\+861[3-9][0-9]{9}", fullmatch=True)


class TestFormatPhone:
    @pytest.mark.parametrize(
        ("e164", "shown"),
        [
            ("+8613812345678", "138 1234 5678"),
            ("+861065529988", "010 6552 9988"),
            ("+861065529988;ext=123", "010 6552 9988 ext. 123"),
            ("+85221234567", "+852 2123 4567"),
            ("+16502530000", "+1 650-253-0000"),
        ],
    )
    def test_national_at_home_international_abroad(self, e164: str, shown: str) -> None:
        assert format_phone(e164) == shown

    def test_home_region_is_a_parameter(self) -> None:
        assert format_phone("+16502530000", "US") == "(650) 253-0000"

    def test_garbage_is_refused(self) -> None:
        raises("phone_invalid", format_phone, "not a number")

    @given(E164 | CN_MOBILE, st.sampled_from(["CN", "US", "HK", "GB"]))
    def test_normalize_of_format_round_trips(self, e164: str, region: str) -> None:
        assume(phonenumbers.is_valid_number(phonenumbers.parse(e164)))
        assert normalize_phone(format_phone(e164, region), region) == e164

    @given(E164)
    def test_round_trips_in_the_numbers_own_region(self, e164: str) -> None:
        region = phonenumbers.region_code_for_number(phonenumbers.parse(e164))
        assert normalize_phone(format_phone(e164, region), region) == e164


class TestPhoneDigits:
    @pytest.mark.parametrize(
        ("raw", "digits"),
        [
            ("+86 138 1234 5678", "13812345678"),
            ("+8613812345678", "13812345678"),
            ("(010) 6552-9988", "1065529988"),
            ("010-65529988-123", "1065529988"),
            ("1381234", "1381234"),
            ("+852 2123 4567", "21234567"),
            ("no digits here", ""),
            ("", ""),
        ],
    )
    def test_examples(self, raw: str, digits: str) -> None:
        assert phone_digits(raw) == digits

    @given(st.text())
    def test_only_ascii_digits_or_empty(self, value: str) -> None:
        digits = phone_digits(value)
        assert digits == "" or (digits.isascii() and digits.isdigit())


class TestNormalizeEmail:
    @pytest.mark.parametrize(
        ("raw", "clean"),
        [
            ("Zhang.San@QQ.COM", "Zhang.San@qq.com"),
            ("  mailto:li@163.com ", "li@163.com"),
            ("MAILTO:li@163.com", "li@163.com"),
            ("ｌｉ＠１６３．ｃｏｍ", "li@163.com"),
            ("张三@例子.中国", "张三@例子.中国"),
            ("user@Bücher.DE", "user@bücher.de"),
        ],
    )
    def test_examples(self, raw: str, clean: str) -> None:
        assert normalize_email(raw) == clean

    @pytest.mark.parametrize(
        "raw", ["", "li", "li@", "@163.com", "li@163", "li@@163.com", "li @163.com"]
    )
    def test_invalid_is_refused_with_the_reason(self, raw: str) -> None:
        bad = raises("email_invalid", normalize_email, raw)
        assert bad.params["reason"]

    @given(st.emails())
    def test_valid_addresses_are_idempotent(self, value: str) -> None:
        idempotent(normalize_email, value)

    @given(st.text(alphabet="aZ.@-_+ 例Ｂ", max_size=20))
    def test_idempotent(self, value: str) -> None:
        idempotent(normalize_email, value)


class TestNormalizeUrl:
    @pytest.mark.parametrize(
        ("raw", "clean"),
        [
            ("example.com", "https://example.com"),
            ("HTTP://Example.COM/Path?Q=Yes#Top", "http://example.com/Path?Q=Yes#Top"),
            ("www.qq.com:8080/a", "https://www.qq.com:8080/a"),
            ("http://localhost:8000/admin", "http://localhost:8000/admin"),
            ("//cdn.example.com/x.js", "https://cdn.example.com/x.js"),
            ("例子.中国", "https://例子.中国"),
            ("https://10.0.0.1/", "https://10.0.0.1/"),
        ],
    )
    def test_examples(self, raw: str, clean: str) -> None:
        assert normalize_url(raw) == clean

    @pytest.mark.parametrize(
        "raw",
        [
            "",
            "ftp://example.com",
            "javascript:alert(1)",
            "intranet",
            "https://user:secret@example.com",
            "https://example.com:99999",
            "https://-bad.com",
            "https://a..com",
            "https://999.1.1.1",
            "https://example.com/a b",
        ],
    )
    def test_invalid_is_refused(self, raw: str) -> None:
        raises("url_invalid", normalize_url, raw)

    @given(st.text(alphabet="aZ.:/-?#@0İ例 ", max_size=24))
    def test_idempotent(self, value: str) -> None:
        idempotent(normalize_url, value)


REGIONS = st.sampled_from(["110101", "110105", "310104", "320102", "440305"])
BIRTHS = st.dates(min_value=date(1990, 1, 1)).map(lambda d: d.strftime("%Y%m%d"))
VALID_IDS = st.builds(resident_id, REGIONS, BIRTHS, st.from_regex(r"[0-9]{3}", fullmatch=True))


class TestNormalizeCnResidentId:
    def test_stdnum_documentation_example(self) -> None:
        assert normalize_cn_resident_id("360426199101010071") == "360426199101010071"

    def test_spaces_dashes_and_lower_case_x_are_cleaned(self) -> None:
        number = resident_id("110101", "19800615", "123")
        spaced = f" {number[:6]} {number[6:14]}-{number[14:]} ".lower()
        assert normalize_cn_resident_id(spaced) == number

    def test_full_width_digits_are_read(self) -> None:
        number = resident_id("310104", "19991231", "002")
        full_width = "".join(chr(ord(c) + 0xFEE0) for c in number)
        assert normalize_cn_resident_id(full_width) == number

    def test_region_created_after_the_birth_year_is_accepted(self) -> None:
        # 玄武区 (320102) has this code since 1983; the card was issued there later.
        number = resident_id("320102", "19750101", "011")
        assert normalize_cn_resident_id(number) == number

    def test_old_fifteen_digit_number_is_refused_with_its_own_code(self) -> None:
        bad = raises("id_old_format", normalize_cn_resident_id, "110101800615123")
        assert "18" in bad.message

    @pytest.mark.parametrize(
        ("raw", "reason"),
        [
            ("11010119800615", "length"),
            ("1101011980061512345", "length"),
            ("11010119800615A23X", "format"),
            ("X10101198006151234", "format"),
            (resident_id("110101", "19800230", "123"), "birth date"),
            (resident_id("999999", "19800615", "123"), "region"),
        ],
    )
    def test_invalid_is_refused_with_a_reason(self, raw: str, reason: str) -> None:
        assert raises("id_invalid", normalize_cn_resident_id, raw).params["reason"] == reason

    @given(VALID_IDS)
    def test_valid_numbers_are_accepted_and_idempotent(self, number: str) -> None:
        assert normalize_cn_resident_id(number) == number
        assert normalize_cn_resident_id(normalize_cn_resident_id(number)) == number

    @given(VALID_IDS, st.integers(0, 17), st.sampled_from("0123456789X"))
    def test_changing_one_character_breaks_the_checksum(
        self, number: str, at: int, new: str
    ) -> None:
        assume(number[at] != new and (new != "X" or at == 17))
        changed = number[:at] + new + number[at + 1 :]
        bad = raises("id_invalid", normalize_cn_resident_id, changed)
        assert bad.params["reason"] == "checksum"


USCC_BODIES = st.from_regex(rf"[159][0-9]{{7}}[{USCC_ALPHABET}]{{9}}", fullmatch=True)


class TestNormalizeCreditCode:
    def test_stdnum_documentation_example(self) -> None:
        assert normalize_credit_code("91110000600037341L") == "91110000600037341L"

    def test_spaces_dashes_and_lower_case_are_cleaned(self) -> None:
        assert normalize_credit_code(" 9111-0000 6000 3734 1l ") == "91110000600037341L"

    @pytest.mark.parametrize(
        ("raw", "reason"),
        [
            ("12345", "length"),
            ("A1110000600037341L", "format"),
            ("91110000600037341I", "format"),
            ("91110000600037341M", "checksum"),
        ],
    )
    def test_invalid_is_refused_with_a_reason(self, raw: str, reason: str) -> None:
        bad = raises("credit_code_invalid", normalize_credit_code, raw)
        assert bad.params["reason"] == reason

    @given(USCC_BODIES.map(credit_code))
    def test_computed_codes_are_accepted_and_idempotent(self, code: str) -> None:
        assert normalize_credit_code(code) == code
        assert normalize_credit_code(normalize_credit_code(code)) == code

    @given(USCC_BODIES.map(credit_code), st.integers(0, 17), st.sampled_from(USCC_ALPHABET))
    def test_changing_one_character_breaks_the_checksum(self, code: str, at: int, new: str) -> None:
        assume(code[at] != new and (at >= 8 or new.isdigit()))
        changed = code[:at] + new + code[at + 1 :]
        assert (
            raises("credit_code_invalid", normalize_credit_code, changed).params["reason"]
            == "checksum"
        )
