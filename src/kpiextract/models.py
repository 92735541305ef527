"""The KPI record: the single definition of one row of output and where it came from.

The field names are a contract read by other tools (see README, "Record fields"): add fields,
never rename them.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Polarity = Literal["higher", "lower"]
Rag = Literal["red", "amber", "green"]
Kind = Literal["kpi", "activity"]
Direction = Literal["improving", "worsening", "unchanged", "up", "down"]
ReviewState = Literal["unreviewed", "approved", "corrected", "rejected", "paper changed"]
TIME_UNITS = frozenset({"seconds", "minutes", "hours", "days", "weeks", "months", "years"})
"""The units of a duration: a figure in one is a time taken ("9.4 days"), shown with its unit."""


class Benchmark(BaseModel):
    """A comparator printed for an indicator: England, a region, statistical neighbours..."""

    model_config = ConfigDict(frozen=False)

    name: str
    value: float | None = None
    text: str = ""
    period: str | None = None


class PreviousValue(BaseModel):
    """An earlier value of the same indicator ("compared to 77% in April 2017")."""

    value: float | None = None
    period: str | None = None
    text: str = ""
    rag: Rag | None = None
    """The rating that earlier value had ("Previous: 97% (Green)"): not the current one."""


class NextTarget(BaseModel):
    """A target printed for a later period than the figure ("2018/19 target" beside the 2017/18
    outturn): kept for the analyst, never used to judge the figure."""

    value: float | None = None
    period: str | None = None
    text: str = ""


class Provenance(BaseModel):
    """Where a piece of a record was read: enough for an analyst to find it in seconds."""

    source_file: str
    page: int | None = None
    layout: str
    source_text: str


class KPIRecord(BaseModel):
    """One indicator, one period, one paper.

    Each field's description is the README's "Record fields" table (`kpiextract.docs`
    writes it; a test checks they agree)."""

    indicator: str = Field(description="the KPI's name as the paper gives it, cleaned of codes and tags "
                                       "(capitalised when taken from a sentence)")
    code: str | None = Field(default=None, description="the council's reference for the KPI (\"M711\"), when printed")
    council: str | None = Field(
        default=None,
        description=("the council the paper is from, as `patterns/councils.toml` names it (read from the paper "
                     "itself, or given with `--council`)"),
    )
    period: str | None = Field(
        default=None,
        description="the period the value is for, as a label (\"Q3 2023/24\", \"2022/23\")",
    )
    period_key: str | None = Field(
        default=None,
        description=("the period's canonical key, the same however the paper writes it: `2023/24` (financial "
                     "year), `2023/24 Q3`, `2023-12` (month), `AY 2022/23` (academic year), `AY 2022/23 summer "
                     "term`, `2023` (calendar year), `12 months to 2024-03`, `2024-03-31` (as at), `2023/24 P7` (a "
                     "financial year's accounting period, four-weekly or monthly, which has no dates)"),
    )
    period_start: str | None = Field(default=None, description="ISO date the period starts, when known")
    period_end: str | None = Field(default=None, description="ISO date the period ends, when known")
    period_text: str | None = Field(
        default=None,
        description=("the period as the paper wrote it (\"Quarter 2\", \"Jul - Sep 2023\"), before `period` was "
                     "completed from the paper's own period and written in one style"),
    )
    value: float | None = Field(default=None, description="the figure as a number (58% is 58)")
    value_text: str | None = Field(default=None, description="the figure exactly as printed (\"58%\", \"n/a\")")
    unit: str | None = Field(
        default=None,
        description="what the numbers count: `%`, `£`, `days`, `weeks`, `score`, `count`, `rate`...",
    )
    target: float | None = Field(default=None, description="the target as a number")
    target_range: tuple[float, float] | None = Field(
        default=None,
        description="a target given as a range, `[low, high]` (\"between 18% and 22%\")",
    )
    target_text: str | None = Field(default=None, description="the target as printed")
    target_derived: bool = Field(
        default=False,
        description=("true when the target was worked out from the text (\"0.9 points below the target\") rather "
                     "than printed"),
    )
    benchmarks: list[Benchmark] = Field(
        default_factory=list,
        description=("comparators printed for the KPI: a list of `{name, value, text, period}` (name such as "
                     "\"England\", \"Statistical Neighbours\"; value as a number; text as printed; period of the "
                     "comparator's figure)"),
    )
    intervention: float | None = Field(
        default=None,
        description="the intervention (floor/tolerance) level, when the paper has one",
    )
    previous: PreviousValue | None = Field(
        default=None,
        description=("an earlier value quoted for comparison: `{value, period, text, rag}`; `rag` is the rating "
                     "that earlier value was given (\"Previous: 97% (Green)\"), not the current one"),
    )
    next_target: NextTarget | None = Field(
        default=None,
        description="a target printed for a later period than the value (\"2018/19 target\" beside the 2017/18 "
                    "outturn): `{value, period, text}`; kept for reference, never used for `target_status`",
    )
    polarity: Polarity | None = Field(default=None, description="which way is better: `higher` or `lower`")
    rag: Rag | None = Field(default=None, description="the paper's status: `red`, `amber` or `green`")
    direction: Direction | None = Field(
        default=None,
        description=("the direction of travel the paper prints: `improving`, `worsening` or `unchanged` (words, "
                     "or an arrow whose meaning the paper's key or the figures settle); `up` or `down` when only "
                     "an arrow says so"),
    )
    kind: Kind = Field(
        default="kpi",
        description=("`kpi`, or `activity`: a demand or context count reported for information, without a target "
                     "or RAG (\"Activity indicators\", \"contextual measure\", \"no target set\")"),
    )
    commentary: str | None = Field(default=None, description="the paper's comment on the KPI")
    section: str | None = Field(default=None, description="the heading the KPI sits under")
    layout: str = Field(description="the layout that read it (see \"Layouts\")")
    page: int | None = Field(
        default=None,
        description=("the page it was read on, as the page stands in the file (1 is the first page; in text "
                     "input, counted from form feeds or \"Page N\" lines)"),
    )
    page_label: str | None = Field(
        default=None,
        description=("the page number printed on that page (\"119\" in an agenda pack), or the PDF's own "
                     "label for it, when there is one"),
    )
    source_file: str = Field(description="the file name it was read from")
    source_text: str = Field(
        description="the exact text the record was read from (a table row's cells joined by \" | \", or the sentence)",
    )
    confidence: float = Field(ge=0.0, le=1.0, description="0 to 1: how sure the layout is of the reading")
    also_from: list[Provenance] = Field(
        default_factory=list,
        description=("other places in the paper merged into this record, each `{source_file, page, layout, "
                     "source_text}` (a paragraph about the same figure as a table row)"),
    )
    canonical_id: str | None = Field(
        default=None,
        description="the id of the indicator catalogue entry the KPI matches (blank when nothing matches well enough)",
    )
    canonical_name: str | None = Field(default=None, description="the catalogue's name for that indicator")
    catalogue_score: float | None = Field(
        default=None,
        description="0 to 100: how closely the indicator's name matched the catalogue entry",
    )
    target_status: Literal["met", "missed"] | None = Field(
        default=None,
        description="computed: `met` or `missed`, from value, target (or range) and polarity",
    )
    vs_england: Literal["better", "worse", "same"] | None = Field(
        default=None,
        description="computed: `better`, `worse` or `same` than the England/National benchmark, given the polarity",
    )
    rag_disagrees: bool = Field(
        default=False,
        description="true when the computed status contradicts the RAG the paper gives (target met but rated red)",
    )
    review_state: ReviewState | None = Field(
        default=None,
        description=("the analyst's check (`kpiextract review`), in an export from a store: `unreviewed`, "
                     "`approved`, `corrected` (approved with corrections), `rejected`, or `paper changed` "
                     "(checked, but the paper has changed since: check it again); blank outside a store"),
    )
    review_note: str | None = Field(
        default=None,
        description=("who checked the record, when, and what they corrected (\"value 58 -> 60\"); the values "
                     "as extracted stay in the store"),
    )

    def provenance(self) -> Provenance:
        return Provenance(
            source_file=self.source_file, page=self.page, layout=self.layout, source_text=self.source_text
        )

    def benchmark(self, name: str) -> Benchmark | None:
        for bench in self.benchmarks:
            if bench.name.lower() == name.lower():
                return bench
        return None


class PaperInfo(BaseModel):
    """Which council a paper is from, for which meeting, under what title: read from the paper
    itself (identity.py), or the council given with --council."""

    council: str | None = None
    council_type: str | None = Field(default=None, description="county, district, unitary, london-borough...")
    region: str | None = None
    committee: str | None = None
    date: str | None = Field(default=None, description="ISO date of the meeting (or report, or generation)")
    date_kind: str | None = Field(default=None, description="meeting, decision, report, published, generated...")
    title: str | None = None
    council_from: str | None = Field(default=None, description="where the council was read: rule and text")


class ExtractionResult(BaseModel):
    """Everything extracting one file gives: its records and what went wrong or was odd."""

    source_file: str
    path: str | None = Field(default=None, description="the file's absolute path, to open it")
    paper: PaperInfo | None = None
    duplicate_of: str | None = Field(default=None, description="another file of the run that is the same paper")
    pages: int = 0
    layouts: list[str] = Field(default_factory=list)
    records: list[KPIRecord] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


# The run's summaries are built only when a manifest or workbook is written: their validators
# are made on first use (defer_build), not on every import (~3 ms each).
_ON_FIRST_USE = ConfigDict(defer_build=True)


class PaperSummary(BaseModel):
    """One paper of a run, read or not: the JSON manifest's `papers`, the workbook's Sources sheet."""

    model_config = _ON_FIRST_USE

    source_file: str
    path: str | None = None
    status: Literal["ok", "error", "duplicate"]
    council: str | None = None
    committee: str | None = None
    date: str | None = None
    title: str | None = None
    pages: int = 0
    records: int = 0
    layouts: list[str] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    error: str | None = None
    approved: int | None = Field(default=None, description="records approved as extracted (exports from a store)")
    corrected: int | None = Field(default=None, description="records approved with corrections")
    rejected: int | None = Field(default=None, description="records rejected")

    @classmethod
    def of(cls, result: ExtractionResult) -> PaperSummary:
        paper = result.paper or PaperInfo()
        status: Literal["ok", "error", "duplicate"] = (
            "duplicate" if result.duplicate_of else "ok" if result.ok else "error")
        return cls(source_file=result.source_file, path=result.path, status=status,
                   council=paper.council, committee=paper.committee, date=paper.date, title=paper.title,
                   pages=result.pages, records=len(result.records), layouts=list(result.layouts),
                   warnings=list(result.warnings), error=result.error, **_review_counts(result.records))


def _review_counts(records: list[KPIRecord]) -> dict[str, int | None]:
    """How many of a paper's records were approved, corrected, rejected: blank when none was reviewed
    (an export without a store)."""
    states = [record.review_state for record in records]
    if all(state is None for state in states):
        return {"approved": None, "corrected": None, "rejected": None}
    return {state: states.count(state) for state in ("approved", "corrected", "rejected")}


class RunSummary(BaseModel):
    """What a run was asked and how it went: the JSON manifest's `run` (fields a run did not
    have, such as `workers` for `parse`, are left out)."""

    model_config = _ON_FIRST_USE

    started: str | None = Field(default=None, description="ISO date and time the run started (UTC)")
    seconds: float | None = None
    paths: list[str] | None = None
    extractor: str | None = Field(default=None, description="kpiextract's version plus a hash of its vocabulary")
    patterns: str | None = None
    workers: int | None = None
    scheduler: str | None = None
    timeout: float | None = None
    store: str | None = None
    papers: int | None = None
    read: int | None = None
    failed: int | None = None
    reused: int | None = None
    pages: int | None = None
    records: int | None = None


class Manifest(BaseModel):
    """A run's JSON output: `{"kpiextract": version, "run": {...}, "papers": [...], "records": [...]}`."""

    model_config = _ON_FIRST_USE

    kpiextract: str = Field(description="the version of kpiextract that wrote the file")
    run: RunSummary
    papers: list[PaperSummary]
    records: list[KPIRecord]
