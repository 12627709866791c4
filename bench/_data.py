"""Deterministic, plausible customer data for the benchmarks (no Django imports)."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from typing import Any

from faker import Faker

# The options of the built-in customer template (customfields/migrations/_builtin.py).
INDUSTRIES = [
    "信息技术",
    "制造业",
    "批发零售",
    "金融",
    "教育",
    "医疗健康",
    "房地产",
    "物流运输",
    "餐饮酒店",
    "专业服务",
    "政府机构",
    "其他",
]
LEVELS = ["A 重点", "B 重要", "C 普通", "D 一般"]
SOURCES = ["老客户介绍", "展会", "官网", "电话营销", "广告", "社交媒体", "合作伙伴", "其他"]
CATEGORIES = ["prospect", "active", "lost"]
CATEGORY_WEIGHTS = [4, 5, 1]
TAGS = ["VIP", "重点跟进", "年度合同", "价格敏感", "需要发票", "海外业务", "新客户", "续约"]
TEAMS = ["华东销售部", "华南销售部"]
OWNERS = [f"s{n:02d}" for n in range(1, 11)]  # s01–s05 in the first team, s06–s10 the second
MOBILE_PREFIXES = [
    "134",
    "135",
    "136",
    "137",
    "138",
    "139",
    "150",
    "151",
    "152",
    "157",
    "158",
    "159",
    "182",
    "183",
    "187",
    "188",
    "130",
    "131",
    "132",
    "155",
    "156",
    "185",
    "186",
    "133",
    "153",
    "180",
    "181",
    "189",
    "177",
    "199",
]
DISTRICTS = ["高新区", "经济开发区", "城关区", "新区", "中心区", "工业园区"]
# 31 provincial-level divisions, (province, weight, cities); weights roughly follow business
# density so that filters see both large and small groups.
REGIONS: list[tuple[str, int, list[str]]] = [
    ("北京市", 7, ["北京市"]),
    ("天津市", 2, ["天津市"]),
    ("上海市", 7, ["上海市"]),
    ("重庆市", 3, ["重庆市"]),
    ("河北省", 3, ["石家庄市", "唐山市", "保定市"]),
    ("山西省", 2, ["太原市", "大同市"]),
    ("内蒙古自治区", 1, ["呼和浩特市", "包头市"]),
    ("辽宁省", 3, ["沈阳市", "大连市"]),
    ("吉林省", 1, ["长春市", "吉林市"]),
    ("黑龙江省", 1, ["哈尔滨市", "大庆市"]),
    ("江苏省", 9, ["南京市", "苏州市", "无锡市"]),
    ("浙江省", 8, ["杭州市", "宁波市", "温州市"]),
    ("安徽省", 3, ["合肥市", "芜湖市"]),
    ("福建省", 4, ["福州市", "厦门市", "泉州市"]),
    ("江西省", 2, ["南昌市", "赣州市"]),
    ("山东省", 7, ["济南市", "青岛市", "烟台市"]),
    ("河南省", 4, ["郑州市", "洛阳市"]),
    ("湖北省", 4, ["武汉市", "宜昌市"]),
    ("湖南省", 3, ["长沙市", "株洲市"]),
    ("广东省", 12, ["广州市", "深圳市", "东莞市", "佛山市"]),
    ("广西壮族自治区", 2, ["南宁市", "桂林市"]),
    ("海南省", 1, ["海口市", "三亚市"]),
    ("四川省", 5, ["成都市", "绵阳市"]),
    ("贵州省", 1, ["贵阳市", "遵义市"]),
    ("云南省", 2, ["昆明市", "大理市"]),
    ("西藏自治区", 1, ["拉萨市"]),
    ("陕西省", 3, ["西安市", "咸阳市"]),
    ("甘肃省", 1, ["兰州市", "天水市"]),
    ("青海省", 1, ["西宁市"]),
    ("宁夏回族自治区", 1, ["银川市"]),
    ("新疆维吾尔自治区", 1, ["乌鲁木齐市", "克拉玛依市"]),
]
PROVINCE_WEIGHTS = [weight for _, weight, _ in REGIONS]

# Every generated time lies in the three years before this instant, so reruns are identical.
END = datetime(2026, 11, 1, tzinfo=UTC)
START = END - timedelta(days=3 * 365)


def mobile(rng: random.Random) -> str:
    return rng.choice(MOBILE_PREFIXES) + f"{rng.randrange(10**8):08d}"


class Pools:
    """Names, companies, streets and jobs drawn once from Faker zh_CN, then combined."""

    def __init__(self, seed: int, size: int = 3000) -> None:
        zh, en = Faker("zh_CN"), Faker("en_US")
        zh.seed_instance(seed)
        en.seed_instance(seed + 1)
        self.people = [zh.name() for _ in range(size)]
        self.companies = [zh.company() for _ in range(size)]
        self.streets = [zh.street_address() for _ in range(size // 3)]
        self.jobs = [zh.job()[:100] for _ in range(300)]
        self.users = [en.user_name() for _ in range(size)]
        self.domains = [
            "qq.com",
            "163.com",
            "126.com",
            "sina.com",
            "foxmail.com",
            "example.cn",
            "example.com",
        ]


def service_input(rng: random.Random, zh: Faker, index: int) -> dict[str, Any]:
    """One customer as a user or importer would hand it to `create_customer`."""
    province, _weight, cities = rng.choices(REGIONS, weights=PROVINCE_WEIGHTS)[0]
    person = rng.random() < 0.3
    company = zh.company()
    data: dict[str, Any] = {
        "kind": "person" if person else "company",
        "name": zh.name() if person else company,
        "company": company if person else "",
        "title": zh.job()[:100] if person else "",
        "phone": mobile(rng),
        "email": f"{zh.user_name()}{index}@{rng.choice(['qq.com', '163.com', 'example.cn'])}",
        "address": zh.street_address(),
        "province": province,
        "city": rng.choice(cities),
        "district": rng.choice(DISTRICTS),
        "industry": rng.choice(INDUSTRIES),
        "level": rng.choice(LEVELS),
        "source": rng.choice(SOURCES),
        "category": rng.choices(CATEGORIES, weights=CATEGORY_WEIGHTS)[0],
    }
    if person:
        data["birthday"] = (date(1965, 1, 1) + timedelta(days=rng.randrange(13000))).isoformat()
    if rng.random() < 0.2:
        data["tags"] = rng.sample(TAGS, k=rng.randint(1, 3))
    return data


def stamp(moment: datetime) -> str:
    """A UTC instant the way Django's SQLite backend stores a DateTimeField."""
    return moment.astimezone(UTC).replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")


def raw_rows(
    rng: random.Random,
    pools: Pools,
    first_id: int,
    count: int,
    owners: list[tuple[int, int]],
    categories: dict[str, int],
) -> tuple[list[tuple[Any, ...]], list[tuple[int, int]], list[int]]:
    """`count` rows of customers_customer (in RAW_COLUMNS order), their tag links as
    (customer_id, tag_index), and the ids left deleted. `owners` is [(user_id, team_id)]."""
    rows, links, deleted = [], [], []
    span = (END - START).total_seconds()
    category_ids = [categories[code] for code in CATEGORIES]
    regions = rng.choices(REGIONS, weights=PROVINCE_WEIGHTS, k=count)
    for offset in range(count):
        customer_id = first_id + offset
        province, _weight, cities = regions[offset]
        person = rng.random() < 0.3
        company = rng.choice(pools.companies)
        created = START + timedelta(seconds=rng.random() * span)
        updated = created + (END - created) * rng.random()
        gone = rng.random() < 0.01
        owner_id, team_id = rng.choice(owners)
        rows.append(
            (
                customer_id,
                "person" if person else "company",
                rng.choice(pools.people) if person else company,
                company if person else "",
                rng.choice(pools.jobs) if person else "",
                "+86" + mobile(rng),
                f"{rng.choice(pools.users)}{customer_id}@{rng.choice(pools.domains)}",
                rng.choice(pools.streets),
                province,
                rng.choice(cities),
                rng.choice(DISTRICTS),
                rng.choice(INDUSTRIES),
                rng.choice(LEVELS),
                rng.choice(SOURCES),
                (date(1965, 1, 1) + timedelta(days=rng.randrange(13000))).isoformat()
                if person
                else None,
                "{}",
                1,
                stamp(created),
                stamp(updated),
                stamp(updated) if gone else None,
                rng.choices(category_ids, weights=CATEGORY_WEIGHTS)[0],
                owner_id,
                None,
                team_id,
            )
        )
        if gone:
            deleted.append(customer_id)
        if rng.random() < 0.2:
            links += [(customer_id, tag) for tag in rng.sample(range(len(TAGS)), rng.randint(1, 3))]
    return rows, links, deleted


RAW_COLUMNS = (
    "id",
    "kind",
    "name",
    "company",
    "title",
    "phone",
    "email",
    "address",
    "province",
    "city",
    "district",
    "industry",
    "level",
    "source",
    "birthday",
    "custom",
    "version",
    "created_at",
    "updated_at",
    "deleted_at",
    "category_id",
    "owner_id",
    "referrer_id",
    "team_id",
)
