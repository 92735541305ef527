"""Split running text into sentences without breaking on decimals, abbreviations or bullets.

Council prose is full of full stops that end nothing: "57.4", "e.g.", "No. 3", "i.e.", "Cllr.",
"St. Mary's", "c. 40". A sentence ends at . ! ? (or a bullet mark) followed by a space and a
capital, digit, quote or bullet, unless the word before the stop is a known abbreviation.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

ABBREVIATIONS = {
    "e.g", "eg", "i.e", "ie", "etc", "no", "nos", "vs", "cf", "approx", "c", "ca", "fig", "figs", "para",
    "paras", "ref", "mr", "mrs", "ms", "dr", "cllr", "st", "prof", "rev", "inc", "ltd", "co", "dept", "est",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "yr", "yrs", "wk",
    "wks", "p", "pp", "vol", "max", "min", "avg", "op", "al",
}

BOUNDARY = re.compile(r"(?<=[.!?])[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9£•])|\s+(?=[•·▪]\s)|\s+-\s+(?=[A-Z][a-z])")


@dataclass(frozen=True)
class Sentence:
    text: str
    start: int

    @property
    def end(self) -> int:
        return self.start + len(self.text)


def _ends_with_abbreviation(chunk: str) -> bool:
    match = re.search(r"(\b[\w.]+)\.[\"')\]]*$", chunk.rstrip())
    if not match:
        return False
    word = match.group(1).lower().rstrip(".")
    # single capital letters are initials ("J. Smith"); known abbreviations never end a sentence
    return word in ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def split_sentences(text: str) -> list[Sentence]:
    """Sentences with their offsets in the original text."""
    sentences: list[Sentence] = []
    start = 0
    for boundary in BOUNDARY.finditer(text):
        chunk = text[start:boundary.start()]
        if chunk.rstrip().endswith(".") and _ends_with_abbreviation(chunk):
            continue
        if chunk.strip():
            offset = start + (len(chunk) - len(chunk.lstrip()))
            sentences.append(Sentence(chunk.strip().lstrip("•·▪ ").strip(), offset))
        start = boundary.end()
    tail = text[start:]
    if tail.strip():
        offset = start + (len(tail) - len(tail.lstrip()))
        sentences.append(Sentence(tail.strip().lstrip("•·▪ ").strip(), offset))
    return [s for s in sentences if s.text]


# a footnote's mark: "[^2]" in markdown, a digit glued to a word's end in a PDF ("composting1",
# "(cumulative)2"). It refers to a note; it is never a figure nor part of a name.
# "rate¹", "rate†": a superscript or dagger glued to a word or a bracket is a mark too.
SUPERSCRIPT = "¹²³⁴⁵⁶⁷⁸⁹⁰†‡"
FOOTNOTE_MARK = re.compile(rf"\[\^[\w-]+\]|(?<=[a-z]{{4}})\d(?=[\s.,;:)]|$)|(?<=[a-z]\))\d(?=[\s.,;:]|$)"
                           rf"|(?<=[\w)%])[{SUPERSCRIPT}]+")
FOOTNOTE_NOTE = re.compile(rf"^\s*(?:\[\^(?P<md>[\w-]+)\]:|(?P<mark>\d{{1,2}})\s+[A-Z]"
                           rf"|(?P<sup>[{SUPERSCRIPT}]+)\s*[A-Z])")


# a paragraph's number some PDF producers print with no space after it: "4.1New Housing Benefit claims"
GLUED_NUMBERING = re.compile(r"^(\s*(?:\d{1,2}\.){1,3}\d{0,2})(?=[A-Z][a-z])")


def without_glued_numbering(text: str) -> str:
    """'4.1New claims took ...' -> '4.1 New claims took ...': the number is the paragraph's, not a figure."""
    return GLUED_NUMBERING.sub(r"\1 ", text, count=1)


def without_footnote_marks(text: str) -> str:
    """The text with its footnote marks blanked (same length, so offsets still hold)."""
    return FOOTNOTE_MARK.sub(lambda m: " " * len(m.group(0)), text)


def footnote_marks(texts: Iterable[str]) -> set[str]:
    """The marks a paper puts on its words ('composting1', '(cumulative)2', 'neighbours[^1]')."""
    marks: set[str] = set()
    for text in texts:
        for match in FOOTNOTE_MARK.finditer(text):
            marks.add(match.group(0).strip("[]^"))
    return marks


def is_footnote(text: str, marks: set[str]) -> bool:
    """A note under a table or at a page's foot: '[^2]: Collection rates are cumulative ...', or
    '2 Collection rates ...' when some word of the paper carries the mark 2."""
    match = FOOTNOTE_NOTE.match(text)
    if not match:
        return False
    return match.group("md") is not None or (match.group("mark") or match.group("sup")) in marks
