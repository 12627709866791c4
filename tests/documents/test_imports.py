"""Folder import and export, multi-file uploads, and uploads that never finish."""

from __future__ import annotations

import csv
import hashlib
import io
import os
import zipfile
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.db import transaction
from django.test import Client

from dossier.accounts import services as accounts
from dossier.accounts.models import User
from dossier.core import clock
from dossier.core.errors import Invalid
from dossier.customers.models import Customer
from dossier.documents import selectors, services
from dossier.documents.models import Document
from dossier.documents.services import imports
from dossier.infra.storage.models import Blob
from dossier.infra.storage.services import collect_garbage, default_store
from tests.builders import SYSTEM, actor, make_team, make_user
from tests.customers.builders import make_customer

pytestmark = pytest.mark.django_db


@pytest.fixture
def rep(db: None) -> User:
    return make_user("sales", username="lina", team=make_team("华东销售部"))


def shared_folder(root: Path) -> Path:
    """The way the seeds tell people to keep customer files."""
    files = {
        "华为技术/合同/2024年采购合同.txt": "甲方:华为 乙方:我方",
        "华为技术/报价单/报价 v2.txt": "报价单 单价 数量",
        "华为技术/说明.txt": "客户简介",
        "腾讯科技有限公司/沟通记录/周例会纪要.txt": "参会人员:张伟",
        "全新客户/资料/产品手册.txt": "产品介绍",
        "根目录的文件.txt": "不属于任何客户",
        "华为技术/.DS_Store": "x",
        "华为技术/空文件.txt": "",
    }
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    stamp = datetime(2024, 3, 5, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai")).timestamp()
    os.utime(root / "华为技术/合同/2024年采购合同.txt", (stamp, stamp))
    return root


class TestImportFolder:
    def test_plan_matches_customers_and_changes_nothing(self, rep: User, tmp_path: Path) -> None:
        make_customer(rep, name="华为技术有限公司")
        make_customer(rep, name="腾讯科技有限公司")
        plan = imports.plan_folder(actor(rep), shared_folder(tmp_path))
        how = {folder: (match.name, match.how) for folder, match in plan.customers.items()}
        assert how["腾讯科技有限公司"] == ("腾讯科技有限公司", "exact")
        assert how["华为技术"][0] == "华为技术有限公司" and how["华为技术"][1].startswith("close")
        assert how["全新客户"] == ("全新客户", "new")
        assert len(plan.files) == 5
        assert [p.name for p in plan.outside] == ["根目录的文件.txt"]
        assert [p.name for p in plan.empty] == ["空文件.txt"]
        assert not Document.objects.exists()

    def test_import_then_again_imports_nothing_twice(self, rep: User, tmp_path: Path) -> None:
        huawei = make_customer(rep, name="华为技术有限公司")
        root = shared_folder(tmp_path)
        done = imports.import_folder(actor(rep), imports.plan_folder(actor(rep), root))
        assert (done.files, done.customers_made) == (5, 2)
        contract = Document.objects.get(customer=huawei, folder__name="合同")
        assert contract.document_date == date(2024, 3, 5)  # the file's date is kept
        assert Customer.objects.get(name="全新客户").owner == rep
        again = imports.plan_folder(actor(rep), root)
        assert (len(again.files), again.already) == (0, 5)

    def test_deeper_customer_level(self, rep: User, tmp_path: Path) -> None:
        shared_folder(tmp_path / "华东")
        plan = imports.plan_folder(actor(rep), tmp_path, customer_level=1)
        assert set(plan.customers) == {"华为技术", "腾讯科技有限公司", "全新客户"}

    def test_not_a_folder(self, rep: User, tmp_path: Path) -> None:
        with pytest.raises(Invalid):
            imports.plan_folder(actor(rep), tmp_path / "nope")


class TestExport:
    def test_zip_with_folders_and_manifest(self, rep: User, tmp_path: Path) -> None:
        customer = make_customer(rep, name="华为")
        services.upload_document(
            actor(rep),
            customer.pk,
            services.Upload(io.BytesIO(b"contract"), "a.txt"),
            services.Details(doctype="contract", document_date=date(2024, 3, 5)),
        )
        target = tmp_path / "out.zip"
        assert imports.export_dossiers(actor(rep), target, [customer.pk]) == 1
        with zipfile.ZipFile(target) as archive:
            assert archive.read("华为/合同/华为_20240305.txt") == b"contract"
            rows = list(
                csv.DictReader(io.StringIO(archive.read("manifest.csv").decode("utf-8-sig")))
            )
        assert rows[0]["path"] == "华为/合同/华为_20240305.txt"
        assert rows[0]["type"] == "contract" and len(rows[0]["sha256"]) == 64

    def test_only_what_the_actor_may_see(self, rep: User, tmp_path: Path) -> None:
        other = make_user("sales", username="wangwei")
        mine, theirs = make_customer(rep, name="张三"), make_customer(other, name="张三")
        for owner, customer, text in ((rep, mine, b"mine"), (other, theirs, b"theirs")):
            services.upload_document(
                actor(owner), customer.pk, services.Upload(io.BytesIO(text), "a.txt")
            )
        target = tmp_path / "out.zip"
        assert imports.export_dossiers(actor(rep), target, None) == 1
        with zipfile.ZipFile(target) as archive:
            contents = [archive.read(n) for n in archive.namelist() if n != "manifest.csv"]
        assert contents == [b"mine"]


class TestUploads:
    def test_a_bad_file_is_refused_and_the_rest_still_goes_in(self, rep: User) -> None:
        customer = make_customer(rep)
        batch = services.upload_documents(
            actor(rep),
            customer.pk,
            [
                services.Upload(io.BytesIO(b"one"), "a.txt"),
                services.Upload(io.BytesIO(b""), "empty.txt"),
                services.Upload(io.BytesIO(b"three"), "c.txt"),
            ],
        )
        assert len(batch.stored) == 2
        assert batch.refused[0][0] == "empty.txt" and "empty" in batch.refused[0][1]
        assert Document.objects.count() == 2

    def test_an_upload_cut_off_mid_way_leaves_no_file_and_no_orphan(
        self, rep: User, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        customer = make_customer(rep)

        def killed(*args: object, **kwargs: object) -> None:
            raise KeyboardInterrupt  # the process dies after the bytes, before the document

        monkeypatch.setattr(services.files, "_add_version", killed)
        with pytest.raises(KeyboardInterrupt), transaction.atomic():
            services.upload_document(
                actor(rep), customer.pk, services.Upload(io.BytesIO(b"half"), "a.txt")
            )
        monkeypatch.undo()
        assert not selectors.readable(actor(rep)).exists()
        sha256 = hashlib.sha256(b"half").hexdigest()
        # The bytes were stored before the cut; a GC inside the lease keeps them for a retry.
        default_store().put(io.BytesIO(b"half"))
        assert collect_garbage(selectors.referenced_blobs, grace=timedelta(hours=1)) == 0
        later = clock.now() + timedelta(days=2)
        monkeypatch.setattr(clock, "now", lambda: later)
        assert collect_garbage(selectors.referenced_blobs, grace=timedelta(hours=1)) == 1
        assert not Blob.objects.filter(sha256=sha256).exists()
        assert not default_store().exists(sha256)


class TestCustomerUploadApi:
    def test_the_documented_endpoints(self, rep: User) -> None:
        customer = make_customer(rep, name="华为")
        token = accounts.create_token(SYSTEM, username="lina").plaintext
        api = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
        created = api.post(
            f"/api/v1/customers/{customer.pk}/documents",
            {"file": io.BytesIO(b"v1"), "doctype": "quote", "date": "2024-03-05", "tags": "VIP"},
        )
        assert created.status_code == 201, created.content
        body = created.json()
        assert (body["folder"], body["doctype"], body["tags"]) == ("报价单", "quote", ["VIP"])
        assert body["name"] == "华为_20240305"  # the rule's name; the upload had no extension
        assert [v["number"] for v in body["versions"]] == [1]
        api.post(f"/api/v1/documents/{body['id']}/versions", {"file": io.BytesIO(b"v2")})
        current = api.get(f"/api/v1/documents/{body['id']}/content")
        first = api.get(f"/api/v1/documents/{body['id']}/versions/1/content")
        assert b"".join(current.streaming_content) == b"v2"  # type: ignore[attr-defined]
        assert b"".join(first.streaming_content) == b"v1"  # type: ignore[attr-defined]
