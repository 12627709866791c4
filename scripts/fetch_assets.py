"""Fetch the pinned front-end files listed in assets.json from the npm registry.

No npm or node: each package's tarball is downloaded with urllib, checked against the
registry's sha512 integrity string, and only the listed files are extracted into
src/dossier/web/static/vendor/. A stamp file per package makes re-runs instant and offline.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import sys
import tarfile
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
MANIFEST = ROOT / "assets.json"
VENDOR = ROOT / "src" / "dossier" / "web" / "static" / "vendor"
REGISTRY = "https://registry.npmjs.org/"
STAMP = ".stamp.json"


class AssetError(Exception):
    """A package that cannot be fetched or does not match its pin."""


def integrity_of(data: bytes) -> str:
    return "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode("ascii")


def destination(relative: str) -> Path:
    path = (VENDOR / relative).resolve()
    if not path.is_relative_to(VENDOR.resolve()):
        raise AssetError(f"destination {relative!r} leaves the vendor folder")
    return path


def stamp_for(package: dict[str, Any]) -> dict[str, Any]:
    keys = ("name", "version", "integrity", "files")
    return {key: package[key] for key in keys}


def stamp_path(package: dict[str, Any]) -> Path:
    return destination(package["name"]) / STAMP


def is_current(package: dict[str, Any]) -> bool:
    stamp = stamp_path(package)
    if not stamp.is_file():
        return False
    try:
        recorded = json.loads(stamp.read_text(encoding="utf-8"))
    except ValueError:
        return False
    files_present = all(destination(dest).is_file() for dest in package["files"].values())
    return bool(recorded == stamp_for(package) and files_present)


def download(package: dict[str, Any]) -> bytes:
    url = package["tarball"]
    if not url.startswith(REGISTRY):
        raise AssetError(f"tarball {url} is not on {REGISTRY}")
    with urllib.request.urlopen(url, timeout=60) as response:  # noqa: S310 (https only, checked above)
        data: bytes = response.read()
    actual = integrity_of(data)
    if actual != package["integrity"]:
        raise AssetError(
            "integrity mismatch, refusing to use it "
            f"(expected {package['integrity']}, got {actual})"
        )
    return data


def extract(package: dict[str, Any], data: bytes) -> None:
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as tar:
        for member_name, relative in package["files"].items():
            try:
                member = tar.getmember(member_name)
                source = tar.extractfile(member)
            except KeyError:
                source = None
            if source is None:
                raise AssetError(f"{member_name} is not a file in the tarball")
            target = destination(relative)
            target.parent.mkdir(parents=True, exist_ok=True)
            partial = target.with_name(target.name + ".part")
            partial.write_bytes(source.read())
            partial.replace(target)


def fetch(package: dict[str, Any]) -> str:
    label = f"{package['name']} {package['version']}"
    if is_current(package):
        return f"{label}: up to date"
    extract(package, download(package))
    stamp = stamp_path(package)
    stamp.parent.mkdir(parents=True, exist_ok=True)
    stamp.write_text(json.dumps(stamp_for(package), indent=2) + "\n", encoding="utf-8")
    return f"{label}: fetched {len(package['files'])} file(s)"


def main() -> int:
    packages = json.loads(MANIFEST.read_text(encoding="utf-8"))
    for package in packages:
        try:
            print(fetch(package))
        except (AssetError, OSError, tarfile.TarError) as error:
            name = f"{package.get('name', '?')} {package.get('version', '?')}"
            print(f"fetch_assets: {name}: {error}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
