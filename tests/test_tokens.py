"""The token table gives what spaCy's Token API gives, and the Analyzer's speed devices
(the text handed to the components, the collector paused per batch) change nothing else."""

from __future__ import annotations

import contextlib
import gc

import pytest
from spacy.tokens import Span

from dossier.analyzer import collector_paused
from dossier.nlp.pipeline import load_model
from dossier.nlp.state import doc_text, get_state
from dossier.nlp.tokens import C_ENT_IOB, C_ORTH, C_SHAPE, token_table

TEXT = (
    "BEIRUT (AP) - Lebanese troops, who had shelled the camp for weeks, said on Monday that "
    "they would withdraw.\nGovernment forces of the northern command entered Tripoli later, "
    "officials in Beirut told reporters.\n\n“We will not leave,” a resident said."
)


@pytest.fixture(scope="module")
def doc():  # type: ignore[no-untyped-def]
    return load_model()(TEXT)


def test_columns_match_the_token_api(doc) -> None:  # type: ignore[no-untyped-def]
    table = token_table(doc)
    assert token_table(doc) is table  # built once per document, kept on its state
    assert table.text == doc.text
    for tok in doc:
        i = tok.i
        assert (table.idx[i], table.words[i]) == (tok.idx, tok.text)
        assert table.head[i] == tok.head.i
        assert table.kids[i] == [c.i for c in tok.children]
        assert table.subtree(i) == [t.i for t in tok.subtree]
        assert (table.dep[i], table.pos[i], table.tag[i]) == (tok.dep_, tok.pos_, tok.tag_)
        assert (table.lower[i], table.lemma[i]) == (tok.lower_, tok.lemma_.lower())
        assert table.ent_type[i] == tok.ent_type_
        assert table.column(C_ENT_IOB)[i] == tok.ent_iob
        assert table.column(C_ORTH)[i] == tok.orth
        assert table.column(C_SHAPE)[i] == tok.shape
        assert table.sent_bounds(i) == (tok.sent.start, tok.sent.end)
    assert table.sent_starts == [s.start for s in doc.sents]
    for k, sent in enumerate(doc.sents):
        assert table.sentence_range(k) == (sent.start, sent.end)
        assert table.sentence_of(sent.end - 1) == k


def test_entities_are_those_of_doc_ents(doc) -> None:  # type: ignore[no-untyped-def]
    table = token_table(doc)
    assert table.ents == [(e.start, e.end, e.label_) for e in doc.ents]
    assert len(table.ents) >= 3
    # adjacent entities, one at the end of the text, tokens outside any
    other = load_model().make_doc("Alpha Beta Gamma Delta Epsilon")
    other.ents = [Span(other, 0, 1, "ORG"), Span(other, 1, 3, "GPE"), Span(other, 4, 5, "NORP")]
    assert token_table(other).ents == [(0, 1, "ORG"), (1, 3, "GPE"), (4, 5, "NORP")]
    assert token_table(load_model()("")).ents == []


def test_tokens_of_a_character_range_are_those_of_char_span(doc) -> None:  # type: ignore[no-untyped-def]
    table = token_table(doc)
    tried = found = 0
    for start in range(len(TEXT)):
        for end in range(start + 1, min(len(TEXT), start + 30) + 1):
            span = doc.char_span(start, end)
            assert table.tokens_of(start, end) == (
                None if span is None else (span.start, span.end)
            ), TEXT[start:end]
            tried += 1
            found += span is not None
    assert found > 100 and tried > 10 * found  # aligned and cut ranges were both tried
    assert table.tokens_of(5, 5) is None
    assert token_table(load_model()("")).tokens_of(0, 1) is None


def test_empty_and_one_token_documents() -> None:
    nlp = load_model()
    empty = token_table(nlp(""))
    assert (empty.words, empty.kids, empty.sent_starts) == ([], [], [0])
    one = token_table(nlp("Damascus"))
    assert (one.words, one.head, one.sent_starts) == (["Damascus"], [0], [0])


def test_the_analyzer_hands_the_input_text_to_the_components(analyzer) -> None:  # type: ignore[no-untyped-def]
    from dossier.ingest.documents import InputDocument, prepare

    doc = analyzer._make_docs([prepare(InputDocument(text=TEXT))])[0]
    assert get_state(doc)._text == doc.text == doc_text(doc)


def test_collector_paused_restores_the_collector() -> None:
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(RuntimeError), collector_paused():
        raise RuntimeError("a failing batch")
    assert gc.isenabled()
    gc.disable()  # a caller that turned it off keeps it off
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_records_are_the_same_with_the_collector_running(analyzer, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Pausing the collector is a matter of speed only: the batch gives the same records."""
    import dossier.analyzer as module
    from dossier.ingest.documents import InputDocument, prepare

    texts = [TEXT, TEXT.replace("Lebanese", "Syrian"), "Iran said on Monday it would retaliate."]

    def records() -> list[str]:
        documents = [prepare(InputDocument(text=t)) for t in texts]
        return [r.to_json() for r in analyzer.analyze_documents(documents)]

    paused = records()
    monkeypatch.setattr(module, "collector_paused", contextlib.nullcontext)
    assert records() == paused


def test_the_state_is_the_documents_extension_value(doc) -> None:  # type: ignore[no-untyped-def]
    """`get_state` reads `doc._.dossier` where spaCy keeps it; the same object either way."""
    state = get_state(doc)
    assert state is doc._.dossier
    assert get_state(doc) is state
    fresh = load_model().make_doc("Iran said so.")
    assert fresh._.dossier is None
    assert get_state(fresh) is fresh._.dossier


def test_subtree_of_a_parse_deeper_than_the_recursion_limit() -> None:
    """A chain of 3,000 tokens (a run-on list the parser chains up) still gives its subtree."""
    import sys

    from spacy.tokens import Doc

    n = 3000
    assert n > sys.getrecursionlimit()
    chain = Doc(load_model().vocab, words=["x"] * n, heads=[*range(1, n), n - 1], deps=["dep"] * n)
    table = token_table(chain)
    assert table.subtree(n - 1) == list(range(n))
    assert table.subtree(5) == list(range(6))


def test_a_line_break_starts_a_sentence_as_the_token_setter_would() -> None:
    """`dossier_line_breaks` writes the sentence starts in one array call: the same starts as
    setting `Token.is_sent_start` after every token that holds a line break, and the same
    refusal on a document already parsed."""
    from dossier.nlp.pipeline import line_breaks

    nlp = load_model()
    texts = [
        "",
        "One",
        "\n",
        "Harbour talks resume\nThe envoys met at noon.\n\nNo deal yet \n said one aide.\r\nEnd",
        "two  spaces and\ta tab\n\n\n",
    ]
    for text in texts:
        by_token, by_array = nlp.make_doc(text), nlp.make_doc(text)
        for tok in by_token[:-1]:
            if "\n" in tok.text_with_ws:
                by_token[tok.i + 1].is_sent_start = True
        line_breaks(by_array)
        assert [t.is_sent_start for t in by_array] == [t.is_sent_start for t in by_token]
    starts = [t.i for t in line_breaks(nlp.make_doc(texts[3])) if t.is_sent_start]
    assert len(starts) == 5  # the first token and one after each of the four breaks
    with pytest.raises(ValueError):
        line_breaks(nlp("A parsed line\nand the next."))


def test_expanded_is_char_span_in_expand_mode(doc) -> None:  # type: ignore[no-untyped-def]
    """`TokenTable.expanded` gives the tokens of `Doc.char_span(alignment_mode="expand")`
    for every range of characters, without making a `Span`."""
    table = token_table(doc)
    n = len(TEXT)
    for start in range(-1, n + 1):
        for end in (start, start + 1, start + 5, start + 17, n, n + 1):
            span = doc.char_span(start, end, alignment_mode="expand") if start >= 0 else None
            got = table.expanded(start, end)
            if span is None:
                assert got is None or start < 0, (start, end)
                continue
            assert got == (span.start, span.end), (start, end)
