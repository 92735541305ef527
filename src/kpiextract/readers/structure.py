"""Rules of paper structure that both readers share, so a text export and its PDF agree by design.

- list labels: the bullet glyphs (Word's private-use Symbol and Wingdings ones included) and the
  numbers ("3.4", "2)", "(a)", "iv.") that open a list item;
- when a paragraph goes on in the next block (no full stop yet, a sentence's worth of words);
- when the pieces of a broken line are one token ("2014/1" + "5" is "2014/15", "re-" +
  "referral" is "re-referral", "PAM/" + "030" is "PAM/030") rather than two words;
- a paragraph number printed touching the first word ("3.2The") is two words.
"""

from __future__ import annotations

import re

# Bullet glyphs as they reach a text layer. Word's bullets are symbol-font characters that
# arrive in the private use area: U+F0B7 (Symbol's bullet), U+F0A7 (Wingdings' square),
# U+F076 (Wingdings' diamond), U+F0D8 (arrowhead), U+F0FC (tick), U+F06E (black square),
# U+F071 (hollow square), U+F0A8 (hollow circle).
BULLET_GLYPHS = (
    "-*+•·▪◦‒–—●○■□▫◆◇❖➢►▶→⁃∙◘"
    "\uf0b7\uf0a7\uf076\uf0d8\uf0fc\uf06e\uf071\uf0a8"
)
# the glyphs a paper's text may carry for a bullet, normalised to the one bullet the layouts know
# a number as a cell prints it: its sign, currency, thousands and decimals ("-£1,204.5")
NUMBER = r"[-+]?[£$€]?\d[\d,]*(?:\.\d+)?"
# a year alone ("2018"): a date's part or a heading's, never a figure
YEAR = re.compile(r"(?:19|20)\d\d")
_PRIVATE_BULLETS = str.maketrans({glyph: "•" for glyph in "\uf0b7\uf0a7\uf076\uf0d8\uf0fc\uf06e\uf071\uf0a8"})

# A bullet, or a number that opens a numbered line in a paper: "2." "2)" "(2)" "a)" "(iv)",
# and the multi-level numbers of numbered paragraphs: "3.4", "2.1.3", "5.2.1."
_NUMBER_LABEL = (r"(?:\(?\d{1,2}[.)]|\(?[a-z][.)]|\((?:[ivx]{1,5}|[a-z]|\d{1,2})\)|[ivx]{1,5}[.)]"
                 r"|\d{1,2}(?:\.\d{1,2}){1,3}\.?)")
LIST_LABEL = re.compile(rf"^(?:[{re.escape(BULLET_GLYPHS)}]|{_NUMBER_LABEL})$")

# A line that opens a bullet item: a glyph, or a short list number before a word ("2. Text");
# paragraph numbers ("3.4 Text") open numbered paragraphs, which keep their number as text
BULLET = re.compile(rf"^(\s*)(?:[{re.escape(BULLET_GLYPHS)}]|\d{{1,2}}[.)](?=\s+[A-Za-z]))\s+")

TERMINAL = (".", "!", "?", ":", ";", ")", "]")
"""How a finished paragraph, heading or list item ends."""
PARAGRAPH_MIN_WORDS = 14
"""A block shorter than this that lacks a full stop is a heading or label, not a cut paragraph."""


GLUED_NUMBER = re.compile(r"^\s*\d{1,2}(?:\.\d{1,2}){1,3}\.?(?=[A-Z][A-Za-z]+\b)")
"""A paragraph number printed touching its first word ("3.2The", "2.1ASCOF"): a producer that
drops the number's box (an inline block given a width) sets the two with no space between."""


def glued_number(text: str) -> int:
    """Where a paragraph number printed touching its first word ends (the space belongs
    there); 0 when the text does not open so."""
    match = GLUED_NUMBER.match(text)
    return match.end() if match else 0


def normalise_bullets(text: str) -> str:
    """Word's private-use bullet glyphs as the bullet character they draw."""
    return text.translate(_PRIVATE_BULLETS)


def is_list_label(token: str) -> bool:
    """A bullet glyph or a list/paragraph number, standing alone as a PDF word does."""
    return bool(LIST_LABEL.match(token.strip()))


def is_bullet_glyph(token: str) -> bool:
    token = token.strip()
    return len(token) == 1 and token in BULLET_GLYPHS


def paragraph_goes_on(above: str, below: str = "") -> bool:
    """Does a paragraph go on in the block that follows it (when that block is not a list item
    or a heading)? Yes when it has a sentence's worth of words and no closing punctuation, unless
    it stops on a figure and the next opens a sentence: "... against a target of 55.6%" then
    "Tonnes of waste ..." are two statements whose writer left out the full stop."""
    above = above.rstrip()
    if above.endswith(TERMINAL) or len(above.split()) <= PARAGRAPH_MIN_WORDS or numbered_next(above, below):
        return False
    return not (FIGURE_END.search(above) and SENTENCE_START.match(below.lstrip()))


PARAGRAPH_NUMBER = re.compile(r"^\s*(\d{1,2}(?:\.\d{1,2}){1,3})\.?\s")


def numbered_next(above: str, below: str) -> bool:
    """The lower text opens with the paragraph number after the one the upper opens with ("3.5 ...",
    then "3.6 ..."): numbered paragraphs, each its own, though the first lacks its full stop."""
    upper, lower = PARAGRAPH_NUMBER.match(above), PARAGRAPH_NUMBER.match(below)
    if not upper or not lower:
        return False
    first, second = upper.group(1).split("."), lower.group(1).split(".")
    return len(first) == len(second) and first[:-1] == second[:-1] and int(second[-1]) == int(first[-1]) + 1


FIGURE_END = re.compile(r"(?<![\d/-])(?!(?:19|20)\d\d$)[£$€]?\d[\d,]*(?:\.\d+)?\s*%?$")
"""A paragraph ending on a figure that is not a year."""
SENTENCE_START = re.compile(r"[A-Z][a-z]+\b")


_SPLIT_TOKEN = re.compile(r"(?:\d{4}[/-]\d|\d[/-]|(?<![\d,])\d{1,3}(?:,\d{3})*\.|[£$€])$")
"""The end of a cell line that stops inside a token: '2014/1', '2014/', '18-', '79.', '£' (not a
sentence ending on a year, '2023.'). A narrow table column breaks a period or a figure where a
paragraph never would."""
_THOUSANDS_SPLIT = (re.compile(r"(?<![\d,])\d{1,3}(?:,\d{3})*,$"), re.compile(r"^\d{3}(?:,\d{3})*(?:\.\d+)?\b"))
"""'1,' + '234': a figure broken after a thousands comma (never 'March 2023,' + '92%')."""



def join_broken(before: str, after: str, *, in_cell: bool = False) -> str:
    """Join two lines of one paragraph or table cell: without a space where the break fell inside
    a token (a hyphenated word; in a cell also a period, figure or date), else with one."""
    before, after = before.rstrip(), after.lstrip()
    if not before:
        return after
    if not after:
        return before
    if in_cell and after[:1].isdigit() and (
            _SPLIT_TOKEN.search(before)
            or (_THOUSANDS_SPLIT[0].search(before) and _THOUSANDS_SPLIT[1].match(after))):
        return before + after
    if in_cell and _inside_brackets(before, after):
        return before + after
    # a word broken at its hyphen by the wrap: 're-' + 'referral', 'COMMIT-' + 'TEE', 'Apr-' +
    # 'Dec 23', 'Covid-' + '19': a hyphen straight after a letter joins, where a dash would stand
    # apart ('Target –')
    if before.endswith("-") and len(before) > 1 and before[-2].isalpha() and after[:1].isalnum():
        return before + after
    if _never_spaced(before, after):
        return before + after
    return f"{before} {after}"


def _never_spaced(before: str, after: str) -> bool:
    """A break no line breaker puts at a space: after a slash inside a token ('PAM/' + '030',
    'and/' + 'or'), before a per cent sign after a figure ('88.9' + '%'), or before the bracket
    that closes one the line left open ('NM01(1' + ')')."""
    if before.endswith("/") and len(before) > 1 and not before[-2].isspace():
        return True
    if after.startswith("%") and before[-1].isdigit():
        return True
    closing = {")": "(", "]": "["}.get(after[0])
    return closing is not None and before.count(closing) > before.count(after[0])


_CODE_PART = re.compile(r"^[A-Z0-9]{0,3}$")
"""What a code holds in brackets: a letter or digit or two ("1C(1A)", "2A(2)"), not a word."""


def _inside_brackets(before: str, after: str) -> bool:
    """A cell line that stops inside a bracket its next line closes within one token, the two
    pieces a code's ('1C(1' + 'A)'), not words ('(excluding' + 'exceptions)'). Whether the
    column broke it there, or a space did, the caller judges by the cell's width."""
    last, first = before.split()[-1], after.split()[0]
    if not (last.count("(") > last.count(")") and ")" in first and "(" not in first):
        return False
    return bool(_CODE_PART.match(last.rsplit("(", 1)[1]) and _CODE_PART.match(first.split(")", 1)[0]))
