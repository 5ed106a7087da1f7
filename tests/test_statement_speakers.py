"""Issue 11, speakers (fourth round): passive cues name no speaker, a speaker after a cue that
follows its quotation, never a word of the quotation itself, and the scorer's relative pronoun
(own sentences)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from dossier.eval.statements import dossier_predictions
from dossier.nlp.state import get_state
from statement_support import with_cue


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("The senator was asked whether the bill would pass.", "asked"),
        ("The vote is expected to take place next week.", "expected"),
        ("Asked if he would run again, Ortiz said he had not decided.", "Asked"),
    ],
)
def test_a_passive_cue_names_no_speaker(nlp: Language, text: str, cue: str) -> None:
    st = with_cue(list(get_state(nlp(text)).statements), cue)
    assert st.speaker_span is None
    assert st.speaker is None


def test_the_main_clause_keeps_its_speaker_after_a_passive_adjunct(nlp: Language) -> None:
    sts = list(
        get_state(nlp("Asked if he would run again, Ortiz said he had not decided.")).statements
    )
    said = with_cue(sts, "said")
    assert said.speaker_span is not None and said.speaker_span.text == "Ortiz"


def test_an_experiencer_keeps_its_thought(nlp: Language) -> None:
    sts = list(get_state(nlp("The residents were worried that the dam would fail.")).statements)
    st = with_cue(sts, "worried")
    assert st.speaker_span is not None and st.speaker_span.text == "The residents"


@pytest.mark.parametrize(
    ("text", "cue", "speaker"),
    [
        (
            "“The roads are a disgrace,” added another council member.",
            "added",
            "another council member",
        ),
        ("“We will keep the clinic open,” read the statement.", "read", "the statement"),
        ("“Safety first, always,” said the foreman.", "said", "the foreman"),
        ("“My apologies to everyone who waited,” said Lopez.", "said", "Lopez"),
    ],
)
def test_the_speaker_after_a_cue_that_follows_its_quotation(
    nlp: Language, text: str, cue: str, speaker: str
) -> None:
    st = with_cue(list(get_state(nlp(text)).statements), cue)
    assert st.speaker_span is not None and st.speaker_span.text == speaker


def test_the_scorer_takes_a_relative_pronoun_for_its_speaker(nlp: Language) -> None:
    text = "The mayor, who said the budget was balanced, left early."
    doc = nlp(text)
    (pred,) = dossier_predictions(doc)
    who = text.index("who")
    assert (who, who + 3) in pred.speaker


@pytest.mark.parametrize(
    ("text", "cue", "speaker"),
    [
        ("On taxes, 42% say they want cuts.", "say", "42%"),
        ("About 4 in 10 say they want a change of course.", "say", "About 4 in 10"),
    ],
)
def test_a_poll_share_speaks_when_the_parse_gives_no_subject(
    nlp: Language, text: str, cue: str, speaker: str
) -> None:
    st = with_cue(list(get_state(nlp(text)).statements), cue)
    assert st.speaker_span is not None and st.speaker_span.text == speaker


def test_a_dateline_is_not_the_speaker(nlp: Language) -> None:
    text = (
        "LISBON, May 3 (Reuters) — The fishermen's union has asked the ministry to review "
        "the quotas."
    )
    st = with_cue(list(get_state(nlp(text)).statements), "asked")
    assert st.speaker_span is not None and st.speaker_span.text == "The fishermen's union"


@pytest.mark.parametrize(
    ("text", "cue", "speaker"),
    [
        ("Farmers were more likely to say the subsidy had helped them.", "say", "Farmers"),
        ("The union was quick to point out that wages had fallen.", "point out", "The union"),
    ],
)
def test_a_predicate_adjective_complement_speaks_with_the_subject(
    nlp: Language, text: str, cue: str, speaker: str
) -> None:
    st = with_cue(list(get_state(nlp(text)).statements), cue)
    assert st.speaker_span is not None and st.speaker_span.text == speaker


def test_a_participle_cue_after_a_closing_quotation_mark_speaks_on_its_own(
    nlp: Language,
) -> None:
    text = (
        "Ortiz said the plan was “a disaster for the valley,” explaining, “Nobody asked the "
        "farmers what they needed.”"
    )
    sts = list(get_state(nlp(text)).statements)
    said = with_cue(sts, "said")
    assert "Nobody" not in " ".join(c.text for c in said.content)
    explaining = with_cue(sts, "explaining")
    assert explaining.content[0].text.startswith("Nobody asked")
    assert explaining.speaker_span is not None and explaining.speaker_span.text == "Ortiz"
