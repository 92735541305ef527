"""Split running text into sentences without breaking on decimals, abbreviations or bullets.

Council prose is full of full stops that end nothing: "57.4", "e.g.", "No. 3", "i.e.", "Cllr.",
"St. Mary's", "c. 40". A sentence ends at . ! ? (or a bullet mark) followed by a space and a
capital, digit, quote or bullet, unless the word before the stop is a known abbreviation.
"""

from __future__ import annotations

import re
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
