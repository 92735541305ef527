"""Write what the PDF reader spells lost ligatures with (src/kpiextract/readers/pdf/): the words
of an English word list that hold a ligature's letters ("fi", "ti", "tt"...; english_words.txt.gz),
and how many of its words hold each run of three letters and of two (a word's ends marked ^ and
$; english_letters.json), for words no list holds.

    unmunch /usr/share/hunspell/en_US.dic /usr/share/hunspell/en_US.aff > /tmp/en_US.words
    .venv/bin/python tools/make_english_letters.py /tmp/en_US.words

The list is Debian's hunspell-en-us dictionary (from SCOWL, by Kevin Atkinson; its notice travels
with both files) with every form its affix rules make (`unmunch`, from hunspell-tools): "patients"
and "admitted" as well as "patient" and "admit". A .dic given as it is gives only the stems.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parents[1] / "src" / "kpiextract" / "readers" / "pdf"
OUT = HERE / "english_letters.json"
WORDS_OUT = HERE / "english_words.txt.gz"
LIGATURE_LETTERS = ("fi", "fl", "ff", "ft", "ti", "tt", "tf")
"""What a word must hold to be worth listing: the letters of some ligature."""
NOTICE = ("Counts of letter runs in the words of SCOWL's en_US list, as Debian's hunspell-en-us ships it. "
          "SCOWL: Copyright 2000-2011 by Kevin Atkinson. Permission to use, copy, modify, distribute and sell "
          "these word lists, the associated scripts, the output created from the scripts, and its documentation "
          "for any purpose is hereby granted without fee, provided that the above copyright notice appears in all "
          "copies and that both that copyright notice and this permission notice appear in supporting "
          "documentation. Kevin Atkinson makes no representations about the suitability of this array for any "
          "purpose. It is provided \"as is\" without express or implied warranty.")
WORD = re.compile(r"^[A-Za-z]+$")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("words", type=Path, help="a word a line (a Hunspell .dic's flags are cut off)")
    args = parser.parse_args()
    lines = args.words.read_text(encoding="utf-8", errors="replace").splitlines()
    words = {entry.split("/", 1)[0].strip().lower() for entry in lines}
    words = {word for word in words if WORD.match(word)}
    threes: Counter[str] = Counter()
    twos: Counter[str] = Counter()
    for word in words:
        marked = f"^{word}$"
        threes.update(marked[i:i + 3] for i in range(len(marked) - 2))
        twos.update(marked[i:i + 2] for i in range(len(marked) - 1))
    OUT.write_text(json.dumps({"notice": NOTICE, "words": len(words), "threes": dict(sorted(threes.items())),
                               "twos": dict(sorted(twos.items()))}, separators=(",", ":")) + "\n")
    listed = sorted(word for word in words if any(letters in word for letters in LIGATURE_LETTERS))
    # gzip with no name or time in its header: the same list writes the same bytes
    with WORDS_OUT.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as out:
        out.write(("# " + NOTICE + "\n" + "\n".join(listed) + "\n").encode())
    print(f"{OUT}: {len(words)} words, {len(threes)} runs of three, {len(twos)} of two")
    print(f"{WORDS_OUT}: {len(listed)} words with a ligature's letters")


if __name__ == "__main__":
    main()
