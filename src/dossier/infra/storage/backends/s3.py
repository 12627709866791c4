"""The S3-compatible backend (AWS, MinIO, Ceph…): multipart uploads streamed part by part."""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

from dossier.infra.config import StorageConfig

if TYPE_CHECKING:
    from mypy_boto3_s3.client import S3Client
    from mypy_boto3_s3.type_defs import CompletedPartTypeDef

    from dossier.infra.storage.backends import ReadableObject

PART_SIZE = 8 << 20  # S3 wants 5 MiB or more per part but the last
PARTS_PER_DOUBLING = 1000  # parts grow so 10,000 of them hold far more than any file
MISSING = {"404", "NoSuchKey", "NotFound"}


def _missing(error: ClientError) -> bool:
    return error.response.get("Error", {}).get("Code", "") in MISSING


class S3Pending:
    """Buffers one part at a time; a small object becomes one PUT, a large one a multipart."""

    def __init__(self, backend: S3Backend) -> None:
        self._backend = backend
        self._temp = backend.key(f".tmp/{secrets.token_hex(16)}")
        self._buffer = bytearray()
        self._upload_id: str | None = None
        self._completed = False
        self._parts: list[CompletedPartTypeDef] = []

    def write(self, data: bytes) -> None:
        self._buffer += data
        if len(self._buffer) >= PART_SIZE << (len(self._parts) // PARTS_PER_DOUBLING):
            self._send_part()

    def _send_part(self) -> None:
        s3, bucket = self._backend.client, self._backend.bucket
        if self._upload_id is None:
            started = s3.create_multipart_upload(Bucket=bucket, Key=self._temp)
            self._upload_id = started["UploadId"]
        number = len(self._parts) + 1
        sent = s3.upload_part(
            Bucket=bucket,
            Key=self._temp,
            UploadId=self._upload_id,
            PartNumber=number,
            Body=bytes(self._buffer),
        )
        self._parts.append({"ETag": sent["ETag"], "PartNumber": number})
        self._buffer = bytearray()

    def commit(self, key: str) -> None:
        s3, bucket, final = self._backend.client, self._backend.bucket, self._backend.key(key)
        if self._upload_id is None:
            s3.put_object(Bucket=bucket, Key=final, Body=bytes(self._buffer))
            return
        if self._buffer:
            self._send_part()
        s3.complete_multipart_upload(
            Bucket=bucket,
            Key=self._temp,
            UploadId=self._upload_id,
            MultipartUpload={"Parts": self._parts},
        )
        self._upload_id, self._completed = None, True
        # The content address is known only at the end; a server-side copy (multipart for
        # big objects) moves it there without sending the bytes again.
        s3.copy({"Bucket": bucket, "Key": self._temp}, bucket, final)
        s3.delete_object(Bucket=bucket, Key=self._temp)
        self._completed = False

    def discard(self) -> None:
        """Drop what was sent; safe to call twice, and after a commit that failed half-way."""
        s3, bucket = self._backend.client, self._backend.bucket
        self._buffer = bytearray()
        upload_id, self._upload_id = self._upload_id, None
        try:
            if upload_id is not None:
                s3.abort_multipart_upload(Bucket=bucket, Key=self._temp, UploadId=upload_id)
            if self._completed:
                s3.delete_object(Bucket=bucket, Key=self._temp)
                self._completed = False
        except ClientError:
            pass  # best effort: the caller is already handling the error that brought us here


class S3Backend:
    def __init__(self, client: S3Client, bucket: str, prefix: str = "") -> None:
        self.client = client
        self.bucket = bucket
        self.prefix = prefix.strip("/")

    @classmethod
    def from_config(cls, config: StorageConfig) -> S3Backend:
        # Path-style addressing for a named endpoint: MinIO and most self-hosted servers
        # do not serve bucket sub-domains.
        options = Config(
            signature_version="s3v4",
            s3={"addressing_style": "path" if config.endpoint else "auto"},
            retries={"max_attempts": 5, "mode": "standard"},
        )
        client = boto3.client(
            "s3",
            endpoint_url=config.endpoint,
            region_name=config.region,
            aws_access_key_id=config.access_key,
            aws_secret_access_key=config.secret_key,
            config=options,
        )
        return cls(client, config.bucket, config.prefix)

    def key(self, key: str) -> str:
        return f"{self.prefix}/{key}" if self.prefix else key

    def begin(self) -> S3Pending:
        return S3Pending(self)

    def read(self, key: str) -> ReadableObject:
        try:
            return self.client.get_object(Bucket=self.bucket, Key=self.key(key))["Body"]
        except ClientError as error:
            if _missing(error):
                raise KeyError(key) from None
            raise

    def exists(self, key: str) -> bool:
        try:
            self.size(key)
        except KeyError:
            return False
        return True

    def size(self, key: str) -> int:
        try:
            return self.client.head_object(Bucket=self.bucket, Key=self.key(key))["ContentLength"]
        except ClientError as error:
            if _missing(error):
                raise KeyError(key) from None
            raise

    def delete(self, key: str) -> None:
        self.client.delete_object(Bucket=self.bucket, Key=self.key(key))
