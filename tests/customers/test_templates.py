"""Template evolution: adding, renaming and retiring fields never loses a stored value."""

from __future__ import annotations

import pytest

from dossier.audit.models import Revision
from dossier.core.errors import Invalid
from dossier.customers import services
from dossier.customfields import services as templates
from tests.builders import SYSTEM, actor, make_user
from tests.customers.builders import make_customer

pytestmark = pytest.mark.django_db


def test_a_new_field_is_validated_and_stored_in_custom() -> None:
    rep = make_user("sales")
    templates.add_field(
        SYSTEM,
        "customer",
        key="contract_no",
        label="合同编号",
        field_type="text",
        rules={"regex": r"HT-\d{4}"},
    )
    with pytest.raises(Invalid) as caught:
        make_customer(rep, custom={"contract_no": "abc"})
    assert caught.value.field == "custom.contract_no"
    customer = make_customer(rep, custom={"contract_no": "HT-2024"})
    assert customer.custom == {"contract_no": "HT-2024"}


def test_renaming_keeps_values_and_retiring_keeps_them_in_history() -> None:
    rep = make_user("sales")
    templates.add_field(SYSTEM, "customer", key="wechat_group", label="微信群", field_type="text")
    customer = make_customer(rep, custom={"wechat_group": "华东客户群"})
    templates.change_field(SYSTEM, "customer", "wechat_group", {"label": "客户微信群"})
    templates.retire_field(SYSTEM, "customer", "wechat_group")
    customer.refresh_from_db()
    assert customer.custom["wechat_group"] == "华东客户群"
    created = Revision.objects.get(object_id=customer.pk, version=1)
    assert created.changes["custom.wechat_group"] == [None, "华东客户群"]
    with pytest.raises(Invalid) as caught:
        services.update_customer(
            actor(rep), customer.pk, {"custom": {"wechat_group": "new"}}, expected_version=1
        )
    assert caught.value.errors[0].code == "unknown_field"
    services.update_customer(actor(rep), customer.pk, {"title": "经理"}, expected_version=1)
    customer.refresh_from_db()
    assert customer.custom["wechat_group"] == "华东客户群"


def test_unique_field_refuses_a_second_customer_with_the_same_value() -> None:
    rep = make_user("sales")
    templates.change_field(SYSTEM, "customer", "credit_code", {"unique": True})
    code = "91110000600037341L"
    make_customer(rep, name="甲", custom={"credit_code": code})
    with pytest.raises(Invalid) as caught:
        make_customer(rep, name="乙", custom={"credit_code": code})
    assert caught.value.errors[0].code == "taken"


def test_keys_are_never_reused_even_after_retiring() -> None:
    templates.add_field(SYSTEM, "customer", key="old_code", label="旧编号", field_type="text")
    templates.retire_field(SYSTEM, "customer", "old_code")
    with pytest.raises(Invalid) as caught:
        templates.add_field(SYSTEM, "customer", key="old_code", label="x", field_type="text")
    assert caught.value.errors[0].code == "taken"


def test_only_admins_change_templates() -> None:
    rep = make_user("sales")
    with pytest.raises(Exception) as caught:
        templates.add_field(actor(rep), "customer", key="x1", label="x", field_type="text")
    assert caught.value.__class__.__name__ == "PermissionDenied"
