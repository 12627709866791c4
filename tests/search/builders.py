"""A deterministic set of customers, contacts and files built through the real services."""

from __future__ import annotations

import io
from dataclasses import dataclass

from dossier.accounts.models import User
from dossier.customers.services import create_contact
from dossier.documents import services as documents
from dossier.documents.models import Document
from dossier.documents.services import Details, Upload
from dossier.documents.services.text import store_text
from tests.builders import actor
from tests.customers.builders import make_customer

PEOPLE = [
    ("张三", "13800138000", "zhangsan@example.com"),
    ("李四", "13912345678", ""),
    ("王芳", "13700001111", "wangfang@163.com"),
    ("欧阳娜娜", "15811112222", ""),
    ("曾志伟", "13622223333", ""),
    ("单田芳", "13533334444", ""),
    ("刘德华", "13444445555", ""),
    ("张伟", "18655556666", ""),
    ("张丽", "18766667777", ""),
    ("陈晓明", "18877778888", ""),
    ("赵敏", "18988889999", ""),
    ("周杰伦", "13199990000", "jay@jvr.com.tw"),
    ("黄晓东", "021-6234 5678", ""),
    ("吴磊", "0755-8888 1234", ""),
    ("孙悦", "13055551212", ""),
    ("John Smith", "+1 415 555 0100", "john.smith@acme.com"),
    ("Mary Johnson", "+44 20 7946 0958", ""),
]
COMPANIES = [
    ("华为技术有限公司", "0755-2878 0808", "广东省", "深圳市"),
    ("阿里巴巴集团控股有限公司", "0571-8502 2088", "浙江省", "杭州市"),
    ("腾讯科技（深圳）有限公司", "0755-8601 3388", "广东省", "深圳市"),
    ("北京字节跳动科技有限公司", "010-5820 1234", "北京市", "北京市"),
    ("深圳市大疆创新科技有限公司", "0755-2665 6677", "广东省", "深圳市"),
    ("比亚迪股份有限公司", "0755-8988 8888", "广东省", "深圳市"),
    ("小米科技有限责任公司", "010-6060 6666", "北京市", "北京市"),
    ("京东方科技集团股份有限公司", "010-6497 8888", "北京市", "北京市"),
    ("上海浦东发展银行股份有限公司", "021-6161 8888", "上海市", "上海市"),
    ("Acme Co., Ltd.", "+1 212 555 0199", "", ""),
    ("Globex Corporation", "+1 312 555 0142", "", ""),
]
CONTACTS = [
    ("华为技术有限公司", "任正非", "13901010101"),
    ("阿里巴巴集团控股有限公司", "马云", "13902020202"),
    ("腾讯科技（深圳）有限公司", "张小龙", "13903030303"),
    ("Acme Co., Ltd.", "Wile Coyote", "+1 212 555 0177"),
]
FILES = [
    (
        "华为技术有限公司",
        "软件采购合同.txt",
        "软件采购合同。甲方：华为技术有限公司。付款方式：分三期支付。",
    ),
    ("华为技术有限公司", "报价单.txt", "ERP系统升级报价，含三年维护服务，总价人民币壹佰万元。"),
    ("腾讯科技（深圳）有限公司", "会议纪要.txt", "会议纪要：讨论云服务迁移方案与数据安全评估。"),
    (
        "Acme Co., Ltd.",
        "agreement.txt",
        "Annual maintenance agreement for hydraulic pumps and valves.",
    ),
    ("比亚迪股份有限公司", "发票说明.txt", "增值税专用发票开具说明：新能源汽车电池采购。"),
]


@dataclass
class World:
    ids: dict[str, int]  # title -> customer id
    documents: dict[str, Document]


def upload_text(user: User, customer_id: int, name: str, text: str) -> Document:
    document = documents.upload_document(
        actor(user), customer_id, Upload(io.BytesIO(text.encode()), name), Details()
    )
    store_text(actor(user), document.pk, document.current)
    return document


def build_world(user: User) -> World:
    ids: dict[str, int] = {}
    for name, phone, email in PEOPLE:
        ids[name] = make_customer(user, name=name, kind="person", phone=phone, email=email).pk
    for name, phone, province, city in COMPANIES:
        data = {"name": name, "phone": phone, "province": province, "city": city}
        ids[name] = make_customer(user, **data).pk
    for company, name, phone in CONTACTS:
        create_contact(actor(user), ids[company], {"name": name, "phones": [phone]})
    files = {name: upload_text(user, ids[company], name, text) for company, name, text in FILES}
    return World(ids, files)
