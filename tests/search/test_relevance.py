"""The labelled relevance set: recall@10 over 60+ queries, and exact names ranked first."""

from __future__ import annotations

import pytest

from dossier.accounts.models import User
from dossier.customers.models import Contact
from dossier.search import selectors
from tests.builders import actor, make_user
from tests.search.builders import World, build_world

pytestmark = pytest.mark.django_db

# (query, kind, expected: a customer's name, a contact's name or a file's upload name, exact)
C, P, D = "customer", "contact", "document"
LABELLED: list[tuple[str, str, str, bool]] = [
    # Chinese names, typed in full (exact: the first hit must be the one)
    *[(name, C, name, True) for name in ("张三", "李四", "王芳", "张伟", "张丽", "赵敏", "吴磊")],
    *[(name, C, name, True) for name in ("孙悦", "欧阳娜娜", "曾志伟", "单田芳", "刘德华")],
    *[(name, C, name, True) for name in ("陈晓明", "周杰伦", "黄晓东")],
    ("华为技术有限公司", C, "华为技术有限公司", True),
    ("比亚迪股份有限公司", C, "比亚迪股份有限公司", True),
    ("任正非", P, "任正非", True),
    ("马云", P, "马云", True),
    ("张小龙", P, "张小龙", True),
    ("John Smith", C, "John Smith", True),
    ("Mary Johnson", C, "Mary Johnson", True),
    # a surname alone
    ("欧阳", C, "欧阳娜娜", False),
    ("曾", C, "曾志伟", False),
    ("单", C, "单田芳", False),
    ("张", C, "张三", False),
    ("赵", C, "赵敏", False),
    # pinyin, full and by syllable
    ("zhangsan", C, "张三", False),
    ("wangfang", C, "王芳", False),
    ("ouyangnana", C, "欧阳娜娜", False),
    ("ouyang", C, "欧阳娜娜", False),
    ("zeng zhiwei", C, "曾志伟", False),
    ("shantianfang", C, "单田芳", False),
    ("liudehua", C, "刘德华", False),
    ("zhoujielun", C, "周杰伦", False),
    ("huawei", C, "华为技术有限公司", False),
    ("tengxun", C, "腾讯科技（深圳）有限公司", False),
    ("biyadi", C, "比亚迪股份有限公司", False),
    ("renzhengfei", P, "任正非", False),
    # initials
    ("zs", C, "张三", False),
    ("wf", C, "王芳", False),
    ("oynn", C, "欧阳娜娜", False),
    ("ldh", C, "刘德华", False),
    ("zjl", C, "周杰伦", False),
    ("hwjs", C, "华为技术有限公司", False),
    # phone tails, whole numbers and other spellings
    ("8000", C, "张三", False),
    ("138000", C, "张三", False),
    ("13800138000", C, "张三", True),
    ("+86 139 1234 5678", C, "李四", False),
    ("5678", C, "李四", False),
    ("6234 5678", C, "黄晓东", False),
    ("021-62345678", C, "黄晓东", False),
    ("88881234", C, "吴磊", False),
    ("0101", P, "任正非", False),
    ("555 0100", C, "John Smith", False),
    # company fragments
    ("华为", C, "华为技术有限公司", False),
    ("阿里巴巴", C, "阿里巴巴集团控股有限公司", False),
    ("腾讯", C, "腾讯科技（深圳）有限公司", False),
    ("字节跳动", C, "北京字节跳动科技有限公司", False),
    ("大疆", C, "深圳市大疆创新科技有限公司", False),
    ("大疆创新", C, "深圳市大疆创新科技有限公司", False),
    ("小米", C, "小米科技有限责任公司", False),
    ("京东方", C, "京东方科技集团股份有限公司", False),
    ("浦东发展银行", C, "上海浦东发展银行股份有限公司", False),
    ("华为有限公司", C, "华为技术有限公司", False),
    ("acme", C, "Acme Co., Ltd.", False),
    ("Acme Co., Ltd.", C, "Acme Co., Ltd.", True),
    ("globex", C, "Globex Corporation", False),
    # phrases in files
    ("软件采购合同", D, "软件采购合同.txt", False),
    ("分三期支付", D, "软件采购合同.txt", False),
    ("付款方式", D, "软件采购合同.txt", False),
    ("ERP 升级报价", D, "报价单.txt", False),
    ("维护服务", D, "报价单.txt", False),
    ("云服务迁移", D, "会议纪要.txt", False),
    ("数据安全评估", D, "会议纪要.txt", False),
    ("hydraulic pumps", D, "agreement.txt", False),
    ("maintenance agreement", D, "agreement.txt", False),
    ("新能源汽车电池", D, "发票说明.txt", False),
    ("增值税专用发票", D, "发票说明.txt", False),
    # English names and e-mail
    ("smith", C, "John Smith", False),
    ("mary", C, "Mary Johnson", False),
    ("zhangsan@example.com", C, "张三", False),
    ("wile coyote", P, "Wile Coyote", False),
    # traditional characters and full-width input find simplified records
    ("張三", C, "張三", True),
    ("華為", C, "华为技术有限公司", False),
    ("ＺＨＡＮＧＳＡＮ", C, "张三", False),
]


def _target(world: World, kind: str, key: str) -> tuple[str, int]:
    if kind == D:
        return kind, world.documents[key].pk
    if kind == P:
        return kind, Contact.objects.get(name=key).pk
    return kind, world.ids[key.replace("張三", "张三")]


@pytest.fixture
def boss(db: None) -> User:
    return make_user("admin", username="boss")


def test_recall_at_10_and_exact_names_first(boss: User) -> None:
    world = build_world(boss)
    who = actor(boss)
    assert len(LABELLED) >= 60
    found, misses, first_wrong = 0, [], []
    for query, kind, key, exact in LABELLED:
        hits = [(h.kind, h.object_id) for h in selectors.search(who, query, limit=10).hits]
        target = _target(world, kind, key)
        if target in hits:
            found += 1
        else:
            misses.append(query)
        if exact and hits[:1] != [target]:
            first_wrong.append(query)
    recall = found / len(LABELLED)
    print(f"\nrelevance: {len(LABELLED)} queries, recall@10 = {recall:.3f}, misses: {misses}")
    exacts = sum(1 for *_, exact in LABELLED if exact)
    print(f"exact names: {exacts - len(first_wrong)}/{exacts} first, wrong: {first_wrong}")
    assert recall >= 0.95, misses
    assert not first_wrong
