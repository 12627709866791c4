"""XLSX text with python-calamine: each sheet's name, then its rows as tab-separated cells."""

from __future__ import annotations

import datetime as dt
from typing import IO

from python_calamine import CalamineWorkbook

from .text import TextSink
from .types import CORRUPT, ENCRYPTED, TOO_LARGE, ExtractionError

# Rows read over all sheets; past this a sheet is data, not prose, and the rest is left out.
MAX_ROWS = 200_000

Cell = int | float | str | bool | dt.time | dt.date | dt.datetime | dt.timedelta


def extract_xlsx(file: IO[bytes], sink: TextSink) -> dict[str, str]:
    """Read the sheets into the sink; the zip and each sheet's extent were checked before."""
    try:
        with CalamineWorkbook.from_filelike(file) as workbook:
            names = list(workbook.sheet_names)
            _read_sheets(workbook, names, sink)
    except ExtractionError:
        raise
    except MemoryError as exc:
        raise ExtractionError(TOO_LARGE, "the workbook needs more memory than allowed") from exc
    except Exception as exc:  # calamine raises its own kinds and sometimes plain ones
        if type(exc).__name__ == "PasswordError":
            raise ExtractionError(ENCRYPTED, "the workbook is protected by a password") from exc
        raise ExtractionError(CORRUPT, f"the workbook cannot be read ({exc})") from exc
    return {"sheets": str(len(names))}


def _read_sheets(workbook: CalamineWorkbook, names: list[str], sink: TextSink) -> None:
    budget = MAX_ROWS
    for index, name in enumerate(names):
        if not sink.add(name, sep="\n\n"):
            return
        sheet = workbook.get_sheet_by_index(index)
        for row in sheet.iter_rows():
            if budget == 0:
                sink.mark_cut()
                return
            budget -= 1
            if not sink.add("\t".join(_cell(value) for value in row)):
                return


def _cell(value: Cell) -> str:
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return str(int(value))
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return " ".join(str(value).split())
