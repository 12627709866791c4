"""Demo customer files and shares: contracts, quotes and minutes in the right folders, and
customers assigned to the service rep, all through the services like a user would."""

from __future__ import annotations

import io
import random
from datetime import timedelta

from docx import Document as WordDocument
from openpyxl import Workbook

from dossier.accounts.models import User
from dossier.accounts.selectors import actor_for
from dossier.core import clock
from dossier.customers import services as customers
from dossier.customers.models import Customer
from dossier.documents import services as documents

ITEMS = [("服务器", 38000), ("交换机", 6200), ("实施服务(人天)", 2500), ("年度维保", 12000)]


def _contract(customer: Customer, project: str) -> bytes:
    word = WordDocument()
    word.add_heading(f"{project}合同", level=1)
    word.add_paragraph(f"甲方:{customer.name}")
    word.add_paragraph("乙方:杭州云杉信息技术有限公司")
    word.add_paragraph("第一条 合同标的:乙方按附件清单向甲方提供产品与实施服务。")
    word.add_paragraph("第二条 付款方式:合同签订后支付 30%,验收合格后支付 70%。")
    word.add_paragraph("第三条 违约责任:任何一方违约,应向对方支付合同总额 5% 的违约金。")
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def _quote(rng: random.Random, customer: Customer) -> bytes:
    book = Workbook()
    sheet = book.create_sheet("报价单", 0)
    sheet.append(["客户", customer.name])
    sheet.append(["品名", "单价", "数量", "小计"])
    for name, price in rng.sample(ITEMS, k=3):
        count = rng.randint(1, 10)
        sheet.append([name, price, count, price * count])
    sheet.append(["报价有效期", "30 天"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _minutes(rng: random.Random, customer: Customer, project: str) -> bytes:
    day = clock.now().date() - timedelta(days=rng.randint(1, 90))
    text = (
        f"会议纪要\n会议时间:{day:%Y年%m月%d日}\n参会人员:{customer.name} 采购部、我方销售与实施\n"
        f"议题:{project} 的范围与进度\n决议:下周提交修订方案,月底前确认合同条款。\n"
    )
    return text.encode("gbk")


def load_files(seed: int, limit: int = 40) -> None:
    """Files for the first customers of each sales rep, named and filed by the rules."""
    rng = random.Random(seed + 7)
    for customer in Customer.objects.select_related("owner").order_by("id")[:limit]:
        actor = actor_for(customer.owner, via="cli")
        project = rng.choice(["ERP 升级", "年度采购", "门店数字化", "CRM 实施"])
        files = [
            (f"{project}合同 终稿.docx", _contract(customer, project), "contract"),
            (f"{project}报价单.xlsx", _quote(rng, customer), None),
            ("会议纪要.txt", _minutes(rng, customer, project), None),
        ]
        for name, content, doctype in rng.sample(files, k=rng.randint(1, 3)):
            details = documents.Details(doctype=doctype, project=project)
            documents.upload_document(
                actor, customer.pk, documents.Upload(io.BytesIO(content), name), details
            )


def load_shares(seed: int) -> None:
    """The service rep looks after a handful of customers; a few are shared between reps."""
    rng = random.Random(seed + 11)
    service = User.objects.filter(role__code="service", is_active=True).first()
    reps = list(User.objects.filter(role__code="sales", is_active=True))
    rows = list(Customer.objects.select_related("owner", "owner__role").order_by("id")[:300])
    for customer in rng.sample(rows, k=min(25, len(rows))):
        owner = actor_for(customer.owner, via="cli")
        if service is not None:
            customers.share_customer(owner, customer.pk, user=service.username, reason="客服跟进")
    for customer in rng.sample(rows, k=min(8, len(rows))):
        others = [r for r in reps if r.pk != customer.owner_id]
        if others:
            customers.share_customer(
                actor_for(customer.owner, via="cli"),
                customer.pk,
                user=rng.choice(others).username,
                access=rng.choice(["read", "edit"]),
                reason="协同跟进",
            )
