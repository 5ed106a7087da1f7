"""Bad input never stops a batch: each case gets a clear warning in its record."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from dossier.ingest.documents import InputDocument, english_check, prepare
from dossier.ingest.readers import iter_documents

ENGLISH = (
    "The foreign minister said on Monday that the talks would continue in Geneva, "
    "and that both sides had agreed to a ceasefire in the north of the country.\n\n"
)


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_empty_file_is_skipped_with_a_warning(tmp_path: Path) -> None:
    [doc] = iter_documents([write(tmp_path, "empty.txt", b"")])
    assert doc.status == "skipped"
    assert "empty" in doc.warnings[0]


def test_binary_file_fails_cleanly(tmp_path: Path) -> None:
    [doc] = iter_documents([write(tmp_path, "x.txt", bytes(range(256)) * 10)])
    assert doc.status == "failed"
    assert "binary" in doc.warnings[0]


def test_invalid_utf8_is_replaced_and_reported(tmp_path: Path) -> None:
    data = ENGLISH.encode() + b"\xff\xfe broken bytes " + ENGLISH.encode()
    [doc] = iter_documents([write(tmp_path, "bad.txt", data)])
    assert doc.status == "ok"
    assert "\ufffd" in doc.text
    assert any("invalid UTF-8" in w for w in doc.warnings)


def test_huge_file_is_capped(tmp_path: Path) -> None:
    data = (ENGLISH * 60_000).encode()  # ~10 MB
    [doc] = iter_documents([write(tmp_path, "huge.txt", data)], max_chars=50_000)
    assert doc.status == "ok"
    assert len(doc.text) <= 50_000
    assert any("truncated" in w for w in doc.warnings)
    assert any("only the first" in w for w in doc.warnings)


def test_non_english_is_not_analysed() -> None:
    german = (
        "Die Außenministerin sagte am Montag, dass die Gespräche in Genf fortgesetzt werden "
        "und dass beide Seiten einer Waffenruhe im Norden des Landes zugestimmt hätten."
    )
    assert english_check(german) is not None
    assert english_check("Министр иностранных дел заявил в понедельник о переговорах.")
    assert english_check(ENGLISH) is None
    doc = prepare(InputDocument(text=german * 3))
    assert doc.status == "skipped" and "English" in doc.warnings[0]


def test_malformed_json_lines_do_not_stop_the_file(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "a", "text": ENGLISH, "published": "2024-01-02"}),
        '{"id": "b", "text": ',
        json.dumps(["not", "an", "object"]),
        json.dumps({"id": "d"}),
        json.dumps({"id": "e", "text": ENGLISH, "published": "yesterday"}),
    ]
    docs = list(iter_documents([write(tmp_path, "in.jsonl", "\n".join(lines).encode())]))
    assert [d.status for d in docs] == ["ok", "failed", "failed", "failed", "ok"]
    assert docs[0].id == "a" and docs[0].published == "2024-01-02"
    assert "malformed JSON" in docs[1].warnings[0]
    assert 'no "text"' in docs[3].warnings[0]
    assert docs[4].published is None and "not YYYY-MM-DD" in docs[4].warnings[0]


def test_malformed_html_gets_text_or_a_clear_failure(tmp_path: Path) -> None:
    page = f"<html><body><div><p>{ENGLISH}<p>{ENGLISH}</div><table><tr>unclosed".encode()
    [doc] = iter_documents([write(tmp_path, "page.html", page)])
    assert doc.status == "ok" and "foreign minister" in doc.text
    [empty] = iter_documents([write(tmp_path, "blank.html", b"<html><body><script>x</script>")])
    assert empty.status != "ok" and empty.warnings


def test_folders_are_read_recursively_in_sorted_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    write(tmp_path, "b/2.txt", ENGLISH.encode())
    write(tmp_path, "a.txt", ENGLISH.encode() + b"A")
    write(tmp_path, "b/1.txt", ENGLISH.encode() + b"B")
    write(tmp_path, "b/ignored.png", b"\x89PNG")
    origins = [Path(d.origin).relative_to(tmp_path).as_posix() for d in iter_documents([tmp_path])]
    assert origins == ["a.txt", "b/1.txt", "b/2.txt"]


def test_missing_path_is_a_failed_document(tmp_path: Path) -> None:
    [doc] = iter_documents([tmp_path / "nope.txt"])
    assert doc.status == "failed" and "no such file" in doc.warnings[0]


HEADLINES = [
    "Jets strike targets near a border town as ceasefire talks stall for a second week",
    "Army says eight militants killed in raid on mountain hideout",
    "UN envoy urges calm after clashes in disputed province",
    "Opposition leader detained hours before planned rally",
    "Kabul: Taliban seize district centre",
    "PM resigns",
]
FOREIGN = [
    "Il ministro degli esteri ha detto lunedì che i colloqui continueranno a Ginevra.",
    "El ministro de Exteriores dijo el lunes que las conversaciones seguirán en Ginebra.",
    "Le ministre des Affaires étrangères a déclaré lundi que les pourparlers continueraient.",
    "O ministro dos Negócios Estrangeiros disse na segunda-feira que as negociações continuam.",
]


def test_english_headlines_are_analysed_and_other_languages_are_not() -> None:
    for headline in HEADLINES:
        assert english_check(headline) is None, headline
    for text in FOREIGN:
        reason = english_check(text)
        assert reason is not None and "identified as" in reason, text


def test_the_language_check_samples_the_whole_text() -> None:
    italian = FOREIGN[0] + " "
    # an English header, then a long Italian article: the excerpts from the middle and the
    # end see Italian, where the first characters alone would say English
    text = ENGLISH * 2 + italian * 400
    assert english_check(text) is not None
    assert english_check(ENGLISH * 200) is None


def test_plain_english_excerpts_are_decided_without_lingua(monkeypatch: Any) -> None:
    from dossier.ingest import language

    asked: list[str] = []

    class Detector:
        def compute_language_confidence_values(self, text: str) -> list[Any]:
            asked.append(text)
            return []

    monkeypatch.setattr(language, "detector", Detector)
    article = (
        "The minister said that the talks with the rebels would resume in the capital next "
        "week, and that both sides had agreed to a prisoner exchange before the end of the "
        "month. "
    )
    assert language.plainly_english(article)
    assert english_check(article * 10) is None and asked == []
    # too short to tell by its function words, or another language: lingua decides
    assert not language.plainly_english(HEADLINES[0])
    assert not language.plainly_english(FOREIGN[1] * 3)
    assert english_check(HEADLINES[0]) is None and asked == [HEADLINES[0]]


def test_mojibake_is_refused() -> None:
    shift_jis = "外務大臣は月曜日、ジュネーブでの協議を続けると述べた。".encode("shift_jis")
    text = shift_jis.decode("utf-8", errors="replace") * 5
    reason = english_check(text)
    assert reason is not None
