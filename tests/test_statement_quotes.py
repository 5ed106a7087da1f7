"""Issue 11, sixth wave: quoted statements and where their contents end (own sentences)."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from dossier.nlp.statements.context import Context
from dossier.nlp.statements.sieves.naming import is_naming
from statement_support import statements, texts, with_cue


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
        "“Ana believes that the way to change runs through the city halls of this state,” "
        "Tom Berg, Ruiz’s press secretary, said in an email."
    )
    sts = statements(nlp, text)
    said = with_cue(sts, "said")
    assert texts(said) == [
        "Ana believes that the way to change runs through the city halls of this state"
    ]
    assert said.speaker_span is not None and said.speaker_span.text == "Tom Berg"
    for st in sts:  # no statement runs out of the quotation over the outer cue
        assert all("press secretary" not in piece for piece in texts(st))


def _parsed(nlp: Language, rows: list[tuple[str, int, str, str, str]]) -> Doc:
    """A Doc with the parse given (word, head, dependency, part of speech, tag): the small
    model's misparses, written out so the test does not depend on the model's version."""
    words = [w for w, *_ in rows]
    return Doc(
        nlp.vocab,
        words=words,
        heads=[h for _, h, *_ in rows],
        deps=[d for _, _, d, *_ in rows],
        pos=[p for *_, p, _ in rows],
        tags=[t for *_, t in rows],
        lemmas=["call" if w == "called" else w for w in words],
    )


def test_a_participle_that_is_the_only_verb_is_no_naming_use(nlp: Language) -> None:
    # "Lind, a port veteran, called the budget “reckless.”" parsed with "called" as a
    # participle of "Lind" and no verb at the root
    doc = _parsed(
        nlp,
        [
            ("Lind", 0, "ROOT", "PROPN", "NNP"),
            (",", 0, "punct", "PUNCT", ","),
            ("a", 4, "det", "DET", "DT"),
            ("port", 4, "compound", "NOUN", "NN"),
            ("veteran", 0, "appos", "NOUN", "NN"),
            (",", 0, "punct", "PUNCT", ","),
            ("called", 0, "acl", "VERB", "VBN"),
            ("the", 8, "det", "DET", "DT"),
            ("budget", 6, "oprd", "NOUN", "NN"),
            ("“", 10, "punct", "PUNCT", "``"),
            ("reckless", 0, "amod", "ADJ", "JJ"),
            (".", 0, "punct", "PUNCT", "."),
            ("”", 0, "punct", "PUNCT", "''"),
        ],
    )
    assert not is_naming(Context(doc), 6)


def test_a_participle_with_an_object_and_a_name_is_no_naming_use(nlp: Language) -> None:
    # "The port failed; one councillor called the mayor “a captain.”" parsed with "called"
    # as a participle of "councillor" and two predicates after it
    doc = _parsed(
        nlp,
        [
            ("The", 1, "det", "DET", "DT"),
            ("port", 2, "nsubj", "NOUN", "NN"),
            ("failed", 2, "ROOT", "VERB", "VBD"),
            (";", 2, "punct", "PUNCT", ":"),
            ("one", 5, "nummod", "NUM", "CD"),
            ("councillor", 1, "appos", "NOUN", "NN"),
            ("called", 5, "acl", "VERB", "VBN"),
            ("the", 8, "det", "DET", "DT"),
            ("mayor", 6, "oprd", "NOUN", "NN"),
            ("“", 11, "punct", "PUNCT", "``"),
            ("a", 11, "det", "DET", "DT"),
            ("captain", 6, "oprd", "NOUN", "NN"),
            (".", 2, "punct", "PUNCT", "."),
            ("”", 2, "punct", "PUNCT", "''"),
        ],
    )
    assert not is_naming(Context(doc), 6)


def test_a_charity_called_by_its_name_is_still_a_naming_use(nlp: Language) -> None:
    doc = nlp("Marta Lind founded a small charity called the “Harbour Friends” in 2004.")
    called = next(t.i for t in doc if t.text == "called")
    assert is_naming(Context(doc), called)


@pytest.mark.parametrize(
    "text",
    [
        "The festival opened with “The Long Night,” directed by Ana Ruiz.",
        "“Who else could do it?” Her reply is redacted.",
    ],
)
def test_a_participle_or_a_passive_after_a_quote_speaks_no_quotation(
    nlp: Language, text: str
) -> None:
    sts = statements(nlp, text)
    assert not [st for st in sts if st.rule.startswith("verb '")], [st.rule for st in sts]


def test_a_finite_verb_after_a_quote_still_speaks_it(nlp: Language) -> None:
    st = with_cue(statements(nlp, "“We did it at last!” the coach beamed."), "beamed")
    assert texts(st) == ["We did it at last!"]
    assert st.speaker_span is not None and st.speaker_span.text == "the coach"
