"""Numbers, money, whole numbers, yes/no, and the length, range and pattern rules."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dossier.core.values import (
    BadValue,
    check_length,
    check_pattern,
    check_range,
    parse_bool,
    parse_decimal,
    parse_int,
    parse_money,
)


def bad(function: object, *args: object, **kwargs: object) -> BadValue:
    assert callable(function)
    with pytest.raises(BadValue) as caught:
        function(*args, **kwargs)
    return caught.value


class TestParseDecimal:
    @pytest.mark.parametrize(
        ("raw", "number"),
        [
            ("1,234.50", "1234.50"),
            ("１２３４.５", "1234.5"),
            ("１，２３４．５", "1234.5"),
            (" -12 ", "-12"),
            ("+7", "7"),
            (".5", "0.5"),
            ("1.2万", "12000"),
            ("3亿", "300000000"),
            ("1.5万亿", "1500000000000"),
            ("¥1,234", "1234"),
            ("￥1234元", "1234"),
            ("$1,234.00", "1234.00"),
            ("RMB 1234", "1234"),
            ("-¥12", "-12"),
            ("\u22123", "-3"),
            ("-0", "0"),
        ],
    )
    def test_examples(self, raw: str, number: str) -> None:
        assert parse_decimal(raw) == Decimal(number)

    def test_result_is_exact_not_float(self) -> None:
        assert parse_decimal("0.1") + parse_decimal("0.2") == Decimal("0.3")

    def test_negative_zero_is_plain_zero(self) -> None:
        assert str(parse_decimal("-0.00")) == "0.00"

    def test_ten_thousands_are_written_out(self) -> None:
        assert str(parse_decimal("1万")) == "10000"

    @pytest.mark.parametrize(
        "raw",
        [
            "",
            "abc",
            "12.5k",
            "1 234,50",
            "1,5",
            "1,23,456",
            "1.234,5",
            "1e5",
            "12.",
            "--1",
            "-+1",
            "1-",
        ],
    )
    def test_unreadable_is_number_invalid(self, raw: str) -> None:
        assert bad(parse_decimal, raw).code == "number_invalid"

    def test_too_many_digits_are_refused(self) -> None:
        assert bad(parse_decimal, "9" * 31).code == "number_invalid"

    def test_places_refuses_more_decimal_places(self) -> None:
        error = bad(parse_decimal, "1.234", places=2)
        assert (error.code, error.params["places"]) == ("decimal_places", 2)

    def test_places_ignores_trailing_zeros_and_pads_to_places(self) -> None:
        assert str(parse_decimal("1.500", places=2)) == "1.50"
        assert str(parse_decimal("1.2345万", places=0)) == "12345"

    @given(st.integers(0, 6).flatmap(lambda p: st.decimals(-(10**15), 10**15, places=p)))
    def test_str_of_a_decimal_round_trips(self, number: Decimal) -> None:
        assert parse_decimal(str(number)) == number

    @given(st.integers(-(10**20), 10**20))
    def test_grouped_thousands_round_trip(self, number: int) -> None:
        assert parse_decimal(f"{number:,}") == number


class TestParseMoney:
    @pytest.mark.parametrize(
        ("raw", "amount", "currency"),
        [
            ("1234.5", "1234.50", None),
            ("¥1,234", "1234.00", "CNY"),
            ("￥1234元", "1234.00", "CNY"),
            ("1.2万元", "12000.00", "CNY"),
            ("人民币 100", "100.00", "CNY"),
            ("rmb100", "100.00", "CNY"),
            ("$1,234.00", "1234.00", "USD"),
            ("US$5", "5.00", "USD"),
            ("100 USD", "100.00", "USD"),
            ("€9.99", "9.99", "EUR"),
            ("9.99 EUR", "9.99", "EUR"),
            ("HK$100", "100.00", "HKD"),
            ("100港币", "100.00", "HKD"),
        ],
    )
    def test_examples(self, raw: str, amount: str, currency: str | None) -> None:
        parsed, found = parse_money(raw)
        assert (str(parsed), found) == (amount, currency)

    def test_more_than_two_places_is_refused(self) -> None:
        assert bad(parse_money, "¥1.005").code == "decimal_places"

    def test_two_currencies_are_refused(self) -> None:
        assert bad(parse_money, "$100元").code == "currency_conflict"

    def test_unknown_currency_is_refused(self) -> None:
        assert bad(parse_money, "100 GBP").code == "number_invalid"


class TestParseInt:
    @pytest.mark.parametrize(
        ("raw", "number"), [("1,234", 1234), ("１２", 12), ("3万", 30000), ("-7", -7), ("2.0", 2)]
    )
    def test_examples(self, raw: str, number: int) -> None:
        assert parse_int(raw) == number

    @pytest.mark.parametrize("raw", ["1.5", "", "ten", "¥3", "1e3"])
    def test_anything_but_a_whole_number_is_integer_invalid(self, raw: str) -> None:
        assert bad(parse_int, raw).code == "integer_invalid"

    @given(st.integers(-(10**25), 10**25))
    def test_str_of_an_int_round_trips(self, number: int) -> None:
        assert parse_int(str(number)) == number


class TestParseBool:
    @pytest.mark.parametrize(
        "raw", ["是", "有", "对", "√", "✓", "y", "Yes", "TRUE", "1", "on", " 是 "]
    )
    def test_yes(self, raw: str) -> None:
        assert parse_bool(raw) is True

    @pytest.mark.parametrize("raw", ["否", "无", "错", "×", "✗", "N", "no", "False", "0", "OFF"])
    def test_no(self, raw: str) -> None:
        assert parse_bool(raw) is False

    @pytest.mark.parametrize("raw", ["", "maybe", "x", "2", "是否"])
    def test_anything_else_is_bool_invalid(self, raw: str) -> None:
        assert bad(parse_bool, raw).code == "bool_invalid"


class TestCheckLength:
    def test_counts_characters_not_bytes(self) -> None:
        assert check_length("张三", max_length=2) == "张三"

    def test_too_short(self) -> None:
        error = bad(check_length, "ab", min_length=3)
        assert (error.code, error.params["min"], error.params["length"]) == ("too_short", 3, 2)

    def test_too_long(self) -> None:
        error = bad(check_length, "客户档案系统", max_length=4)
        assert (error.code, error.params["max"], error.params["length"]) == ("too_long", 4, 6)

    @given(st.text(), st.integers(0, 20), st.integers(0, 20))
    def test_returns_the_value_exactly_when_within_bounds(
        self, value: str, low: int, high: int
    ) -> None:
        if low <= len(value) <= high:
            assert check_length(value, min_length=low, max_length=high) == value
        else:
            with pytest.raises(BadValue):
                check_length(value, min_length=low, max_length=high)


class TestCheckRange:
    def test_bounds_are_inclusive(self) -> None:
        assert check_range(Decimal("9.99"), minimum=0, maximum=Decimal("9.99")) == Decimal("9.99")

    def test_too_small(self) -> None:
        error = bad(check_range, 3, minimum=5)
        assert (error.code, error.params["min"]) == ("too_small", 5)

    def test_too_large(self) -> None:
        error = bad(check_range, date(2030, 1, 1), maximum=date(2029, 12, 31))
        assert (error.code, error.params["max"]) == ("too_large", date(2029, 12, 31))

    def test_a_date_time_is_compared_with_a_date_bound_by_its_day(self) -> None:
        late = datetime(2024, 3, 5, 23, 59, tzinfo=UTC)
        assert check_range(late, minimum=date(2024, 3, 5), maximum=date(2024, 3, 5)) == late

    @given(st.integers(), st.integers(), st.integers())
    def test_matches_the_comparison(self, value: int, low: int, high: int) -> None:
        if low <= value <= high:
            assert check_range(value, minimum=low, maximum=high) == value
        else:
            with pytest.raises(BadValue):
                check_range(value, minimum=low, maximum=high)


class TestCheckPattern:
    def test_whole_value_must_match(self) -> None:
        assert check_pattern("AB-1234", r"[A-Z]{2}-\d{4}") == "AB-1234"
        assert bad(check_pattern, "xAB-1234", r"[A-Z]{2}-\d{4}").code == "pattern_mismatch"

    @pytest.mark.parametrize("pattern", ["[", "(?P<x>", "a{2,1}", "a{99999999999}", "a**"])
    def test_a_broken_pattern_is_pattern_broken(self, pattern: str) -> None:
        assert bad(check_pattern, "a", pattern).code == "pattern_broken"

    def test_long_values_are_refused_before_matching(self) -> None:
        error = bad(check_pattern, "a" * 1001, "(a|aa)*")
        assert (error.code, error.params["max"]) == ("too_long", 1000)

    def test_a_value_of_exactly_the_limit_is_matched(self) -> None:
        assert check_pattern("a" * 1000, "a+") == "a" * 1000
