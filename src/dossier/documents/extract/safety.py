"""Limits checked before any parser sees a file: input size, and Office zip directories."""

from __future__ import annotations

import struct
import tempfile
import zipfile
from typing import IO, BinaryIO

from .types import CORRUPT, TOO_LARGE, ZIP_BOMB, ExtractionError

MiB = 2**20
SPOOL_IN_MEMORY = 8 * MiB
_CHUNK = 1 * MiB
_END_SEARCH = 22 + 65535  # the end record and the longest zip comment

MAX_MEMBERS = 10_000
BOMB_RATIO = 20
BOMB_MIN_TOTAL = 100 * MiB
# A legitimate 10,000-member directory with long names stays well under this.
MAX_DIRECTORY = 16 * MiB
# Past this even an honestly compressed workbook costs more memory than a worker should spend.
MAX_UNPACKED = 1024 * MiB


def spool(source: BinaryIO, max_bytes: int) -> IO[bytes]:
    """Copy the source once into a seekable temporary file, refusing more than max_bytes."""
    # Parsers need seek(); the spool keeps small files in memory and large ones on disk.
    target = tempfile.SpooledTemporaryFile(max_size=SPOOL_IN_MEMORY)  # noqa: SIM115
    total = 0
    try:
        while chunk := source.read(min(_CHUNK, max_bytes + 1 - total)):
            total += len(chunk)
            if total > max_bytes:
                raise ExtractionError(TOO_LARGE, f"the file is larger than {_size(max_bytes)}")
            target.write(chunk)
    except BaseException:
        target.close()
        raise
    target.seek(0)
    return target


def open_zip(file: IO[bytes]) -> zipfile.ZipFile:
    """Open an Office file's zip container after checking its directory for bombs and traversal."""
    check_zip_end(file)
    try:
        archive = zipfile.ZipFile(file)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise ExtractionError(CORRUPT, f"the file is not a readable zip container ({exc})") from exc
    try:
        check_zip_directory(archive.infolist())
    except ExtractionError:
        archive.close()
        raise
    return archive


def check_zip_directory(members: list[zipfile.ZipInfo]) -> None:
    """Refuse zips with too many members, unsafe names, or far more unpacked than packed bytes."""
    if len(members) > MAX_MEMBERS:
        raise ExtractionError(ZIP_BOMB, f"the zip has {len(members)} members, over {MAX_MEMBERS}")
    for info in members:
        if _unsafe_name(info.filename):
            raise ExtractionError(ZIP_BOMB, f"the zip has an unsafe member name {info.filename!r}")
    unpacked = sum(info.file_size for info in members)
    packed = sum(info.compress_size for info in members)
    if unpacked > BOMB_RATIO * max(packed, 1) and unpacked > BOMB_MIN_TOTAL:
        raise ExtractionError(
            ZIP_BOMB,
            f"the zip unpacks to {_size(unpacked)} from {_size(packed)}, "
            f"over {BOMB_RATIO} times its size",
        )
    if unpacked > MAX_UNPACKED:
        raise ExtractionError(TOO_LARGE, f"the zip unpacks to {_size(unpacked)}, over 1 GiB")


def check_zip_end(file: IO[bytes]) -> None:
    """Refuse a directory too big to load, from its end record, before zipfile loads all of it."""
    # zipfile builds a ZipInfo per entry up front: millions of tiny entries in a 200 MiB
    # file would take gigabytes before check_zip_directory could count them.
    entries, directory = _end_record(file)
    if entries > MAX_MEMBERS:
        raise ExtractionError(ZIP_BOMB, f"the zip has {entries} members, over {MAX_MEMBERS}")
    if directory > MAX_DIRECTORY:
        raise ExtractionError(ZIP_BOMB, f"the zip directory takes {_size(directory)}")
    file.seek(0)


def _end_record(file: IO[bytes]) -> tuple[int, int]:
    size = file.seek(0, 2)
    start = max(0, size - _END_SEARCH)
    file.seek(start)
    tail = file.read()
    at = tail.rfind(b"PK\x05\x06")
    if at == -1 or len(tail) - at < 22:
        raise ExtractionError(CORRUPT, "the file is not a readable zip container (no end record)")
    entries, directory = struct.unpack_from("<HL", tail, at + 10)
    if (entries == 0xFFFF or directory == 0xFFFFFFFF) and at >= 20:
        return _zip64_end_record(file, tail[at - 20 : at])
    return entries, directory


def _zip64_end_record(file: IO[bytes], locator: bytes) -> tuple[int, int]:
    signature, _, offset, _ = struct.unpack("<4sLQL", locator)
    if signature != b"PK\x06\x07":
        return 0xFFFF, 0
    file.seek(offset)
    record = file.read(56)
    if len(record) < 56 or not record.startswith(b"PK\x06\x06"):
        raise ExtractionError(CORRUPT, "the zip64 end record is damaged")
    entries, directory = struct.unpack_from("<QQ", record, 32)
    return int(entries), int(directory)


def _unsafe_name(name: str) -> bool:
    # Drive letters and backslashes too: a Windows tool may unpack these later.
    return name.startswith(("/", "\\")) or (len(name) > 1 and name[1] == ":") or ".." in name


def _size(count: int) -> str:
    return f"{count / MiB:.1f} MiB" if count >= MiB else f"{count} bytes"
