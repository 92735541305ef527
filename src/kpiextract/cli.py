"""The command line: options, output and error messages. All the work is in the library (api.py)."""

from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from . import __version__
from .api import Settings, extract
from .export import format_for_path, write
from .models import KPIRecord
from .vocab import load

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Turn council committee papers into KPI spreadsheets, with the page every figure came from.",
    pretty_exceptions_enable=False,
)
err = Console(stderr=True, highlight=False)


class OutputFormat(str, Enum):
    table = "table"
    csv = "csv"
    xlsx = "xlsx"
    json = "json"
    jsonl = "jsonl"


def fail(message: str, code: int = 1) -> typer.Exit:
    """One line on stderr and a non-zero exit: what a user sees instead of a traceback."""
    # Escaped: file names and messages may hold "[...]", which rich would read as markup.
    err.print(f"[bold red]error:[/] {escape(' '.join(message.split()))}", soft_wrap=True)
    return typer.Exit(code)


def warn(message: str) -> None:
    err.print(f"[yellow]warning:[/] {escape(' '.join(message.split()))}", soft_wrap=True)


def check_patterns(patterns: Path | None) -> None:
    """Fail early, in one line, on a missing or unreadable vocabulary folder."""
    env = os.environ.get("KPIEXTRACT_PATTERNS")
    if patterns is not None and not patterns.is_dir():
        raise fail(f"--patterns: no such folder: {patterns}")
    if patterns is None and env and not Path(env).is_dir():
        raise fail(f"KPIEXTRACT_PATTERNS: no such folder: {env}")
    try:
        load(str(patterns) if patterns else None)
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
        # ValueError covers tomllib.TOMLDecodeError; the others, a file of the wrong shape.
        source = "--patterns" if patterns is not None else "KPIEXTRACT_PATTERNS"
        raise fail(f"{source}: cannot read the vocabulary: {type(error).__name__}: {error}") from None


def version_callback(value: bool) -> None:
    if value:
        typer.echo(f"kpiextract {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[bool, typer.Option("--version", callback=version_callback, is_eager=True,
                                          help="Show the version and exit.")] = False,
) -> None:
    """kpiextract reads cabinet reports, scrutiny packs and scorecards (.txt, .md) into KPI records."""


def _fmt_number(value: float | None, unit: str | None) -> str:
    if value is None:
        return ""
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return f"{text}%" if unit == "%" else text


def render_table(records: list[KPIRecord], title: str) -> Table:
    table = Table(title=escape(title), show_lines=False, header_style="bold")
    for column in ("Indicator", "Period", "Value", "Target", "Benchmarks", "Aim", "RAG", "Page", "Layout"):
        table.add_column(column, overflow="fold", max_width=60 if column == "Indicator" else None)
    colours = {"red": "red", "amber": "yellow", "green": "green"}
    for record in records:
        if record.target_range:
            low, high = record.target_range
            target = f"{_fmt_number(low, record.unit)}-{_fmt_number(high, record.unit)}"
        else:
            target = _fmt_number(record.target, record.unit)
        if record.target_derived and target:
            target += " (derived)"
        benches = "; ".join(f"{b.name} {_fmt_number(b.value, record.unit)}" for b in record.benchmarks)
        rag = f"[{colours[record.rag]}]{record.rag}[/]" if record.rag else ""
        # Text from the paper is escaped: an indicator such as "Re-referrals [in month]" is not markup.
        table.add_row(
            escape(record.indicator), escape(record.period or ""), _fmt_number(record.value, record.unit),
            target, escape(benches), record.polarity or "", rag, str(record.page or ""), record.layout,
        )
    return table


@app.command()
def parse(
    file: Annotated[Path, typer.Argument(help="A paper: .txt or .md.", metavar="FILE", show_default=False)],
    output: Annotated[Path | None, typer.Option("-o", "--output",
                                                help="Write records here; the format follows the extension "
                                                     "(.csv, .xlsx, .json, .jsonl).")] = None,
    output_format: Annotated[OutputFormat | None, typer.Option("--format", "-f",
                                                               help="Output format. Default: a table on the "
                                                                    "terminal, or the -o extension.")] = None,
    patterns: Annotated[Path | None, typer.Option("--patterns",
                                                  help="A folder of extra vocabulary (headers.toml, "
                                                       "comparators.toml...) extending the bundled patterns. "
                                                       "Default: $KPIEXTRACT_PATTERNS, if set.")] = None,
) -> None:
    """Extract the KPI records of one paper."""
    check_patterns(patterns)
    settings = Settings(patterns_dir=str(patterns) if patterns else None)
    try:
        result = extract(file, settings)
    except Exception as error:  # a bug, not bad input: still one line, unless debugging
        if os.environ.get("KPIEXTRACT_DEBUG"):
            raise
        raise fail(f"{file.name}: internal error ({type(error).__name__}: {error}); "
                   "set KPIEXTRACT_DEBUG=1 to see the traceback") from None
    if result.error:
        raise fail(result.error)
    for warning in result.warnings:
        warn(f"{result.source_file}: {warning}")

    fmt = output_format.value if output_format else None
    if output is not None:
        try:
            fmt = fmt if fmt and fmt != "table" else format_for_path(output)
        except ValueError as error:
            raise fail(str(error)) from None
        try:
            write(result.records, output, fmt, results=[result])
        except OSError as error:
            raise fail(f"cannot write {output}: {error.strerror or error}") from None
        done = f"{len(result.records)} records from {result.source_file} -> {output}"
        err.print(escape(done), soft_wrap=True)
        return
    if fmt in (None, "table"):
        title = f"{result.source_file}: {len(result.records)} KPI records"
        Console().print(render_table(result.records, title))
        return
    if fmt == "xlsx":
        raise fail("xlsx needs a file: use -o OUT.xlsx")
    write(result.records, None, fmt, results=[result])


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        err.print("interrupted")
        sys.exit(130)


if __name__ == "__main__":
    main()
