"""`jixiao report` as a newcomer meets it: the HTML rendered in headless Chromium (to a PNG and a
PDF, without script errors, without horizontal overflow, with bars in its charts) and the Excel
workbook read back through the Python package to the same table.

Run by ctest as python:report (the package installed, the CLI in JIXIAO_CLI).  The Chromium
tests skip, saying why, when no browser is installed; scripts/setup.sh installs Debian's."""
import json
import re
import math
import os
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest

jixiao = pytest.importorskip("jixiao")

SELF = "tests/data/tables/self-evaluation.tsv"
DEVIATING = "tests/data/tables/self-evaluation-deviating.tsv"
SAMPLE = "examples/data/civil-affairs-2024-targets.tsv"
ACTUALS = "examples/data/civil-affairs-2024-actuals.csv"


def browser():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


needs_chromium = pytest.mark.skipif(browser() is None, reason="no chromium on PATH (scripts/setup.sh installs Debian's)")


def report(cli, *args, status=(0, 1)):
    r = subprocess.run([cli, "report", *map(str, args)], capture_output=True, text=True, encoding="utf-8")
    assert r.returncode in status, r.stderr
    return r


def chrome(*args, timeout=120):
    return subprocess.run([browser(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                           "--hide-scrollbars", *map(str, args)],
                          capture_output=True, text=True, encoding="utf-8", errors="replace", timeout=timeout)


def png_pixels(path):
    """(width, height, set of distinct RGB colours) of an 8-bit RGB or RGBA PNG, by hand."""
    data = Path(path).read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    at, idat, head = 8, b"", None
    while at < len(data):
        n, kind = struct.unpack(">I4s", data[at:at + 8])
        chunk = data[at + 8:at + 8 + n]
        if kind == b"IHDR":
            head = struct.unpack(">IIBBBBB", chunk)
        elif kind == b"IDAT":
            idat += chunk
        at += 12 + n
    width, height, depth, colour = head[:4]
    assert depth == 8 and colour in (2, 6), head
    bpp = 3 if colour == 2 else 4
    raw, stride = zlib.decompress(idat), width * bpp
    prev, colours, pos = bytearray(stride), set(), 0
    for _ in range(height):
        f, line = raw[pos], bytearray(raw[pos + 1:pos + 1 + stride])
        pos += 1 + stride
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if f == 1: line[i] = (line[i] + a) & 255
            elif f == 2: line[i] = (line[i] + b) & 255
            elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        for i in range(0, stride, bpp * 7):  # a sample of the pixels is enough
            colours.add(bytes(line[i:i + 3]))
        prev = line
    return width, height, colours


PROBE = """<script>
addEventListener('error', e => { document.title = 'SCRIPT-ERROR ' + e.message; });
addEventListener('load', () => {
  const bars = [...document.querySelectorAll('svg rect.value')].filter(r => r.getBBox().width > 0).length;
  const out = document.createElement('pre');
  out.id = 'probe';
  out.textContent = JSON.stringify({scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth, bars: bars, title: document.title});
  document.body.appendChild(out);
});
</script>"""


def probe(page, tmp_path, width=1280):
    """Layout facts measured by Chromium on a copy of the page with a small probe script."""
    copy = tmp_path / ("probe-" + page.name)
    copy.write_text(page.read_text(encoding="utf-8").replace("</body>", PROBE + "</body>")
                    .replace("default-src 'none'; style-src 'unsafe-inline'",
                             "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'"),
                    encoding="utf-8")
    r = chrome(f"--window-size={width},900", f"--user-data-dir={tmp_path / 'profile'}",
               "--virtual-time-budget=5000", "--dump-dom", copy.as_uri())
    text = r.stdout
    start = text.find('<pre id="probe">')
    assert start >= 0, f"probe did not run: {r.stderr[-2000:]}"
    body = text[start + len('<pre id="probe">'):text.find("</pre>", start)]
    return json.loads(body.replace("&quot;", '"').replace("&amp;", "&"))


@pytest.mark.parametrize("args", [[SELF], [SAMPLE], [SAMPLE, "--actuals", ACTUALS], [DEVIATING, "--lang", "en"]],
                         ids=["self-evaluation", "targets", "targets+actuals", "english"])
@needs_chromium
def test_html_renders_in_chromium(jixiao_cli, tmp_path, args):
    page = tmp_path / "report.html"
    report(jixiao_cli, *args, "-o", page)
    html = page.read_text(encoding="utf-8")
    assert "<script" not in html.lower() and "http://" not in html.replace("http://www.w3.org/2000/svg", "")

    shot, pdf = tmp_path / "report.png", tmp_path / "report.pdf"
    chrome("--window-size=1280,2000", f"--user-data-dir={tmp_path / 'p1'}", f"--screenshot={shot}", page.as_uri())
    chrome(f"--user-data-dir={tmp_path / 'p2'}", "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri())
    assert shot.stat().st_size > 1000 and pdf.read_bytes()[:5] == b"%PDF-" and pdf.stat().st_size > 5000
    width, height, colours = png_pixels(shot)
    assert (width, height) == (1280, 2000)
    assert len(colours) > 20, "the screenshot is blank"

    for w in (1280, 800):
        facts = probe(page, tmp_path, w)
        assert not facts["title"].startswith("SCRIPT-ERROR"), facts
        assert facts["scrollWidth"] <= facts["innerWidth"], f"horizontal overflow at {w}px: {facts}"
        assert facts["bars"] >= 3, f"a chart is empty: {facts}"


@needs_chromium
def test_pdf_through_the_cli(jixiao_cli, tmp_path):
    pdf = tmp_path / "r.pdf"
    report(jixiao_cli, SELF, "-o", pdf, status=(0,))
    assert pdf.read_bytes()[:5] == b"%PDF-"


def test_pdf_without_a_browser_says_why(jixiao_cli, tmp_path):
    env = dict(os.environ, PATH=str(tmp_path), JIXIAO_CHROMIUM="")
    r = subprocess.run([jixiao_cli, "report", SELF, "-o", tmp_path / "r.pdf"], capture_output=True, text=True,
                       encoding="utf-8", env=env)
    assert r.returncode == 2 and "PDF needs Chromium" in r.stderr and not (tmp_path / "r.pdf").exists()


def num(x):
    """A number as compared: None for NaN or null (NaN != NaN), 9 decimals."""
    return None if x is None or math.isnan(x) else round(x, 9)


def indicators(t):
    return [(i.level1.text, i.level2.text, i.sequence, i.name.text, i.target.raw, i.actual.raw, num(i.weight),
             num(i.score), i.deviation.text) for i in t.indicators]


def test_xlsx_reads_back_to_the_same_table(jixiao_cli, tmp_path):
    book = tmp_path / "自评表.xlsx"
    report(jixiao_cli, SELF, "-o", book, status=(0,))
    back, ref = jixiao.read_table(book), jixiao.read_table(SELF)
    assert indicators(back) == indicators(ref) and len(back) == 8
    assert back.title.text == ref.title.text and back.year == ref.year
    assert [(h.key, h.value.text) for h in back.header] == [(h.key, h.value.text) for h in ref.header]
    assert [(g.text.text, g.outcome.text) for g in back.goals] == [(g.text.text, g.outcome.text) for g in ref.goals]
    assert [(b.label.text, num(b.full_year), num(b.executed), num(b.weight), num(b.rate), num(b.score))
            for b in back.budget] == \
        [(b.label.text, num(b.full_year), num(b.executed), num(b.weight), num(b.rate), num(b.score)) for b in ref.budget]
    assert back.totals.score == 98.59 and back.totals.grade.text == "优"  # 得分合计 is a formula
    # The TSV's "—" placeholders (JX110 notes) are written as blank cells: nothing else is found.
    assert [d.code for d in back.diagnostics] == [d.code for d in ref.diagnostics if d.code != "JX110"]
    assert jixiao.score(back).total == jixiao.score(ref).total


def test_xlsx_layout_and_findings_sheet(jixiao_cli, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    book = tmp_path / "r.xlsx"
    report(jixiao_cli, DEVIATING, "-o", book)
    wb = openpyxl.load_workbook(book)
    ws = wb.worksheets[0]
    merged = {str(m) for m in ws.merged_cells.ranges}
    assert {"A1:I1", "B13:B17", "C13:C15", "B18:B19", "A21:F21"} <= merged, merged
    total = [c for c in ws[21] if isinstance(c.value, str) and c.value.startswith("=")]
    assert [c.value for c in total] == ["=SUM(G13:G20)+F6", "=SUM(H13:H20)+H6"]
    findings = wb["审核意见"]
    assert [c.value for c in findings[1]] == ["级别", "代码", "行", "列", "说明", "建议", "文件"]
    assert findings.max_row > 1 and any(r[1].value == "JX422" for r in findings.iter_rows(min_row=2))


def test_xlsx_of_targets_with_actuals_reads_back(jixiao_cli, tmp_path):
    book = tmp_path / "dept.xlsx"
    report(jixiao_cli, SAMPLE, "--actuals", ACTUALS, "-o", book)
    card = json.loads(report(jixiao_cli, SAMPLE, "--actuals", ACTUALS, "--format", "json", "-o", "-").stdout)
    back = jixiao.read_table(book)
    assert len(back) == len(card["indicators"]) == 61
    assert [(i.name.text, i.target.raw, i.actual.raw) for i in back.indicators] == \
        [(r["name"], r["target"], r["actual"]) for r in card["indicators"]]
    # The sheet carries the rule's weights and scores (the merged table has none of its own).
    assert [(num(i.weight), num(i.score)) for i in back.indicators] == \
        [(num(r["weight"]), num(r["score"])) for r in card["indicators"]]
    ref = jixiao.read_table(SAMPLE)
    assert [(f.number, f.name.text) for f in back.functions] == [(f.number, f.name.text) for f in ref.functions]
    assert [i.function for i in back.indicators] == [i.function for i in ref.indicators]
    # The budget row (labelled 年度资金总额, as the form has it) and the kind come back: scoring the
    # workbook gives the report's total and grade.
    assert back.kind == jixiao.TableKind.self_evaluation and len(back.budget) == 1
    rescored = jixiao.score(back)
    assert rescored.total == card["total"]["score"] == 87.69 and rescored.grade.chinese() == "良"


def test_xlsx_of_a_target_table_reads_back_to_the_same_table(jixiao_cli, tmp_path):
    """The goals are stated once, in the 年度整体绩效目标 cell they were read from."""
    book = tmp_path / "targets.xlsx"
    report(jixiao_cli, SAMPLE, "-o", book)
    back, ref = jixiao.read_table(book), jixiao.read_table(SAMPLE)
    assert len(back) == len(ref) == 61 and back.kind == ref.kind
    fields = lambda t: [(h.key, h.value.text) for h in t.header if h.key != "年度"]  # noqa: E731 (the year line is rewritten)
    assert fields(back) == fields(ref) and back.year == ref.year == 2024
    assert [(g.number, g.text.text) for g in back.goals] == [(g.number, g.text.text) for g in ref.goals]
    assert sorted({d.code for d in back.diagnostics}) == sorted({d.code for d in ref.diagnostics} - {"JX211", "JX213"})


@needs_chromium
def test_pdf_into_a_directory_or_a_full_disk_fails(jixiao_cli, tmp_path):
    """The browser would print anywhere and say nothing: the copy into the output is checked."""
    report(jixiao_cli, SELF, "-o", tmp_path, "--format", "pdf", status=(2,))
    assert tmp_path.is_dir()
    if Path("/dev/full").exists():
        report(jixiao_cli, SELF, "-o", "/dev/full", "--format", "pdf", status=(2,))
        assert Path("/dev/full").is_char_device()  # never removed or replaced by a file


def test_a_budget_row_not_scored_is_shown_apart_not_as_a_missed_zero(jixiao_cli, tmp_path):
    header_only = tmp_path / "actuals.csv"
    header_only.write_text("职能,三级指标,实际完成值\n", encoding="utf-8")
    md = report(jixiao_cli, SAMPLE, "--actuals", header_only, "--format", "md", "-o", "-").stdout
    assert "| 预算执行率 | — | 10 |" in md and "| 预算执行率 | 0.00 |" not in md
    html = report(jixiao_cli, SAMPLE, "--actuals", header_only, "--format", "html", "-o", "-").stdout
    chart = html[html.index("按一级指标得分"):]
    chart = chart[:chart.index("</svg>")]
    budget_bar = chart[chart.index("<title>预算执行率</title>"):]
    budget_bar = budget_bar[:budget_bar.index("</g>")]
    assert 'fill="#9aa5b1"' in budget_bar and "— / 10" in budget_bar and "#d64545" not in budget_bar


def test_long_names_are_clipped_in_charts_but_whole_in_their_tooltip(jixiao_cli, tmp_path):
    name = "社会救助" * 20
    text = Path(SAMPLE).read_text(encoding="utf-8").replace("社会救助", name)
    table = tmp_path / "long.tsv"
    table.write_text(text, encoding="utf-8")
    html = report(jixiao_cli, table, "--actuals", ACTUALS, "--format", "html", "-o", "-").stdout
    chart = html[html.index("按核心职能得分"):]
    chart = chart[:chart.index("</svg>")]
    assert f"<title>职能1 {name}</title>" in chart or f"<title>{name}</title>" in chart
    labels = re.findall(r'text-anchor="end"[^>]*>([^<]*)</text>', chart)
    assert labels and max(len(l) for l in labels) <= 14 and any(l.endswith("…") for l in labels)


def test_markdown_shows_table_text_as_written(jixiao_cli, tmp_path):
    """Markup in a name is escaped (no raw HTML, bold or links reach a renderer) and a row stays
    one row; the findings keep their quoted cells as code spans."""
    hostile = "**城市**<script>x</script>[链接](http://x)|管道"
    text = Path(SELF).read_text(encoding="utf-8").replace("城市低保保障人次", hostile)
    table = tmp_path / "hostile.tsv"
    table.write_text(text, encoding="utf-8")
    md = report(jixiao_cli, table, "--format", "md", "-o", "-").stdout
    row = next(l for l in md.splitlines() if "城市" in l and l.startswith("|"))
    assert r"\*\*城市\*\*\<script\>x\</script\>\[链接\](http://x)\|管道" in row
    assert "<script>" not in row and len(re.findall(r"(?<!\\)\|", row)) == row.count("|") - 1
    finding = next(l for l in md.splitlines() if l.startswith("- **JX311**"))
    assert "`" + hostile[:30] in finding  # a code span, where Markdown reads nothing


def test_a_workbook_with_an_infinite_sum_still_opens(jixiao_cli, tmp_path):
    """Excel has no infinity: a formula whose sum overflows is written without a cached value."""
    openpyxl = pytest.importorskip("openpyxl")
    text = Path(SELF).read_text(encoding="utf-8")
    text = text.replace("\t10230人次\t10\t10\t", "\t10230人次\t1e308\t10\t", 1)
    text = text.replace("\t24702人次\t10\t10\t", "\t24702人次\t1e308\t10\t", 1)
    table = tmp_path / "huge.tsv"
    table.write_text(text, encoding="utf-8")
    book = tmp_path / "huge.xlsx"
    report(jixiao_cli, table, "-o", book)
    assert b"INF" not in zipfile_member(book, "xl/worksheets/sheet1.xml")
    openpyxl.load_workbook(book)  # raises on a corrupt cell
    assert len(jixiao.read_table(book)) == 8


def zipfile_member(path, name):
    import zipfile
    with zipfile.ZipFile(path) as z:
        return z.read(name)


def test_markdown_findings_carry_no_control_characters(jixiao_cli, tmp_path):
    text = Path(SELF).read_text(encoding="utf-8").replace("\t10230人次\t", "\t10230人次\x1b]0;x\x07\t", 1)
    table = tmp_path / "esc.tsv"
    table.write_text(text, encoding="utf-8")
    md = report(jixiao_cli, table, "--format", "md", "-o", "-").stdout
    assert "\x1b" not in md and "\x07" not in md
    assert "10230人次\ufffd]0;x\ufffd" in md  # in the findings' code spans too
