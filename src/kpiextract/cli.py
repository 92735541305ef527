"""The command line: options, output and error messages. All the work is in the library (api.py)."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from . import __version__
from .api import Settings, extract
from .export import format_for_path, write
from .models import KPIRecord

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
    err.print(f"[bold red]error:[/] {message}", soft_wrap=True)
    return typer.Exit(code)


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
    table = Table(title=title, show_lines=False, header_style="bold")
    for column in ("Indicator", "Period", "Value", "Target", "Benchmarks", "Aim", "RAG", "Page", "Layout"):
        table.add_column(column, overflow="fold", max_width=60 if column == "Indicator" else None)
    colours = {"red": "red", "amber": "yellow", "green": "green"}
    for record in records:
        target = (
            f"{_fmt_number(record.target_range[0], record.unit)}-{_fmt_number(record.target_range[1], record.unit)}"
            if record.target_range else _fmt_number(record.target, record.unit)
        )
        if record.target_derived and target:
            target += " (derived)"
        benches = "; ".join(f"{b.name} {_fmt_number(b.value, record.unit)}" for b in record.benchmarks)
        rag = f"[{colours[record.rag]}]{record.rag}[/]" if record.rag else ""
        table.add_row(
            record.indicator, record.period or "", _fmt_number(record.value, record.unit), target, benches,
            record.polarity or "", rag, str(record.page or ""), record.layout,
        )
    return table


@app.command()
def parse(
    file: Annotated[Path, typer.Argument(help="A paper: .txt or .md.", show_default=False)],
    output: Annotated[Path | None, typer.Option("-o", "--output",
                                                help="Write records here; the format follows the extension "
                                                     "(.csv, .xlsx, .json, .jsonl).")] = None,
    output_format: Annotated[OutputFormat | None, typer.Option("--format", "-f",
                                                               help="Output format. Default: a table on the "
                                                                    "terminal, or the -o extension.")] = None,
    patterns: Annotated[Path | None, typer.Option("--patterns", help="A folder of extra vocabulary "
                                                                     "(headers.toml, comparators.toml...) "
                                                                     "extending the bundled patterns.")] = None,
) -> None:
    """Extract the KPI records of one paper."""
    if patterns is not None and not patterns.is_dir():
        raise fail(f"--patterns: no such folder: {patterns}")
    settings = Settings(patterns_dir=str(patterns) if patterns else None)
    result = extract(file, settings)
    if result.error:
        raise fail(result.error)
    for warning in result.warnings:
        err.print(f"[yellow]warning:[/] {result.source_file}: {warning}", soft_wrap=True)

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
        err.print(f"{len(result.records)} records from {result.source_file} -> {output}")
        return
    if fmt in (None, "table"):
        Console().print(render_table(result.records, f"{result.source_file}: {len(result.records)} KPI records"))
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
