"""The contract every layout keeps (like csvkit's shared utility tests, one mixin for all).

Each layout's test class names a sample block it must read; the mixin checks the same
promises for all: the registered signature, a detection score in [0, 1], records that carry
an indicator and full provenance, and no claim on blocks of a kind it does not handle.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from kpiextract.api import Settings, read_document
from kpiextract.layouts import LAYOUTS, Layout
from kpiextract.layouts.base import Layout as BaseLayout
from kpiextract.layouts.base import as_heading
from kpiextract.layouts.context import DocumentContext, build_context
from kpiextract.models import KPIRecord
from kpiextract.readers.document import Block
from kpiextract.vocab import load

SAMPLES = Path(__file__).parent.parent / "samples"


def sample_blocks(name: str) -> tuple[list[Block], DocumentContext]:
    """A sample paper's blocks by stem, or any test paper by its path under tests/data."""
    data = Path(__file__).parent / "data" / name
    path = data if data.is_file() else next(SAMPLES.glob(f"{name}.*"))
    document = read_document(path, Settings())
    return document.blocks(), build_context(document, load())


class LayoutContract:
    layout_name: str
    sample: str
    pick: Callable[[Block], bool]
    min_records: int = 1

    @pytest.fixture
    def setup(self) -> tuple[Layout, Block, list[Block], DocumentContext]:
        blocks, context = sample_blocks(self.sample)
        block = next(b for b in blocks if type(self).pick(b))
        return LAYOUTS[self.layout_name], block, blocks, context

    def test_registered_under_its_name(self) -> None:
        layout = LAYOUTS[self.layout_name]
        assert isinstance(layout, BaseLayout)
        assert layout.name == self.layout_name
        assert layout.handles

    def test_same_signature_as_the_base(self) -> None:
        layout = LAYOUTS[self.layout_name]
        for method in ("detect", "extract"):
            assert list(inspect.signature(getattr(layout, method)).parameters) == ["block", "context"]

    def test_detects_its_sample(self, setup: tuple[Layout, Block, list[Block], DocumentContext]) -> None:
        layout, block, _, context = setup
        score = layout.detect(block, context)
        assert 0.0 < score <= 1.0

    def test_records_carry_provenance(self, setup: tuple[Layout, Block, list[Block], DocumentContext]) -> None:
        layout, block, _, context = setup
        records = layout.extract(block, context)
        assert len(records) >= self.min_records
        for record in records:
            assert isinstance(record, KPIRecord)
            assert record.indicator.strip()
            assert not re.match(r"[a-z]+\b", record.indicator), "a name reads as a table's row would"
            assert record.layout == self.layout_name
            assert record.source_file == context.source_file
            assert record.page is not None
            assert record.source_text.strip()
            assert 0.0 <= record.confidence <= 1.0

    def test_claims_no_block_of_another_kind(self, setup: tuple[Layout, Block, list[Block], DocumentContext]) -> None:
        layout, _, blocks, context = setup
        for block in blocks:
            if block.kind not in layout.handles:
                assert layout.detect(block, context) == 0.0

    def test_scores_stay_in_range_on_every_block(
            self, setup: tuple[Layout, Block, list[Block], DocumentContext]) -> None:
        layout, _, blocks, context = setup
        for block in blocks:
            assert 0.0 <= layout.detect(block, context) <= 1.0


class TestScorecard(LayoutContract):
    layout_name = "scorecard"
    sample = "buckinghamshire-portfolio-scorecard-2023-05"
    pick = staticmethod(lambda b: b.is_table and b.rows[0][0] == "PI")
    min_records = 3


class TestWideScorecard(LayoutContract):
    layout_name = "wide-scorecard"
    sample = "bcp-childrens-scrutiny-q3-2023-24"
    pick = staticmethod(lambda b: b.is_table and b.rows[0][0] == "Measure")
    min_records = 40


class TestSuccessesTable(LayoutContract):
    layout_name = "successes-table"
    sample = "oldham-childrens-performance-q2-2023-24"
    pick = staticmethod(lambda b: b.is_table and b.rows[0] == ["KPIs", "Comments"])
    min_records = 3


class TestNarrative(LayoutContract):
    layout_name = "narrative"
    sample = "kent-cype-scorecard-2018-09"
    pick = staticmethod(lambda b: b.kind == "paragraph" and b.text.startswith("3.13"))


class TestCard(LayoutContract):
    layout_name = "card"
    sample = "cards/housing-dashboard-2024-12.chromium.txt"
    pick = staticmethod(lambda b: b.kind == "heading" and b.text.startswith("Actual Target Tolerance"))
    min_records = 1


class TestFlatRows(LayoutContract):
    layout_name = "flat-rows"
    sample = "real4/moray-chief-executives-q2-2017-18.txt"
    pick = staticmethod(lambda b: b.kind == "paragraph" and "Code & Name" in b.text)
    min_records = 3


def test_every_registered_layout_has_a_contract_test() -> None:
    tested = {cls.layout_name for cls in LayoutContract.__subclasses__()}
    assert tested == set(LAYOUTS)


@pytest.mark.parametrize(("name", "heading"), [
    ("percentage of care leavers in education", "Percentage of care leavers in education"),
    ("number of first time entrants", "Number of first time entrants"),
    ("% of household waste recycled", "% of household waste recycled"),
    ("eBay listings answered", "eBay listings answered"),       # a word with its own capitals
    ("mRNA doses given", "mRNA doses given"),
    ("x-ray waits under 6 weeks", "x-ray waits under 6 weeks"),  # a compound stays as written
    ("Already capitalised", "Already capitalised"),
])
def test_a_name_from_a_sentence_is_capitalised(name: str, heading: str) -> None:
    assert as_heading(name) == heading
