"""Issue 11, third round: where a statement's content starts and ends, and quotations that
must not be lost (own sentences)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from dossier.nlp.quotes import find_quotes
from statement_support import statements, texts, with_cue


@pytest.mark.parametrize(
    ("text", "pieces"),
    [
        (
            "The harbour fleet shrank by a third last year, according to the port authority.",
            ["The harbour fleet shrank by a third last year"],
        ),
        (
            "Ticket sales rose sharply in May, according to a report released by the league.",
            ["Ticket sales rose sharply in May"],
        ),
        (
            "The new bridge, according to the city engineers, will open in the autumn.",
            ["The new bridge", "will open in the autumn"],
        ),
    ],
)
def test_according_to_leaves_the_phrase_out(nlp: Language, text: str, pieces: list[str]) -> None:
    st = with_cue(statements(nlp, text), "according to")
    assert [t.rstrip(".") for t in texts(st)] == pieces


def test_according_to_at_the_start_keeps_the_whole_clause(nlp: Language) -> None:
    text = "According to the port authority, the harbour fleet shrank by a third last year."
    st = with_cue(statements(nlp, text), "According to")
    assert [t.rstrip(".") for t in texts(st)] == ["the harbour fleet shrank by a third last year"]


@pytest.mark.parametrize(
    ("text", "content"),
    [
        (
            "The mayor said that “the tram line will be finished before the winter.”",
            "that “the tram line will be finished before the winter.",
        ),
        (
            "The coach told reporters that “nobody in this team is giving up.”",
            "that “nobody in this team is giving up.",
        ),
    ],
)
def test_a_complementizer_before_a_quotation_is_content(
    nlp: Language, text: str, content: str
) -> None:
    sts = statements(nlp, text)
    st = next(s for s in sts if s.cue is not None and s.cue.text in ("said", "told"))
    assert texts(st) == [content]
    assert st.kind == "mixed"


def test_a_quotation_right_after_the_cue_stays_direct(nlp: Language) -> None:
    st = with_cue(statements(nlp, "The mayor said: “The tram line is finished.”"), "said")
    assert texts(st) == ["The tram line is finished."]
    assert st.kind == "direct"


def test_an_opening_mark_typed_for_a_closing_one_closes_the_quote() -> None:
    text = "She called the plan “reckless“ and “unworkable” in a letter to the board."
    quotes = find_quotes(text)
    assert [text[q.start : q.end] for q in quotes] == ["reckless", "unworkable"]
    assert all(q.balanced for q in quotes)


def test_a_german_quotation_still_closes_with_a_raised_mark() -> None:
    text = "Er sagte: „Das ist gut.“ Dann ging er."
    assert [text[q.start : q.end] for q in find_quotes(text)] == ["Das ist gut."]


def test_a_sentence_going_on_after_its_quotation_is_the_content(nlp: Language) -> None:
    text = (
        "“We are shocked” by the decision to close the plant in the spring, the union leader said."
    )
    st = with_cue(statements(nlp, text), "said")
    (content,) = texts(st)
    assert content.startswith("We are shocked”")
    assert content.endswith("by the decision to close the plant in the spring")
    assert st.kind == "mixed"


def test_a_sentence_with_two_quotations_before_the_cue_is_one_content(nlp: Language) -> None:
    text = "Taxes are “far too high” and “hurt small shops,” the candidate told a crowd on Friday."
    st = with_cue(statements(nlp, text), "told")
    (content,) = texts(st)
    assert content.startswith("Taxes are “far too high” and")
    assert content.endswith("hurt small shops")


def test_a_quotation_after_a_relative_clause_cue_is_the_main_clause(nlp: Language) -> None:
    text = "Nothing the council proposed “will fix the roads,” the mayor said."
    sts = statements(nlp, text)
    st = with_cue(sts, "said")
    assert st.speaker_span is not None and st.speaker_span.text == "the mayor"
    assert "will fix the roads" in texts(st)[0]
    assert all(s.cue is None or s.cue.text != "proposed" or s.reported_by for s in sts)


def test_a_quotation_carrying_on_the_sentence_belongs_to_the_content(nlp: Language) -> None:
    text = (
        "Ms. Lopez argued that the tax was unfair, “because it hits the poorest families hardest.”"
    )
    st = with_cue(statements(nlp, text), "argued")
    (content,) = texts(st)
    assert content.startswith("that the tax was unfair")
    assert content.endswith("hits the poorest families hardest.")
    assert st.kind == "mixed"


def test_a_capitalised_quotation_after_a_content_is_not_carried_on(nlp: Language) -> None:
    text = "The mayor said the budget was balanced, “Nobody should worry about it.”"
    st = with_cue(statements(nlp, text), "said")
    assert "Nobody" not in texts(st)[0]


@pytest.mark.parametrize(
    ("text", "first", "second"),
    [
        (
            "“The noise,” said Ann Berg. “The dust. The endless trucks at night.”",
            "The noise",
            "The dust. The endless trucks at night.",
        ),
        (
            "“We needed to win the first two rounds,” added a party official. “We did that.”",
            "We needed to win the first two rounds",
            "We did that.",
        ),
    ],
)
def test_a_short_quotation_after_the_cue_sentence_continues_it(
    nlp: Language, text: str, first: str, second: str
) -> None:
    st = next(s for s in statements(nlp, text) if first in [c.text for c in s.content])
    assert texts(st) == [first, second]


def test_a_continued_quotation_goes_to_the_quoted_speaker_not_a_clause_between(
    nlp: Language,
) -> None:
    text = (
        "“Nobody listens to the farmers,” said Tom Reyes, who plans to run for the council. "
        "“Every year the same promises come and go.”"
    )
    sts = statements(nlp, text)
    st = with_cue(sts, "said")
    assert texts(st) == [
        "Nobody listens to the farmers",
        "Every year the same promises come and go.",
    ]


def test_an_object_cue_attributes_its_object_with_the_quoted_words(nlp: Language) -> None:
    text = "On Monday the mayor called the council's transport plan “reckless.”"
    st = with_cue(statements(nlp, text), "called")
    (content,) = texts(st)
    assert content.startswith("the council's transport plan")
    assert content.endswith("reckless.")


def test_a_participle_cue_inside_a_content_is_a_statement_of_its_own(nlp: Language) -> None:
    text = (
        "The minister argued that the new port would bring jobs to the region, "
        "saying it was “the best deal in a decade.”"
    )
    sts = statements(nlp, text)
    outer = with_cue(sts, "argued")
    assert texts(outer) == ["that the new port would bring jobs to the region"]
    inner = with_cue(sts, "saying")
    assert inner.reported_by is None
    assert "the best deal in a decade" in texts(inner)[0]
    assert inner.speaker == outer.speaker and inner.speaker is not None


def test_words_before_a_quoted_fragment_belong_to_the_content(nlp: Language) -> None:
    text = "In the debate the governor talked about the senator's “very expensive” new jet."
    st = with_cue(statements(nlp, text), "talked")
    assert texts(st)[0].startswith("the senator's “very expensive")


@pytest.mark.parametrize(
    "text",
    [
        "The candidate spoke for an hour, telling the crowd, “We will win this state.”",
        "The coach told reporters that “nobody in this team is giving up.”",
    ],
)
def test_an_addressee_or_a_comma_before_a_quotation_leaves_it_direct(
    nlp: Language, text: str
) -> None:
    sts = statements(nlp, text)
    st = next(s for s in sts if s.cue is not None and s.cue.text in ("telling", "told"))
    assert not texts(st)[0].startswith(("the crowd", "reporters"))
