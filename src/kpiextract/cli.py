"""The command line: options, output and error messages. All the work is in the library (api.py)."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from . import __version__

# The library is imported inside each command, not here: `kpiextract --version` and `--help`
# should not pay for the PDF stack, openpyxl, pydantic models and every layout's patterns.
if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table

    from .batch import BatchReport
    from .models import ExtractionResult, KPIRecord

# Plain help (no rich markup): "kpiextract[dask]" stays as written, and flags show no "<bool>".
app = typer.Typer(
    add_completion=True,
    no_args_is_help=True,
    help="Turn council committee papers into KPI spreadsheets, with the page every figure came from.",
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


@lru_cache(maxsize=1)
def stderr() -> Console:
    """The console for messages, made when the first one is printed: rich costs ~30 ms to load,
    which a command that prints nothing on stderr (parse to a file or a pipe) never pays."""
    from rich.console import Console

    return Console(stderr=True, highlight=False)


def escape(text: str) -> str:
    """Text from a paper or a path, made safe to print through rich ("[in month]" is not markup)."""
    from rich.markup import escape as rich_escape

    return rich_escape(text)


def _argument_type_beside_metavar() -> None:
    """typer 0.29 prints an argument's Python type beside its name ("PATH <list[Path]>"); an
    argument named by its metavar already says what it takes."""
    try:
        from typer.core import TyperArgument
    except ImportError:  # another typer: nothing to mend
        return
    shown = TyperArgument.display_type_rich

    def display_type_rich(self: TyperArgument, ctx: Any) -> str | None:
        return None if self.metavar else shown(self, ctx)

    TyperArgument.display_type_rich = display_type_rich  # type: ignore[method-assign,assignment]


_argument_type_beside_metavar()


class OutputFormat(StrEnum):
    table = "table"
    csv = "csv"
    xlsx = "xlsx"
    json = "json"
    jsonl = "jsonl"


class FileFormat(StrEnum):
    """What batch and export write: every format but the terminal table."""

    csv = "csv"
    xlsx = "xlsx"
    json = "json"
    jsonl = "jsonl"


class Verbosity:
    """--quiet: errors only; --verbose: a line for every paper read, not only the failures."""

    level = 1

    @classmethod
    def quiet(cls) -> bool:
        return cls.level == 0

    @classmethod
    def verbose(cls) -> bool:
        return cls.level == 2


def note(message: str) -> None:
    """A summary line on stderr, unless --quiet."""
    if not Verbosity.quiet():
        stderr().print(escape(message), soft_wrap=True)


def fail(message: str, code: int = 1) -> typer.Exit:
    """One line on stderr and a non-zero exit: what a user sees instead of a traceback."""
    # Escaped: file names and messages may hold "[...]", which rich would read as markup.
    stderr().print(f"[bold red]error:[/] {escape(' '.join(message.split()))}", soft_wrap=True)
    return typer.Exit(code)


def warn(message: str) -> None:
    if not Verbosity.quiet():
        stderr().print(f"[yellow]warning:[/] {escape(' '.join(message.split()))}", soft_wrap=True)


def check_patterns(patterns: Path | None) -> None:
    """Fail early, in one line, on a missing or unreadable vocabulary folder."""
    env = os.environ.get("KPIEXTRACT_PATTERNS")
    if patterns is not None and not patterns.is_dir():
        raise fail(f"--patterns: no such folder: {patterns}")
    if patterns is None and env and not Path(env).is_dir():
        raise fail(f"KPIEXTRACT_PATTERNS: no such folder: {env}")
    from . import catalogue
    from .vocab import load

    try:
        load(str(patterns) if patterns else None)
        catalogue.load(str(patterns) if patterns else None)
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
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print errors only: no warnings, no summary.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Print a line for every paper read, not only "
                                                                   "the failures.")] = False,
) -> None:
    """kpiextract reads cabinet reports, scrutiny packs and scorecards (.pdf, .txt, .md) into KPI records."""
    if quiet and verbose:
        raise fail("--quiet and --verbose: choose one")
    Verbosity.level = 0 if quiet else 2 if verbose else 1


def _fmt_number(value: float | None, unit: str | None) -> str:
    if value is None:
        return ""
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return f"{text}%" if unit == "%" else text


def render_table(records: list[KPIRecord], title: str) -> Table:
    from rich.table import Table

    table = Table(title=escape(title), show_lines=False, header_style="bold")
    # the indicator gets the room; short columns never wrap mid-word ("Q3 2023/24", "higher")
    table.add_column("Indicator", overflow="fold", ratio=3, min_width=24, max_width=70)
    table.add_column("Period", no_wrap=False, min_width=7)
    for column in ("Value", "Target"):
        table.add_column(column, justify="right", no_wrap=True)
    table.add_column("Benchmarks", overflow="fold", ratio=1)
    for column in ("Aim", "RAG", "Page"):
        table.add_column(column, no_wrap=True)
    table.add_column("Layout", overflow="fold")
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


def _output_format(output: Path, output_format: OutputFormat | FileFormat | None) -> str:
    from .export import format_for_path

    if output_format is not None and output_format.value != "table":
        return output_format.value
    try:
        return format_for_path(output)
    except ValueError as error:
        raise fail(str(error)) from None


def _write(records: list[KPIRecord], results: list[ExtractionResult], output: Path | None, fmt: str,
           run: dict[str, object] | None = None) -> None:
    from .export import write

    try:
        write(records, output, fmt, results=results, run=run)
    except BrokenPipeError:
        if output is not None:
            raise fail(f"cannot write {output}: broken pipe") from None
        raise _reader_gone() from None
    except OSError as error:
        raise fail(f"cannot write {output}: {error.strerror or error}") from None


@app.command()
def parse(
    file: Annotated[Path, typer.Argument(help="A paper: .pdf, .txt or .md.", metavar="FILE", show_default=False)],
    output: Annotated[Path | None, typer.Option("-o", "--output", metavar="OUT",
                                                help="Write records here; the format follows the extension "
                                                     "(.csv, .xlsx, .json, .jsonl).")] = None,
    output_format: Annotated[OutputFormat | None, typer.Option("--format", "-f", metavar="FORMAT",
                                                               help="table, csv, xlsx, json or jsonl. Default: a "
                                                                    "table on the terminal, or the -o "
                                                                    "extension.")] = None,
    patterns: Annotated[Path | None, typer.Option("--patterns", metavar="DIR",
                                                  help="A folder of extra vocabulary (headers.toml, "
                                                       "comparators.toml...) extending the bundled patterns. "
                                                       "Default: $KPIEXTRACT_PATTERNS, if set.")] = None,
    password: Annotated[str | None, typer.Option("--password", metavar="PW",
                                                 help="The password of an encrypted PDF.")] = None,
    council: Annotated[str | None, typer.Option("--council", metavar="NAME",
                                                help="The council the paper is from, when the paper does not "
                                                     "say (a name or alias from patterns/councils.toml, or any "
                                                     "name).")] = None,
    manifest: Annotated[bool, typer.Option("--manifest", help="JSON as one object with the paper's status and "
                                                              "its records, as batch writes it, instead of a "
                                                              "bare list of records.")] = False,
) -> None:
    """Extract the KPI records of one paper (.pdf, .txt or .md)."""
    from .api import Settings, extract
    from .store import extractor_version

    check_patterns(patterns)
    settings = Settings(patterns_dir=str(patterns) if patterns else None, password=password, council=council)
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

    run: dict[str, object] | None = None
    if manifest:
        run = {"paths": [str(file)], "extractor": extractor_version(settings.patterns_dir)}
    if output is not None:
        _write(result.records, [result], output, _output_format(output, output_format), run)
        note(f"{len(result.records)} records from {result.source_file} -> {output}")
        return
    fmt = output_format.value if output_format else None
    if fmt in (None, "table"):
        from rich.console import Console

        title = f"{result.source_file}: {len(result.records)} KPI records"
        Console().print(render_table(result.records, title))
        return
    if fmt == "xlsx":
        raise fail("xlsx needs a file: use -o OUT.xlsx")
    _write(result.records, [result], None, fmt, run)


class BatchProgress:
    """A progress bar on a terminal; on a pipe or in a log, one line per failed file and nothing else."""

    def __init__(self, total: int, live: bool, also: Callable[[ExtractionResult], None] | None = None) -> None:
        self.total, self.live, self.also = total, live, also
        self.pages = self.records = self.errors = 0
        self.bar: Any = None
        if live and not Verbosity.quiet():
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                SpinnerColumn,
                TextColumn,
                TimeElapsedColumn,
                TimeRemainingColumn,
            )

            self.bar = Progress(
                SpinnerColumn(), TextColumn("[bold]papers"), BarColumn(), MofNCompleteColumn(),
                TextColumn("{task.fields[pages]} pages, {task.fields[records]} records, "
                           "[red]{task.fields[errors]} errors"),
                TimeElapsedColumn(), TextColumn("eta"), TimeRemainingColumn(), console=stderr(), transient=False,
            )
            self.task = self.bar.add_task("batch", total=total, pages=0, records=0, errors=0)

    def __enter__(self) -> BatchProgress:
        if self.bar:
            self.bar.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bar:
            self.bar.stop()

    def __call__(self, result: ExtractionResult) -> None:
        if self.also is not None:
            self.also(result)
        self.pages += result.pages
        self.records += len(result.records)
        if not result.ok:
            self.errors += 1
            if not self.live:  # a log gets each failure as it happens; a terminal, the list at the end
                warn(f"skipped {result.error}")
        elif Verbosity.verbose():
            layouts = ", ".join(result.layouts) or "no layout"
            line = f"read {result.source_file}: {result.pages} pages, {len(result.records)} records ({layouts})"
            if self.bar:
                self.bar.console.print(escape(line), soft_wrap=True)  # above the bar, which stays put
            else:
                note(line)
        if self.bar:
            self.bar.update(self.task, advance=1, pages=self.pages, records=self.records, errors=self.errors)


def _summary(report: BatchReport, where: str, list_failures: bool) -> None:
    failed = report.failed
    reused = f" ({report.reused} unchanged, from the store)" if report.reused else ""
    read = len(report.results) - len(failed) - len(report.duplicates)
    note(f"{read} of {len(report.results)} papers read{reused}: {report.pages} pages, {report.records} records "
         f"-> {where}")
    for result in report.duplicates:
        warn(f"{result.source_file}: {result.warnings[0]}")
    if failed:
        note(f"{len(failed)} {'paper' if len(failed) == 1 else 'papers'} could not be read"
             + (":" if list_failures else ""))
        for result in failed if list_failures or Verbosity.quiet() else []:
            # even --quiet lists the papers that could not be read: they are errors
            stderr().print(escape(f"  {result.error}" if not Verbosity.quiet() else f"error: {result.error}"),
                      soft_wrap=True)


class ReaderGone(Exception):
    """The program reading streamed records closed its end of the pipe."""


def _reader_gone() -> typer.Exit:
    """`kpiextract ... | head`: the reader has what it wanted; stop quietly, as Unix tools do."""
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # nothing more to flush at exit
    return typer.Exit(141)


def _interrupted(report: BatchReport, output: Path | None, store: Path | None, streamed: bool) -> None:
    """What an analyst needs after Ctrl-C: what was read, what was kept, what was not written."""
    read = len(report.results)
    stderr().print(escape(f"interrupted: {read} of {read + len(report.not_read)} papers read, "
                     f"{len(report.not_read)} not read"), soft_wrap=True)
    if streamed:
        stderr().print(escape(f"written: {report.records} records of {read} papers, streamed to stdout"),
                       soft_wrap=True)
    if store is not None:
        stderr().print(escape(f"kept in {store}: {read} papers; run the same command again to resume"), soft_wrap=True)
    if output is not None:
        unfinished = "nothing kept for a resume (--store FILE makes a long batch resumable)" if store is None else ""
        stderr().print(escape(f"not written: {output} (the batch did not finish)"
                         + (f"; {unfinished}" if unfinished else "")), soft_wrap=True)


@app.command()
def batch(
    paths: Annotated[list[Path], typer.Argument(help="Papers and folders (searched recursively for .pdf, .txt, "
                                                     ".md).", metavar="PATH", show_default=False)],
    output: Annotated[Path | None, typer.Option("-o", "--output", metavar="OUT",
                                                help="Write every record here (.xlsx, .csv, .json, .jsonl); "
                                                     "every output lists every paper, read or not.")] = None,
    output_format: Annotated[FileFormat | None, typer.Option("--format", "-f", metavar="FORMAT",
                                                             help="csv, xlsx, json or jsonl, if not the -o "
                                                                  "extension; without -o, records go to stdout "
                                                                  "(jsonl streams them paper by paper).")] = None,
    workers: Annotated[int, typer.Option("--workers", "-w", min=0, metavar="N",
                                         help="Worker processes (0: one per CPU core).")] = 0,
    recycle: Annotated[int, typer.Option("--recycle", min=0, metavar="N",
                                         help="Start a fresh worker after this many papers (0: never; "
                                              "workers are recycled by memory, see --recycle-above).")] = 0,
    recycle_above: Annotated[float, typer.Option("--recycle-above", min=0, metavar="MB",
                                                 help="Start a fresh worker after a paper that leaves it "
                                                      "holding more than this many MiB (0: never).")] = 256,
    timeout: Annotated[float, typer.Option("--timeout", min=0, metavar="SECONDS",
                                           help="Stop a paper that takes longer than this and go on "
                                                "(0: no limit).")] = 300,
    store: Annotated[Path | None, typer.Option("--store", metavar="FILE",
                                               help="An SQLite file keeping every paper's result by content "
                                                    "hash: a re-run skips unchanged papers and resumes an "
                                                    "interrupted run.")] = None,
    scheduler: Annotated[str | None, typer.Option("--scheduler", metavar="ADDRESS",
                                                  help="Run on a dask.distributed cluster at this address (needs "
                                                       "kpiextract[dask]).")] = None,
    patterns: Annotated[Path | None, typer.Option("--patterns", metavar="DIR",
                                                  help="A folder of extra vocabulary extending the bundled "
                                                       "patterns.")] = None,
    password: Annotated[str | None, typer.Option("--password", metavar="PW",
                                                 help="The password of encrypted PDFs (tried on every encrypted "
                                                      "paper).")] = None,
    council: Annotated[str | None, typer.Option("--council", metavar="NAME",
                                                help="The council every paper is from, over what the papers "
                                                     "say (for a folder of one council's papers).")] = None,
) -> None:
    """Extract every paper under folders into one output. Exit 0: all read; 3: some papers could not be read."""
    from .batch import BatchInterrupted, BatchOptions, discover, run_batch, run_summary
    from .export import sources_path
    from .export.json import jsonl_line
    from .settings import Settings

    if output is not None:
        fmt: str | None = _output_format(output, output_format)
    else:
        fmt = output_format.value if output_format else None
    if fmt is None and store is None:
        raise fail("nothing to write: give -o OUT (.xlsx, .csv, .json, .jsonl), -f jsonl for stdout, "
                   "and/or --store FILE")
    if output is None and fmt == "xlsx":
        raise fail("xlsx needs a file: use -o OUT.xlsx")
    check_patterns(patterns)
    settings = Settings(patterns_dir=str(patterns) if patterns else None, password=password, council=council)
    files, problems = discover(paths)
    if not files:
        raise fail("no papers (.pdf, .txt, .md) found" + (f": {'; '.join(problems)}" if problems else ""))
    options = BatchOptions(workers=workers, recycle_after=recycle, recycle_above_mb=recycle_above,
                           timeout=timeout or None, store=store, scheduler=scheduler)
    streamed = output is None and fmt == "jsonl"
    live = stderr().is_terminal

    def stream(result: ExtractionResult) -> None:
        try:
            for record in result.records:
                sys.stdout.write(jsonl_line(record))
            sys.stdout.flush()
        except BrokenPipeError:
            raise ReaderGone from None

    try:
        with BatchProgress(len(files) + len(problems), live=live, also=stream if streamed else None) as progress:
            report = run_batch(paths, settings, options, progress)
    except BatchInterrupted as stop:
        _interrupted(stop.report, output, store, streamed)
        raise typer.Exit(130) from None
    except ReaderGone:
        raise _reader_gone() from None
    except (ValueError, RuntimeError, OSError) as error:
        raise fail(str(error)) from None
    except Exception as error:  # a bug, not bad input: still one line, unless debugging
        if os.environ.get("KPIEXTRACT_DEBUG"):
            raise
        raise fail(f"internal error ({type(error).__name__}: {error}); set KPIEXTRACT_DEBUG=1 to see the "
                   "traceback") from None
    records = [record for result in report.results for record in result.records]
    written = [str(p) for p in (output, store) if p] or ["stdout"]
    if fmt is not None and not streamed:
        _write(records, report.results, output, fmt, run_summary(report, paths, options, settings))
        if output is not None and fmt in ("csv", "jsonl"):
            _write_sources(report.results, output)
            written.insert(1, str(sources_path(output)))
        elif output is None:
            written = ["stdout"] + written[1:] if store is None else ["stdout", str(store)]
    _summary(report, ", ".join(written), list_failures=live or output is None)
    if report.failed:
        raise typer.Exit(3 if len(report.failed) < len(report.results) else 1)


def _write_sources(results: list[ExtractionResult], output: Path) -> None:
    from .export import sources_path, write_sources_csv

    target = sources_path(output)
    try:
        write_sources_csv(results, target)
    except OSError as error:
        raise fail(f"cannot write {target}: {error.strerror or error}") from None


@app.command("export")
def export_store(
    store: Annotated[Path, typer.Option("--store", metavar="FILE", help="The SQLite store a batch wrote.",
                                        show_default=False)],
    output: Annotated[Path, typer.Option("-o", "--output", metavar="OUT",
                                         help="Where to write (.xlsx, .csv, .json, .jsonl).", show_default=False)],
    output_format: Annotated[FileFormat | None, typer.Option("--format", "-f", metavar="FORMAT",
                                                             help="csv, xlsx, json or jsonl, if not the -o "
                                                                  "extension.")] = None,
    approved_only: Annotated[bool, typer.Option("--approved-only",
                                                help="Only the records approved in `kpiextract review` (as "
                                                     "extracted or corrected).")] = False,
) -> None:
    """Re-export the records of a batch's store without reading the papers again, with each record's review
    state and the analyst's corrections."""
    import sqlite3

    from .review.decisions import reviewed_results
    from .store import Store

    if not store.is_file():
        raise fail(f"--store: no such file: {store}")
    fmt = _output_format(output, output_format)
    try:
        with Store(store) as opened:
            results, records = reviewed_results(opened, approved_only=approved_only)
    except (ValueError, sqlite3.DatabaseError) as error:
        raise fail(str(error)) from None
    _write(records, results, output, fmt, {"store": str(store), "papers": len(results), "records": len(records)})
    if fmt in ("csv", "jsonl"):
        _write_sources(results, output)
    note(f"{len(records)} {'approved ' if approved_only else ''}records from {len(results)} papers -> {output}")


@app.command()
def review(
    store: Annotated[Path, typer.Option("--store", metavar="FILE", help="The SQLite store a batch wrote.",
                                        show_default=False)],
    port: Annotated[int, typer.Option("--port", min=0, max=65535, metavar="N", help="The port to listen on.")] = 8765,
    host: Annotated[str, typer.Option("--host", metavar="ADDRESS",
                                      help="The address to listen on; the default lets only this machine "
                                           "in.")] = "127.0.0.1",
    open_browser: Annotated[bool, typer.Option("--open", help="Open the review in the web browser.")] = False,
    reviewer: Annotated[str | None, typer.Option("--reviewer", metavar="NAME",
                                                 help="Who is reviewing, kept with every decision. Default: "
                                                      "your login name.")] = None,
    password: Annotated[str | None, typer.Option("--password", metavar="PW",
                                                 help="The password of encrypted PDFs, to draw their "
                                                      "pages.")] = None,
    patterns: Annotated[Path | None, typer.Option("--patterns", metavar="DIR",
                                                  help="A folder whose catalogue.toml extends the bundled "
                                                       "catalogue (for the catalogue search).")] = None,
) -> None:
    """Check every record beside its page in a local web app: approve, correct or reject it (needs
    kpiextract[review]). Corrections are kept apart from what was extracted; `export` applies them."""
    import sqlite3

    if not store.is_file():
        raise fail(f"--store: no such file: {store}")
    try:
        # the web stack only here: no other command pays for it, or needs the extra
        from .review.app import Config, serve
    except ImportError as error:
        raise fail(f"review needs the web stack: pip install 'kpiextract[review]' ({error})") from None
    from .store import Store

    try:
        with Store(store) as opened:
            if opened.count() == 0:
                raise fail(f"{store}: no papers in the store: run batch --store {store} first")
    except (ValueError, sqlite3.DatabaseError) as error:
        raise fail(str(error)) from None
    config = Config(store=store.resolve(), password=password, patterns=str(patterns) if patterns else None)
    if reviewer:
        config.reviewer = reviewer
    try:
        serve(config, host=host, port=port, open_browser=open_browser)
    except OSError as error:
        raise fail(f"cannot listen on {host}:{port}: {error.strerror or error}") from None


@app.command()
def schema(
    manifest: Annotated[bool, typer.Option("--manifest", help="The schema of a whole JSON output (run, papers, "
                                                              "records) instead of one record.")] = False,
) -> None:
    """Print the JSON Schema of a record (or of a batch's JSON output), for pipelines that validate."""
    import json

    from .models import KPIRecord, Manifest

    model = Manifest if manifest else KPIRecord
    typer.echo(json.dumps(model.model_json_schema(), indent=2, ensure_ascii=False))


catalogue_app = typer.Typer(help="The indicator catalogue (patterns/catalogue.toml): try matches, list entries.",
                             no_args_is_help=True)
app.add_typer(catalogue_app, name="catalogue")


@catalogue_app.command("match")
def catalogue_match(
    text: Annotated[str, typer.Argument(help="An indicator name as a paper prints it.", metavar="TEXT",
                                        show_default=False)],
    patterns: Annotated[Path | None, typer.Option("--patterns", metavar="DIR",
                                                  help="A folder whose catalogue.toml extends the bundled "
                                                       "catalogue.")] = None,
) -> None:
    """Show which catalogue indicator a name matches, and how closely; the near misses when none does."""
    from . import catalogue

    check_patterns(patterns)
    cat = catalogue.load(str(patterns) if patterns else None)
    found = catalogue.match(text, cat)
    from rich.console import Console

    out = Console(highlight=False)
    if found is not None:
        out.print(escape(f"{found.id}  {found.name}  (score {found.score:.0f}; unit {found.unit}; "
                         f"polarity {found.polarity or '-'}; topic {found.topic}; via alias '{found.alias}')"))
        return
    out.print("no match (a blank is better than a wrong guess); closest entries:")
    for near in catalogue.candidates(text, cat, limit=3):
        out.print(escape(f"  {near.id}  {near.name}  (score {near.score:.0f})"))
    raise typer.Exit(1)


@catalogue_app.command("list")
def catalogue_list(
    patterns: Annotated[Path | None, typer.Option("--patterns", metavar="DIR",
                                                  help="A folder whose catalogue.toml extends the bundled "
                                                       "catalogue.")] = None,
) -> None:
    """List the catalogue's indicators: id, name, unit, polarity, topic."""
    from rich.table import Table

    from . import catalogue

    check_patterns(patterns)
    columns = ("id", "name", "unit", "polarity", "topic")
    rows = [[str(getattr(entry, c) or "") for c in columns]
            for entry in catalogue.entries(catalogue.load(str(patterns) if patterns else None))]
    from rich.console import Console

    out = Console()
    if not out.is_terminal:  # piped: tab-separated lines, for grep, cut and spreadsheets
        typer.echo("\t".join(columns))
        for row in rows:
            typer.echo("\t".join(row))
        return
    table = Table(header_style="bold")
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*(escape(v) for v in row))
    out.print(table)


@app.command()
def debug(
    file: Annotated[Path, typer.Argument(help="A PDF paper.", metavar="FILE", show_default=False)],
    page: Annotated[int, typer.Option("--page", "-p", min=1, metavar="N", help="The page to draw (1 = first).")] = 1,
    output: Annotated[Path | None, typer.Option("-o", "--output", metavar="OUT.png",
                                                help="The PNG to write (default: FILE-pN.png beside the "
                                                     "PDF).")] = None,
    password: Annotated[str | None, typer.Option("--password", metavar="PW",
                                                 help="The password of an encrypted PDF.")] = None,
) -> None:
    """Draw a PDF page with the tables and text blocks the reader found, to see why a layout was or was not used."""
    from .debug import render_page
    from .readers.text import ReadError

    if not file.is_file():
        raise fail(f"{file}: no such file")
    target = output or file.with_name(f"{file.stem}-p{page}.png")
    try:
        render_page(file, page, target, password=password)
    except ReadError as error:
        raise fail(str(error)) from None
    except OSError as error:
        raise fail(f"cannot write {target}: {error.strerror or error}") from None
    note(f"page {page} of {file.name} -> {target} (red: tables, green: headings, blue: paragraphs)")


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        stderr().print("interrupted")
        sys.exit(130)


if __name__ == "__main__":
    main()
