"""DOSSIER_STORAGE_URL and the master keys: parsed, generated once, re-read after rotation."""

from __future__ import annotations

import base64
import stat
from pathlib import Path

import pytest

from dossier.infra.config import ConfigError, StorageConfig, kept_master_key, storage_from_url
from dossier.infra.storage.errors import MasterKeyUnavailable
from dossier.infra.storage.keys import Keyring, MasterKey, parse_keys


class TestStorageUrl:
    def test_file_url_and_plain_path_are_local_folders(self, tmp_path: Path) -> None:
        assert storage_from_url(f"file://{tmp_path}") == StorageConfig("local", root=str(tmp_path))
        assert storage_from_url(str(tmp_path)).root == str(tmp_path)
        assert storage_from_url("relative/files").root == str(Path("relative/files").resolve())

    def test_s3_url_names_bucket_prefix_endpoint_region_and_credentials(self) -> None:
        config = storage_from_url(
            "s3://AKIA:se%2Fcret@dossier-files/prod/blobs"
            "?endpoint=http://127.0.0.1:9000&region=cn-north-1"
        )
        assert config == StorageConfig(
            "s3",
            bucket="dossier-files",
            prefix="prod/blobs",
            endpoint="http://127.0.0.1:9000",
            region="cn-north-1",
            access_key="AKIA",
            secret_key="se/cret",
        )
        assert "se/cret" not in repr(config)

    def test_s3_without_credentials_leaves_them_to_the_aws_variables(self) -> None:
        config = storage_from_url("s3://bucket")
        assert (config.bucket, config.prefix, config.access_key, config.endpoint) == (
            "bucket",
            "",
            None,
            None,
        )

    def test_s3_http_names_the_endpoint_in_the_host(self) -> None:
        config = storage_from_url("s3+http://k:s@minio.local:9000/bucket/pre")
        assert (config.endpoint, config.bucket, config.prefix) == (
            "http://minio.local:9000",
            "bucket",
            "pre",
        )

    @pytest.mark.parametrize(
        "url", ["ftp://host/x", "s3://bucket?endpont=http://x", "s3+https://host:9000/"]
    )
    def test_bad_urls_name_the_variable(self, url: str) -> None:
        with pytest.raises(ConfigError, match="DOSSIER_STORAGE_URL"):
            storage_from_url(url)


class TestMasterKeys:
    def test_the_key_file_is_made_once_readable_by_its_owner_only(self, tmp_path: Path) -> None:
        path = kept_master_key(tmp_path / "data" / "master.key")
        first = path.read_text()
        assert kept_master_key(path).read_text() == first
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert len(base64.b64decode(first.strip())) == 32

    def test_environment_keys_are_comma_separated_first_active(self) -> None:
        new, old = MasterKey.generate(), MasterKey.generate()
        ring = Keyring(parse_keys(f"{new.encoded()}, {old.encoded()}", source="X"))
        assert [key.id for key in ring.keys] == [new.id, old.id]
        assert ring.active == new
        assert new.encoded() not in repr(new)

    @pytest.mark.parametrize("text", ["", "not base64!", base64.b64encode(b"short").decode()])
    def test_bad_keys_are_refused_by_name(self, text: str) -> None:
        with pytest.raises(MasterKeyUnavailable, match="DOSSIER_MASTER_KEY"):
            parse_keys(text, source="DOSSIER_MASTER_KEY")

    def test_a_ring_rereads_its_file_when_another_process_rotated(self, tmp_path: Path) -> None:
        path = kept_master_key(tmp_path / "master.key")
        ours, theirs = Keyring.from_file(path), Keyring.from_file(path)
        new = MasterKey.generate()
        theirs.replace([new, *theirs.keys])
        assert ours.active == new
        data_key = b"k" * 32
        key_id, wrapped = theirs.wrap(data_key)
        assert ours.unwrap(key_id, wrapped) == data_key
