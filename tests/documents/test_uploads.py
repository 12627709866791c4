"""HTTP uploads stream into the blob store while they are parsed, and keep every upload rule."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpResponse
from django.test import Client, RequestFactory, override_settings
from django.urls import resolve

from dossier.accounts import services as accounts
from dossier.accounts.models import User
from dossier.documents import services
from dossier.documents.models import Document
from dossier.documents.uploads import stream_uploads
from dossier.infra.storage.backends.local import TEMP_DIR, LocalBackend
from dossier.infra.storage.models import Blob
from dossier.infra.storage.services import default_store
from dossier.infra.storage.uploads import StreamedUpload
from tests.builders import SYSTEM, make_team, make_user
from tests.customers.builders import make_customer

pytestmark = pytest.mark.django_db


@pytest.fixture
def rep(db: None) -> User:
    return make_user("sales", username="lina", team=make_team("华东销售部"))


def token_client(user: User, *, read_only: bool = False) -> Client:
    issued = accounts.create_token(SYSTEM, username=user.username, name="t", read_only=read_only)
    return Client(HTTP_AUTHORIZATION=f"Bearer {issued.plaintext}")


def session_client(user: User, **options: bool) -> Client:
    client = Client(**options)
    client.force_login(user)
    return client


def temp_objects() -> set[str]:
    backend = default_store().backend
    assert isinstance(backend, LocalBackend)
    temp = backend.root / TEMP_DIR
    return {p.name for p in temp.iterdir()} if temp.exists() else set()


@pytest.fixture
def no_leftovers() -> Iterator[None]:
    """Every test here ends with no temporary object it made still on disk."""
    before = temp_objects()
    yield
    assert temp_objects() <= before


@pytest.fixture
def committed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the files committed from a streamed upload (not spooled and put)."""
    names: list[str] = []
    real = StreamedUpload.commit

    def spy(self: StreamedUpload) -> object:
        names.append(self.name or "")
        return real(self)

    monkeypatch.setattr(StreamedUpload, "commit", spy)
    return names


def blob_of(content: bytes) -> bool:
    return Blob.objects.filter(sha256=hashlib.sha256(content).hexdigest()).exists()


@pytest.mark.usefixtures("no_leftovers")
class TestEveryUploadRouteStreams:
    def test_the_api_endpoints(self, rep: User, committed: list[str]) -> None:
        customer = make_customer(rep)
        api = token_client(rep)
        first = api.post(
            "/api/v1/documents",
            {"customer": customer.pk, "file": SimpleUploadedFile("a.txt", b"one")},
        )
        assert first.status_code == 201, first.content
        second = api.post(
            f"/api/v1/customers/{customer.pk}/documents",
            {"file": SimpleUploadedFile("b.txt", b"two")},
        )
        assert second.status_code == 201, second.content
        version = api.post(
            f"/api/v1/documents/{first.json()['id']}/versions",
            {"file": SimpleUploadedFile("a2.txt", b"one, again")},
        )
        assert version.status_code == 201, version.content
        assert committed == ["a.txt", "b.txt", "a2.txt"]
        download = api.get(f"/api/v1/documents/{first.json()['id']}/download")
        assert b"".join(download.streaming_content) == b"one, again"  # type: ignore[attr-defined]

    def test_the_web_views_with_csrf_enforced(self, rep: User, committed: list[str]) -> None:
        customer = make_customer(rep)
        client = session_client(rep, enforce_csrf_checks=True)
        page = client.get(f"/customers/{customer.pk}/files/")
        token = page.cookies[settings.CSRF_COOKIE_NAME].value
        created = client.post(
            f"/customers/{customer.pk}/files/upload/",
            {"files": [SimpleUploadedFile("a.txt", b"web one")], "csrfmiddlewaretoken": token},
            HTTP_ACCEPT="application/json",
        )
        assert created.status_code == 201, created.content
        document = created.json()["files"][0]["id"]
        client.post(
            f"/files/{document}/versions/",
            {"file": SimpleUploadedFile("a.txt", b"web two"), "csrfmiddlewaretoken": token},
        )
        assert committed == ["a.txt", "a.txt"]
        assert Document.objects.get().current == 2

    def test_without_the_csrf_token_nothing_is_kept(self, rep: User) -> None:
        customer = make_customer(rep)
        client = session_client(rep, enforce_csrf_checks=True)
        refused = client.post(
            f"/customers/{customer.pk}/files/upload/",
            {"files": [SimpleUploadedFile("a.txt", b"forged")]},
        )
        assert refused.status_code == 403
        assert not blob_of(b"forged") and not Document.objects.exists()


@pytest.mark.usefixtures("no_leftovers")
class TestTheRulesStillHold:
    @override_settings(MAX_UPLOAD_BYTES=10)
    def test_too_large_is_413_naming_the_file(self, rep: User) -> None:
        customer = make_customer(rep)
        response = token_client(rep).post(
            f"/api/v1/customers/{customer.pk}/documents",
            {"file": SimpleUploadedFile("big.bin", b"x" * 11)},
        )
        assert response.status_code == 413
        assert (response.json()["field"], response.json()["file"]) == ("file", "big.bin")
        assert not blob_of(b"x" * 11) and not Document.objects.exists()

    def test_an_empty_file_is_refused(self, rep: User) -> None:
        customer = make_customer(rep)
        response = token_client(rep).post(
            "/api/v1/documents", {"customer": customer.pk, "file": SimpleUploadedFile("e.txt", b"")}
        )
        assert response.status_code == 422
        assert "e.txt" in response.json()["message"]
        assert not Document.objects.exists()

    @override_settings(MAX_UPLOAD_BYTES=20)
    def test_many_files_keep_the_good_ones_and_name_the_bad(self, rep: User) -> None:
        customer = make_customer(rep)
        files = [
            SimpleUploadedFile("a.txt", b"first good"),
            SimpleUploadedFile("empty.txt", b""),
            SimpleUploadedFile("big.txt", b"y" * 21),
            SimpleUploadedFile("c.txt", b"second good"),
        ]
        response = session_client(rep).post(
            f"/customers/{customer.pk}/files/upload/",
            {"files": files},
            HTTP_ACCEPT="application/json",
        )
        assert response.status_code == 201, response.content
        body = response.json()
        assert len(body["files"]) == 2
        assert [r["file"] for r in body["refused"]] == ["empty.txt", "big.txt"]
        assert Document.objects.count() == 2
        assert blob_of(b"first good") and blob_of(b"second good") and not blob_of(b"y" * 21)

    def test_a_refused_request_keeps_no_blob(self, rep: User) -> None:
        customer = make_customer(rep)
        read_only = token_client(rep, read_only=True).post(
            "/api/v1/documents",
            {"customer": customer.pk, "file": SimpleUploadedFile("a.txt", b"not allowed")},
        )
        unknown_type = token_client(rep).post(
            "/api/v1/documents",
            {
                "customer": customer.pk,
                "doctype": "poem",
                "file": SimpleUploadedFile("a.txt", b"not allowed"),
            },
        )
        assert (read_only.status_code, unknown_type.status_code) == (403, 422)
        assert not blob_of(b"not allowed") and not Document.objects.exists()

    def test_the_type_is_sniffed_from_the_streamed_bytes(self, rep: User) -> None:
        customer = make_customer(rep)
        response = token_client(rep).post(
            f"/api/v1/customers/{customer.pk}/documents",
            {"file": SimpleUploadedFile("scan", b"%PDF-1.4\n" + b"x" * 20000)},
        )
        assert response.json()["media_type"] == "application/pdf"

    def test_a_body_cut_off_inside_the_file_leaves_nothing(self, rep: User) -> None:
        customer = make_customer(rep)
        body = (
            b'--B\r\nContent-Disposition: form-data; name="customer"\r\n\r\n'
            + str(customer.pk).encode()
            + b'\r\n--B\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n'
            b"\r\nhalf of the file and then noth"
        )
        response = token_client(rep).post(
            "/api/v1/documents", body, content_type="multipart/form-data; boundary=B"
        )
        assert response.status_code == 422
        assert not Document.objects.exists() and not Blob.objects.exists()

    def test_a_failure_after_the_bytes_leaves_no_document(
        self, rep: User, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        customer = make_customer(rep)

        def failed(*args: object, **kwargs: object) -> None:
            raise RuntimeError("the database went away after the blob was recorded")

        monkeypatch.setattr(services.files, "_add_version", failed)
        failure = token_client(rep).post(
            "/api/v1/documents",
            {"customer": customer.pk, "file": SimpleUploadedFile("a.txt", b"rolled back")},
        )
        assert failure.status_code == 500
        monkeypatch.undo()
        # The request's transaction took the blob row with it; nothing refers to the object.
        assert not Document.objects.exists() and not blob_of(b"rolled back")
        again = token_client(rep).post(
            "/api/v1/documents",
            {"customer": customer.pk, "file": SimpleUploadedFile("a.txt", b"rolled back")},
        )
        assert again.status_code == 201
        assert (
            b"".join(  # type: ignore[attr-defined]
                token_client(rep)
                .get(f"/api/v1/documents/{again.json()['id']}/download")
                .streaming_content
            )
            == b"rolled back"
        )


@pytest.mark.parametrize(
    ("method", "path"),
    [("POST", "/api/v1/customers"), ("GET", "/api/v1/documents"), ("POST", "/files/1/delete/")],
)
def test_other_requests_keep_djangos_upload_handlers(method: str, path: str) -> None:
    """A CSV import or any other form still gets ordinary, readable uploaded files."""
    request = RequestFactory().generic(method, path)
    request.resolver_match = resolve(path)
    middleware = stream_uploads(lambda r: HttpResponse())
    middleware.process_view(request, None, (), {})  # type: ignore[attr-defined]
    assert [type(h).__name__ for h in request.upload_handlers] == [
        "MemoryFileUploadHandler",
        "TemporaryFileUploadHandler",
    ]
