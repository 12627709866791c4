"""Customer files: upload, naming, folders, versions, classification, trash, text extraction."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.test import override_settings

from dossier.accounts.models import User
from dossier.audit.models import Revision
from dossier.core.errors import Conflict, Invalid, NotFound, PermissionDenied, TooLarge
from dossier.documents import selectors, services
from dossier.documents.classify import Rule
from dossier.documents.models import Document, DocumentVersion, Folder
from dossier.documents.services import Details, Upload
from dossier.infra.jobs.runner import work
from dossier.infra.storage.services import default_store
from tests.builders import actor, make_team, make_user
from tests.customers.builders import make_customer

pytestmark = pytest.mark.django_db


@pytest.fixture
def rep(db: None) -> User:
    return make_user("sales", username="lina", team=make_team("华东销售部"))


def upload(
    user: User,
    customer_id: int,
    name: str = "报价.txt",
    content: bytes = b"hello",
    **details: object,
) -> Document:
    return services.upload_document(
        actor(user),
        customer_id,
        Upload(io.BytesIO(content), name),
        Details(**details),  # type: ignore[arg-type]
    )


class TestUpload:
    def test_named_by_the_default_rule_and_filed_by_type(self, rep: User) -> None:
        customer = make_customer(rep, name="华为技术有限公司")
        document = upload(
            rep,
            customer.pk,
            "合同 final.PDF",
            b"%PDF-1.4 x",
            doctype="contract",
            project="ERP升级",
            document_date=date(2024, 3, 5),
        )
        assert document.name == "华为技术有限公司_ERP升级_20240305.pdf"
        assert document.folder.name == "合同"
        assert document.media_type == "application/pdf"
        version = document.versions.get()
        assert version.original_name == "合同 final.PDF"
        assert default_store().open(version.blob_id).read() == b"%PDF-1.4 x"

    def test_the_first_upload_creates_the_default_tree(self, rep: User) -> None:
        customer = make_customer(rep)
        upload(rep, customer.pk)
        names = list(Folder.objects.filter(customer=customer).values_list("name", flat=True))
        assert names == [
            "客户信息",
            "沟通记录",
            "销售资料",
            "合同",
            "报价单",
            "发票",
            "会议纪要",
            "客户反馈",
        ]

    def test_names_are_unique_in_a_folder(self, rep: User) -> None:
        customer = make_customer(rep, name="华为")
        first = upload(
            rep, customer.pk, "a.txt", b"1", doctype="quote", document_date=date(2024, 1, 2)
        )
        second = upload(
            rep, customer.pk, "b.txt", b"2", doctype="quote", document_date=date(2024, 1, 2)
        )
        assert first.name == "华为_20240102.txt"
        assert second.name == "华为_20240102 (2).txt"

    def test_identical_content_is_stored_once(self, rep: User) -> None:
        customer = make_customer(rep)
        one = upload(rep, customer.pk, "a.txt", b"same bytes")
        two = upload(rep, customer.pk, "b.txt", b"same bytes")
        assert one.versions.get().blob_id == two.versions.get().blob_id

    def test_a_named_folder_must_exist(self, rep: User) -> None:
        customer = make_customer(rep)
        with pytest.raises(Invalid) as raised:
            upload(rep, customer.pk, folder="没有这个")
        assert raised.value.errors[0].field == "folder"
        assert not Document.objects.exists()

    def test_unknown_type_names_the_choices(self, rep: User) -> None:
        customer = make_customer(rep)
        with pytest.raises(Invalid) as raised:
            upload(rep, customer.pk, doctype="poem")
        assert "contract (合同)" in raised.value.errors[0].message

    @override_settings(MAX_UPLOAD_BYTES=10)
    def test_too_large_is_refused(self, rep: User) -> None:
        customer = make_customer(rep)
        with pytest.raises(TooLarge):
            upload(rep, customer.pk, content=b"x" * 11)

    def test_path_traversal_in_the_name_goes(self, rep: User) -> None:
        customer = make_customer(rep, name="华为")
        document = upload(rep, customer.pk, "../../etc/passwd", doctype="other")
        assert "/" not in document.name
        assert document.versions.get().original_name == "passwd"

    def test_someone_elses_customer_is_not_found(self, rep: User) -> None:
        other = make_customer(make_user("sales", username="wangwei"))
        with pytest.raises(NotFound):
            upload(rep, other.pk)

    def test_viewer_may_not_upload(self, rep: User) -> None:
        customer = make_customer(rep)
        viewer = make_user("viewer", username="guan", team=rep.team)
        with pytest.raises(PermissionDenied):
            upload(viewer, customer.pk)

    def test_a_revision_and_an_audit_event_are_kept(self, rep: User) -> None:
        customer = make_customer(rep)
        document = upload(rep, customer.pk)
        revision = Revision.objects.get(object_type="document", object_id=document.pk)
        assert revision.changes["original"] == [None, "报价.txt"]


class TestVersions:
    def test_new_version_then_back_to_the_first(self, rep: User) -> None:
        customer = make_customer(rep)
        document = upload(rep, customer.pk, "plan.txt", b"v1")
        services.add_version(actor(rep), document.pk, Upload(io.BytesIO(b"v2"), "plan-2.txt"))
        document.refresh_from_db()
        assert (document.current, document.size) == (2, 2)
        services.make_current(actor(rep), document.pk, 1)
        document.refresh_from_db()
        assert document.current == 1
        assert DocumentVersion.objects.filter(document=document).count() == 2
        current = selectors.version(actor(rep), document.pk)
        assert default_store().open(current.blob_id).read() == b"v1"

    def test_stale_metadata_edit_conflicts(self, rep: User) -> None:
        customer = make_customer(rep)
        document = upload(rep, customer.pk)
        services.update_document(actor(rep), document.pk, {"title": "一"}, expected_version=1)
        with pytest.raises(Conflict):
            services.update_document(actor(rep), document.pk, {"title": "二"}, expected_version=1)


class TestMetadataAndFolders:
    def test_moving_keeps_the_bytes_and_renames_on_collision(self, rep: User) -> None:
        customer = make_customer(rep, name="华为")
        first = upload(
            rep, customer.pk, "a.txt", b"1", doctype="quote", document_date=date(2024, 1, 2)
        )
        second = upload(
            rep, customer.pk, "b.txt", b"2", doctype="contract", document_date=date(2024, 1, 2)
        )
        assert first.name == second.name == "华为_20240102.txt"
        moved = services.update_document(
            actor(rep), second.pk, {"folder": "报价单"}, expected_version=second.version
        )
        assert moved.folder.name == "报价单"
        assert moved.name == "华为_20240102 (2).txt"
        assert moved.versions.get().blob_id == second.versions.get().blob_id

    def test_folders_can_be_made_renamed_and_deleted_when_empty(self, rep: User) -> None:
        customer = make_customer(rep)
        upload(rep, customer.pk)
        folder = services.create_folder(actor(rep), customer.pk, "2024 年度")
        child = services.create_folder(actor(rep), customer.pk, "一季度", folder.pk)
        services.rename_folder(actor(rep), customer.pk, folder.pk, "2024")
        with pytest.raises(Invalid):
            services.move_folder(actor(rep), customer.pk, folder.pk, child.pk)
        with pytest.raises(Invalid):
            services.create_folder(actor(rep), customer.pk, "a/b")
        with pytest.raises(Invalid):
            services.delete_folder(actor(rep), customer.pk, folder.pk)  # not empty: a child
        services.delete_folder(actor(rep), customer.pk, child.pk)
        services.delete_folder(actor(rep), customer.pk, folder.pk)

    def test_trash_and_restore(self, rep: User) -> None:
        customer = make_customer(rep)
        document = upload(rep, customer.pk)
        admin = actor(make_user("admin", username="boss"))
        services.delete_document(admin, document.pk)
        assert not selectors.readable(actor(rep)).exists()
        assert selectors.trash(actor(rep)).count() == 1
        services.restore_document(admin, document.pk)
        assert selectors.readable(actor(rep)).count() == 1

    def test_bulk_tag(self, rep: User) -> None:
        customer = make_customer(rep)
        ids = [upload(rep, customer.pk, f"{n}.txt", str(n).encode()).pk for n in range(3)]
        assert services.bulk_documents(actor(rep), ids, "add_tag", "盖章版") == 3
        assert all(d.tags.filter(name="盖章版").exists() for d in Document.objects.all())

    def test_a_changed_rule_is_previewed_then_applied(self, rep: User) -> None:
        customer = make_customer(rep, name="华为")
        document = upload(
            rep, customer.pk, "x.txt", doctype="invoice", document_date=date(2024, 5, 6)
        )
        admin = actor(make_user("admin", username="boss"))
        services.set_naming_rule(admin, "invoice", "{doctype}-{customer}-{date:%Y%m}")
        preview = services.reapply_naming(admin)
        assert preview == [(document.pk, "华为_20240506.txt", "发票-华为-202405.txt")]
        document.refresh_from_db()
        assert document.name == "华为_20240506.txt"  # a preview changes nothing
        services.reapply_naming(admin, apply=True)
        document.refresh_from_db()
        assert document.name == "发票-华为-202405.txt"

    def test_a_bad_rule_is_refused(self, rep: User) -> None:
        admin = actor(make_user("admin", username="boss"))
        with pytest.raises(Invalid) as raised:
            services.set_naming_rule(admin, "", "{customer.__class__}")
        assert raised.value.errors[0].field == "rule"


class TestClassificationAndText:
    def test_a_rule_files_by_name_and_says_why(self, rep: User) -> None:
        admin = actor(make_user("admin", username="boss"))
        rule = Rule(
            pattern="盖章", where="filename", doctype="contract", tags=("已盖章",), name="盖章件"
        )
        services.add_classification_rule(admin, rule)
        customer = make_customer(rep)
        document = upload(rep, customer.pk, "3月盖章件.pdf", b"%PDF-1.4")
        assert (document.doctype, document.folder.name) == ("contract", "合同")
        assert document.suggestion["source"] == "rule"
        assert "盖章件" in document.suggestion["reason"]
        assert not document.confirmed
        assert list(document.tags.values_list("name", flat=True)) == ["已盖章"]

    def test_the_built_in_rules_file_common_names(self, rep: User) -> None:
        customer = make_customer(rep)
        for name, folder in [
            ("采购合同 终稿.docx", "合同"),
            ("2024年报价单.xlsx", "报价单"),
            ("Invoice-2024-03.pdf", "发票"),
            ("周例会纪要.txt", "会议纪要"),
            ("Re_ 交付时间.eml", "沟通记录"),
        ]:
            assert upload(rep, customer.pk, name, name.encode()).folder.name == folder

    def test_text_found_later_refiles_an_untouched_file(self, rep: User) -> None:
        customer = make_customer(rep)
        text = "甲方:华为 乙方:腾讯 签订本合同".encode()
        document = upload(rep, customer.pk, "scan_0001.txt", text)
        assert document.folder.name == "客户信息"
        work(once=True)
        document.refresh_from_db()
        assert (document.doctype, document.folder.name) == ("contract", "合同")
        assert not document.confirmed

    def test_correcting_the_type_teaches_and_confirms(self, rep: User) -> None:
        customer = make_customer(rep)
        document = upload(rep, customer.pk, "scan_0001.txt", b"x")
        changed = services.update_document(
            actor(rep), document.pk, {"doctype": "contract"}, expected_version=document.version
        )
        assert changed.confirmed
        assert selectors.classifier_state() is not None

    def test_text_is_extracted_by_the_worker(self, rep: User) -> None:
        customer = make_customer(rep)
        document = upload(rep, customer.pk, "纪要.txt", "会议纪要:确认了交付时间".encode("gbk"))
        assert work(once=True) >= 1
        document.refresh_from_db()
        assert document.text_status == "done"
        assert "确认了交付时间" in document.text

    def test_referenced_blobs_are_every_versions(self, rep: User) -> None:
        customer = make_customer(rep)
        document = upload(rep, customer.pk, "a.txt", b"1")
        services.add_version(actor(rep), document.pk, Upload(io.BytesIO(b"2"), "a.txt"))
        assert selectors.referenced_blobs() == set(
            DocumentVersion.objects.values_list("blob_id", flat=True)
        )
