"""The library entry point: extract(path, settings) -> ExtractionResult.

Pure and picklable: it reads one file and returns data, so a batch can run it in worker
processes or on a Dask cluster. It never raises for a bad file; the error is in the result.
"""

from __future__ import annotations

from pathlib import Path

from .catalogue import annotate
from .catalogue import load as load_catalogue
from .identity import PaperIdentity, identify
from .layouts import choose
from .layouts.context import build_context
from .layouts.headers import header_cells
from .layouts.timing import complete_periods
from .merge import merge_records
from .models import ExtractionResult, KPIRecord, PaperInfo
from .parsing.benchmarks import own_figure
from .parsing.indicators import money_total
from .parsing.period_keys import period_key
from .readers.document import Document
from .readers.text import ReadError, read_text
from .settings import PDF_SUFFIXES, SUPPORTED_SUFFIXES, TEXT_SUFFIXES, Settings
from .status import compute_status
from .vocab import load


def read_document(path: Path, settings: Settings) -> Document:
    if not path.exists():
        raise ReadError(f"{path}: no such file")
    if path.is_dir():
        raise ReadError(f"{path}: is a directory, not a paper")
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        return read_text(path, header_cells(load(settings.patterns_dir)))
    if suffix in PDF_SUFFIXES:
        from .lexicon import known_words
        from .readers.pdf import read_pdf  # the PDF stack (pdfium, pdfplumber) only for a PDF

        return read_pdf(path, settings.password, lambda: known_words(settings.patterns_dir), settings.patterns_dir)
    supported = ", ".join(SUPPORTED_SUFFIXES)
    raise ReadError(f"{path.name}: unsupported file type '{suffix or '(none)'}' (supported: {supported})")


def identify_paper(document: Document, settings: Settings = Settings()) -> PaperIdentity:
    """The paper's council, committee, date and title (identity.py), --council overriding."""
    return identify(document, file_name=document.source, council=settings.council,
                    patterns_dir=settings.patterns_dir)


def extract_document(document: Document, settings: Settings = Settings(),
                     identity: PaperIdentity | None = None) -> list[KPIRecord]:
    vocab = load(settings.patterns_dir)
    identity = identity or identify_paper(document, settings)
    context = build_context(document, vocab)
    context.date = context.date or identity.date  # what a yearless "Q2" is dated by
    context.own_names = [*context.own_names, *_names_of(identity)]
    records: list[KPIRecord] = []
    for block in context.stream():  # a page at a time: a long paper is never held whole
        layout = choose(block, context, settings.layouts)
        if layout is not None:
            records.extend(layout.extract(block, context))
    records = [record for record in merge_records(records) if not money_total(
        record.indicator, record.unit, _judged(record), vocab)]
    complete_periods(records, context)
    for record in records:
        record.benchmarks = own_figure(record.benchmarks, context.own_names, record.value)
        record.council = identity.council
        record.period_key = period_key(record.period_start, record.period_end, record.period)
    # the catalogue fills polarity a paper leaves unsaid, which the computed status then needs
    annotate(records, load_catalogue(settings.patterns_dir))
    for record in records:
        compute_status(record)
    return records


def _judged(record: KPIRecord) -> bool:
    """Does the paper set the figure against anything: a target, a status, a comparator?"""
    return (record.target is not None or record.target_range is not None or record.intervention is not None
            or record.rag is not None or bool(record.benchmarks))


def _names_of(identity: PaperIdentity) -> list[str]:
    entry = identity.council_entry
    names = [identity.council] if identity.council else []
    return names + list(entry.aliases) if entry is not None else names


def paper_info(identity: PaperIdentity) -> PaperInfo:
    evidence = identity.council_from
    return PaperInfo(council=identity.council, council_type=identity.council_type, region=identity.region,
                     committee=identity.committee, date=identity.date.isoformat() if identity.date else None,
                     date_kind=identity.date_kind, title=identity.title,
                     council_from=f"{evidence.rule}: {evidence.text}" if evidence else None)


def extract(path: str | Path, settings: Settings = Settings()) -> ExtractionResult:
    path = Path(path)
    result = ExtractionResult(source_file=path.name, path=str(path.resolve()))
    try:
        document = read_document(path, settings)
    except ReadError as error:
        result.error = str(error)
        return result
    except OSError as error:
        result.error = f"{path.name}: cannot read ({error.strerror or error})"
        return result
    result.pages = document.page_count
    result.warnings.extend(document.warnings)
    if document.is_empty():
        result.error = f"{path.name}: no text found in the file"
        return result
    identity = identify_paper(document, settings)
    result.paper = paper_info(identity)
    result.records = extract_document(document, settings, identity)
    result.layouts = sorted({record.layout for record in result.records})
    if not result.records:
        result.warnings.append("no KPI records recognised")
    return result
