"""parse_date and parse_datetime: the forms people type and the ambiguity rule."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dossier.core.values import BadValue, parse_date, parse_datetime

SHANGHAI = ZoneInfo("Asia/Shanghai")
MARCH_5 = date(2024, 3, 5)


def code_of(function: object, *args: object, **kwargs: object) -> str:
    assert callable(function)
    with pytest.raises(BadValue) as caught:
        function(*args, **kwargs)
    return caught.value.code


class TestParseDate:
    @pytest.mark.parametrize(
        "raw",
        [
            "2024-03-05",
            "2024/3/5",
            "2024.3.5",
            "20240305",
            "2024年3月5日",
            "2024年03月05号",
            "2024 年 3 月 5 日",
            "２０２４年３月５日",
            "3/5/2024",
            "5.3.2024",
            "March 5, 2024",
            "Mar 5 2024",
            "mar. 5th, 2024",
            "5 March 2024",
            "05-Mar-2024",
            "2024-03-05T10:00:00",
            "2024-03-05 23:59:59+08:00",
            "2024年3月5日 下午2点",
        ],
    )
    def test_forms_people_type(self, raw: str) -> None:
        assert parse_date(raw) == MARCH_5

    def test_slashes_are_month_first_unless_day_first(self) -> None:
        assert parse_date("5/3/2024") == date(2024, 5, 3)
        assert parse_date("5/3/2024", day_first=True) == MARCH_5

    def test_dots_with_year_last_are_day_first(self) -> None:
        assert parse_date("5.3.2024", day_first=False) == MARCH_5

    def test_impossible_under_the_convention_is_refused_not_swapped(self) -> None:
        with pytest.raises(BadValue) as caught:
            parse_date("25/3/2024")
        assert caught.value.code == "date_invalid"
        assert "month/day/year" in caught.value.message

    @pytest.mark.parametrize("raw", ["2023-02-29", "2024-13-01", "2024年4月31日", "2024-00-10"])
    def test_no_such_day_is_date_invalid(self, raw: str) -> None:
        assert code_of(parse_date, raw) == "date_invalid"

    @pytest.mark.parametrize(
        "raw",
        ["", "24/3/5", "3/5/24", "yesterday", "45356", "2024-03", "Smarch 5, 2024", "2024-3/5"],
    )
    def test_unreadable_is_date_format_naming_the_value(self, raw: str) -> None:
        with pytest.raises(BadValue) as caught:
            parse_date(raw)
        assert caught.value.code == "date_format"
        assert caught.value.params["value"] == raw
        assert "2024-03-05" in caught.value.message

    def test_a_bad_time_part_is_not_ignored(self) -> None:
        assert code_of(parse_date, "2024-03-05T25:00") == "time_invalid"

    @given(st.dates())
    def test_iso_format_round_trips(self, day: date) -> None:
        assert parse_date(day.isoformat()) == day

    @given(st.dates(min_value=date(1000, 1, 1)))
    def test_chinese_format_round_trips(self, day: date) -> None:
        assert parse_date(f"{day.year}年{day.month}月{day.day}日") == day

    @given(st.dates(min_value=date(1000, 1, 1)), st.booleans())
    def test_slash_format_round_trips_under_its_convention(
        self, day: date, day_first: bool
    ) -> None:
        text = day.strftime("%d/%m/%Y" if day_first else "%m/%d/%Y")
        assert parse_date(text, day_first=day_first) == day


class TestParseDatetime:
    @pytest.mark.parametrize(
        ("raw", "clock"),
        [
            ("2024-03-05 14:30", time(14, 30)),
            ("2024-03-05 14:30:15", time(14, 30, 15)),
            ("2024-03-05T14:30:15.25", time(14, 30, 15, 250000)),
            ("2024年3月5日下午2点30分", time(14, 30)),
            ("2024年3月5日 下午2点半", time(14, 30)),
            ("2024年3月5日 上午10点", time(10)),
            ("2024年3月5日 晚上8点", time(20)),
            ("2024年3月5日 中午12点", time(12)),
            ("2024年3月5日 凌晨12点", time(0)),
            ("2024年3月5日 14时05分", time(14, 5)),
            ("March 5, 2024 2:30 pm", time(14, 30)),
            ("3/5/2024 2PM", time(14)),
            ("5 March 2024, 12:15 a.m.", time(0, 15)),
            ("2024-03-05", time(0)),
        ],
    )
    def test_naive_values_are_wall_clock_time_in_tz(self, raw: str, clock: time) -> None:
        assert parse_datetime(raw, tz=SHANGHAI) == datetime.combine(MARCH_5, clock, SHANGHAI)

    @pytest.mark.parametrize(
        ("raw", "offset"),
        [
            ("2024-03-05T14:30:00+08:00", timedelta(hours=8)),
            ("2024-03-05T14:30:00Z", timedelta(0)),
            ("2024-03-05 14:30 -0500", timedelta(hours=-5)),
            ("2024-03-05T14:30+05:30", timedelta(hours=5, minutes=30)),
        ],
    )
    def test_an_explicit_offset_is_kept(self, raw: str, offset: timedelta) -> None:
        moment = parse_datetime(raw, tz=SHANGHAI)
        assert moment.utcoffset() == offset
        assert (moment.hour, moment.minute) == (14, 30)

    def test_day_first_applies_to_the_date(self) -> None:
        moment = parse_datetime("5/3/2024 09:00", tz=UTC, day_first=True)
        assert moment == datetime(2024, 3, 5, 9, tzinfo=UTC)

    @pytest.mark.parametrize(
        "raw",
        ["2024-03-05 24:00", "2024-03-05 14:60", "2024-03-05 13 pm", "2024-03-05 14:00+25:00"],
    )
    def test_no_such_time_is_time_invalid(self, raw: str) -> None:
        assert code_of(parse_datetime, raw, tz=SHANGHAI) == "time_invalid"

    @pytest.mark.parametrize("raw", ["", "14:30", "2024-03-05 soon", "tomorrow 2pm"])
    def test_unreadable_is_datetime_format(self, raw: str) -> None:
        assert code_of(parse_datetime, raw, tz=SHANGHAI) == "datetime_format"

    def test_no_such_day_is_date_invalid(self) -> None:
        assert code_of(parse_datetime, "2023-02-29 10:00", tz=SHANGHAI) == "date_invalid"

    @given(
        st.datetimes(
            timezones=st.sampled_from(
                [UTC, timezone(timedelta(hours=8)), timezone(timedelta(hours=-3, minutes=-30))]
            )
        )
    )
    def test_iso_format_with_offset_round_trips(self, moment: datetime) -> None:
        assert parse_datetime(moment.isoformat(), tz=SHANGHAI) == moment

    @given(st.datetimes())
    def test_naive_iso_format_is_read_in_tz(self, moment: datetime) -> None:
        assert parse_datetime(moment.isoformat(), tz=UTC) == moment.replace(tzinfo=UTC)

    @given(st.text())
    def test_result_is_always_timezone_aware(self, value: str) -> None:
        try:
            moment = parse_datetime(value, tz=SHANGHAI)
        except BadValue:
            return
        assert moment.tzinfo is not None
