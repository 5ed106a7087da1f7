"""Issue 11, sixth wave: quoted statements and where their contents end (own sentences)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from dossier.nlp.pipeline import PipelineConfig, build_pipeline
from dossier.nlp.state import get_state
from dossier.record import Statement


@pytest.fixture(scope="module")
def nlp() -> Language:
    return build_pipeline(
        PipelineConfig(components=["dossier_entities", "dossier_coref", "dossier_statements"])
    )


def statements(nlp: Language, text: str) -> list[Statement]:
    return list(get_state(nlp(text)).statements)


def with_cue(sts: list[Statement], cue: str) -> Statement:
    hits = [st for st in sts if st.cue is not None and st.cue.text == cue]
    assert hits, [(st.cue.text if st.cue else None, st.rule) for st in sts]
    return hits[0]


def texts(st: Statement) -> list[str]:
    return [c.text for c in st.content]


@pytest.mark.parametrize(
    ("text", "cue", "content"),
    [
        (
            'The mayor lamented the "gloomy" mood of the council.',
            "lamented",
            'the "gloomy" mood of the council',
        ),
        (
            "She joked about the minister's “very flexible” views on taxes.",
            "joked",
            "the minister's “very flexible” views on taxes",
        ),
    ],
)
def test_a_quoted_fragment_takes_the_whole_phrase_it_stands_in(
    nlp: Language, text: str, cue: str, content: str
) -> None:
    st = with_cue(statements(nlp, text), cue)
    assert texts(st) == [content]
    assert st.kind == "mixed"


def test_a_quoted_title_followed_by_an_apposition_stays_the_title(nlp: Language) -> None:
    text = "She published “Harbour Lights,” a book of essays, in 2010."
    st = with_cue(statements(nlp, text), "published")
    assert texts(st) == ["Harbour Lights"]


def test_a_cue_after_an_apposition_and_its_comma_is_no_naming_use(nlp: Language) -> None:
    sts = statements(nlp, "Lopez, a Perez ally, called Ohio’s schools “weak.”")
    st = with_cue(sts, "called")
    assert "weak" in texts(st)[0]
    assert texts(st)[0].startswith("Ohio’s schools")


def test_a_name_after_called_is_still_no_statement(nlp: Language) -> None:
    sts = statements(nlp, "He founded a group called the “Friends of the River.”")
    assert not [st for st in sts if st.cue is not None and st.cue.text == "called"]


def test_a_cue_with_a_clause_after_it_is_no_sentence_final_cue(nlp: Language) -> None:
    text = (
        "In a letter sent to the court on Monday, the city's lawyer Ann Cole said the "
        'review is "ongoing."'
    )
    st = with_cue(statements(nlp, text), "said")
    (content,) = texts(st)
    assert content.startswith("the review is")
    assert "letter" not in content


def test_a_split_quotation_goes_on_after_a_long_apposition(nlp: Language) -> None:
    text = (
        "“The danger,” said Ana Ruiz, an economist who teaches at the state university in "
        "Leon, “is that the factories will close before the new road is built.”"
    )
    st = with_cue(statements(nlp, text), "said")
    assert texts(st) == [
        "The danger",
        "is that the factories will close before the new road is built.",
    ]
    assert st.speaker_span is not None and st.speaker_span.text == "Ana Ruiz"


def test_a_title_inside_the_speaker_apposition_is_no_piece_of_the_quotation(
    nlp: Language,
) -> None:
    text = "“We are not finished,” said Ana Ruiz, whose book “Small Towns” describes the valley."
    st = with_cue(statements(nlp, text), "said")
    assert texts(st) == ["We are not finished"]


def test_a_cue_inside_a_quotation_speaks_inside_it(nlp: Language) -> None:
    text = (
        "“Ana believes that the path to change runs through the city halls of this state,” "
        "Tom Berg, Ruiz’s campaign manager, said in a statement."
    )
    sts = statements(nlp, text)
    said = with_cue(sts, "said")
    assert texts(said) == [
        "Ana believes that the path to change runs through the city halls of this state"
    ]
    assert said.speaker_span is not None and said.speaker_span.text == "Tom Berg"
    for st in sts:  # no statement runs out of the quotation over the outer cue
        assert all("campaign manager" not in piece for piece in texts(st))
