"""Chinese names with their pinyin written out by hand, for tests independent of pypinyin."""

from __future__ import annotations

from hypothesis import strategies as st

SURNAMES: dict[str, tuple[str, ...]] = {
    "张": ("zhang",),
    "王": ("wang",),
    "李": ("li",),
    "刘": ("liu",),
    "陈": ("chen",),
    "杨": ("yang",),
    "黄": ("huang",),
    "赵": ("zhao",),
    "吴": ("wu",),
    "周": ("zhou",),
    "徐": ("xu",),
    "孙": ("sun",),
    "马": ("ma",),
    "朱": ("zhu",),
    "胡": ("hu",),
    "郭": ("guo",),
    "林": ("lin",),
    "何": ("he",),
    "高": ("gao",),
    "罗": ("luo",),
    "吕": ("lv",),
    # Surname readings that differ from the everyday reading of the character.
    "曾": ("zeng",),
    "单": ("shan",),
    "解": ("xie",),
    "仇": ("qiu",),
    "区": ("ou",),
    "查": ("zha",),
    "朴": ("piao",),
    "翟": ("zhai",),
    "覃": ("qin",),
    "欧阳": ("ou", "yang"),
    "司马": ("si", "ma"),
    "诸葛": ("zhu", "ge"),
    "上官": ("shang", "guan"),
    "长孙": ("zhang", "sun"),
}

# Common given-name characters with a single reading.
GIVEN: dict[str, str] = {
    "伟": "wei",
    "芳": "fang",
    "娜": "na",
    "敏": "min",
    "静": "jing",
    "丽": "li",
    "强": "qiang",
    "磊": "lei",
    "军": "jun",
    "洋": "yang",
    "勇": "yong",
    "艳": "yan",
    "杰": "jie",
    "娟": "juan",
    "涛": "tao",
    "明": "ming",
    "超": "chao",
    "秀": "xiu",
    "霞": "xia",
    "平": "ping",
    "刚": "gang",
    "桂": "gui",
    "英": "ying",
    "玉": "yu",
    "兰": "lan",
    "红": "hong",
    "文": "wen",
    "建": "jian",
    "国": "guo",
    "峰": "feng",
    "辉": "hui",
    "鹏": "peng",
    "宇": "yu",
    "浩": "hao",
    "婷": "ting",
    "雪": "xue",
    "琳": "lin",
    "欣": "xin",
    "三": "san",
    "四": "si",
}


@st.composite
def chinese_names(draw: st.DrawFn) -> tuple[str, str, tuple[str, ...]]:
    """(name, surname, syllables) for a surname and one or two given-name characters."""
    surname = draw(st.sampled_from(sorted(SURNAMES)))
    given = draw(st.lists(st.sampled_from(sorted(GIVEN)), min_size=1, max_size=2))
    syllables = SURNAMES[surname] + tuple(GIVEN[c] for c in given)
    return surname + "".join(given), surname, syllables
