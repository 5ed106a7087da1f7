"""Memory stays flat in the number of documents: what spaCy learns of each batch's words (a
lexeme and strings per new word, its tokenizer cache) is freed after the batch, and the
records, built inside it, are plain data that outlive it intact."""

from __future__ import annotations

import json
import random
import string
from typing import Any

from dossier.analyzer import Analyzer
from dossier.ingest.documents import InputDocument, prepare

INVENTED: list[str] = []  # every word `_invented` made


def _invented(rng: random.Random) -> str:
    word = "".join(rng.choice(string.ascii_lowercase) for _ in range(9))
    INVENTED.append(word)
    return word


def _article(rng: random.Random, n: int) -> InputDocument:
    """An English article whose names and some nouns are words never seen before."""
    person = f"{_invented(rng).title()} {_invented(rng).title()}"
    town, group = _invented(rng).title(), _invented(rng).title()
    things = [_invented(rng) for _ in range(6)]
    text = (
        f"Government troops shelled rebel positions near {town} on Tuesday, the army said. "
        f'"We will not retreat from {town}," said {person}, a commander of the {group} '
        f"movement. Residents said the {things[0]} and the {things[1]} of the town were "
        f"destroyed, and that the {things[2]} had closed. Aid workers reported that the "
        f"{things[3]}, the {things[4]} and the {things[5]} were still open to families who "
        "had fled the fighting in the north of the country last week."
    )
    return prepare(InputDocument(text=text, id=f"doc{n}", published="2024-05-07"))


def test_the_vocabulary_does_not_grow_with_the_documents(analyzer: Analyzer) -> None:
    vocab: Any = analyzer.nlp.vocab
    rng = random.Random(7)
    list(analyzer.analyze_documents([_article(rng, n) for n in range(4)]))
    strings_before = len(vocab.strings)
    INVENTED.clear()
    for batch in range(3):
        docs = [_article(rng, 100 * batch + n) for n in range(8)]
        records = list(analyzer.analyze_documents(docs))
        assert all(r.status == "ok" for r in records), records[0].warnings
    # 24 documents of 10 new words each: hundreds of strings and lexemes if they were kept
    assert len(vocab.strings) - strings_before < 20
    assert len(INVENTED) == 240
    for word in INVENTED:
        for form in (word, word.title()):
            assert form not in vocab.strings and form not in vocab, form


def test_records_outlive_the_batch_intact(analyzer: Analyzer) -> None:
    rng = random.Random(11)
    docs = [_article(rng, n) for n in range(3)]
    records = list(analyzer.analyze_documents(docs))
    # another batch with other new words, after the first one's zone has ended
    list(analyzer.analyze_documents([_article(rng, 10 + n) for n in range(3)]))
    for document, record in zip(docs, records, strict=True):
        text = document.text
        data = json.loads(record.to_json())
        spans = [m for e in data["entities"] for m in e["mentions"]]
        spans += [e["trigger"] for e in data["events"]]
        assert spans
        assert all(text[s["start"] : s["end"]] == s["text"] for s in spans)
        names = {e["name"] for e in data["entities"]}
        assert any(name.split()[-1] in text for name in names)
    # the same documents again give the same records (nothing learnt was kept or lost)
    again = list(analyzer.analyze_documents([prepare(InputDocument(**_input(d))) for d in docs]))
    assert [r.to_json() for r in again] == [r.to_json() for r in records]


def _input(document: InputDocument) -> dict[str, Any]:
    return {"text": document.text, "id": document.id, "published": document.published}


def test_free_heap_pages_go_back_every_few_documents(analyzer: Analyzer, monkeypatch: Any) -> None:
    """glibc keeps a batch's freed pages unless asked to return them: without this the
    resident size follows the largest batches seen, not the recent ones. They go back once
    enough documents were analysed since the last time, not after every batch (the next
    batch would only fault them in again)."""
    import dossier.analyzer as module

    calls: list[int] = []
    monkeypatch.setattr(module, "_TRIM", lambda pad: calls.append(pad) or 1)
    monkeypatch.setattr(module, "TRIM_AFTER_DOCUMENTS", 4)
    monkeypatch.setattr(analyzer, "batch_size", 2)
    monkeypatch.setattr(analyzer, "_untrimmed", 0)
    rng = random.Random(3)
    records = list(analyzer.analyze_documents([_article(rng, n) for n in range(5)]))
    assert [r.id for r in records] == [f"doc{n}" for n in range(5)]
    assert calls == [0]  # three batches: 2 + 2 (4 documents: trimmed) + 1
    list(analyzer.analyze_documents([_article(rng, 10 + n) for n in range(3)]))
    assert calls == [0, 0]  # 1 + 3 documents since


def test_the_warm_up_builds_the_fuzzy_place_vocabulary(analyzer: Analyzer) -> None:
    """The Analyzer's warm-up text (analysed before the collector's freeze) holds a misspelt
    town, so the places' fuzzy vocabulary, a large table built on first use, is built then
    and not inside the first documents a user gives."""
    from dossier.analyzer import _WARM_UP

    places = analyzer.analyze(_WARM_UP).places
    misspelt = [
        p for p in places if any(m.text != p.name and m.text == "Kandahaar" for m in p.mentions)
    ]
    assert misspelt and misspelt[0].country == "AFG"
