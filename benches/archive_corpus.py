#!/usr/bin/env python3
"""Spreads an archive over a benchmark corpus made by make_corpus.py (--layout warraq).

make_corpus.py copies the project's first paper's front matter to every paper, so every paper
has that paper's topics and author. This rewrites the corpus in place, deterministically:

  archive_corpus.py DIR          40 topics and 8 series in content/_index.md; each paper gets
                                 1-3 topics, every third paper a series and number, and one of
                                 300 authors (romanised names, so ids are made from them), and a
                                 date spread over 25 years;
  archive_corpus.py --plain DIR  the same dates, and no archive keys at all: the corpus a
                                 Warraq without the archive (the BASELINE of build.sh) reads;
                                 its templates/ copy is removed, so each binary uses its own
                                 built-in templates (this project's would name partials an
                                 older binary does not have).
"""
import re
import shutil
import sys
from pathlib import Path

TOPICS, SERIES, AUTHORS = 40, 8, 300


def index_md(text, plain):
    # The project's own topics (and any series) are dropped; the corpus gets its own.
    text = re.sub(r"(?m)^(topics|series):\n(?:[ \t]+.*\n)*", "", text)
    text = re.sub(r"(?m)^#.*classification.*\n(?:#.*\n)*", "", text)
    if plain:
        return text
    lines = ["topics:"]
    lines += [f"  topic-{t:02d}: {{ar: \"موضوع {t}\", en: \"Topic {t}\"}}" for t in range(TOPICS)]
    lines += ["series:"]
    lines += [f"  series-{s}: {{ar: \"سلسلة {s}\", en: \"Series {s}\"}}" for s in range(SERIES)]
    return text.replace("---\n", "---\n" + "\n".join(lines) + "\n", 1)


def paper(text, i, plain):
    end = text.index("\n---\n", 4)
    head, body = text[:end + 1], text[end + 1:]
    head = re.sub(r"(?m)^(topics|series|pdf):.*\n(?:[ \t]+.*\n)*", "", head)
    head = re.sub(r"(?m)^date: .*$", f"date: {2000 + i % 25}-{1 + i % 12:02d}", head)
    if not plain:
        a = (i * 7919) % AUTHORS
        head = re.sub(r'(?m)^  - name: .*$', f'  - name: "كاتب رقم {a}"', head, count=1)
        head = re.sub(r'(?m)^    name_en: .*$', f'    name_en: "Author {a}"', head, count=1)
        topics = sorted({(i * k * 31 + k) % TOPICS for k in range(1, 2 + i % 3)})
        extra = "topics: [" + ", ".join(f"topic-{t:02d}" for t in topics) + "]\n"
        if i % 3 == 0:
            extra += f"series: {{id: series-{i % SERIES}, number: {1 + i // (3 * SERIES)}}}\n"
        head += extra
    return head + body


def main(argv):
    plain = "--plain" in argv
    site = Path([a for a in argv if not a.startswith("--")][0])
    if plain:
        shutil.rmtree(site / "templates", ignore_errors=True)
    root = site / "content"
    index = root / "_index.md"
    index.write_text(index_md(index.read_text(encoding="utf-8"), plain), encoding="utf-8")
    docs = sorted(p for p in root.glob("*.md") if p.name != "_index.md")
    for i, path in enumerate(docs, 1):
        path.write_text(paper(path.read_text(encoding="utf-8"), i, plain), encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])
