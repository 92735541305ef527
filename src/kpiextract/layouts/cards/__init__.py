"""Dashboard cards: one KPI per card, a title, a status, a chart and a few labelled figures.

Quarterly performance reports are often dashboards rather than tables: each KPI gets a card
with its name (perhaps a code), a RAG word or status phrase, a chart whose axis labels leak
into the text layer, and its figures, either as labelled values
("Latest: 97%  Target: 97%, Floor: 90%  Previous: 97% (Green)", "This month: 12.3 days
Threshold: 15 days") or as a mini-table ("Actual | Target | Tolerance | DoT" over
"34.1 days | 25 days | 30 days | ↓"). The same card, printed by another producer or exported
to text, arrives as other blocks: the labels and values on one line or two, the mini-table as a
table or as two lines, the chart as lines of bare figures or one glued run.

A card is recognised by structure and vocabulary, never by a paper's wording: figures labelled
with the header words of patterns/headers.toml (value, target, intervention, previous,
benchmark, direction, status, polarity), and a title found by walking back from them past the
chart, the status and any note under the chart. The card owns every block from its title to
the end of its commentary: chart text and notes never become records, and the commentary's
repeat of the card's figure is part of the card.

Reading rules:
- a floor, tolerance or threshold is the intervention level; "Previous", "Last month", "Last
  quarter" is the previous value, and "(Green)" after it is that period's rating, not this one;
- a direction of travel (an arrow, "improving") is the record's direction; what an arrow means
  comes from the paper's key ("↑ improving"), else from the figures;
- the period comes from the card's own labels ("Latest (Sep-24)", "Period: Q2 2023/24"), else
  the section or the paper's period, else the last label on the chart's time axis; never from a
  note ("No data for Dec-24");
- activity indicators (a demand count with no target and no RAG, or one the card or its section
  calls "activity", "contextual", "no target") are records of kind "activity".
"""

from .layout import CardLayout
from .reader import cards_of

__all__ = ["CardLayout", "cards_of"]
