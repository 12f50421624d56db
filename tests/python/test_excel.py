"""Excel workbooks: .xlsx with merged cells, built here with openpyxl, read like the TSV they
were made from, with positions that point at the sheet's cells."""
import pytest

jixiao = pytest.importorskip("jixiao")
openpyxl = pytest.importorskip("openpyxl")

SELF = "tests/data/tables/self-evaluation.tsv"
# The merges a real 绩效自评表 workbook has: title and year across the sheet, values over several
# columns, label blocks down the rows.
MERGES = ["A1:I1", "A2:I2", "B3:I3", "B4:D4", "A5:B5", "A10:A11", "B10:E10", "B11:E11", "F10:I10", "F11:I11",
          "A12:A20", "B13:B17", "C13:C15", "B18:B19", "A21:F21"]


def build_workbook(root, path, merges=MERGES, percent_cell=None):
    rows = [l.split("\t") for l in (root / SELF).read_text(encoding="utf-8").splitlines()]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "自评表"
    for r, row in enumerate(rows, 1):
        for c, v in enumerate(row, 1):
            if v:
                ws.cell(r, c, float(v) if v.replace(".", "", 1).isdigit() else v)
    for rng in merges:
        ws.merge_cells(rng)
    if percent_cell:
        ws[percent_cell] = 0.965
        ws[percent_cell].number_format = "0.0%"
    wb.create_sheet("说明")["A1"] = "空白"
    wb.save(path)
    return path


def key(t):
    return [(i.level1.text, i.level2.text, i.sequence, i.name.text, i.target.raw, i.actual.raw, i.weight, i.score,
             i.name.at.line, i.target_at.line) for i in t.indicators]


def test_xlsx_with_merged_cells_reads_like_the_tsv(root, tmp_path):
    book = build_workbook(root, tmp_path / "自评表.xlsx")
    t = jixiao.read_table(book)
    ref = jixiao.read_table(SELF)
    assert key(t) == key(ref) and len(t) == 8
    assert t.field("项目名称") == "城乡居民最低生活保障补助资金" and t.totals.score == 98.59 and t.totals.grade.text == "优"
    assert len(t.goals) == 1 and len(t.budget) == 4 and t.budget[0].executed == 1287.45
    assert [d.code for d in t.diagnostics] == [d.code for d in ref.diagnostics]
    assert jixiao.score(t).total == jixiao.score(ref).total == 98.59


def test_positions_point_at_sheet_cells(root, tmp_path):
    t = jixiao.read_table(build_workbook(root, tmp_path / "b.xlsx"))
    ind = t.indicators[2]  # 指标3：临时救助人次, target in E15
    assert (ind.name.at.line, ind.name.at.column) == (15, 4)
    assert (ind.target_at.line, ind.target_at.column) == (15, 5)
    assert (ind.score_at.line, ind.score_at.column) == (15, 8)
    d = t.diagnostics[0]  # JX110: the dash in F7 (分值 of 其中：当年财政拨款)
    assert (d.code, d.span.line, d.span.column) == ("JX110", 7, 6)
    assert d.span.file == f"{tmp_path / 'b.xlsx'}[自评表]" and t.format == "tsv"


def test_filling_merged_ranges_would_add_stray_cells(root, tmp_path):
    """Why merged ranges keep their value in the top-left cell only: a workbook whose merged
    cells hold the value everywhere (as a naive fill would make it) reads with stray cells."""
    rows = (root / SELF).read_text(encoding="utf-8").splitlines()
    filled = [r.split("\t") for r in rows]
    filled[10][0] = "年度总体目标"  # A11 repeating A10, as filling A10:A11 would
    t = jixiao.read_table("".join("\t".join(r) + "\n" for r in filled))
    assert "JX212" in [d.code for d in t.diagnostics]


def test_percent_formatted_numbers_and_sheet_choice(root, tmp_path):
    book = build_workbook(root, tmp_path / "p.xlsx", percent_cell="F20")  # 96.5% as 0.965 formatted 0.0%
    t = jixiao.read_table(book)
    assert t.indicators[7].actual.raw == "96.5%" and t.indicators[7].actual.value == 96.5
    assert len(jixiao.read_table(book, sheet="说明")) == 0
    with pytest.raises(ValueError, match="no sheet 'x'"):
        jixiao.read_table(book, sheet="x")
    with pytest.raises(ValueError, match="format must be 'auto'"):
        jixiao.read_table(book, format="csv")
    assert [d.code for d in jixiao.read_table(tmp_path / "missing.xlsx").diagnostics] == ["JX200"]


def test_xls_with_merged_cells_reads_like_the_tsv(root, tmp_path):
    """The old .xls format (xlrd): a workbook written with xlwt, merged label blocks included."""
    xlwt = pytest.importorskip("xlwt")
    rows = [l.split("\t") for l in (root / SELF).read_text(encoding="utf-8").splitlines()]
    book = xlwt.Workbook()
    ws = book.add_sheet("自评表")
    merged = {(12, 0): (20, 0), (13, 1): (17, 1), (18, 1): (19, 1)}  # A12:A20, B13:B17, B18:B19 (1-based rows)
    covered = {(r, c) for (r0, c0), (r1, c1) in merged.items() for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)}
    for r, row in enumerate(rows, 1):
        for c, v in enumerate(row):
            if (r, c) in merged:
                (r1, c1) = merged[(r, c)]
                ws.write_merge(r - 1, r1 - 1, c, c1, v)
            elif (r, c) not in covered and v:
                ws.write(r - 1, c, float(v) if v.replace(".", "", 1).isdigit() else v)
    path = tmp_path / "自评表.xls"
    book.save(str(path))
    t = jixiao.read_table(path)
    ref = jixiao.read_table(SELF)
    assert key(t) == key(ref) and len(t) == 8
    assert jixiao.score(t).total == 98.59


def test_a_corrupt_workbook_is_a_diagnostic_not_an_exception(tmp_path):
    for name, data in (("c.xlsx", b"not a zip"), ("c.xls", b"x"), ("empty.xlsx", b"")):
        path = tmp_path / name
        path.write_bytes(data)
        t = jixiao.read_table(path)
        assert [d.code for d in t.diagnostics] == ["JX200"] and not t.ok() and len(t) == 0
        assert "as an Excel workbook" in t.diagnostics[0].message and t.diagnostics[0].span.file == str(path)
    with pytest.raises(ValueError, match="has no sheet"):
        jixiao.read_table(build_workbook_for_sheets(tmp_path), sheet="nowhere")


def build_workbook_for_sheets(tmp_path):
    wb = openpyxl.Workbook()
    wb.active["A1"] = "空白"
    path = tmp_path / "one.xlsx"
    wb.save(path)
    return path
