"""Exports: CSV/XLSX/JSON/JSONL shape, formula-injection safety and atomic writes."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
import sys
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from kpiextract.export import FORMATS, format_for_path, write
from kpiextract.export import csv as csv_export
from kpiextract.export.atomic import atomic_write, atomic_write_bytes
from kpiextract.export.columns import (
    BENCH_PREFIX,
    benchmark_names,
    comparator_rank,
    council_of,
    flat_rows,
    title,
)
from kpiextract.export.csv import write_csv
from kpiextract.export.json import record_dict, write_json, write_jsonl
from kpiextract.export.safe import neutralise
from kpiextract.export.workbook import build_workbook, write_xlsx
from kpiextract.models import Benchmark, ExtractionResult, KPIRecord, PreviousValue, Provenance

HYPERLINK = '=HYPERLINK("http://x","click")'


def make_record(**overrides: Any) -> KPIRecord:
    fields: dict[str, Any] = {
        "indicator": "Re-referrals within 12 months",
        "layout": "scorecard",
        "source_file": "kent.pdf",
        "source_text": "Re-referrals within 12 months 22.1% 20% 23.0%",
        "confidence": 0.9,
    }
    fields.update(overrides)
    return KPIRecord(**fields)


@pytest.fixture
def records() -> list[KPIRecord]:
    return [
        make_record(
            code="SCS01",
            period="2023-24 Q3",
            value=22.1,
            value_text="22.1%",
            unit="%",
            target=20.0,
            target_range=(18.0, 22.0),
            benchmarks=[
                Benchmark(name="Statistical Neighbours", value=21.5),
                Benchmark(name="South East", value=23.0, text="23%"),
                Benchmark(name="England", value=21.0, period="2022-23"),
            ],
            previous=PreviousValue(value=24.0, period="2023-24 Q2"),
            rag="amber",
            page=3,
            also_from=[Provenance(source_file="kent.pdf", page=7, layout="narrative", source_text="...")],
        ),
        make_record(
            indicator="Change in child protection plans",
            value=-13.7,
            unit="%",
            benchmarks=[Benchmark(name="england", value=-2.0), Benchmark(name="Core cities", value=1.0)],
        ),
    ]


def injection_record() -> KPIRecord:
    return make_record(
        indicator=HYPERLINK,
        commentary="+1",
        section="@SUM(A1)",
        value_text="-2+3",
        value=-13.7,
        code="\tcmd",
    )


# --- safe -------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["=1+1", "+1", "-2+3", "@SUM(A1)", "  =A1", "\tx", "\rx", "-13.7"])
def test_neutralise_prefixes_formula_like_text(text: str) -> None:
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("value", ["Plain text", "", "58%", "a=b", -13.7, 0, None, True])
def test_neutralise_leaves_plain_text_and_numbers(value: object) -> None:
    assert neutralise(value) == value
    assert type(neutralise(value)) is type(value)


# --- columns ----------------------------------------------------------------------------------


def test_flat_rows_header_and_types(records: list[KPIRecord]) -> None:
    header, rows = flat_rows(records)
    # the figures first, then where they came from, then the catalogue
    assert header[:7] == ["indicator", "council", "period", "value", "unit", "target", "rag"]
    direction = header.index("direction")
    assert header[direction: direction + 3] == ["direction", "target_status", "vs_england"]
    assert header[-3:] == ["canonical_id", "canonical_name", "catalogue_score"]
    first = dict(zip(header, rows[0], strict=True))
    assert first["value"] == 22.1 and isinstance(first["value"], float)
    assert (first["target_range_low"], first["target_range_high"]) == (18.0, 22.0)
    assert (first["previous_value"], first["previous_period"]) == (24.0, "2023-24 Q2")
    assert first["page"] == 3
    assert first["also_from"] == "kent.pdf p.7 narrative"
    assert first["target_derived"] is False
    assert first["council"] is None  # from the paper (identity.py), never the file name
    assert first["canonical_id"] is None and first["rag_disagrees"] is False


def test_flat_rows_carry_catalogue_and_status_fields() -> None:
    record = make_record(
        canonical_id="CSC-01",
        canonical_name="Re-referrals within 12 months",
        catalogue_score=87.5,
        target_status="missed",
        vs_england="worse",
        rag="green",
        rag_disagrees=True,
    )
    header, rows = flat_rows([record])
    row = dict(zip(header, rows[0], strict=True))
    assert row["canonical_id"] == "CSC-01"
    assert row["canonical_name"] == "Re-referrals within 12 months"
    assert row["catalogue_score"] == 87.5 and isinstance(row["catalogue_score"], float)
    assert (row["target_status"], row["vs_england"], row["rag_disagrees"]) == ("missed", "worse", True)


# Model fields the flat row spreads over other columns (see columns.py).
FLATTENED = {"target_range", "benchmarks", "previous", "next_target"}


def test_flat_row_has_a_column_for_every_record_field(records: list[KPIRecord]) -> None:
    header, _rows = flat_rows(records)
    missing = set(KPIRecord.model_fields) - FLATTENED - set(header)
    assert not missing, f"record fields with no CSV/XLSX column: {sorted(missing)}"
    assert {"target_range_low", "target_range_high", "previous_value", "previous_period", "next_target_value",
            "next_target_period"} <= set(header)


@pytest.mark.parametrize("source_file", ["kent-cype-scorecard-2018-09.txt", "s12345.pdf", "2023-24-q3.txt"])
def test_council_is_the_records_never_the_file_names(source_file: str) -> None:
    # issue 13: "north-yorkshire-..." and "north-somerset-..." were both "north"; the council now
    # comes from the paper (identity.py) or --council, and a record without one has none
    assert council_of(make_record(source_file=source_file)) is None
    assert council_of(make_record(source_file=source_file, council="North Yorkshire")) == "North Yorkshire"


def test_benchmarks_flattened_in_preferred_order(records: list[KPIRecord]) -> None:
    header, rows = flat_rows(records)
    bench_columns = [name for name in header if name.startswith(BENCH_PREFIX)]
    # England first although printed last; "england" shares England's column; others at the end.
    assert bench_columns == [
        "bench: England",
        "bench: South East",
        "bench: Statistical Neighbours",
        "bench: Core cities",
    ]
    first, second = (dict(zip(header, row, strict=True)) for row in rows)
    assert first["bench: England"] == 21.0
    assert first["bench: Statistical Neighbours"] == 21.5
    assert first["bench: Core cities"] is None
    assert second["bench: England"] == -2.0
    assert first["benchmarks"] == "Statistical Neighbours 21.5; South East 23%; England 21 (2022-23)"


@pytest.mark.parametrize(
    ("name", "rank"),
    [
        ("England", 0),
        ("National average", 0),
        ("East of England", 1),
        ("South East", 1),
        ("Stat neighbours", 2),
        ("England SN", 2),
        ("Core cities", 3),
    ],
)
def test_comparator_rank(name: str, rank: int) -> None:
    assert comparator_rank(name) == rank


def test_no_benchmarks_no_bench_columns() -> None:
    header, rows = flat_rows([make_record()])
    assert benchmark_names([make_record()]) == []
    assert not any(name.startswith(BENCH_PREFIX) for name in header)
    assert len(rows[0]) == len(header)


def test_non_finite_numbers_become_empty() -> None:
    header, rows = flat_rows([make_record(value=float("nan"), target=float("inf"))])
    row = dict(zip(header, rows[0], strict=True))
    assert row["value"] is None and row["target"] is None


# --- CSV --------------------------------------------------------------------------------------


def read_csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def test_csv_has_bom_and_round_trips(tmp_path: Path, records: list[KPIRecord]) -> None:
    out = tmp_path / "kpis.csv"
    write_csv(records, out)
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    header, rows = flat_rows(records)
    table = read_csv(out)
    assert table[0] == header
    assert len(table) == 1 + len(rows)
    first = dict(zip(table[0], table[1], strict=True))
    assert first["indicator"] == "Re-referrals within 12 months"
    assert first["value"] == "22.1"
    assert first["target"] == "20"  # whole floats without ".0"
    assert first["bench: South East"] == "23"
    assert first["code"] == "SCS01"
    assert first["council"] == ""  # none read: the file name is not a council
    assert first["rag_disagrees"] == "False"
    assert first["canonical_id"] == ""


def test_csv_neutralises_formulas_but_not_numbers(tmp_path: Path) -> None:
    out = tmp_path / "kpis.csv"
    write_csv([injection_record()], out)
    header, row = read_csv(out)
    cells = dict(zip(header, row, strict=True))
    assert cells["indicator"] == "'" + HYPERLINK
    assert cells["commentary"] == "'+1"
    assert cells["section"] == "'@SUM(A1)"
    assert cells["value_text"] == "'-2+3"
    assert cells["code"] == "'\tcmd"
    assert cells["value"] == "-13.7"  # a real number: left for the spreadsheet to read as one


def test_csv_to_stdout_has_no_bom(capsys: pytest.CaptureFixture[str], records: list[KPIRecord]) -> None:
    write(records, "-", fmt="csv")
    out = capsys.readouterr().out
    assert out.startswith("indicator,")
    assert len(list(csv.reader(io.StringIO(out)))) == 1 + len(records)


# --- XLSX -------------------------------------------------------------------------------------


def test_xlsx_layout(tmp_path: Path, records: list[KPIRecord]) -> None:
    out = tmp_path / "kpis.xlsx"
    results = [
        ExtractionResult(
            source_file="kent.pdf",
            pages=12,
            layouts=["scorecard"],
            records=records,
            warnings=["page 4: table without header"],
        ),
        ExtractionResult(source_file="broken.pdf", error="not a PDF"),
    ]
    write_xlsx(records, out, results=results)
    workbook = openpyxl.load_workbook(out)
    assert workbook.sheetnames == ["KPIs", "Benchmarks", "Compare", "Sources", "Fields"]
    sheet = workbook["KPIs"]
    assert sheet.freeze_panes in ("A2", "B2")
    assert sheet["A1"].font.bold
    header, rows = flat_rows(records)
    assert [cell.value for cell in sheet[1]] == [title(name) for name in header]
    # The filter buttons come from the table; a sheet autofilter alongside it is invalid.
    assert [table.ref for table in sheet.tables.values()] == [
        f"A1:{openpyxl.utils.get_column_letter(len(header))}{len(rows) + 1}"
    ]
    assert sheet.auto_filter.ref is None
    assert sheet.max_row == 1 + len(records)
    widths = [
        sheet.column_dimensions[openpyxl.utils.get_column_letter(i + 1)].width for i in range(len(header))
    ]
    assert all(0 < width <= 60 for width in widths)
    indicator = sheet.cell(row=2, column=header.index("indicator") + 1)
    assert indicator.alignment.wrap_text  # names wrap; long quotes stay one line

    sources = workbook["Sources"]
    assert [cell.value for cell in sources[1]][:4] == ["Source file", "Status", "Council", "Committee"]
    row = dict(zip([c.value for c in sources[1]], [cell.value for cell in sources[2]], strict=True))
    assert (row["Source file"], row["Pages"], row["Layouts"], row["Records"]) == ("kent.pdf", 12, "scorecard", 2)
    failed = dict(zip([c.value for c in sources[1]], [cell.value for cell in sources[3]], strict=True))
    assert (failed["Error"], failed["Status"]) == ("not a PDF", "error")


def test_xlsx_without_results_has_no_sources(tmp_path: Path) -> None:
    out = tmp_path / "kpis.xlsx"
    write_xlsx([], out)
    workbook = openpyxl.load_workbook(out)
    assert workbook.sheetnames == ["KPIs", "Benchmarks", "Compare", "Fields"]
    assert workbook["KPIs"].max_row == 1
    assert not workbook["KPIs"].tables


def test_xlsx_neutralises_formulas_and_keeps_numbers(tmp_path: Path) -> None:
    out = tmp_path / "kpis.xlsx"
    write_xlsx([injection_record()], out)
    sheet = openpyxl.load_workbook(out)["KPIs"]
    header = [cell.value for cell in sheet[1]]
    cells = {name: sheet.cell(row=2, column=i + 1) for i, name in enumerate(header)}
    for name, text in [
        ("Indicator", HYPERLINK),
        ("Commentary", "+1"),
        ("Section", "@SUM(A1)"),
        ("Value as printed", "-2+3"),
    ]:
        # text, shown as written (no visible apostrophe), kept text when edited (quote prefix)
        assert cells[name].value == text
        assert cells[name].data_type == "s" and cells[name].quotePrefix
    assert cells["Value"].value == -13.7  # no unit: the figure as printed
    assert cells["Value"].data_type == "n"
    assert cells["Confidence"].data_type == "n"


def test_xlsx_drops_control_characters() -> None:
    workbook = build_workbook([make_record(source_text="page\x0cbreak\x00")])
    sheet = workbook["KPIs"]
    header = [cell.value for cell in sheet[1]]
    assert sheet.cell(row=2, column=header.index("Source text") + 1).value == "pagebreak"


# --- JSON / JSONL -----------------------------------------------------------------------------


def test_json_round_trips_through_the_model(tmp_path: Path, records: list[KPIRecord]) -> None:
    out = tmp_path / "kpis.json"
    write_json([*records, injection_record()], out)
    text = out.read_text(encoding="utf-8")
    assert text.startswith("[\n  {")  # indented
    data = json.loads(text)
    assert isinstance(data, list)
    back = [KPIRecord.model_validate(item) for item in data]
    assert back == [*records, injection_record()]  # raw text: nothing neutralised by default


def test_json_is_written_record_by_record_as_json_dump_lays_it_out(tmp_path: Path,
                                                                    records: list[KPIRecord]) -> None:
    out = tmp_path / "kpis.json"
    for written in ([], records[:1], [*records, make_record(source_text="line one\nline two")]):
        write_json(written, out)
        expected = json.dumps([record_dict(record) for record in written], ensure_ascii=False, indent=2)
        assert out.read_text(encoding="utf-8") == expected + "\n"


def test_json_keeps_non_ascii_and_nulls_nan(tmp_path: Path) -> None:
    out = tmp_path / "kpis.json"
    write_json([make_record(indicator="Spend £1.2m – forecast", value=float("nan"))], out)
    text = out.read_text(encoding="utf-8")
    assert "£1.2m – forecast" in text
    assert json.loads(text)[0]["value"] is None


def test_json_safe_option_neutralises(tmp_path: Path) -> None:
    out = tmp_path / "kpis.json"
    write_json([injection_record()], out, safe=True)
    (item,) = json.loads(out.read_text(encoding="utf-8"))
    assert item["indicator"] == "'" + HYPERLINK
    assert item["value"] == -13.7


def test_jsonl_one_line_per_record(tmp_path: Path, records: list[KPIRecord]) -> None:
    out = tmp_path / "kpis.jsonl"
    write_jsonl(records, out)
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(records)
    assert [KPIRecord.model_validate_json(line) for line in lines] == records


def test_json_to_stdout(capsys: pytest.CaptureFixture[str], records: list[KPIRecord]) -> None:
    write_json(records, None)
    assert len(json.loads(capsys.readouterr().out)) == len(records)


# --- atomic writes ----------------------------------------------------------------------------


def test_atomic_write_keeps_old_file_on_error(tmp_path: Path) -> None:
    out = tmp_path / "kpis.csv"
    out.write_text("old content", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_write(out) as handle:
        handle.write("half of the new")
        raise RuntimeError("boom")
    assert out.read_text(encoding="utf-8") == "old content"
    assert os.listdir(tmp_path) == ["kpis.csv"]


def test_atomic_write_bytes_keeps_old_file_on_error(tmp_path: Path) -> None:
    out = tmp_path / "kpis.xlsx"
    out.write_bytes(b"old")
    with pytest.raises(KeyboardInterrupt), atomic_write_bytes(out) as handle:
        handle.write(b"new")
        raise KeyboardInterrupt
    assert out.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["kpis.xlsx"]


def test_write_csv_failing_mid_write_keeps_previous_export(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, records: list[KPIRecord]
) -> None:
    out = tmp_path / "kpis.csv"
    write_csv(records, out)
    before = out.read_bytes()
    calls = 0
    columns = len(flat_rows(records)[0])

    def failing_cell(value: object) -> object:
        nonlocal calls
        calls += 1
        if calls > columns:  # the header and the first row are already written
            raise ValueError("bad cell")
        return value

    monkeypatch.setattr(csv_export, "csv_cell", failing_cell)
    with pytest.raises(ValueError, match="bad cell"):
        write_csv([*records, injection_record()], out)
    assert out.read_bytes() == before
    assert os.listdir(tmp_path) == ["kpis.csv"]


def test_write_xlsx_failing_save_keeps_previous_export(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, records: list[KPIRecord]
) -> None:
    out = tmp_path / "kpis.xlsx"
    out.write_bytes(b"previous workbook")

    def failing_save(self: openpyxl.Workbook, handle: Any) -> None:
        handle.write(b"PK partial zip")
        raise OSError("disk full")

    monkeypatch.setattr(openpyxl.Workbook, "save", failing_save)
    with pytest.raises(OSError, match="disk full"):
        write_xlsx(records, out)
    assert out.read_bytes() == b"previous workbook"
    assert os.listdir(tmp_path) == ["kpis.xlsx"]


def test_atomic_write_replaces_and_keeps_permissions(tmp_path: Path) -> None:
    out = tmp_path / "kpis.json"
    out.write_text("old", encoding="utf-8")
    if sys.platform != "win32":
        out.chmod(0o640)
    with atomic_write(out) as handle:
        handle.write("new")
    assert out.read_text(encoding="utf-8") == "new"
    assert os.listdir(tmp_path) == ["kpis.json"]
    if sys.platform != "win32":
        assert stat.S_IMODE(out.stat().st_mode) == 0o640


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_atomic_write_new_file_is_not_private(tmp_path: Path) -> None:
    out = tmp_path / "new.csv"
    with atomic_write(out) as handle:
        handle.write("x")
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(out.stat().st_mode) == 0o666 & ~umask


# --- dispatch ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "fmt"),
    [("a.csv", "csv"), ("a.XLSX", "xlsx"), ("a.json", "json"), ("a.jsonl", "jsonl"), ("a.ndjson", "jsonl")],
)
def test_format_for_path(name: str, fmt: str) -> None:
    assert format_for_path(name) == fmt
    assert fmt in FORMATS


@pytest.mark.parametrize("name", ["kpis.xls", "kpis.txt", "kpis", "-"])
def test_unknown_extension_raises(name: str) -> None:
    with pytest.raises(ValueError) as excinfo:
        format_for_path(name)
    assert "\n" not in str(excinfo.value)


def test_write_dispatches_on_extension(tmp_path: Path, records: list[KPIRecord]) -> None:
    for fmt in FORMATS:
        write(records, tmp_path / f"kpis.{fmt}")
    assert sorted(os.listdir(tmp_path)) == sorted(f"kpis.{fmt}" for fmt in FORMATS)
    assert openpyxl.load_workbook(tmp_path / "kpis.xlsx").sheetnames == ["KPIs", "Benchmarks", "Compare", "Fields"]
    with pytest.raises(ValueError):
        write(records, tmp_path / "kpis.pdf")
    with pytest.raises(ValueError):
        write(records, tmp_path / "kpis.csv", fmt="parquet")
