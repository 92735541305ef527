"""The text reader: .txt/.md papers into the Document model (pages -> blocks -> table rows)."""

from __future__ import annotations

import codecs
from collections.abc import Callable
from pathlib import Path

import pytest

from kpiextract.layouts.headers import header_cells
from kpiextract.readers import Block, Document, ReadError, parse_text, read_text
from kpiextract.vocab import load

LONG = "This paragraph reports the number of children in care and runs on for well over fourteen words before"


def blocks(text: str) -> list[Block]:
    return parse_text(text).blocks()


def tables(document: Document) -> list[Block]:
    return [block for block in document.blocks() if block.is_table]


def only(text: str) -> Block:
    found = blocks(text)
    assert len(found) == 1, [(b.kind, b.text, b.rows) for b in found]
    return found[0]


def all_text(document: Document) -> str:
    parts: list[str] = []
    for block in document.blocks():
        parts.append(block.text)
        parts.extend(cell for row in block.rows for cell in row)
        parts.extend(block.bold)
    return "\n".join(parts)


# --- tables ---------------------------------------------------------------------------------


def test_tab_separated_lines_are_table_rows() -> None:
    table = only("PI\tCurrent Value\tTarget\nRe-referrals\t22.1%\t20%\n")
    assert table.kind == "table" and table.is_table
    assert table.rows == [["PI", "Current Value", "Target"], ["Re-referrals", "22.1%", "20%"]]
    assert table.row_pages == [1, 1]
    assert table.line == 1


def test_table_cells_are_cleaned() -> None:
    table = only("<b>Title:</b>\t**Children's  Services**  Update\n A \t&pound;5m&nbsp;spent \n")
    assert table.rows == [["Title:", "Children's Services Update"], ["A", "£5m spent"]]


def test_empty_cells_and_leading_tabs_are_kept() -> None:
    table = only("Measure\tQ1\tQ2\tComment\nA\t1\t\t\n\t\t\tcarried on\n")
    assert table.rows[1] == ["A", "1", "", ""]
    assert table.rows[2] == ["", "", "", "carried on"]


def test_rows_separated_by_blank_lines_stay_one_table() -> None:
    table = only("Measure\tValue\nA\t1\n\n\n   \nB\t2\n---\nC\t3\n")
    assert [row[0] for row in table.rows] == ["Measure", "A", "B", "C"]


def test_a_header_of_another_width_after_a_blank_line_starts_a_new_table() -> None:
    found = blocks("Ref\tMeasure\tPeriod\tResult\tTarget\nCP02\tBenefit claims\tDec-23\t18.2\t20\n\n"
                   "Measure\tQ3 2023/24 YTD\tTarget\nPlanning in time\t91%\t90%\n")
    assert [block.kind for block in found] == ["table", "table"]
    assert found[1].rows[0] == ["Measure", "Q3 2023/24 YTD", "Target"]


@pytest.mark.parametrize("rows", ["Total\t212\t250", "Empty homes\tn/a\nB\t3\t4", "A\tB\nC\tD",
                                  "Children's services\t\t\nB\t3\t4"])
def test_a_row_of_figures_or_words_after_a_blank_line_carries_the_table_on(rows: str) -> None:
    table = only(f"Measure\tValue\tTarget\nA\t1\t2\n\n{rows}\n")
    assert len(table.rows) == 2 + rows.count("\n") + 1


def test_markup_only_lines_do_not_split_a_table() -> None:
    table = only("Measure\tValue\nA\t1\n&nbsp;\n<br>\nB\t2\n")
    assert [row[0] for row in table.rows] == ["Measure", "A", "B"]


def test_text_between_rows_starts_a_new_table() -> None:
    found = blocks("Measure\tValue\nA\t1\n\nRed indicators\n\nMeasure\tValue\nB\t2\n")
    assert [block.kind for block in found] == ["table", "heading", "table"]
    assert found[0].rows == [["Measure", "Value"], ["A", "1"]]
    assert found[2].rows == [["Measure", "Value"], ["B", "2"]]


def test_repeated_header_row_is_dropped() -> None:
    table = only("PI\tValue\nA\t1\n\nPI\tValue\nB\t2\nPI\tValue\nC\t3\n")
    assert table.rows == [["PI", "Value"], ["A", "1"], ["B", "2"], ["C", "3"]]
    assert len(table.row_pages) == len(table.rows)


def test_repeated_header_with_extra_trailing_tab_is_dropped() -> None:
    table = only("PI\tValue\t\nA\t1\t\nPI\tValue\nB\t2\n")
    assert [row[0] for row in table.rows] == ["PI", "A", "B"]


def test_only_the_header_is_dropped_when_repeated() -> None:
    table = only("PI\tValue\nA\t1\nA\t1\n")
    assert table.rows == [["PI", "Value"], ["A", "1"], ["A", "1"]]


def test_table_across_pages_keeps_each_rows_page() -> None:
    document = parse_text("Measure\tValue\nA\t1\nPage 1\nMeasure\tValue\nB\t2\nPage 2\nC\t3\n")
    (table,) = tables(document)
    assert [row[0] for row in table.rows] == ["Measure", "A", "B", "C"]
    assert table.row_pages == [1, 1, 1, 2]
    assert table.page == 1


def test_table_across_a_form_feed() -> None:
    document = parse_text("Measure\tValue\nA\t1\n\fMeasure\tValue\nB\t2\n")
    (table,) = tables(document)
    assert table.rows == [["Measure", "Value"], ["A", "1"], ["B", "2"]]
    assert table.row_pages == [1, 1, 2]


# --- pages ----------------------------------------------------------------------------------


def test_page_markers_number_pages() -> None:
    document = parse_text("Cover title\nPage 119\nFirst text here.\n\nPage 120\nSecond text here.\n")
    # pages are numbered as they stand in the file; the printed number is the page's label
    assert [(page.number, page.label) for page in document.pages] == [(1, "119"), (2, "120")]
    pages = {block.text: block.page for block in document.blocks()}
    # lines before the first marker take that marker's page
    assert pages == {"Cover title": 1, "First text here.": 1, "Second text here.": 2}
    assert "Page 119" not in all_text(document)


def test_form_feeds_number_pages_and_markers_label_them() -> None:
    document = parse_text("First text.\nPage 7\n\fSecond text.\n\fThird text.\nPage 9\n")
    assert [(page.number, page.label) for page in document.pages] == [(1, "7"), (2, None), (3, "9")]


@pytest.mark.parametrize("marker", ["Page 7", "page 7", "  PAGE 7  "])
def test_page_marker_forms(marker: str) -> None:
    document = parse_text(f"Text before.\n{marker}\nText after.\n")
    assert [block.page for block in document.blocks()] == [1, 1]
    assert document.page_count == 1 and document.pages[0].label == "7"


@pytest.mark.parametrize("footer", ["Page 7 of 12", "Council – Cabinet – 10 December 2024\tPage 7 of 12"])
def test_page_n_of_m_closes_its_page(footer: str) -> None:
    # "Page N of M" is a footer: the text above it is page N, the text after it page N + 1
    document = parse_text(f"Text before.\n{footer}\nText after.\n")
    assert [(block.text, block.page) for block in document.blocks()] == [("Text before.", 1), ("Text after.", 2)]
    assert [page.label for page in document.pages] == ["7", "8"]


def test_bare_page_numbers_after_a_page_of_text_are_footers() -> None:
    body = "\n".join(f"Line {n} of the first page." for n in range(12))
    document = parse_text(f"{body}\nPage 1\nSecond page.\nPage 2\n")
    pages = {block.text: block.page for block in document.blocks()}
    assert (pages["Line 0 of the first page."], pages["Second page."]) == (1, 2)


def test_page_in_a_sentence_is_not_a_marker() -> None:
    document = parse_text("See page 7 of the report for details.\n")
    assert document.blocks()[0].text == "See page 7 of the report for details."
    assert document.blocks()[0].page == 1


def test_form_feeds_start_new_pages() -> None:
    document = parse_text("One.\fTwo.\n\fThree.\n")
    assert document.page_count == 3
    found = [(block.text, block.page) for block in document.blocks()]
    assert found == [("One.", 1), ("Two.", 2), ("Three.", 3)]


def test_line_numbers_are_one_based_source_lines() -> None:
    found = blocks("Heading one\n\nA sentence.\n")
    assert [block.line for block in found] == [1, 3]


# --- paragraphs, headings, bullets ----------------------------------------------------------


def test_short_unpunctuated_line_is_a_level_0_heading() -> None:
    block = only("Children's Social Care & Early Help\n")
    assert (block.kind, block.level, block.text) == ("heading", 0, "Children's Social Care & Early Help")


def test_sentence_is_a_paragraph() -> None:
    block = only("The number of approved fostering households stood at 274.\n")
    assert block.kind == "paragraph"
    assert not block.bullet


def test_markdown_headings_keep_their_level() -> None:
    found = blocks("# Report to Cabinet\n\n## A. National Context ##\n\n###### Deep\n")
    assert [(block.kind, block.level, block.text) for block in found] == [
        ("heading", 1, "Report to Cabinet"),
        ("heading", 2, "A. National Context"),
        ("heading", 6, "Deep"),
    ]


def test_hash_without_space_is_not_a_heading() -> None:
    block = only("#hashtag is how the campaign was shared on social media, with more than forty posts.\n")
    assert block.kind == "paragraph"
    assert block.text.startswith("#hashtag")


def test_bullets_and_nesting() -> None:
    found = blocks("- first item.\n  - nested item.\n* star item.\n+ plus item.\n• dot item.\n"
                   "\t- tab nested.\n")
    assert all(block.bullet and block.kind == "paragraph" for block in found)
    assert [block.text for block in found] == [
        "first item.", "nested item.", "star item.", "plus item.", "dot item.", "tab nested.",
    ]
    assert [block.level for block in found] == [0, 1, 0, 0, 0, 1]


def test_numbered_items() -> None:
    found = blocks("1. This report provides a performance update for the quarter.\n3. Corporate Parenting:\n")
    assert (found[0].kind, found[0].bullet, found[0].text) == (
        "paragraph", True, "This report provides a performance update for the quarter.",
    )
    # a numbered heading keeps its number: it is what marks a new top-level section
    assert (found[1].kind, found[1].text) == ("heading", "3. Corporate Parenting")


def test_bold_phrases_are_kept_aside() -> None:
    block = only("- 3.1 **Number of approved fostering households** – Q3 figure stood at 274, up from 270.\n")
    assert block.bold == ["Number of approved fostering households"]
    assert "**" not in block.text
    assert block.text.startswith("3.1 Number of approved fostering households – Q3")


@pytest.mark.parametrize(
    "marked",
    ["**Re-referrals**", "__Re-referrals__", "<b>Re-referrals</b>", "<strong>Re-referrals</strong>",
     "***Re-referrals***", "<B>Re-referrals</B>"],
)
def test_bold_forms(marked: str) -> None:
    block = only(f"The rate of {marked} rose to 22% this quarter, above the target of 20%.\n")
    assert block.bold == ["Re-referrals"]
    assert block.text == "The rate of Re-referrals rose to 22% this quarter, above the target of 20%."


def test_whole_line_bold_is_a_heading() -> None:
    block = only("**Cabinet is asked to;**\n")
    assert (block.kind, block.level, block.text, block.bold) == (
        "heading", 0, "Cabinet is asked to;", ["Cabinet is asked to;"],
    )


def test_links_keep_their_text() -> None:
    block = only("See the [Ofsted report](https://example.org/ofsted) and <https://example.org/a> for more.")
    assert block.text == "See the Ofsted report and https://example.org/a for more."


def test_emphasis_is_removed() -> None:
    block = only("Performance was *significantly* better than the *target* this year.\n")
    assert block.text == "Performance was significantly better than the target this year."


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("Ranked 1<sup>st</sup> of 152 authorities this year.", "Ranked 1st of 152 authorities this year."),
        ("The rate is <i>much</i> lower than last year.", "The rate is much lower than last year."),
        ("It fell.<br>Then it rose again this year.", "It fell. Then it rose again this year."),
        ("It fell.<br/>It rose.<br />It fell again this year.", "It fell. It rose. It fell again this year."),
        ("Visits rose <span class=\"x\">sharply</span> over the year.", "Visits rose sharply over the year."),
        ("<p>First paragraph.</p><p>Second paragraph here.</p>", "First paragraph. Second paragraph here."),
    ],
)
def test_stray_html_tags_are_removed(raw: str, clean: str) -> None:
    assert only(raw + "\n").text == clean


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("Spend was &pound;5.2m &amp; rising.", "Spend was £5.2m & rising."),
        ("Spend was &#163;5.2m &ndash; up 3%.", "Spend was £5.2m – up 3%."),
        ("Under&nbsp;18s made up &lt;5% of cases.", "Under 18s made up <5% of cases."),
        ("Rated &#8216;Good&#8217; by Ofsted in 2023.", "Rated ‘Good’ by Ofsted in 2023."),
    ],
)
def test_html_entities_are_decoded(raw: str, clean: str) -> None:
    assert only(raw + "\n").text == clean


def test_horizontal_rules_are_blank() -> None:
    found = blocks("One sentence here.\n\n---\n***\n===\n\nAnother sentence here.\n")
    assert [block.text for block in found] == ["One sentence here.", "Another sentence here."]


def test_control_characters_are_dropped() -> None:
    assert only("Bad\x07 byte\x1b in a sentence.\n").text == "Bad byte in a sentence."


# --- paragraphs split by blank lines and page breaks ----------------------------------------


@pytest.mark.parametrize(
    "split",
    ["\n\n", "\f", "\n\nPage 2\n\n", "\n\f\n"],
    ids=["blank-line", "form-feed", "page-marker", "form-feed-with-blanks"],
)
def test_paragraph_cut_mid_sentence_is_joined(split: str) -> None:
    text = f"Page 1\n{LONG}{split}the end of the quarter, when it stood at 274.\n"
    found = blocks(text)
    assert len(found) == 1
    assert found[0].text == f"{LONG} the end of the quarter, when it stood at 274."
    assert found[0].page == 1


def test_paragraph_cut_by_page_break_before_a_capital_is_joined() -> None:
    found = blocks(f"{LONG}\fChildren's Services in March 2024.\n")
    assert [block.text for block in found] == [f"{LONG} Children's Services in March 2024."]


def test_consecutive_line_in_lower_case_is_joined() -> None:
    found = blocks(f"{LONG}\nthe end of the quarter.\n")
    assert [block.text for block in found] == [f"{LONG} the end of the quarter."]


def test_finished_paragraph_is_not_joined() -> None:
    found = blocks(f"{LONG} March.\n\nthe next paragraph starts in lower case for some reason here.\n")
    assert len(found) == 2


def test_paragraph_is_not_joined_to_a_bullet_or_table() -> None:
    found = blocks(f"{LONG}\n\n- a bullet item.\n\n{LONG}\n\nA\tB\n")
    assert [block.kind for block in found] == ["paragraph", "paragraph", "paragraph", "table"]
    assert found[1].bullet


# --- files and encodings --------------------------------------------------------------------

PAPER = "Measure\tValue\tTarget\nSpend per child\t£1,200\t£1,000\nRate – latest\t22%\t20%\n\nIt’s rising.\n"


def write_bytes(tmp_path: Path, data: bytes, name: str = "paper.txt") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def assert_paper(document: Document) -> None:
    (table,) = tables(document)
    assert table.rows == [["Measure", "Value", "Target"], ["Spend per child", "£1,200", "£1,000"],
                          ["Rate – latest", "22%", "20%"]]
    assert document.blocks()[-1].text == "It’s rising."
    text = all_text(document)
    assert "\r" not in text and "\ufeff" not in text


@pytest.mark.parametrize(
    "data",
    [
        PAPER.encode("utf-8"),
        PAPER.encode("utf-8-sig"),
        PAPER.replace("\n", "\r\n").encode("utf-8"),
        PAPER.replace("\n", "\r\n").encode("utf-8-sig"),
        PAPER.replace("\n", "\r").encode("utf-8"),
        PAPER.encode("cp1252"),
        PAPER.replace("\n", "\r\n").encode("cp1252"),
        PAPER.encode("utf-16"),
    ],
    ids=["utf8", "utf8-bom", "utf8-crlf", "utf8-bom-crlf", "utf8-cr", "cp1252", "cp1252-crlf", "utf16-bom"],
)
def test_encodings_and_line_endings(tmp_path: Path, data: bytes) -> None:
    document = read_text(write_bytes(tmp_path, data))
    assert document.source == "paper.txt"
    assert_paper(document)


def test_latin1_bytes(tmp_path: Path) -> None:
    # "£" is 0xA3 in both Latin-1 and Windows-1252; 0x81 is undefined in Windows-1252.
    document = read_text(write_bytes(tmp_path, b"Spend was \xa35m, up from \xa34m, code \x81x.\n"))
    assert document.blocks()[0].text == "Spend was £5m, up from £4m, code \x81x."


def test_cp1252_punctuation(tmp_path: Path) -> None:
    document = read_text(write_bytes(tmp_path, b"\x93Good\x94 \x96 rated by Ofsted \x85 \x80100.\n"))
    assert document.blocks()[0].text == "“Good” – rated by Ofsted … €100."


@pytest.mark.parametrize(
    "data", [b"", b"   \n\n\t \r\n", b"\xef\xbb\xbf", b"\xef\xbb\xbf\r\n  \n", b"\f\f"],
    ids=["empty", "whitespace", "bom-only", "bom-whitespace", "form-feeds"],
)
def test_empty_file_is_a_read_error(tmp_path: Path, data: bytes) -> None:
    with pytest.raises(ReadError, match=r"^paper\.txt: the file is empty$"):
        read_text(write_bytes(tmp_path, data))


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (bytes(range(256)) * 8, "a binary file"),
        (b"Some text\x00\x00\x00 then nulls", "a binary file"),
        (bytes(b % 31 + 1 for b in range(2000)), "a binary file"),  # control bytes, no NUL
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\n", "a PDF"),
        (b"PK\x03\x04\x14\x00\x06\x00word/document.xml", "a zip archive"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a PNG image"),
    ],
    ids=["all-bytes", "nul", "controls", "pdf", "docx", "png"],
)
def test_binary_file_is_a_read_error(tmp_path: Path, data: bytes, kind: str) -> None:
    with pytest.raises(ReadError) as caught:
        read_text(write_bytes(tmp_path, data))
    message = str(caught.value)
    assert message.startswith(f"paper.txt: looks like {kind}")
    assert "\n" not in message


@pytest.mark.parametrize(
    "data",
    [
        codecs.BOM_UTF32_LE + bytes(range(256)) * 50,  # issue 10: read as UTF-16, "no KPI records", exit 0
        codecs.BOM_UTF32_BE + b"\xff\xff\xff\xff" * 100,
        codecs.BOM_UTF16_LE + b"\x00\xd8" * 100,  # lone surrogates
    ],
    ids=["utf32le-bom-binary", "utf32be-bom-binary", "utf16-bom-surrogates"],
)
def test_a_byte_order_mark_before_binary_is_a_read_error(tmp_path: Path, data: bytes) -> None:
    with pytest.raises(ReadError, match=r"^paper\.txt: not text: a UTF-(32|16) byte-order mark followed by"):
        read_text(write_bytes(tmp_path, data))


@pytest.mark.parametrize("encoding", ["utf-32", "utf-16"])
def test_text_with_a_byte_order_mark_is_read(tmp_path: Path, encoding: str) -> None:
    assert_paper(read_text(write_bytes(tmp_path, PAPER.encode(encoding))))


def test_control_characters_after_decoding_are_a_read_error(tmp_path: Path) -> None:
    # UTF-16 text of control characters: valid UTF-16, but nobody's paper
    data = ("Indicator\x01\x02\x03\x04 value \x05\x06\x07" * 100).encode("utf-16")
    with pytest.raises(ReadError, match=r"^paper\.txt: looks like a binary file"):
        read_text(write_bytes(tmp_path, data))


def test_word_bullets_in_private_use_are_text(tmp_path: Path) -> None:
    data = "\uf0b7 5%\n\uf0b7 6%\n\uf0b7 7%\n".encode()
    assert read_text(write_bytes(tmp_path, data)).blocks()


def test_tabs_and_form_feeds_are_not_binary(tmp_path: Path) -> None:
    data = ("A\tB\tC\n1\t2\t3\n\f" * 200).encode()
    document = read_text(write_bytes(tmp_path, data))
    assert document.page_count == 200


# --- the bundled samples --------------------------------------------------------------------


def test_bcp_appendix_table(sample: Callable[[str], Path]) -> None:
    document = read_text(sample("bcp-childrens-scrutiny-q3-2023-24.txt"))
    appendix = [table for table in tables(document) if table.rows[0][0] == "Measure"]
    assert len(appendix) == 1
    table = appendix[0]
    assert table.rows[0][:2] == ["Measure", "Q1 Target 2023/24"]
    assert table.rows[0][-2:] == ["Reason for level of Performance", "Actions taken or planned"]
    # The continuation row (leading empty cells) after a blank line is in the same table,
    # right after the row it continues, and so are the rows after later blank lines.
    first_cells = [row[0] for row in table.rows]
    continuation = next(i for i, row in enumerate(table.rows) if row[0] == "" and any(row))
    assert "Number of children who are missing out on education" in first_cells[continuation - 1]
    assert any(cell.startswith("i.e. as in the same way") for cell in table.rows[continuation])
    assert any("Early Years" in cell for cell in first_cells)
    assert "New - % of CIN cases closed with no re-referral within 12 months" in first_cells[-1]
    assert len(table.rows) == 21
    assert len(table.row_pages) == len(table.rows)


def test_bcp_cover_table_and_bold_kpi_names(sample: Callable[[str], Path]) -> None:
    document = read_text(sample("bcp-childrens-scrutiny-q3-2023-24.txt"))
    cover = tables(document)[0]
    subject = "Q3 2023-24 Corporate Performance Update – Children's Services"
    assert cover.rows[0] == ["Report subject", subject]
    bold = [phrase for block in document.blocks() for phrase in block.bold]
    assert "Number of approved fostering households" in bold


def test_buckinghamshire_scorecard_has_two_section_tables(sample: Callable[[str], Path]) -> None:
    document = read_text(sample("buckinghamshire-portfolio-scorecard-2023-05.txt"))
    header = ["PI", "Aim to:", "Current Value", "Target", "Trend Chart", "Benchmarking", "Commentary"]
    found = tables(document)
    assert len(found) == 2
    assert [table.rows[0] for table in found] == [header, header]
    # the header repeated above every indicator is dropped
    assert [sum(row == header for row in table.rows) for table in found] == [1, 1]
    assert [len(table.rows) - 1 for table in found] == [3, 6]
    assert found[1].rows[1][0] == "Key Stage 4 average Attainment 8 score"
    # "Page 119" labels the paper's one page, and the section headings sit before their tables
    assert {block.page for block in document.blocks()} == {1} and document.pages[0].label == "119"
    assert all(page == 1 for table in found for page in table.row_pages)
    headings = [block.text for block in document.blocks() if block.kind == "heading"]
    assert "4. Education and Childrens Services Portfolio RED" in headings
    assert "4. Education and Childrens Services Portfolio GREEN" in headings


def test_buckinghamshire_markdown_paper(sample: Callable[[str], Path]) -> None:
    document = read_text(sample("buckinghamshire-cabinet-childrens-update-2017-11.md"))
    found = document.blocks()
    assert (found[0].kind, found[0].level, found[0].text) == ("heading", 2, "Report to Cabinet")
    cover = tables(document)[0]
    assert cover.rows[0] == ["Title:", "Children's Services Update"]
    assert ("heading", 3, "Summary") in [(block.kind, block.level, block.text) for block in found]
    assert any(block.bullet for block in found)
    text = all_text(document)
    for markup in ("<b>", "</b>", "**", "<https:"):
        assert markup not in text


@pytest.mark.parametrize(
    "name",
    [
        "bcp-childrens-scrutiny-q3-2023-24.txt",
        "buckinghamshire-cabinet-childrens-update-2017-11.md",
        "buckinghamshire-portfolio-scorecard-2023-05.txt",
        "kent-cype-scorecard-2018-09.txt",
        "oldham-childrens-performance-q2-2023-24.txt",
    ],
)
def test_every_sample_reads_cleanly(sample: Callable[[str], Path], name: str) -> None:
    document = read_text(sample(name))
    assert not document.is_empty()
    assert document.source == name
    assert any(block.kind == "heading" for block in document.blocks())
    for block in document.blocks():
        assert block.page >= 1
        assert block.line >= 1
        assert len(block.row_pages) == len(block.rows)
        assert block.kind in ("heading", "paragraph", "table")
        assert block.text == block.text.strip()
    text = all_text(document)
    assert "\r" not in text and "\ufeff" not in text and "\t" not in text


def test_markdown_pipe_tables_are_tables() -> None:
    found = blocks("| PI | Current Value | Target |\n|---|---:|:---:|\n| % of calls answered | 81% | 85% |\n"
                   "| Missed bins per 100,000 | 61 | 50 |\n")
    assert [b.kind for b in found] == ["table"]
    assert found[0].rows == [["PI", "Current Value", "Target"], ["% of calls answered", "81%", "85%"],
                             ["Missed bins per 100,000", "61", "50"]]


def test_a_line_with_one_pipe_is_prose() -> None:
    assert [b.kind for b in blocks("Calls answered | a note on method that is not a table at all.\n")] == [
        "paragraph"]


def test_a_statement_without_its_full_stop_is_a_paragraph_not_a_heading() -> None:
    """Regression: 'Tonnes of waste recycled is 16,313 against a target of 13,110' (a short line,
    no full stop) was read as a heading, so no layout saw its figures."""
    document = parse_text("Waste report\n\nTonnes of waste recycled is 16,313 against a target of 13,110\n\n"
                          "Progress report\n", source="paper.txt")
    kinds = [(block.kind, block.text[:12]) for block in document.blocks()]
    assert kinds == [("heading", "Waste report"), ("paragraph", "Tonnes of wa"), ("heading", "Progress rep")]


def test_two_statements_left_without_full_stops_stay_apart() -> None:
    """Regression: a paragraph ending on a figure with no full stop was joined to the next, so two
    KPIs became one sentence and the second was lost."""
    text = ("The percentage of household waste sent for recycling this quarter is 42% against a target of 55.6%\n\n"
            "Tonnes of waste sent for recycling is 16,313 against a target of 13,110\n")
    paragraphs = [block.text for block in parse_text(text, source="paper.txt").blocks()]
    assert len(paragraphs) == 2 and paragraphs[1].startswith("Tonnes")


@pytest.mark.parametrize(("line", "heading"), [
    ("28 days 30 days 31 days 35 days", False),  # a card's row of figures under its labels
    ("97.2% 98% 96.5%", False),
    ("Quarter 2 2024/25", True),                 # a period heading dates its section
    ("Table 3 Key Stage 2 results", True),
    ("25 September 2018", True),                 # a date: its year is no figure
])
def test_a_row_of_figures_is_no_heading(line: str, heading: bool) -> None:
    document = parse_text(f"Some report\n\n{line}\n\nA sentence after it, in full.\n", source="x.txt")
    assert any(b.kind == "heading" and b.text == line for b in document.blocks()) is heading


# --- tables set out with spaces -------------------------------------------------------------

SPACED_TABLE = """Street scene measures

 Measure  2022/23 result  2023/24 target
Bins reported missed per 100,000 collections (Minimise)  61  45
% of streets graded clean at inspection  93.4%  95%
Days to remove abandoned vehicles (Minimise)  n/a  5 days
"""


def test_a_table_set_out_with_runs_of_spaces_is_a_table() -> None:
    """Text copied from a web page sets cells apart with two or more spaces, not tabs (a real
    waste page gave one record, its name cut short, from eight rows)."""
    [table] = tables(parse_text(SPACED_TABLE))
    assert table.rows[0] == ["Measure", "2022/23 result", "2023/24 target"]
    assert table.rows[2] == ["% of streets graded clean at inspection", "93.4%", "95%"]
    assert table.rows[3] == ["Days to remove abandoned vehicles (Minimise)", "n/a", "5 days"]


def test_a_spaced_table_gives_a_record_per_row() -> None:
    from kpiextract.api import extract_document

    records = {r.indicator: r for r in extract_document(parse_text(SPACED_TABLE, source="paper.txt"))}
    streets = records["% of streets graded clean at inspection"]
    assert (streets.value, streets.period) == (93.4, "2022/23")
    assert streets.target is None  # "2023/24 target" is next year's, not the 2022/23 result's
    assert records["Bins reported missed per 100,000 collections"].value == 61


@pytest.mark.parametrize("text", [
    # prose with two spaces after its full stops
    "The rate fell to 61.  Members noted this.  The target is 45.\n"
    "It rose again to 70.  Members asked why.  It is 45.\n",
    # a card's figures spaced under their labels: no row opens with a name
    "Bins missed\n  Current   Target   Last quarter\n   61        45        58\n",
    # one spaced line alone is not a table
    "Bins reported missed per 100,000 collections  61  45\n",
])
def test_spaces_alone_do_not_make_a_table(text: str) -> None:
    assert not tables(parse_text(text))


LAYOUT_KEPT = """Quarter 3 2024/25 results

Measure                                       Target     Actual     Status
Homes re-let within the standard time          85%        81%        Amber
Council homes with a valid gas safety          100%       99.6%      Red
certificate on the last day of the quarter
Waste and streets
Streets graded clean at inspection            94%        96%        Green
Fly-tips cleared within two working days      95%        97%        Green
"""


def test_a_spaced_table_with_a_status_column_a_wrapped_name_and_a_group_title() -> None:
    """PDF text kept in its layout: a status column of words, a name wrapped under itself and a
    group's title between rows each stopped the table, so it gave no record."""
    [table] = tables(parse_text(LAYOUT_KEPT))
    assert table.rows[0] == ["Measure", "Target", "Actual", "Status"]
    assert table.rows[2] == ["Council homes with a valid gas safety certificate on the last day of the quarter",
                             "100%", "99.6%", "Red"]
    assert table.rows[3] == ["Waste and streets", "", "", ""]
    assert table.rows[5] == ["Fly-tips cleared within two working days", "95%", "97%", "Green"]


def test_a_spaced_table_with_a_status_column_gives_rated_records() -> None:
    from kpiextract.api import extract_document

    records = {r.indicator: r for r in extract_document(parse_text(LAYOUT_KEPT, source="paper.txt"))}
    gas = records["Council homes with a valid gas safety certificate on the last day of the quarter"]
    assert (gas.value, gas.target, gas.rag) == (99.6, 100.0, "red")
    assert records["Streets graded clean at inspection"].section == "Waste and streets"


@pytest.mark.parametrize("text", [
    # words alone after the name: a list of officers, no figure
    "Lead officers\nHousing  Jo Bell  Green\nWaste  Sam Iqbal  Amber\n",
    # a title after the last row is no group's title: nothing follows it
    "Homes re-let within the standard time   85%   81%\nSummary of the quarter\n",
])
def test_status_words_and_titles_alone_make_no_spaced_table(text: str) -> None:
    assert not tables(parse_text(text))


RUN_ON_TABLE = """Adult social care outcomes

Measure 2022/23 Outturn 2023/24 Outturn 2023/24 Target 2022/23 England Average
Proportion of carers who feel involved in decisions 71.2% 74.0% 75.0% 69.9%
Adults with a learning disability in paid employment 5.1% 5.8% no tgt 4.8%
Carer-reported quality of life score 7.1 7.3 7.5 n/a
"""


def test_rows_run_on_with_single_spaces_under_a_header_of_periods_are_a_table() -> None:
    """Text taken from a PDF without its layout keeps one space between cells; a real ASCOF page
    set out this way gave no record at all."""
    [table] = tables(parse_text(RUN_ON_TABLE))
    assert table.rows[0] == ["Measure", "2022/23 Outturn", "2023/24 Outturn", "2023/24 Target",
                             "2022/23 England Average"]
    assert table.rows[2] == ["Adults with a learning disability in paid employment", "5.1%", "5.8%", "no tgt", "4.8%"]
    assert table.rows[3] == ["Carer-reported quality of life score", "7.1", "7.3", "7.5", "n/a"]


def test_a_run_on_table_gives_each_row_its_figures_by_period() -> None:
    from kpiextract.api import extract_document

    records = extract_document(parse_text(RUN_ON_TABLE, source="paper.txt"))
    latest = {r.indicator: r for r in records if r.period == "2023/24"}
    carers = latest["Proportion of carers who feel involved in decisions"]
    assert (carers.value, carers.target) == (74.0, 75.0)


@pytest.mark.parametrize("text", [
    # a heading with two years over prose
    "Performance 2022/23 and 2023/24\nThe rate of missed bins fell this year. It is now 45.\nIt was 61 a year ago.\n",
    # rows whose figure count does not match the header's periods
    "Measure 2022/23 2023/24\nBins missed per 100,000 collections 61\nStreets graded clean at inspection 93%\n",
])
def test_a_header_of_periods_alone_does_not_make_a_table(text: str) -> None:
    assert not tables(parse_text(text))


QUARTERS_SO_FAR = """Licensing service standards 2024/25
Service standard Target Q1 (April to June 2024) Q2 (July to September 2024) Q3 (October to December 2024) \
Q4 (January to March 2025)
Taxi licences issued within 10 working days 95% 97%
Premises licence variations decided in time 90% 84%
Average wait for a street trading permit 12 days 9.5 days
"""

YEARS_SPELT = """Licensing results by year
Service standard 2021 to 2022 2022 to 2023 2023 to 2024
Taxi licences issued within 10 working days 91% 94% 96%
Average wait for a street trading permit 15 11 10
Keep complaints upheld below 5% Not available 4% 3%
"""


def vocab_tables(text: str) -> list[Block]:
    return tables(parse_text(text, header_cell=header_cells(load())))


def test_a_run_on_table_with_a_target_column_and_quarters_not_reached_yet() -> None:
    """A real planning page printed 'Indicator Target Q1 (..) Q2 (..) Q3 (..) Q4 (..)' with only
    the target and the first quarter filled in, one space between cells: it gave no record."""
    [table] = vocab_tables(QUARTERS_SO_FAR)
    assert table.rows[0] == ["Service standard", "Target", "Q1 (April to June 2024)", "Q2 (July to September 2024)",
                             "Q3 (October to December 2024)", "Q4 (January to March 2025)"]
    assert table.rows[1] == ["Taxi licences issued within 10 working days", "95%", "97%", "", "", ""]
    assert table.rows[3] == ["Average wait for a street trading permit", "12 days", "9.5 days", "", "", ""]


def test_quarters_not_reached_yet_give_the_first_quarters_figures_against_their_target() -> None:
    from kpiextract.api import extract_document

    records = extract_document(parse_text(QUARTERS_SO_FAR, source="paper.txt", header_cell=header_cells(load())))
    taxis = {r.indicator: r for r in records}["Taxi licences issued within 10 working days"]
    assert (taxis.value, taxis.target, taxis.period) == (97.0, 95.0, "Q1 2024/25")


def test_years_spelt_with_to_head_a_run_on_table_and_not_available_is_a_cell() -> None:
    [table] = vocab_tables(YEARS_SPELT)
    assert table.rows[0] == ["Service standard", "2021 to 2022", "2022 to 2023", "2023 to 2024"]
    assert table.rows[3] == ["Keep complaints upheld below 5%", "Not available", "4%", "3%"]


@pytest.mark.parametrize("text", [
    # rows stopping short under year columns: a cell is missing, no quarter is still to come
    "Service standard Target 2022/23 2023/24\nTaxi licences issued within 10 working days 95% 97%\n"
    "Premises licence variations decided in time 90% 84%\n",
    # rows of different widths under quarters: which quarter a figure is for cannot be told
    QUARTERS_SO_FAR.replace("90% 84%", "90% 84% 88%"),
])
def test_rows_short_of_the_header_stay_text_unless_all_stop_before_the_same_quarter(text: str) -> None:
    assert all(len(table.rows) < 3 for table in vocab_tables(text))
