"""Keep spreadsheet apps from running text as a formula (CSV / formula injection).

Text read from a committee paper is untrusted: a cell such as ``=HYPERLINK("http://x","click")``
would become a live formula when an analyst opens the CSV or XLSX. Following the OWASP
"CSV Injection" guidance, any text cell that starts with ``= + - @`` (after leading
whitespace), or with a tab or carriage return, gets a leading apostrophe so the app treats it
as text.

Only *text* is touched. Numbers (int, float, bool, None) pass through unchanged, so a real
value of -13.7 stays a number a spreadsheet can sum; the string "-13.7" is still neutralised
because it is text, and text is where injection lives.

Where it is used: CSV and XLSX always (a person may open them in a spreadsheet app). JSON and
JSONL keep the raw text by default because pipelines want the truth, not a display fix; the
JSON writers take ``safe=True`` for JSON that will be pasted into a spreadsheet anyway.
"""

from __future__ import annotations

from typing import TypeVar

# The OWASP list, plus the full-width forms: they are cheap insurance for locales and IMEs
# where a spreadsheet app may read them as the ASCII formula prefixes.
FORMULA_PREFIXES = frozenset("=+-@\uff1d\uff0b\uff0d\uff20")
# Tab and CR matter as the very first character even though they are whitespace: some apps
# strip them and then read what follows as a formula.
CONTROL_PREFIXES = frozenset("\t\r")

T = TypeVar("T")


def is_dangerous(text: str) -> bool:
    """True when a spreadsheet app might read ``text`` as a formula."""
    if text[:1] in CONTROL_PREFIXES:
        return True
    return text.lstrip()[:1] in FORMULA_PREFIXES


def neutralise(value: T) -> T:
    """Return ``value`` with a leading apostrophe when it is text that looks like a formula.

    Anything that is not a ``str`` is returned as is: numbers must stay numbers.
    """
    if isinstance(value, str) and is_dangerous(value):
        return "'" + value  # type: ignore[return-value]  # still a str, mypy cannot narrow T
    return value
