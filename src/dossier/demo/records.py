"""Demo customers with contacts, opportunities, service records and interactions."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from faker import Faker

from dossier.accounts.models import User
from dossier.accounts.selectors import actor_for
from dossier.core import clock
from dossier.customers import services as customers
from dossier.customers.models import Customer
from dossier.interactions import services as interactions
from dossier.sales import services as sales

REGIONS = [
    ("北京市", "北京市", ["朝阳区", "海淀区", "东城区", "丰台区"]),
    ("上海市", "上海市", ["浦东新区", "徐汇区", "静安区", "闵行区"]),
    ("广东省", "广州市", ["天河区", "越秀区", "海珠区", "番禺区"]),
    ("广东省", "深圳市", ["南山区", "福田区", "宝安区", "龙岗区"]),
    ("浙江省", "杭州市", ["西湖区", "滨江区", "余杭区", "上城区"]),
    ("江苏省", "南京市", ["鼓楼区", "玄武区", "江宁区", "建邺区"]),
    ("江苏省", "苏州市", ["姑苏区", "工业园区", "吴中区", "昆山市"]),
    ("四川省", "成都市", ["武侯区", "锦江区", "高新区", "青羊区"]),
    ("湖北省", "武汉市", ["洪山区", "江汉区", "武昌区", "东西湖区"]),
    ("福建省", "厦门市", ["思明区", "湖里区", "集美区", "海沧区"]),
]
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
]
LEVELS = ["A 重点", "B 重要", "C 普通", "D 一般"]
SOURCES = ["老客户介绍", "展会", "官网", "电话营销", "广告", "社交媒体", "合作伙伴"]
TAGS = ["VIP", "重点跟进", "年度合同", "价格敏感", "需要发票", "海外业务", "新客户", "续约"]
PROJECTS = [
    "ERP 升级",
    "年度采购",
    "门店数字化",
    "CRM 实施",
    "数据中心扩容",
    "员工培训",
    "办公设备更新",
    "供应链优化",
    "官网改版",
    "安防系统",
]
CHANNELS = ["电话", "邮件", "会议", "拜访", "微信"]
# Faker's zh_CN numbers include prefixes phonenumbers rejects; these are all allocated.
MOBILE_PREFIXES = ["133", "135", "136", "137", "138", "139", "150", "151", "158", "159"]
MOBILE_PREFIXES += ["177", "180", "186", "187", "188", "189", "199"]


REGION_CODES = ["110105", "310104", "440106", "440305", "330106", "320102", "510107"]
ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]


def resident_id(rng: random.Random) -> str:
    """A made-up 18-digit resident ID with a right check digit (GB 11643), nobody's number."""
    born = date(1960, 1, 1) + timedelta(days=rng.randint(0, 15000))
    body = f"{rng.choice(REGION_CODES)}{born:%Y%m%d}{rng.randint(0, 999):03d}"
    total = sum(int(digit) * weight for digit, weight in zip(body, ID_WEIGHTS, strict=True))
    return body + "10X98765432"[total % 11]


def mobile(rng: random.Random) -> str:
    digits = "".join(str(rng.randint(0, 9)) for _ in range(8))
    return f"{rng.choice(MOBILE_PREFIXES)} {digits[:4]} {digits[4:]}"


SUMMARIES = [
    "电话沟通了{p}的报价,客户希望下周收到修改后的方案。",
    "拜访客户,演示了{p}的样机,对方技术负责人反馈良好。",
    "微信确认了{p}的交付时间,客户要求提前一周。",
    "会议讨论{p}的合同条款,付款方式还需财务确认。",
    "邮件发送了{p}的详细方案和案例资料。",
    "Call about the {p} renewal; they asked for a volume discount.",
]
SERVICE_TYPES = ["技术支持", "咨询解答", "故障排除", "投诉", "售后"]
RESULTS = [
    "远程协助解决,客户确认恢复正常。",
    "已解答,发送了操作手册。",
    "更换配件后问题解决。",
    "已记录,转交产品部门跟进。",
    "上门处理完毕,客户满意。",
]


def _customer_data(rng: random.Random, zh: Faker, en: Faker, owner: User) -> dict[str, Any]:
    province, city, districts = rng.choice(REGIONS)
    english = rng.random() < 0.12
    faker = en if english else zh
    person = rng.random() < 0.3
    company = faker.company()
    contact_name = faker.name()
    return {
        "kind": "person" if person else "company",
        "name": contact_name if person else company,
        "company": company if person else "",
        "title": faker.job()[:100] if person else "",
        "phone": mobile(rng),
        "email": faker.email(),
        "province": province,
        "city": city,
        "district": rng.choice(districts),
        "address": zh.street_address(),
        "industry": rng.choice(INDUSTRIES),
        "level": rng.choice(LEVELS),
        "source": rng.choice(SOURCES),
        "category": rng.choices(["prospect", "active", "lost"], weights=[4, 5, 1])[0],
        "owner": owner.username,
        "tags": rng.sample(TAGS, k=rng.randint(0, 3)),
        "birthday": (date(1965, 1, 1) + timedelta(days=rng.randint(0, 13000))).isoformat()
        if person
        else None,
        "custom": {"id_number": resident_id(rng)}
        if person
        else {"website": f"www.{en.domain_word()}.cn"},
    }


def _children(rng: random.Random, zh: Faker, customer: Customer, owner: User) -> None:
    actor = actor_for(owner, via="cli")
    today = clock.now().date()
    for number in range(rng.randint(1, 3)):
        customers.create_contact(
            actor,
            customer.pk,
            {
                "name": zh.name(),
                "title": zh.job()[:100],
                "phones": [mobile(rng)],
                "emails": [zh.email()],
                "wechat": f"wx_{zh.user_name()}"[:64],
                "is_primary": number == 0,
            },
        )
    for _ in range(rng.randint(0, 2)):
        project = rng.choice(PROJECTS)
        sales.add_opportunity(
            actor,
            {
                "customer": customer.pk,
                "project": f"{customer.name[:20]} {project}",
                "amount": str(Decimal(rng.randint(2, 500)) * 1000),
                "stage": rng.choice(["contact", "needs", "proposal", "negotiation", "won", "lost"]),
                "expected_close": (today + timedelta(days=rng.randint(-60, 120))).isoformat(),
            },
        )
    for _ in range(rng.randint(1, 4)):
        interactions.log_interaction(
            actor,
            {
                "customer": customer.pk,
                "channel": rng.choice(CHANNELS),
                "occurred_at": (
                    clock.now() - timedelta(days=rng.randint(0, 200), hours=rng.randint(0, 8))
                ).isoformat(),
                "summary": rng.choice(SUMMARIES).format(p=rng.choice(PROJECTS)),
                "next_follow_up": (today + timedelta(days=rng.randint(1, 30))).isoformat()
                if rng.random() < 0.4
                else None,
            },
        )
    if rng.random() < 0.5:
        interactions.add_service_record(
            actor,
            {
                "customer": customer.pk,
                "service_type": rng.choice(SERVICE_TYPES),
                "service_date": (today - timedelta(days=rng.randint(0, 300))).isoformat(),
                "result": rng.choice(RESULTS),
                "satisfaction": rng.randint(2, 5),
            },
        )


def load_records(seed: int, count: int, on_customer: Callable[[], None] = lambda: None) -> int:
    """Add `count` customers unless the instance has customers already; returns how many."""
    if Customer.objects.exists():
        return 0
    rng = random.Random(seed)
    zh, en = Faker("zh_CN"), Faker("en_US")
    zh.seed_instance(seed)
    en.seed_instance(seed + 1)
    owners = list(
        User.objects.filter(role__code="sales", is_active=True).select_related("role", "team")
    )
    for _ in range(count):
        owner = rng.choice(owners)
        customer = customers.create_customer(
            actor_for(owner, via="cli"), _customer_data(rng, zh, en, owner)
        )
        _children(rng, zh, customer, owner)
        on_customer()
    return count
