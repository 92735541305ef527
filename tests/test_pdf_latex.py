"""Papers typeset by TeX (samples/printed/latex: pdfTeX and LuaTeX, tools/print_papers.py): a
producer with habits of its own. Paragraphs are marked by a first-line indent with no space
between them, and run-in headings stand a line's step under a table, in the text's size."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from kpiextract.api import Settings, extract, read_document
from kpiextract.identity import identify
from kpiextract.lexicon import known_words
from kpiextract.readers.document import Document
from kpiextract.readers.pdf.blocks import size_ladder
from kpiextract.readers.pdf.hyphens import Vocabulary
from kpiextract.readers.pdf.model import Word
from kpiextract.readers.pdf.reader import read_pdf

LATEX = Path(__file__).resolve().parents[1] / "samples" / "printed" / "latex"
BCP = LATEX / "bcp-childrens-scrutiny-q3-2023-24.pdf"
OLDHAM = LATEX / "oldham-childrens-performance-q2-2023-24.pdf"


@cache
def document(path: Path) -> Document:
    return read_pdf(path)


def texts(path: Path, page: int, kind: str) -> list[str]:
    return [block.text for block in document(path).pages[page - 1].blocks if block.kind == kind]


def test_an_indented_line_under_a_short_indented_line_opens_a_paragraph() -> None:
    """'6.2 ... (appendix 2)' fills one indented line; '6.3 ...' starts at the same indent under it:
    two paragraphs, so that 6.3 is no figure of 6.2's indicator."""
    blocks = [b for kind in ("paragraph", "heading") for b in texts(BCP, 3, kind)]
    assert "6.2 Children missing out on Education – see exception report (appendix 2)" in blocks
    assert any(b.startswith("6.3 Secondary School Permanent Exclusions") for b in blocks)
    records = extract(BCP).records
    assert not [r for r in records if r.value == 6.3]


def test_a_heading_in_the_texts_size_under_a_table_is_no_label_of_it() -> None:
    """The headed table (a shaded header row, no rules) ends at the bold heading set in the body's
    size under it, larger than the cells: the heading is no section label row of the table, and
    the booktabs table under the heading keeps its own header."""
    page = document(OLDHAM).pages[1]
    heading = "Children’s Social Care & Early Help Areas for Development"
    assert [b.text for b in page.blocks if b.kind == "heading"].count(heading) == 2
    rows = [row for b in page.blocks if b.kind == "table" for row in b.rows]
    assert not [row for row in rows if heading in row[0]]
    assert rows.count(["KPIs", "Comments"]) == 3
    assert not [r for r in extract(OLDHAM).records if r.indicator.endswith("Areas for Development")]


def test_a_word_hyphenated_at_a_line_end_is_whole_again() -> None:
    """TeX breaks 'Improvement' and 'development' in a narrow cell ('Improve-' / 'ment'): both are
    printed whole elsewhere in the paper, so the cell reads as the paper wrote it. 'proactively' is
    printed nowhere unbroken: its hyphen stays, as a word's own hyphen would."""
    cells = [cell for page in document(BCP).pages for block in page.blocks if block.kind == "table"
             for row in block.rows for cell in row]
    assert "Education Improvement Programme Plan in development" in cells
    assert not [cell for cell in cells if "Improve-ment" in cell or "de-velopment" in cell]
    record = next(r for r in extract(BCP).records if r.indicator.endswith("missing out on education")
                  and r.value == 403)
    assert record.commentary is not None and "Improvement Programme Plan in development" in record.commentary
    assert any("proac-tively" in text for text in texts(BCP, 3, "paragraph"))


def word(text: str) -> Word:
    return Word(text, 0.0, 10.0, 0.0, 10.0, 10.0, False, 8.0)


def test_a_hyphen_printed_inside_a_line_or_never_unbroken_stays() -> None:
    vocabulary = Vocabulary()
    vocabulary.see([word(w) for w in ("e-mail", "email", "Amber.", "re-", "referral", "Am-", "ber")])
    text, starts = vocabulary.mend("Am-ber, e-mail and re-referral; Re-Referrals", [(0, 1), (3, 2), (9, 3)])
    assert text == "Amber, e-mail and re-referral; Re-Referrals"
    assert starts == [(0, 1), (2, 2), (8, 3)]



LIGATURES = {chr(code) for code in range(0xFB00, 0xFB07)}
CABINET = LATEX / "buckinghamshire-cabinet-childrens-update-2017-11.pdf"


def test_ligatures_arrive_as_their_letters() -> None:
    """TeX sets 'fi', 'ff', 'ffi' as one glyph: LuaTeX maps it to U+FB01 and the like, pdfTeX to
    one character of two or three letters, as pdfplumber shows. The reader's words hold the
    letters ('significant', 'efficient'), so names and words match the paper's."""
    import pdfplumber

    for path, ligature in ((CABINET, lambda c: c in LIGATURES), (BCP, lambda c: len(c) > 1)):
        with pdfplumber.open(path) as plumber:
            assert any(ligature(char["text"]) for page in plumber.pages[:3] for char in page.chars)
        text = " ".join(" ".join([block.text, *(c for row in block.rows for c in row)])
                        for page in document(path).pages for block in page.blocks)
        assert not set(text) & LIGATURES
        words = set(text.split())
        assert {"first", "significant"} & words and any("ffi" in w or "ff" in w for w in words)


def test_a_capitalised_word_hyphenated_at_a_line_end_is_one_word() -> None:
    """'COMMIT-' / 'TEE' in a heading in capitals: one word, not two ('COMMIT- TEE'). The paper
    prints 'committee' nowhere else, so without the package's vocabulary the hyphen is kept; with
    it (the nouns a committee's name ends with), the word is whole and the committee is read."""
    assert texts(BCP, 1, "heading")[0] == "CHILDREN’S SERVICES OVERVIEW AND SCRUTINY COMMIT-TEE"
    vocabulary = Vocabulary()
    vocabulary.see([word("Committee")])
    assert vocabulary.mend("SCRUTINY COMMIT-TEE")[0] == "SCRUTINY COMMITTEE"
    heading = read_pdf(BCP, known=known_words()).pages[0].blocks[0].text
    assert heading == "CHILDREN’S SERVICES OVERVIEW AND SCRUTINY COMMITTEE"
    committee = identify(read_document(BCP, Settings()), file_name=BCP.name).committee
    assert committee == "Children’s Services Overview and Scrutiny Committee"


def test_a_known_word_joins_only_where_the_paper_never_prints_its_hyphen() -> None:
    """A word the vocabulary knows is joined across a hyphen the paper never prints within a
    line; one the paper prints hyphenated on one line keeps it, and so does a word nobody knows."""
    vocabulary = Vocabulary(known=frozenset({"committee", "email"}))
    vocabulary.see([word("e-mail")])
    assert vocabulary.mend("the COMMIT-TEE by e-mail, a sub-committee, per-formance")[0] == \
        "the COMMITTEE by e-mail, a sub-committee, per-formance"


def test_a_line_short_of_its_column_is_no_wrap_of_the_line_under_it() -> None:
    """A tabular without cell padding sets its rows a line's step apart, like the lines of a
    wrapped cell. 'Date:' ends far short of where its column's text reaches ('Portfolio areas
    affected:'), so 'Date can be implemented:' under it is the next row's, and so is 'Tuesday 21
    November 2017' under 'Monday 13 November 2017': the meeting's date is read."""
    rows = [row for block in document(CABINET).pages[0].blocks if block.kind == "table" for row in block.rows]
    assert ["Date:", "Monday 13 November 2017"] in rows
    assert ["Date can be implemented:", "Tuesday 21 November 2017"] in rows


TEES = Path(__file__).parent / "data" / "latex" / "tees-moor-community-safety-q3-2024-25"


def test_a_section_label_at_the_top_of_a_page_is_a_row_of_the_table_carried_over() -> None:
    """The measures table runs over the page break with no header repeated; the second page opens
    with the label 'Priority 3: Reducing reoffending' (in the cells' type, smaller than the text)
    over more rows in the same columns. The label is a row of the table, not a heading, so its
    rows keep the table's header, and their records are the text's."""
    pdf = TEES.with_suffix(".pdf")
    tables = [block for page in document(pdf).pages for block in page.blocks if block.kind == "table"]
    measures = next(table for table in tables if table.rows[0][0] == "Measure" and len(table.rows[0]) == 4)
    assert ["Priority 3: Reducing reoffending", "", "", ""] in measures.rows
    assert not [block for block in document(pdf).pages[1].blocks if block.text.startswith("Priority 3")]

    def later(path: Path) -> set[tuple[object, ...]]:
        return {(r.indicator, r.period, r.value, r.section) for r in extract(path).records
                if r.section in ("Priority 3: Reducing reoffending", "Priority 4: Safer roads")}

    text = later(TEES.with_suffix(".txt"))
    assert len(text) == 11 and later(pdf) == text


CASTLEBROOK = Path(__file__).parent / "data" / "tables" / "latex" / "castlebrook-housing-tsm-2024-25.pdf"


def test_a_subsection_under_the_title_opens_a_section() -> None:
    """Regression: TeX sets the title (\\section*) at 1.44 times the text and the sections under it
    (\\subsection*) at 1.2 times: by that ratio alone a third-level heading, which opened no
    section, so the table's section was the line under the title. Under a title, the next size
    down is the paper's section level."""
    headings = [(b.level, b.text) for b in document(CASTLEBROOK).pages[0].blocks if b.kind == "heading"]
    assert headings == [(1, "Castlebrook Homes"), (2, "Housing Committee, 10 July 2025"),
                        (2, "Tenant Satisfaction Measures 2024/25")]
    assert {r.section for r in extract(CASTLEBROOK).records} == {"Tenant Satisfaction Measures 2024/25"}


def test_a_largest_type_that_heads_sections_leaves_levels_to_the_ratios() -> None:
    """The ladder is read only under a title (the largest type's lines first, on one page): where
    the largest type heads section after section, the paper's top level may be any ('## Report to
    Cabinet' printed at 1.4 times the text), and the sizes' ratios to the text decide."""
    assert size_ladder([(14.3, 0), (12.0, 0), (12.0, 1)]) == [14.3, 12.0]
    assert size_ladder([(14.0, 0), (12.0, 0), (14.0, 2), (11.0, 2)]) == []
    assert size_ladder([(14.0, 0), (12.0, 0), (14.0, 0)]) == []
    assert size_ladder([(14.0, 0), (14.0, 0)]) == []


def test_subheading_rows_of_a_tabular_without_padding_open_their_sections() -> None:
    """Regression: 'Priority 2: Protecting people at risk' stands a line's step over the row under
    it, as a wrapped name's first line would; it had room on its line for the next line's first
    word, and the row's figures start on that next line: a subheading row of its own, so the rows
    under it are in its section and the paper gives the records its text gives."""

    def facts(path: Path) -> set[tuple[object, ...]]:
        return {(r.indicator, r.period, r.value, r.section) for r in extract(path).records}

    pdf = TEES.with_suffix(".pdf")
    assert ("Domestic abuse incidents", "Quarter 3 2024/25", 1052.0, "Priority 2: Protecting people at risk") \
        in facts(pdf)
    assert facts(pdf) == facts(TEES.with_suffix(".txt"))


def test_the_known_words_are_gathered_only_when_a_broken_word_needs_them() -> None:
    """Gathering them is a pass over the vocabulary and catalogue: a paper whose line-end hyphens
    all make words it prints itself, or that has none, never pays it."""
    asked: list[bool] = []

    def known() -> frozenset[str]:
        asked.append(True)
        return frozenset({"committee"})

    vocabulary = Vocabulary(known=known)
    vocabulary.see([word("performance"), word("report")])
    assert vocabulary.mend("a perfor-mance report")[0] == "a performance report"
    assert vocabulary.mend("no hyphen here")[0] == "no hyphen here"
    assert asked == []
    assert vocabulary.mend("the COMMIT-TEE")[0] == "the COMMITTEE"
    vocabulary.mend("a second COMMIT-TEE")
    assert asked == [True]  # gathered once
