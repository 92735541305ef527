"""The command line: output formats, files, help, and one-line errors for bad input."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import typer.main
from typer.testing import CliRunner, Result

from kpiextract import __version__
from kpiextract.api import extract
from kpiextract.cli import app
from kpiextract.models import KPIRecord

SCORECARD = "buckinghamshire-portfolio-scorecard-2023-05.txt"
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
# Wide, colourless output, whatever the terminal running the tests says.
ENV = {"COLUMNS": "250", "NO_COLOR": "1", "TERM": "dumb", "FORCE_COLOR": None, "KPIEXTRACT_PATTERNS": None,
       "KPIEXTRACT_DEBUG": None}


def make_runner() -> CliRunner:
    """A runner that keeps stderr apart from stdout.

    Click < 8.2 mixes them unless told ``mix_stderr=False``; Click >= 8.2 and Typer's own
    runner (Typer >= 0.20 vendors Click) always keep ``result.stderr`` separate and have no
    such argument.
    """
    legacy: dict[str, Any] = {"mix_stderr": False}
    try:
        return CliRunner(**legacy)
    except TypeError:
        return CliRunner()


def run(args: Sequence[str], env: dict[str, str | None] | None = None) -> Result:
    return make_runner().invoke(app, list(args), env={**ENV, **(env or {})})


def plain(text: str) -> str:
    return ANSI.sub("", text)


def stderr_lines(result: Result) -> list[str]:
    return [line for line in plain(result.stderr).splitlines() if line.strip()]


@pytest.fixture(scope="module")
def scorecard(sample: Callable[[str], Path]) -> Path:
    return sample(SCORECARD)


TINY = (
    "PI\tAim to:\tCurrent Value\tTarget\tBenchmarking\tCommentary\n"
    "Re-referrals [in month]\tAim to Minimise\t22%\t20%\t"
    "England 2022 = 21.5%\tUp from 21% in Q3.\n"
    "% of EHCPs issued within 20 weeks\tAim to Maximise\t82.2%\t75%\tEngland 2022 = 50.1%\tAbove target.\n"
)


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A two-row scorecard: quick to extract, for the tests about files, formats and errors."""
    path = tmp_path_factory.mktemp("papers") / "tiny.txt"
    path.write_text(TINY, encoding="utf-8")
    assert len(extract(path).records) == 2
    return path


@pytest.fixture(scope="module")
def expected(scorecard: Path) -> list[KPIRecord]:
    """What the library extracts from the scorecard: the CLI must print exactly these."""
    result = extract(scorecard)
    assert result.ok and result.records
    return result.records


# --- output ---------------------------------------------------------------------------------


def test_parse_prints_a_table(scorecard: Path, expected: list[KPIRecord]) -> None:
    result = run(["parse", str(scorecard)])
    assert result.exit_code == 0, result.output
    out = plain(result.stdout)
    assert f"{SCORECARD}: {len(expected)} KPI records" in out
    for column in ("Indicator", "Period", "Value", "Target", "RAG", "Page", "Layout"):
        assert column in out
    assert "Key Stage 4 average Attainment 8 score" in out
    assert "error" not in result.stderr


def test_table_shows_brackets_literally(tmp_path: Path, tiny: Path) -> None:
    # rich reads "[...]" as markup: file names and paper text must be escaped, not swallowed.
    paper = tmp_path / "scorecard [draft].txt"
    shutil.copy(tiny, paper)
    result = run(["parse", str(paper)])
    assert result.exit_code == 0, result.output
    out = plain(result.stdout)
    assert "scorecard [draft].txt: 2 KPI records" in out
    assert "Re-referrals [in month]" in out


def test_json_to_stdout_is_a_list_of_records(scorecard: Path, expected: list[KPIRecord]) -> None:
    result = run(["parse", str(scorecard), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert isinstance(data, list)
    records = [KPIRecord.model_validate(item) for item in data]
    assert records == expected
    assert all(record.source_file == SCORECARD and record.page for record in records)


def test_jsonl_to_stdout(scorecard: Path, expected: list[KPIRecord]) -> None:
    result = run(["parse", str(scorecard), "-f", "jsonl"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len(lines) == len(expected)
    assert [KPIRecord.model_validate_json(line) for line in lines] == expected


def test_csv_to_stdout(scorecard: Path, expected: list[KPIRecord]) -> None:
    result = run(["parse", str(scorecard), "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert not result.stdout.startswith("\ufeff"), "no BOM on stdout"
    rows = list(csv.reader(io.StringIO(result.stdout)))
    header = rows[0]
    for column in ("indicator", "value", "target", "page", "source_file", "source_text"):
        assert column in header
    assert len(rows) == len(expected) + 1
    assert [row[header.index("indicator")] for row in rows[1:]] == [r.indicator for r in expected]


def test_output_xlsx(tmp_path: Path, scorecard: Path, expected: list[KPIRecord]) -> None:
    out = tmp_path / "kpis.xlsx"
    result = run(["parse", str(scorecard), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert f"{len(expected)} records" in plain(result.stderr)
    workbook = openpyxl.load_workbook(out)
    assert workbook.sheetnames[0] == "KPIs"
    sheet = workbook["KPIs"]
    header = [cell.value for cell in sheet[1]]
    assert header[0] == "Indicator"
    assert sheet.max_row == len(expected) + 1
    assert sheet.freeze_panes is not None
    assert sheet.tables


def test_output_csv_file_has_bom(tmp_path: Path, scorecard: Path, expected: list[KPIRecord]) -> None:
    out = tmp_path / "kpis.csv"
    result = run(["parse", str(scorecard), "--output", str(out)])
    assert result.exit_code == 0, result.output
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert len(rows) == len(expected) + 1


def test_output_json_file(tmp_path: Path, scorecard: Path, expected: list[KPIRecord]) -> None:
    out = tmp_path / "kpis.json"
    result = run(["parse", str(scorecard), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert [KPIRecord.model_validate(item) for item in json.loads(out.read_text("utf-8"))] == expected


def test_output_extension_is_case_insensitive(tmp_path: Path, tiny: Path) -> None:
    out = tmp_path / "KPIS.JSON"
    result = run(["parse", str(tiny), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert len(json.loads(out.read_text("utf-8"))) == 2


def test_output_jsonl_file(tmp_path: Path, tiny: Path) -> None:
    out = tmp_path / "kpis.jsonl"
    result = run(["parse", str(tiny), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert len(out.read_text("utf-8").splitlines()) == 2


def test_explicit_format_wins_over_extension(tmp_path: Path, tiny: Path) -> None:
    out = tmp_path / "kpis.txt"
    result = run(["parse", str(tiny), "-o", str(out), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    json.loads(out.read_text("utf-8").splitlines()[0])


def test_format_table_with_output_uses_the_extension(tmp_path: Path, tiny: Path) -> None:
    out = tmp_path / "kpis.json"
    result = run(["parse", str(tiny), "-o", str(out), "--format", "table"])
    assert result.exit_code == 0, result.output
    assert isinstance(json.loads(out.read_text("utf-8")), list)


def test_paper_without_kpis_warns_but_succeeds(tmp_path: Path) -> None:
    paper = tmp_path / "minutes.txt"
    paper.write_text("Minutes of the meeting\n\nThe committee noted the report.\n", encoding="utf-8")
    result = run(["parse", str(paper), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == []
    assert stderr_lines(result) == ["warning: minutes.txt: no KPI records recognised"]


def test_patterns_folder_extends_the_vocabulary(tmp_path: Path) -> None:
    paper = tmp_path / "paper.txt"
    # no header word is known, so no column holds a figure the table could be read by
    paper.write_text("Yardstick\tSnapshot\tBullseye\nRe-referrals\t22%\t20%\n", encoding="utf-8")
    extra = tmp_path / "patterns"
    extra.mkdir()
    (extra / "headers.toml").write_text('[roles]\nindicator = ["yardstick"]\nvalue = ["snapshot"]\n'
                                        'target = ["bullseye"]\n', encoding="utf-8")
    plain_run = run(["parse", str(paper), "--format", "json"])
    assert plain_run.exit_code == 0, plain_run.output
    assert json.loads(plain_run.stdout) == []
    result = run(["parse", str(paper), "--patterns", str(extra), "--format", "json"])
    assert result.exit_code == 0, result.output
    (record,) = json.loads(result.stdout)
    assert (record["indicator"], record["value"], record["target"]) == ("Re-referrals", 22, 20)


# --- version and help -----------------------------------------------------------------------


def test_version() -> None:
    result = run(["--version"])
    assert result.exit_code == 0
    assert result.stdout.strip() == f"kpiextract {__version__}"


def command_names() -> list[str]:
    group = typer.main.get_command(app)
    commands: dict[str, Any] = getattr(group, "commands", {})
    assert commands, "the app registers no commands"
    return sorted(commands)


def test_app_help_lists_every_command() -> None:
    result = run(["--help"])
    assert result.exit_code == 0
    out = plain(result.stdout)
    assert "Usage" in out
    for name in command_names():
        assert name in out


@pytest.mark.parametrize("name", command_names())
def test_every_command_has_help(name: str) -> None:
    result = run([name, "--help"])
    assert result.exit_code == 0, result.output
    out = plain(result.stdout)
    assert "Usage" in out and name in out


def test_parse_help_lists_its_options() -> None:
    out = plain(run(["parse", "--help"]).stdout)
    for option in ("--output", "-o", "--format", "--patterns", "FILE"):
        assert option in out


def test_no_arguments_shows_help() -> None:
    result = run([])
    assert "Usage" in plain(result.output)


# --- errors: one line, non-zero, no traceback -----------------------------------------------


def assert_one_line_error(result: Result, *expected: str) -> None:
    assert result.exit_code != 0, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    lines = stderr_lines(result)
    assert len(lines) == 1, lines
    assert lines[0].startswith("error:"), lines
    for part in expected:
        assert part in lines[0], (part, lines[0])
    assert "Traceback" not in result.output
    assert result.stdout == ""


def test_missing_file() -> None:
    assert_one_line_error(run(["parse", "no-such-paper.txt"]), "no-such-paper.txt", "no such file")


def test_directory(tmp_path: Path) -> None:
    assert_one_line_error(run(["parse", str(tmp_path)]), "directory")


def test_unsupported_type(tmp_path: Path) -> None:
    paper = tmp_path / "paper.docx"
    paper.write_bytes(b"PK\x03\x04 not really a docx")
    assert_one_line_error(run(["parse", str(paper)]), "paper.docx", "unsupported file type '.docx'")


def test_empty_file(tmp_path: Path) -> None:
    paper = tmp_path / "empty.txt"
    paper.write_bytes(b"")
    assert_one_line_error(run(["parse", str(paper)]), "empty.txt", "empty")


def test_binary_garbage_named_txt(tmp_path: Path) -> None:
    paper = tmp_path / "garbage.txt"
    paper.write_bytes(bytes(range(256)) * 16)
    assert_one_line_error(run(["parse", str(paper)]), "garbage.txt", "binary")


def test_pdf_named_txt(tmp_path: Path) -> None:
    paper = tmp_path / "paper.txt"
    paper.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n")
    assert_one_line_error(run(["parse", str(paper)]), "paper.txt", "PDF")


def test_unknown_output_extension(tmp_path: Path, tiny: Path) -> None:
    out = tmp_path / "kpis.foo"
    assert_one_line_error(run(["parse", str(tiny), "-o", str(out)]), "'.foo'")
    assert not out.exists()


def test_xlsx_to_stdout(tiny: Path) -> None:
    assert_one_line_error(run(["parse", str(tiny), "--format", "xlsx"]), "xlsx", "-o")


def test_stdout_dash_needs_a_format(tiny: Path) -> None:
    assert_one_line_error(run(["parse", str(tiny), "-o", "-"]), "stdout")


def test_output_folder_missing(tmp_path: Path, tiny: Path) -> None:
    out = tmp_path / "missing" / "kpis.csv"
    assert_one_line_error(run(["parse", str(tiny), "-o", str(out)]), "cannot write")


def test_patterns_folder_missing(tmp_path: Path, scorecard: Path) -> None:
    missing = tmp_path / "no-patterns"
    result = run(["parse", str(scorecard), "--patterns", str(missing)])
    assert_one_line_error(result, "--patterns", "no-patterns")


def test_patterns_env_folder_missing(tmp_path: Path, scorecard: Path) -> None:
    missing = tmp_path / "no-patterns"
    result = run(["parse", str(scorecard)], env={"KPIEXTRACT_PATTERNS": str(missing)})
    assert_one_line_error(result, "KPIEXTRACT_PATTERNS", "no-patterns")


def test_patterns_with_broken_toml(tmp_path: Path, scorecard: Path) -> None:
    extra = tmp_path / "broken"
    extra.mkdir()
    (extra / "headers.toml").write_text("[roles\nindicator = [", encoding="utf-8")
    result = run(["parse", str(scorecard), "--patterns", str(extra)])
    assert_one_line_error(result, "--patterns", "vocabulary")


def test_error_message_with_brackets_is_printed_literally() -> None:
    assert_one_line_error(run(["parse", "report [/draft].txt"]), "report [/draft].txt")


def test_internal_error_is_one_line(monkeypatch: pytest.MonkeyPatch, scorecard: Path) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("layout bug\non two lines")

    monkeypatch.setattr("kpiextract.api.extract", broken)  # the CLI imports it when parse runs
    result = run(["parse", str(scorecard)])
    assert_one_line_error(result, "internal error", "RuntimeError", "KPIEXTRACT_DEBUG")


# --- the installed program ------------------------------------------------------------------


def console_script() -> list[str]:
    """The `kpiextract` script installed beside this Python (a venv's bin/), else `python -m`."""
    names = ("kpiextract.exe", "kpiextract") if os.name == "nt" else ("kpiextract",)
    for name in names:
        beside = Path(sys.executable).with_name(name)
        if beside.is_file():
            return [str(beside)]
    found = shutil.which("kpiextract")
    return [found] if found else [sys.executable, "-m", "kpiextract"]


def run_process(command: Sequence[str]) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items()
           if key not in ("FORCE_COLOR", "KPIEXTRACT_PATTERNS", "KPIEXTRACT_DEBUG")}
    env.update({"NO_COLOR": "1", "PYTHONIOENCODING": "utf-8"})
    return subprocess.run(list(command), capture_output=True, text=True, encoding="utf-8", env=env,
                          timeout=60, check=False)


def test_installed_console_script(tmp_path: Path, tiny: Path) -> None:
    done = run_process([*console_script(), "parse", str(tiny), "--format", "json"])
    assert done.returncode == 0, done.stderr
    assert [KPIRecord.model_validate(item) for item in json.loads(done.stdout)] == extract(tiny).records

    failed = run_process([*console_script(), "parse", str(tmp_path / "missing.txt")])
    assert failed.returncode == 1
    assert failed.stdout == ""
    assert [line for line in failed.stderr.splitlines() if line.strip()] == [
        f"error: {tmp_path / 'missing.txt'}: no such file"
    ]


def test_python_dash_m() -> None:
    done = run_process([sys.executable, "-m", "kpiextract", "--version"])
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"kpiextract {__version__}"


# --- pipelines and verbosity ----------------------------------------------------------------


def test_schema_is_the_record_model(scorecard: Path) -> None:
    from kpiextract.models import KPIRecord, Manifest

    result = run(["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert schema == KPIRecord.model_json_schema()
    assert set(schema["required"]) >= {"indicator", "layout", "source_file", "source_text", "confidence"}
    assert schema["properties"]["benchmarks"]["description"].startswith("comparators printed for the KPI")
    manifest = json.loads(run(["schema", "--manifest"]).stdout)
    assert manifest == Manifest.model_json_schema()
    # what parse --manifest writes is an instance of it
    written = run(["parse", str(scorecard), "-f", "json", "--manifest"]).stdout
    assert Manifest.model_validate_json(written).records


def test_quiet_prints_errors_only_and_verbose_a_line_per_paper(tmp_path: Path, scorecard: Path) -> None:
    out = tmp_path / "k.csv"
    quiet = run(["--quiet", "parse", str(scorecard), "-o", str(out)])
    assert quiet.exit_code == 0 and quiet.stderr == ""
    verbose = run(["-v", "batch", str(scorecard), "-f", "jsonl", "-w", "1"])
    assert f"read {scorecard.name}:" in verbose.stderr and "records (scorecard)" in verbose.stderr
    both = run(["-q", "-v", "parse", str(scorecard)])
    assert both.exit_code != 0 and "choose one" in both.stderr


def test_batch_does_not_offer_the_terminal_table(scorecard: Path) -> None:
    result = run(["batch", str(scorecard), "-f", "table"])
    assert result.exit_code == 2 and "'table' is not one of" in result.stderr
    assert "table" not in run(["batch", "--help"]).stdout.split("-f, --format FORMAT", 1)[1].split("\n")[0]


def test_help_shows_no_python_types_and_keeps_brackets() -> None:
    text = run(["batch", "--help"]).stdout
    assert "<bool>" not in text and "list[Path]" not in text and "<int" not in text
    assert "kpiextract[dask]" in " ".join(text.split())
