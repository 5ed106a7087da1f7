"""Issue 11, sixth round: naming uses and other senses of cue verbs are not statements, words
cannot speak, and the class of a statement follows its speaker (data and documents: evidence)
and its construction (a commitment with a clause reports words). Own sentences."""

from __future__ import annotations

import pytest
from spacy.language import Language

from dossier.nlp.statements.lexicon import cue_lexicon, statement_class
from statement_support import cue_texts, statements, with_cue


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("The striker is known as “the Hammer” in her home town.", "known"),
        ("In the valley the old pass is known as the Wolf Gate.", "known"),
        ("The breakaway faction calls itself “Free Harbour” in its leaflets.", "calls"),
        ("The new party calls itself Forward Together.", "calls"),
    ],
)
def test_a_name_in_any_construction_is_not_a_statement(nlp: Language, text: str, cue: str) -> None:
    sts = statements(nlp, text)
    assert cue not in cue_texts(sts), [st.rule for st in sts]


@pytest.mark.parametrize(
    ("text", "cue", "content"),
    [
        ("The mayor calls himself a cautious reformer.", "calls", "himself a cautious reformer"),
        ("The council called him a hero of the flood.", "called", "him a hero of the flood"),
        ("The senator called the tax plan “reckless.”", "called", "reckless"),
    ],
)
def test_a_description_after_call_stays_a_statement(
    nlp: Language, text: str, cue: str, content: str
) -> None:
    st = with_cue(statements(nlp, text), cue, prefix=True)
    assert content in " ".join(c.text for c in st.content)


@pytest.mark.parametrize(
    "text",
    [
        "The dockers' union called off the strike on Monday night.",
        "The army called up two thousand reservists in the spring.",
        "The governor called a meeting of the flood committee.",
        "She called the senator twice on Sunday.",
    ],
)
def test_call_without_a_predicate_is_not_a_statement(nlp: Language, text: str) -> None:
    sts = statements(nlp, text)
    assert not [st for st in sts if st.cue is not None and st.cue.text.lower().startswith("call")]


def test_a_word_cannot_speak(nlp: Language) -> None:
    text = "The term “green corridor” refers to a protected route for wildlife across farmland."
    assert statements(nlp, text) == []


def test_a_person_can_refer_to_something(nlp: Language) -> None:
    text = "The minister referred to the harbour accident in her speech."
    assert with_cue(statements(nlp, text), "referred", prefix=True).cue_class == "speech"


@pytest.mark.parametrize(
    ("text", "cue", "cls"),
    [
        ("The latest figures indicate that exports are recovering.", "indicate", "evidence"),
        ("A new survey suggests that most tenants cannot afford a move.", "suggests", "evidence"),
        ("The minister suggested that exports were recovering.", "suggested", "speech"),
        ("The spokeswoman revealed that the talks had failed.", "revealed", "speech"),
    ],
)
def test_data_and_documents_as_speakers_make_evidence(
    nlp: Language, text: str, cue: str, cls: str
) -> None:
    assert with_cue(statements(nlp, text), cue, prefix=True).cue_class == cls


@pytest.mark.parametrize(
    ("text", "cue", "cls"),
    [
        ("The chief executive promised to keep the plant open.", "promised", "intention"),
        ("The landlords threatened to take the city to court.", "threatened", "intention"),
        ("He promised that the new plant would recycle its water.", "promised", "speech"),
        ("The rebels vowed that they would never lay down their arms.", "vowed", "speech"),
    ],
)
def test_a_commitment_with_a_clause_reports_words(
    nlp: Language, text: str, cue: str, cls: str
) -> None:
    assert with_cue(statements(nlp, text), cue, prefix=True).cue_class == cls


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("The farmers' union is supportive of the new water rules.", "supportive"),
        ("Most of the council is critical of the harbour tower plan.", "critical"),
    ],
)
def test_a_stance_adjective_is_an_intention(nlp: Language, text: str, cue: str) -> None:
    assert with_cue(statements(nlp, text), cue, prefix=True).cue_class == "intention"


def test_statement_class_rules() -> None:
    lex = cue_lexicon()
    assert statement_class(lex, "show", "poll") == "evidence"
    assert statement_class(lex, "indicate", "minister") == "speech"
    assert statement_class(lex, "say", "report") == "speech"  # not a verb of evidence
    assert statement_class(lex, "pledge", "senator") == "intention"
    assert statement_class(lex, "pledge", "senator", clausal=True) == "speech"
    assert statement_class(lex, "believe", None, clausal=True) == "thought"


def test_a_split_stops_only_before_a_speech_cue(nlp: Language) -> None:
    text = (
        "The shipyard said it was pleased with the result and would focus on "
        "delivering the first ferry by March."
    )
    st = with_cue(statements(nlp, text), "said", prefix=True)
    joined = " ".join(c.text for c in st.content)
    assert "delivering the first ferry" in joined, st.rule


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen attacked an army post in the north on Sunday.",
        "Insurgents attacked Kandahar before dawn.",
        "The bombers struck Kharkiv twice in one night.",
    ],
)
def test_an_armed_attack_is_not_a_statement(nlp: Language, text: str) -> None:
    sts = statements(nlp, text)
    assert not [st for st in sts if st.cue is not None], [st.rule for st in sts]


def test_a_verbal_attack_stays_a_statement(nlp: Language) -> None:
    st = with_cue(
        statements(nlp, "The senator attacked her rival over the tax plan."),
        "attacked",
        prefix=True,
    )
    assert "her rival" in st.content[0].text


def test_a_that_clause_misparsed_as_relative_is_the_complement(nlp: Language) -> None:
    text = "Judge rules that mayor broke election law\n\nThe hearing lasted two days."
    st = with_cue(statements(nlp, text), "rules", prefix=True)
    assert st.content[0].text == "that mayor broke election law"


def test_apparently_is_no_cue_and_seemingly_is_evidence(nlp: Language) -> None:
    assert statements(nlp, "The ferry had apparently left the harbour before the storm.") == []
    st = with_cue(
        statements(nlp, "The talks had seemingly stalled over fishing rights."), "seem", prefix=True
    )
    assert st.cue_class == "evidence"


def test_a_pronoun_reporting_its_own_attitude_is_no_second_statement(nlp: Language) -> None:
    text = "The harbour master said he believes the new channel will bring larger ships."
    sts = statements(nlp, text)
    assert cue_texts(sts) == ["said"], [st.rule for st in sts]
    assert "he believes the new channel" in sts[0].content[0].text


def test_a_relayed_report_keeps_its_own_statement(nlp: Language) -> None:
    text = "The mayor said her deputies had told her the council could draft a new rule."
    assert "told" in cue_texts(statements(nlp, text))
