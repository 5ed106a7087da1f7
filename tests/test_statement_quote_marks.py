"""Issue 11, seventh wave: quotation marks bound contents; the cue nearest a floating
quotation takes it; ``put it`` as a cue (own sentences)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from dossier.nlp.statements.boundaries import (
    past_quoted_comma,
    to_closing_marks,
    within_own_quote,
)
from dossier.nlp.statements.context import Context
from statement_support import statements, texts, with_cue


def test_a_piece_starting_inside_a_quotation_runs_to_its_closing_mark(nlp: Language) -> None:
    text = "The mayor said “the bridge is safe, and the tolls will stay low” on Monday."
    ctx = Context(nlp(text))
    start = text.index("the bridge")
    cut = text.index(", and")
    content = [(start, cut)]  # as a parse that ends the clause at the comma leaves it
    assert to_closing_marks(ctx, content, (text.index("said"), text.index("said") + 4))
    assert text[content[0][0] : content[0][1]] == "the bridge is safe, and the tolls will stay low"


def test_a_cue_inside_the_quotation_keeps_its_own_end(nlp: Language) -> None:
    text = "“I think the bridge is safe, and the tolls will stay low,” the mayor said."
    ctx = Context(nlp(text))
    start = text.index("the bridge")
    content = [(start, text.index(", and"))]
    think = text.index("think")
    assert not to_closing_marks(ctx, content, (think, think + 5))
    assert content == [(start, text.index(", and"))]


def test_a_piece_outside_any_quotation_is_left_alone(nlp: Language) -> None:
    text = "The mayor said the bridge is safe, and “the tolls will stay low.”"
    ctx = Context(nlp(text))
    content = [(text.index("the bridge"), text.index(", and"))]
    assert not to_closing_marks(ctx, content, None)


def test_a_floating_quotation_continues_the_cue_nearest_before_it(nlp: Language) -> None:
    text = (
        "“The port will reopen in May,” the minister said. She added that the repairs had "
        "cost more than planned. “We had to rebuild the whole pier.”"
    )
    sts = statements(nlp, text)
    assert texts(with_cue(sts, "said")) == ["The port will reopen in May"]
    assert texts(with_cue(sts, "added"))[-1] == "We had to rebuild the whole pier."


def test_as_x_put_it_introduces_the_quotation(nlp: Language) -> None:
    sts = statements(nlp, "As one union leader put it, “The plant is the heart of this town.”")
    st = with_cue(sts, "put")
    assert texts(st) == ["The plant is the heart of this town."]
    assert st.speaker_span is not None and st.speaker_span.text == "one union leader"
    assert st.cue_class == "speech"


def test_put_it_with_a_place_or_a_particle_is_another_verb(nlp: Language) -> None:
    for text in (
        "He put it into the drawer and said nothing.",
        "She put it off until the spring, “to be safe.”",
    ):
        assert "put" not in [st.cue.text for st in statements(nlp, text) if st.cue]


@pytest.mark.parametrize(
    ("text", "contents"),
    [
        (  # a cue in the quoting statement's own sentence does not take the quotation over
            "“The port will reopen in May,” said Ana Ruiz, a minister who plans to run for "
            "mayor. “We had to rebuild the whole pier.”",
            ["The port will reopen in May", "We had to rebuild the whole pier."],
        ),
        (  # a sentence with a quotation and no cue continues the quotation before it
            "“We will keep the clinic open,” the governor said. "
            "The closure would be “a betrayal of every nurse in the valley.”",
            [
                "We will keep the clinic open",
                "The closure would be “a betrayal of every nurse in the valley.",
            ],
        ),
        (  # ... not when its quotation is a title
            "“We will keep the clinic open,” the governor said. "
            "The hall was decorated for the film “Harbour Lights” that night.",
            ["We will keep the clinic open"],
        ),
    ],
)
def test_the_quotations_the_cue_before_them_takes(
    nlp: Language, text: str, contents: list[str]
) -> None:
    assert texts(with_cue(statements(nlp, text), "said")) == contents


def test_a_cue_inside_a_quotation_takes_no_words_before_it(nlp: Language) -> None:
    text = "After the debate the senator shot back, “I suppose we could wait, but we will not.”"
    doc = nlp(text)
    ctx = Context(doc)
    verb = next(t.i for t in doc if t.text == "suppose")
    # as a parse that hangs the outer clause on the quoted verb gives it
    span = (0, text.index("will not") + len("will not"))
    assert within_own_quote(ctx, verb, span) == (text.index("I suppose"), span[1])
    inside = (text.index("we could"), span[1])
    assert within_own_quote(ctx, verb, inside) == inside


def test_a_clause_ending_on_a_quoted_comma_goes_on_to_the_sentence_end(nlp: Language) -> None:
    text = "The mayor said the plan was “far too costly,” and would hurt the port for years."
    ctx = Context(nlp(text))
    span = (text.index("the plan"), text.index("costly") + len("costly"))
    assert past_quoted_comma(ctx, span) == (span[0], text.index(" for years") + len(" for years"))


def test_a_cue_after_the_quoted_comma_keeps_the_end(nlp: Language) -> None:
    for tail in ("she said", "adding that the port would close", "according to the council"):
        text = f"The mayor warned that the plan was “far too costly,” {tail}."
        ctx = Context(nlp(text))
        span = (text.index("that the plan"), text.index("costly") + len("costly"))
        assert past_quoted_comma(ctx, span) == span, tail


def test_quotations_listed_with_and_are_one_content(nlp: Language) -> None:
    text = "Outside the court the crowd chanted “Free the nurses” and “Justice now.”"
    st = with_cue(statements(nlp, text), "chanted")
    assert texts(st) == ["Free the nurses” and “Justice now."]


def test_a_cue_in_a_clause_of_the_lead_does_not_cut_the_lead(nlp: Language) -> None:
    text = "When the mayor said she would resign, the council “lost its nerve,” the clerk said."
    sts = statements(nlp, text)
    st = next(x for x in sts if x.speaker_span is not None and x.speaker_span.text == "the clerk")
    assert texts(st) == ["When the mayor said she would resign, the council “lost its nerve"]
