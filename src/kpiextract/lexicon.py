"""The words the package's vocabulary knows: what a word a typesetter broke at a line's end may be
joined into when the paper never prints it whole (readers/pdf/hyphens.py).

They come from the data users extend (patterns/*.toml: column headers, status and direction
words, comparators, the catalogue's indicator names and aliases) and from the nouns a committee's
name ends with (identity.py), so a word added to the vocabulary is known here too.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .catalogue import entries
from .catalogue import load as load_catalogue
from .identity import COMMITTEE_NOUNS
from .vocab import Phrasebook, load

_WORD = re.compile(r"[^\W\d_]+")
"""A run of letters: 'sub-committee' gives 'sub' and 'committee', never 'subcommittee'."""


@lru_cache(maxsize=8)
def known_words(patterns_dir: str | None = None) -> frozenset[str]:
    """Every word (lower case, letters only) of the vocabulary and catalogue in use."""
    vocab = load(patterns_dir)
    phrases = [alias for book in vars(vocab).values() if isinstance(book, Phrasebook)
               for aliases in book.aliases.values() for alias in aliases]
    for indicator in entries(load_catalogue(patterns_dir)):
        phrases += [indicator.name, *indicator.aliases]
    phrases += COMMITTEE_NOUNS
    return frozenset(word.lower() for phrase in phrases for word in _WORD.findall(phrase))
