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


class Provenance(BaseModel):
    """Where a piece of a record was read: enough for an analyst to find it in seconds."""

    source_file: str
    page: int | None = None
    layout: str
    source_text: str


class KPIRecord(BaseModel):
    """One indicator, one period, one paper."""

    indicator: str
    code: str | None = None
    period: str | None = None
    period_start: str | None = Field(default=None, description="ISO date the period starts, when known")
    period_end: str | None = Field(default=None, description="ISO date the period ends, when known")
    value: float | None = None
    value_text: str | None = None
    unit: str | None = None
    target: float | None = None
    target_range: tuple[float, float] | None = None
    target_text: str | None = None
    target_derived: bool = False
    benchmarks: list[Benchmark] = Field(default_factory=list)
    intervention: float | None = None
    previous: PreviousValue | None = None
    polarity: Polarity | None = None
    rag: Rag | None = None
    direction: Direction | None = Field(
        default=None, description="direction of travel: improving/worsening/unchanged; up/down when only an arrow says")
    kind: Kind = Field(default="kpi", description="kpi, or activity: a demand count reported without target or RAG")
    commentary: str | None = None
    section: str | None = None
    layout: str
    page: int | None = None
    source_file: str
    source_text: str
    confidence: float = Field(ge=0.0, le=1.0)
    also_from: list[Provenance] = Field(
        default_factory=list, description="other places in the paper merged into this record"
    )
    canonical_id: str | None = Field(default=None, description="id of the matching indicator in the catalogue")
    canonical_name: str | None = Field(default=None, description="the catalogue's name for the indicator")
    catalogue_score: float | None = Field(default=None, description="0-100 similarity of the catalogue match")
    target_status: Literal["met", "missed"] | None = Field(
        default=None, description="computed from value, target and polarity"
    )
    vs_england: Literal["better", "worse", "same"] | None = Field(
        default=None, description="computed from value, the England/National benchmark and polarity"
    )
    rag_disagrees: bool = Field(
        default=False, description="the computed status contradicts the RAG the paper gives"
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


class ExtractionResult(BaseModel):
    """Everything extracting one file gives: its records and what went wrong or was odd."""

    source_file: str
    pages: int = 0
    layouts: list[str] = Field(default_factory=list)
    records: list[KPIRecord] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None
