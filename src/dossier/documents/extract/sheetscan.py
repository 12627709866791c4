"""Measure each worksheet's cell extent before calamine, which allocates the whole rectangle."""

from __future__ import annotations

import re
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import IO

from .types import CORRUPT, TOO_LARGE, ExtractionError

# calamine builds a dense rows × columns grid per sheet (about 32 bytes a cell): one value in
# A1 and one in XFD1048576 asks for 512 GiB and aborts the process. 4 M cells ≈ 128 MiB.
MAX_SHEET_CELLS = 4_000_000

# A tag scan, not an XML parse: calamine's reader is lenient (no namespaces, junk tolerated),
# so a strict parser could give up on a part calamine still reads. Matching more than calamine
# reads (a tag inside a comment) only over-counts, which errs on the safe side.
_PREFIX = rb"<(?:[\w.-]+:)?"
_END = rb"(?=[\s/>])"
_TAG = re.compile(_PREFIX + rb"(row|c)" + _END + rb"([^<>]*)>")
_R_ATTR = re.compile(rb"""\br\s*=\s*["']\$?([A-Za-z]{0,3})\$?([0-9]{1,9})["']""")
_PREFIXED_CELL = re.compile(rb":c[\s/>]")
_STANDARD_CELL = re.compile(rb'<c r="([A-Z]{1,3})([0-9]{1,7})"([^<>]*)>')
_CHUNK = 256 * 1024
_MAX_TAG = 8 * 1024 * 1024  # a tag cut by a chunk boundary is carried over, up to this size


@dataclass
class _Extent:
    """Value cells seen, counted the way calamine places rows and cells that lack `r`."""

    row: int = -1
    col: int = -1
    top: int | None = None
    bottom: int = 0
    left: int | None = None
    right: int = 0

    def add(self, row: int, col: int) -> None:
        self.top = row if self.top is None else min(self.top, row)
        self.left = col if self.left is None else min(self.left, col)
        self.bottom, self.right = max(self.bottom, row), max(self.right, col)

    def shape(self) -> tuple[int, int]:
        if self.top is None or self.left is None:
            return 0, 0
        return self.bottom - self.top + 1, self.right - self.left + 1


def check_sheet_extents(archive: zipfile.ZipFile) -> None:
    """Refuse a workbook with a sheet grid larger than MAX_SHEET_CELLS."""
    # Every member, not only xl/worksheets/*.xml: the workbook's relationships may point a
    # sheet anywhere in the zip, under any name.
    for info in archive.infolist():
        if info.is_dir():
            continue
        rows, cols = _scan(archive, info).shape()
        if rows * cols > MAX_SHEET_CELLS:
            raise ExtractionError(
                TOO_LARGE,
                f"sheet {info.filename!r} spans {rows} rows × {cols} columns, "
                f"over {MAX_SHEET_CELLS} cells",
            )


def _scan(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> _Extent:
    # The fast pass needs every cell to carry `r` (Excel, WPS, LibreOffice and openpyxl all
    # write it), which makes rows irrelevant; any other part is read again, tag by tag.
    return _read(archive, info, _fast) or _read(archive, info, _slow) or _Extent()


def _read(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, scan: Callable[[bytes, _Extent], bool]
) -> _Extent | None:
    extent = _Extent()
    try:
        with archive.open(info) as member:
            for chunk in _chunks(member):
                if not scan(chunk, extent):
                    return None
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError) as exc:
        raise ExtractionError(CORRUPT, f"member {info.filename!r} cannot be unpacked") from exc
    except RuntimeError as exc:  # zipfile's word for an encrypted member
        raise ExtractionError(CORRUPT, f"member {info.filename!r} cannot be read ({exc})") from exc
    return extent


def _chunks(member: IO[bytes]) -> Iterator[bytes]:
    """The member in pieces that never cut a tag in two."""
    carry = b""
    while chunk := member.read(_CHUNK):
        data = carry + chunk
        cut = data.rfind(b"<")
        if cut == -1 or data.find(b">", cut) != -1:
            cut = len(data)
        if len(data) - cut > _MAX_TAG:
            raise ExtractionError(CORRUPT, "a part of the workbook has a tag over 8 MiB long")
        yield data[:cut]
        carry = data[cut:]
    yield carry


def _fast(data: bytes, extent: _Extent) -> bool:
    # Counting with bytes.count runs at memory speed; only cells in the standard spelling
    # (<c r="B7" ...>) are then matched, and any other spelling sends the part to _slow.
    total = sum(data.count(b"<c" + end) for end in (b" ", b">", b"/", b"\t", b"\n", b"\r"))
    if _PREFIXED_CELL.search(data):
        return False
    cells = _STANDARD_CELL.findall(data)
    if len(cells) != total:
        return False
    # calamine keeps only cells with a value, so self-closing ones (<c r="Z9" s="1"/>) are out.
    valued = [(letters, digits) for letters, digits, attrs in cells if not attrs.endswith(b"/")]
    if valued:
        rows = [int(digits) - 1 for digits in {digits for _, digits in valued}]
        cols = [_column(letters) for letters in {letters for letters, _ in valued}]
        extent.add(min(rows), min(cols))
        extent.add(max(rows), max(cols))
    return True


def _slow(data: bytes, extent: _Extent) -> bool:
    for match in _TAG.finditer(data):
        name, attrs = match.groups()
        position = _R_ATTR.search(attrs)
        if name == b"row":
            extent.row = int(position.group(2)) - 1 if position else extent.row + 1
            extent.col = -1
            continue
        row, col = _cell_position(position, extent)
        extent.col = col
        if not attrs.endswith(b"/"):
            extent.add(row, col)
    return True


def _cell_position(position: re.Match[bytes] | None, extent: _Extent) -> tuple[int, int]:
    if position is None or not position.group(1):
        return max(extent.row, 0), extent.col + 1
    return int(position.group(2)) - 1, _column(position.group(1))


def _column(letters: bytes) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + letter - ord("A") + 1
    return number - 1
