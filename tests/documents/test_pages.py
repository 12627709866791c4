"""The file pages and /api/v1/documents: upload, list, preview, download, versions, folders."""

from __future__ import annotations

import io

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from dossier.accounts.models import User
from dossier.documents.models import Document
from tests.builders import make_team, make_user
from tests.customers.builders import make_customer

pytestmark = pytest.mark.django_db


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def rep(db: None) -> User:
    return make_user("sales", username="lina", team=make_team("华东销售部"))


def post_file(client: Client, customer_id: int, name: str, content: bytes, **extra: str) -> object:
    return client.post(
        f"/customers/{customer_id}/files/upload/",
        {"files": [SimpleUploadedFile(name, content)], **extra},
        HTTP_ACCEPT="application/json",
    )


class TestWebPages:
    def test_upload_from_the_files_tab_and_find_it_there(self, rep: User) -> None:
        customer = make_customer(rep, name="华为")
        client = client_for(rep)
        response = post_file(client, customer.pk, "报价单 v2.xlsx", b"PK\x03\x04 not really")
        assert response.status_code == 201  # type: ignore[attr-defined]
        body = response.json()  # type: ignore[attr-defined]
        assert body["files"][0]["folder"] == "报价单"
        html = client.get(f"/customers/{customer.pk}/files/").content.decode()
        assert body["files"][0]["name"] in html
        assert "报价单" in html

    def test_a_failed_upload_answers_json_with_the_field(self, rep: User) -> None:
        customer = make_customer(rep)
        response = client_for(rep).post(
            f"/customers/{customer.pk}/files/upload/", {}, HTTP_ACCEPT="application/json"
        )
        assert response.status_code == 422
        assert response.json()["field"] == "files"

    def test_the_file_page_previews_text_and_lists_versions(self, rep: User) -> None:
        customer = make_customer(rep)
        client = client_for(rep)
        post_file(client, customer.pk, "说明.txt", "第一版内容".encode())
        document = Document.objects.get()
        from dossier.infra.jobs.runner import work

        work(once=True)
        html = client.get(f"/files/{document.pk}/").content.decode()
        assert "第一版内容" in html
        assert "v1" in html

    def test_pdf_is_shown_inline_with_a_locked_down_policy(self, rep: User) -> None:
        customer = make_customer(rep)
        client = client_for(rep)
        post_file(client, customer.pk, "合同.pdf", b"%PDF-1.4\n%%EOF")
        document = Document.objects.get()
        response = client.get(f"/files/{document.pk}/v1/view/")
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"].startswith("inline")
        assert "default-src 'none'" in response["Content-Security-Policy"]
        assert b"".join(response.streaming_content) == b"%PDF-1.4\n%%EOF"  # type: ignore[attr-defined]

    def test_html_is_never_shown_inline(self, rep: User) -> None:
        customer = make_customer(rep)
        client = client_for(rep)
        post_file(client, customer.pk, "x.html", b"<script>alert(1)</script>")
        document = Document.objects.get()
        response = client.get(f"/files/{document.pk}/v1/view/")
        assert response["Content-Disposition"].startswith("attachment")
        assert response["X-Content-Type-Options"] == "nosniff"

    def test_download_uses_the_rule_made_name(self, rep: User) -> None:
        customer = make_customer(rep, name="华为")
        client = client_for(rep)
        post_file(client, customer.pk, "a.txt", b"abc", doctype="quote", document_date="2024-03-05")
        document = Document.objects.get()
        response = client.get(f"/files/{document.pk}/v1/download/")
        assert "%E5%8D%8E%E4%B8%BA_20240305.txt" in response["Content-Disposition"]

    def test_others_files_are_not_found(self, rep: User) -> None:
        other = make_user("sales", username="wangwei")
        customer = make_customer(other)
        post_file(client_for(other), customer.pk, "a.txt", b"secret")
        document = Document.objects.get()
        client = client_for(rep)
        assert client.get(f"/files/{document.pk}/").status_code == 404
        assert client.get(f"/files/{document.pk}/v1/download/").status_code == 404
        assert "a.txt" not in client.get("/files/").content.decode()

    def test_folders_from_the_tab(self, rep: User) -> None:
        customer = make_customer(rep)
        client = client_for(rep)
        post_file(client, customer.pk, "a.txt", b"1")
        client.post(f"/customers/{customer.pk}/folders/", {"name": "2024 年度"})
        assert "2024 年度" in client.get(f"/customers/{customer.pk}/files/").content.decode()

    def test_naming_rules_page_previews_and_applies(self, rep: User) -> None:
        customer = make_customer(rep, name="华为")
        post_file(client_for(rep), customer.pk, "a.txt", b"1", doctype="quote")
        admin = client_for(make_user("admin", username="boss"))
        admin.post("/settings/naming/", {"doctype": "quote", "rule": "报价-{customer}-{seq:03d}"})
        preview = admin.get("/settings/naming/?preview=1").content.decode()
        assert "报价-华为-001.txt" in preview
        admin.post("/settings/naming/apply/")
        assert Document.objects.get().name == "报价-华为-001.txt"


class TestApi:
    @pytest.fixture
    def api(self, rep: User) -> Client:
        from dossier.accounts import services
        from tests.builders import SYSTEM

        issued = services.create_token(SYSTEM, username=rep.username, name="t", read_only=False)
        return Client(HTTP_AUTHORIZATION=f"Bearer {issued.plaintext}")

    def test_upload_list_patch_download(self, rep: User, api: Client) -> None:
        customer = make_customer(rep, name="华为")
        created = api.post(
            "/api/v1/documents",
            {"customer": customer.pk, "file": io.BytesIO(b"hello"), "doctype": "contract"},
        )
        assert created.status_code == 201, created.content
        document = created.json()
        assert document["folder"] == "合同"
        listed = api.get(f"/api/v1/documents?customer={customer.pk}&doctype=contract").json()
        assert listed["count"] == 1
        patched = api.patch(
            f"/api/v1/documents/{document['id']}",
            {"tags": ["盖章版"], "version": document["version"]},
            content_type="application/json",
        )
        assert patched.json()["tags"] == ["盖章版"]
        stale = api.patch(
            f"/api/v1/documents/{document['id']}",
            {"title": "x", "version": document["version"]},
            content_type="application/json",
        )
        assert stale.status_code == 409
        download = api.get(f"/api/v1/documents/{document['id']}/download")
        assert b"".join(download.streaming_content) == b"hello"  # type: ignore[attr-defined]

    def test_new_version_and_back(self, rep: User, api: Client) -> None:
        customer = make_customer(rep)
        document = api.post(
            "/api/v1/documents", {"customer": customer.pk, "file": io.BytesIO(b"one")}
        ).json()
        api.post(f"/api/v1/documents/{document['id']}/versions", {"file": io.BytesIO(b"two")})
        versions = api.get(f"/api/v1/documents/{document['id']}/versions").json()
        assert [v["number"] for v in versions] == [2, 1]
        back = api.post(
            f"/api/v1/documents/{document['id']}/versions/1/restore",
            {},
            content_type="application/json",
        )
        assert back.json()["current"] == 1

    def test_unknown_field_is_named(self, rep: User, api: Client) -> None:
        customer = make_customer(rep)
        document = api.post(
            "/api/v1/documents", {"customer": customer.pk, "file": io.BytesIO(b"one")}
        ).json()
        response = api.patch(
            f"/api/v1/documents/{document['id']}",
            {"colour": "red"},
            content_type="application/json",
        )
        assert response.status_code == 422
        assert "colour" in response.content.decode()

    def test_read_only_token_cannot_upload(self, rep: User) -> None:
        from dossier.accounts import services
        from tests.builders import SYSTEM

        issued = services.create_token(SYSTEM, username=rep.username, name="r", read_only=True)
        client = Client(HTTP_AUTHORIZATION=f"Bearer {issued.plaintext}")
        customer = make_customer(rep)
        response = client.post(
            "/api/v1/documents", {"customer": customer.pk, "file": io.BytesIO(b"one")}
        )
        assert response.status_code == 403
        assert not Document.objects.exists()

    def test_folders_of_a_customer(self, rep: User, api: Client) -> None:
        customer = make_customer(rep)
        created = api.post(
            f"/api/v1/customers/{customer.pk}/folders",
            {"name": "投标"},
            content_type="application/json",
        )
        assert created.status_code == 201
        names = [f["name"] for f in api.get(f"/api/v1/customers/{customer.pk}/folders").json()]
        assert "投标" in names and "合同" in names


def test_bulk_changes_never_redirect_off_site(rep: User) -> None:
    response = client_for(rep).post(
        "/files/bulk/", {"next": "https://evil.example/", "action": "add_tag", "value": "x"}
    )
    assert response["Location"] == "/files/"
