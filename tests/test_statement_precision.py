"""Issue 11, precision and boundaries: what is not a statement, what class a cue makes, and a
quotation continuing a statement (own sentences)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from statement_support import cue_texts, statements, with_cue


@pytest.mark.parametrize(
    "text",
    [
        "The coalition, known as the Harbour Group, met in Riga on Monday.",
        "Engineers began work on a scheme dubbed Blue Corridor last spring.",
        "The museum opened a show called “Salt and Iron” in the old mill.",
    ],
)
def test_a_name_is_not_a_statement(nlp: Language, text: str) -> None:
    assert statements(nlp, text) == []


def test_a_quoted_title_does_not_continue_the_last_speaker(nlp: Language) -> None:
    text = (
        "“We are ready for the crowds,” said the festival director, Ana Ruiz.\n\n"
        "“Songs From the Old Harbour Town” opened the programme on Friday night."
    )
    sts = statements(nlp, text)
    assert all("Songs From" not in c.text for st in sts for c in st.content)


def test_a_quotation_after_an_indirect_statement_continues_it(nlp: Language) -> None:
    text = (
        "The trade minister said the talks had stalled over farm subsidies. "
        "“We have not moved an inch since March, and nobody in the room expects a deal.”"
    )
    sts = statements(nlp, text)
    assert len(sts) == 1
    (st,) = sts
    assert st.kind == "mixed" and len(st.content) == 2
    assert st.content[1].text.startswith("We have not moved")


@pytest.mark.parametrize(
    ("text", "inner"),
    [
        ("The governor said she was confident that the budget would pass in May.", "confident"),
        ("The minister said the new tax appears to be hurting small shops.", "appears"),
    ],
)
def test_no_second_statement_without_a_second_speaker(nlp: Language, text: str, inner: str) -> None:
    sts = statements(nlp, text)
    assert inner not in cue_texts(sts)
    assert len(sts) == 1 and sts[0].cue is not None and sts[0].cue.text == "said"


def test_a_second_speaker_inside_a_content_still_makes_a_statement(nlp: Language) -> None:
    sts = statements(nlp, "The mayor said the governor believes the bridge will never open.")
    outer, inner = with_cue(sts, "said"), with_cue(sts, "believes")
    assert inner.reported_by == outer.id


@pytest.mark.parametrize(
    ("text", "cue", "content"),
    [
        ("The appeals court ruled that the contract was void.", "ruled", "the contract was void"),
        (
            "In her dissent the judge reasoned that the delay was the state's own fault.",
            "reasoned",
            "the delay was the state's own fault",
        ),
    ],
)
def test_rulings_and_reasoning_are_speech(nlp: Language, text: str, cue: str, content: str) -> None:
    st = with_cue(statements(nlp, text), cue)
    assert st.cue_class == "speech"
    assert content in st.content[0].text


def test_ruled_without_a_clause_is_no_cue(nlp: Language) -> None:
    assert "ruled" not in cue_texts(
        statements(nlp, "The family ruled the valley for two centuries.")
    )


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("The senator pledged to cut the fuel tax before the winter.", "pledged"),
        ("The opposition leader vowed to fight the ruling in every court.", "vowed"),
        ("Since the election the governor has focused on rural hospitals.", "focused"),
    ],
)
def test_commitments_and_effort_are_intentions(nlp: Language, text: str, cue: str) -> None:
    assert with_cue(statements(nlp, text), cue).cue_class == "intention"


@pytest.mark.parametrize(
    "text",
    [
        "The mayor's support for the harbour plan surprised the council.",
        "Her concern about the deficit grew during the spring.",
        "The general's attack on the northern town began at dawn.",
    ],
)
def test_an_attitude_noun_with_an_object_is_not_a_statement(nlp: Language, text: str) -> None:
    assert statements(nlp, text) == []


def test_an_attempt_is_an_action_not_an_intention(nlp: Language) -> None:
    text = "Rescuers attempted to reach the village before nightfall."
    assert "attempted" not in cue_texts(statements(nlp, text))


def test_the_object_of_ask_is_not_what_was_asked(nlp: Language) -> None:
    assert "asked" not in cue_texts(
        statements(nlp, "Reporters asked the governor twice on Monday.")
    )
    st = with_cue(
        statements(nlp, "Reporters asked whether the governor would sign the bill."), "asked"
    )
    assert "the governor would sign the bill" in st.content[0].text


def test_a_date_after_a_reporting_noun_is_not_content(nlp: Language) -> None:
    text = "“We will not sign this,” the envoy said in a statement on Friday evening."
    sts = statements(nlp, text)
    assert all("Friday" not in c.text for st in sts for c in st.content)
    assert with_cue(sts, "said").content[0].text == "We will not sign this"


def test_a_content_without_a_word_is_no_statement(nlp: Language) -> None:
    # a stray control character after a cue (from a broken feed) is not what was said
    assert statements(nlp, "The harbour master Ana Ruiz said \x00") == []
