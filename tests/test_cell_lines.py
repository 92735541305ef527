"""Tables that arrive one cell a line (a web page's table copied as text, a PDF taken to text
without its layout): read as tables when a header by the vocabulary heads rows that fit it, and
nothing else is."""

from __future__ import annotations

from pathlib import Path

import pytest

from kpiextract.api import extract
from kpiextract.layouts.headers import header_cells
from kpiextract.readers import Block, parse_text
from kpiextract.vocab import load

RELET = """Fenwold District Council
Tenancy services

Performance Indicator
2023/24
2022/23
Total number of homes re-let
343
443
Average days to re-let
34 days
28 days
Rent collected as a percentage of rent due
97.2%
96.8%

These figures were agreed by the tenancy panel in May.
"""


def blocks(text: str) -> list[Block]:
    return parse_text(text, header_cell=header_cells(load())).blocks()


def tables(text: str) -> list[Block]:
    return [block for block in blocks(text) if block.is_table]


def test_a_header_run_and_rows_of_its_width_are_a_table() -> None:
    [table] = tables(RELET)
    assert table.rows == [
        ["Performance Indicator", "2023/24", "2022/23"],
        ["Total number of homes re-let", "343", "443"],
        ["Average days to re-let", "34 days", "28 days"],
        ["Rent collected as a percentage of rent due", "97.2%", "96.8%"],
    ]


def test_the_text_around_the_table_stays_as_it_was() -> None:
    found = blocks(RELET)
    assert [block.text for block in found if not block.is_table] == [
        "Fenwold District Council", "Tenancy services", "These figures were agreed by the tenancy panel in May."]
    assert found[2].is_table and found[2].line == 4


def test_blank_lines_between_cells_are_skipped() -> None:
    [table] = tables(RELET.replace("\n", "\n\n"))
    assert len(table.rows) == 4 and table.rows[2] == ["Average days to re-let", "34 days", "28 days"]


def test_status_words_are_cells_of_a_status_column() -> None:
    text = ("Measure\nActual\nTarget\nStatus\nMissed bins per 100,000 collections\n41\n50\nOn track\n"
            "Fly-tips cleared within two days\n88%\n95%\nOff track\n")
    [table] = tables(text)
    assert table.rows[2] == ["Fly-tips cleared within two days", "88%", "95%", "Off track"]


def test_a_commentary_column_holds_sentences() -> None:
    text = ("Measure\nActual\nTarget\nCommentary\nMissed bins per 100,000 collections\n41\n50\n"
            "Fewer misses since the new rounds began.\nFly-tips cleared within two days\n88%\n95%\n"
            "Two crews were off sick in August, so clearance slowed.\n")
    [table] = tables(text)
    assert table.rows[1] == ["Missed bins per 100,000 collections", "41", "50",
                             "Fewer misses since the new rounds began."]


def test_figures_with_a_note_in_brackets_are_figure_cells() -> None:
    text = ("Key Performance Indicator\nBaseline\nTarget\nActual\n"
            "Pupils absent with an education plan\n11.8% (academic year 21/22)\n10% (national 21/22)\n12.4%\n"
            "Assessments finished in 20 weeks\n41% (2022)\n60%\n52%\n")
    [table] = tables(text)
    assert table.rows[1][1] == "11.8% (academic year 21/22)"


def test_the_table_ends_at_the_first_lines_that_are_no_row() -> None:
    # the last row lost a cell: it would read shifted, so it stays text
    text = RELET.replace("97.2%\n96.8%\n", "97.2%\n")
    [table] = tables(text)
    assert len(table.rows) == 3
    assert "Rent collected as a percentage of rent due" in [block.text for block in blocks(text)]


def test_a_word_under_a_figures_header_is_no_row() -> None:
    text = RELET.replace("343\n443\n", "343\nnot collected\n")
    assert tables(text) == []


def test_a_tab_row_is_never_a_cell() -> None:
    text = RELET.replace("Average days to re-let\n", "Void homes\t12\t15\nAverage days to re-let\n")
    found = tables(text)
    assert ["Void homes", "12", "15"] in [row for table in found for row in table.rows]
    assert all(len(row) == 3 for table in found for row in table.rows)


def test_without_the_vocabulary_the_lines_stay_lines() -> None:
    assert not any(block.is_table for block in parse_text(RELET).blocks())


@pytest.mark.parametrize("text", [
    pytest.param("Performance Indicator\n2023/24\n2022/23\nHomes re-let\n343\n443\n", id="one row"),
    pytest.param("Measure\nLead officer\nStatus\nHomes re-let\nHousing manager\nGreen\n"
                 "Rent arrears\nIncome manager\nAmber\n", id="no figure column"),
    pytest.param("Homes re-let\n343\nTarget\n400\nAverage days to re-let\n34 days\nTarget\n30 days\n", id="cards"),
    pytest.param("Measure\nResult\nHomes re-let\n343\nAverage days to re-let\n34 days\n", id="label and figure"),
    pytest.param("Key measures\n- Homes re-let\n- Rent collected\n- Average days to re-let\n", id="bullets"),
    pytest.param("Performance indicators\nThe council re-let 343 homes in the year.\n"
                 "It took 34 days on average to re-let a home.\nRent collected was 97.2% of rent due.\n",
                 id="prose"),
    pytest.param("Indicator\nTarget\nActual\n- Homes re-let\n343\n400\n- Average days to re-let\n34\n30\n",
                 id="bulleted names"),
])
def test_no_table_without_a_header_and_rows_that_fit_it(text: str) -> None:
    assert tables(text) == []


def test_records_from_a_text_paper(tmp_path: Path) -> None:
    paper = tmp_path / "fenwold-tenancy.txt"
    paper.write_text(RELET, encoding="utf-8")
    records = {(r.indicator, r.period): r.value for r in extract(paper).records}
    assert records[("Total number of homes re-let", "2023/24")] == 343
    assert records[("Average days to re-let", "2022/23")] == 28
    assert records[("Rent collected as a percentage of rent due", "2023/24")] == pytest.approx(97.2)


# A status and two trend columns printed as icons: their cells have no line, so each row is its
# name and the figures it has; a period alone spans the figure columns under it.
ICON_COLUMNS = """Growth and housing

Measure

Q3 2024/25

Value

Target

Status

Short Trend (Last Quarter)

Long Trend (Last Year)

Lettings agreed within four weeks

81.20%

85%

Empty homes brought back into use

14

Private rented homes inspected

212

180

Average days to decide a housing register application

16.5

20

These results go to the housing committee in March.
"""

# A converter that ends each cell with a pipe keeps an empty cell as a line of its own.
PIPE_ENDED = """Growth and housing
Measure |
Q3 2024/25 |
||||
Value |
Target |
Status |
Long Trend |
Short Trend |
|
Lettings agreed within four weeks |
81.20% |
85% |
|
N/A |
|
Empty homes brought back into use |
14 |
|
|
|
|
Private rented homes inspected |
212 |
180 |
|
N/A |
|
These results go to the housing committee in March.
"""


def test_a_table_whose_icon_columns_left_no_lines_is_read_row_by_row() -> None:
    """A real planning committee's appendix, copied as text, lost every status and trend cell
    (icons) and gave no record."""
    [table] = tables(ICON_COLUMNS)
    assert table.rows == [
        ["Measure", "Q3 2024/25 Value", "Q3 2024/25 Target"],
        ["Lettings agreed within four weeks", "81.20%", "85%"],
        ["Empty homes brought back into use", "14", ""],
        ["Private rented homes inspected", "212", "180"],
        ["Average days to decide a housing register application", "16.5", "20"],
    ]


def test_cells_ended_by_pipes_keep_their_empty_cells() -> None:
    [table] = tables(PIPE_ENDED)
    assert table.rows[0] == ["Measure", "Q3 2024/25 Value", "Q3 2024/25 Target", "Status", "Long Trend",
                             "Short Trend"]
    assert table.rows[2] == ["Empty homes brought back into use", "14", "", "", "", ""]
    assert table.rows[3] == ["Private rented homes inspected", "212", "180", "", "N/A", ""]


@pytest.mark.parametrize("text", [ICON_COLUMNS, PIPE_ENDED])
def test_rows_with_dropped_cells_give_their_value_and_target_for_the_spanning_period(text: str) -> None:
    from kpiextract.api import extract_document

    records = {r.indicator: r for r in extract_document(
        parse_text(text, source="paper.txt", header_cell=header_cells(load())))}
    lettings = records["Lettings agreed within four weeks"]
    assert (lettings.value, lettings.target, lettings.period) == (81.2, 85.0, "Q3 2024/25")
    empty = records["Empty homes brought back into use"]
    assert (empty.value, empty.target) == (14, None)


def test_without_an_icon_column_a_row_short_of_a_cell_still_stops_the_table() -> None:
    # every column holds figures: a row with one figure cannot be placed
    text = ("Measure\nQ3 2024/25\nQ2 2024/25\nTarget\nLettings agreed within four weeks\n81%\n79%\n85%\n"
            "Empty homes brought back into use\n14\nPrivate rented homes inspected\n212\n200\n180\n")
    assert tables(text) == []


def test_a_name_wrapped_onto_its_own_line_and_a_row_not_yet_reported_stay_in_the_table() -> None:
    """The same appendix a year on: a name ran onto a second line in brackets, and a KPI had
    'TBC' for its value; each stopped the table."""
    text = ICON_COLUMNS.replace("Empty homes brought back into use\n\n14\n",
                                "Empty homes brought back into use\n\n(count over the quarter)\n\n14\n")
    text = text.replace("212\n\n180\n", "TBC\n\nN/A\n")
    [table] = tables(text)
    assert table.rows[2] == ["Empty homes brought back into use (count over the quarter)", "14", ""]
    assert table.rows[3] == ["Private rented homes inspected", "TBC", "N/A"]
    assert table.rows[4] == ["Average days to decide a housing register application", "16.5", "20"]


# Pipe-ended cells with the indicator's column fourth, an unnamed column of row numbers first and a
# target column that sometimes holds a time rather than a share.
PIPED_WIDE = """Appendix 3 |
Service standards 2024/25 |
|
Lead |
Team |
Indicator |
Target |
Q1 |
Q2 |
Notes |
|
1 |
|
Licensing |
Taxi licences issued within 10 working days |
95% |
96.10% |
97.40% |
|
2 |
Y |
Licensing |
Premises licence variations decided in time |
90% |
88.00% |
91.50% |
Two staff joined in July |
3 |
|
Revenues |
Letters answered within 10 working days |
10 working days |
93% |
95% |
|
"""


def test_piped_cells_whose_indicator_column_is_not_first_are_read() -> None:
    """A real appendix set one cell a line with pipes had its indicator fourth, after a row
    number with no header, and gave no record."""
    [table] = tables(PIPED_WIDE)
    assert table.rows[0] == ["", "Lead", "Team", "Indicator", "Target", "Q1", "Q2", "Notes"]
    assert table.rows[2] == ["2", "Y", "Licensing", "Premises licence variations decided in time", "90%",
                             "88.00%", "91.50%", "Two staff joined in July"]
    assert len(table.rows) == 4


def test_a_time_in_the_target_column_is_no_target_for_a_share() -> None:
    from kpiextract.api import extract_document

    records = extract_document(parse_text(PIPED_WIDE, source="paper.txt", header_cell=header_cells(load())))
    letters = [r for r in records if r.indicator == "Letters answered within 10 working days"]
    assert letters and {r.target for r in letters} == {None}
    taxis = [r for r in records if r.indicator == "Taxi licences issued within 10 working days" and r.target]
    assert [(r.value, r.target) for r in taxis] == [(97.4, 95.0)]
