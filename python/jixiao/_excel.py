"""Excel workbooks (.xlsx through openpyxl, .xls through xlrd) read by the C++ text reader.

A sheet is turned into the tab-separated text the reader handles (one line per sheet row, one
field per sheet column, from A1), read, and then every position is mapped back to the sheet: a
diagnostic's or a field's line is the sheet row and its column the sheet column (1 = A).
Merged cells: see docs/formats.md (*Excel workbooks*).
"""
from __future__ import annotations

import datetime as _dt
import json
from pathlib import Path
from typing import Any, List, Tuple, Union

from . import _core

Grid = List[List[str]]


def _cell_text(value: Any, number_format: str = "General") -> str:
    """A cell as Excel shows it, closely enough for the value grammar: 0.95 formatted as a
    percentage is '95%', 10141.0 is '10141', a date is '2023年12月31日'."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, (int, float)):
        if "%" in (number_format or ""):
            return f"{round(float(value) * 100, 10):.15g}%"
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return f"{value:.15g}" if isinstance(value, float) else str(value)
    if isinstance(value, _dt.datetime) and value.time() == _dt.time(0):
        value = value.date()
    if isinstance(value, _dt.date) and not isinstance(value, _dt.datetime):
        return f"{value.year}年{value.month}月{value.day}日"
    text = str(value)
    # A line break or tab inside a cell (Alt+Enter) would move every later position: a space.
    return text.replace("\r\n", " ").replace("\n", " ").replace("\r", " ").replace("\t", " ")


def _expand_merged(grid: Grid, ranges: List[Tuple[int, int, int, int]]) -> None:
    """Merged ranges (0-based, inclusive rows r0..r1, columns c0..c1) are laid out as Excel's own
    copy lays them out, which is what the text reader is built for: the value in the top-left
    cell, every other cell of the range empty.  Repeating the value over the range instead makes
    the reader see a label or key once per cell (a merged 年度总体目标 or 绩效指标 column becomes
    stray cells, JX212), so it is not done; docs/formats.md (*Excel workbooks*) has the details."""
    for r0, r1, c0, c1 in ranges:
        value = grid[r0][c0]
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                grid[r][c] = ""
        grid[r0][c0] = value


def _xlsx_grid(path: Path, sheet: Union[int, str]) -> Tuple[Grid, str]:
    import openpyxl

    book = openpyxl.load_workbook(path, data_only=True)  # merged ranges need a normal (not read-only) load
    try:
        ws = book.worksheets[sheet] if isinstance(sheet, int) else book[sheet]
    except (IndexError, KeyError):
        raise ValueError(f"read_table: {path} has no sheet {sheet!r}; its sheets are {book.sheetnames}") from None
    rows, cols = ws.max_row, ws.max_column
    grid = [["" for _ in range(cols)] for _ in range(rows)]
    for row in ws.iter_rows(min_row=1, max_row=rows, max_col=cols):
        for cell in row:
            if cell.value is not None:
                grid[cell.row - 1][cell.column - 1] = _cell_text(cell.value, cell.number_format)
    ranges = [(m.min_row - 1, m.max_row - 1, m.min_col - 1, m.max_col - 1) for m in ws.merged_cells.ranges]
    _expand_merged(grid, ranges)
    return grid, ws.title


def _xls_grid(path: Path, sheet: Union[int, str]) -> Tuple[Grid, str]:
    import xlrd

    book = xlrd.open_workbook(str(path), formatting_info=True)
    try:
        ws = book.sheet_by_index(sheet) if isinstance(sheet, int) else book.sheet_by_name(sheet)
    except (IndexError, xlrd.biffh.XLRDError):
        raise ValueError(f"read_table: {path} has no sheet {sheet!r}; its sheets are {book.sheet_names()}") from None
    grid = [["" for _ in range(ws.ncols)] for _ in range(ws.nrows)]
    for r in range(ws.nrows):
        for c in range(ws.ncols):
            cell = ws.cell(r, c)
            value: Any = cell.value
            fmt = "General"
            if cell.ctype == xlrd.XL_CELL_DATE:
                value = xlrd.xldate.xldate_as_datetime(value, book.datemode)
            elif cell.ctype == xlrd.XL_CELL_NUMBER:
                xf = book.xf_list[cell.xf_index]
                fmt = book.format_map[xf.format_key].format_str
            elif cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
                value = None
            grid[r][c] = _cell_text(value, fmt)
    _expand_merged(grid, [(r0, r1 - 1, c0, c1 - 1) for r0, r1, c0, c1 in ws.merged_cells])
    return grid, ws.name


def grid_text(grid: Grid) -> str:
    """The sheet as tab-separated text, one line per row (empty rows kept, so lines are rows)."""
    return "".join("\t".join(row) + "\n" for row in grid)


def _column_starts(row: List[str]) -> List[int]:
    """1-based code-point column where each field of a TSV line starts."""
    starts, at = [], 1
    for cell in row:
        starts.append(at)
        at += len(cell) + 1
    return starts


def _sheet_column(starts: List[List[int]], line: int, column: int) -> int:
    if line < 1 or line > len(starts) or column < 1:
        return column
    row = starts[line - 1]
    j = 0
    while j + 1 < len(row) and row[j + 1] <= column:
        j += 1
    return j + 1


def _remap_json(node: Any, starts: List[List[int]]) -> None:
    if isinstance(node, dict):
        if isinstance(node.get("line"), int) and isinstance(node.get("column"), int):
            node["column"] = _sheet_column(starts, node["line"], node["column"])
        for v in node.values():
            _remap_json(v, starts)
    elif isinstance(node, list):
        for v in node:
            _remap_json(v, starts)


def _unreadable(path: Path, error: Exception) -> "_core.Table":
    """A workbook that openpyxl or xlrd cannot open (not a zip, truncated, another format):
    an empty table with JX200, as for a file that cannot be read, naming the library's reason."""
    empty = _core.read_table_text("", "tsv", "utf-8", str(path))
    reason = f"{type(error).__name__}: {error}".strip().rstrip(":")
    problem = _core.Diagnostic("JX200", _core.Severity.error,
                               f"cannot read `{path}` as an Excel workbook ({reason})", file=str(path),
                               hint="open it in Excel or LibreOffice and save it again as .xlsx")
    return _core.Table.from_json(empty.to_json(), [problem], str(path), read_format="tsv")


def read_excel_table(path: Path, sheet: Union[int, str] = 0, format: str = "auto") -> "_core.Table":
    """Reads one sheet of an Excel workbook; positions are sheet rows and columns."""
    if format not in ("auto", "tsv"):
        raise ValueError(f"read_table: an Excel workbook is read as a sheet; format must be 'auto', not {format!r}")
    if not path.is_file():
        return _core.read_table_file(str(path))  # JX200, as for any missing file
    try:
        grid, title = (_xls_grid if path.suffix.lower() == ".xls" else _xlsx_grid)(path, sheet)
    except ValueError as e:
        if "has no sheet" in str(e):
            raise  # the caller's argument, not the file
        return _unreadable(path, e)
    except Exception as e:  # noqa: BLE001 - zipfile, openpyxl and xlrd each raise their own
        return _unreadable(path, e)
    source = f"{path}[{title}]"
    read = _core.read_table_text(grid_text(grid), "tsv", "utf-8", source)
    starts = [_column_starts(row) for row in grid]
    diagnostics = [
        _core.Diagnostic(d.code, d.severity, d.message, file=d.span.file, line=d.span.line,
                         column=_sheet_column(starts, d.span.line, d.span.column) if d.span.line else d.span.column,
                         length=0 if d.span.line else d.span.length, hint=d.hint)
        for d in read.diagnostics
    ]
    doc = json.loads(read.to_json())
    _remap_json(doc, starts)
    return _core.Table.from_json(json.dumps(doc, ensure_ascii=False), diagnostics, source, read_format="tsv")
