"""Issue 11, eighth wave: a non-restrictive relative clause with a cue of its own is an
attribution of its own; the content it hangs on stops before it (own sentences)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from dossier.nlp.statements.boundaries import wh_relative_object
from dossier.nlp.statements.context import Context
from statement_support import statements, texts, with_cue


@pytest.mark.parametrize(
    ("text", "outer", "outer_content", "inner_content"),
    [
        (
            "The senator cited the new tariffs, which he said had hurt farmers in his state.",
            "cited",
            ["the new tariffs"],
            ["which", "had hurt farmers in his state"],
        ),
        (
            "The board approved the budget, which officials said would save money next year.",
            "approved",
            None,
            ["which", "would save money next year"],
        ),
        (
            "The mayor said the council had raised the port fees, which she added "
            "“will drive the ferries away.”",
            "said",
            ["the council had raised the port fees"],
            ["which", "will drive the ferries away."],
        ),
    ],
)
def test_a_relative_clause_with_a_cue_is_a_statement_of_its_own(
    nlp: Language,
    text: str,
    outer: str,
    outer_content: list[str] | None,
    inner_content: list[str],
) -> None:
    sts = statements(nlp, text)
    inner = with_cue(sts, "said" if "said would" in text or "he said had" in text else "added")
    assert texts(inner) == inner_content
    assert inner.reported_by is None
    if outer_content is not None:
        st = with_cue(sts, outer)
        assert texts(st) == outer_content
        assert "relative clause" in st.rule


def test_a_quoted_noun_phrase_in_a_relative_clause_stays_in_the_outer_content(
    nlp: Language,
) -> None:
    # a noun phrase is no clause: sets that count clausal contents leave it out
    text = "The mayor said the council had raised the port fees, which she called “a tax on trade.”"
    sts = statements(nlp, text)
    assert "called" not in [st.cue.text for st in sts if st.cue]
    assert texts(with_cue(sts, "said"))[0].endswith("which she called “a tax on trade.")


def test_only_a_non_restrictive_wh_relative_counts(nlp: Language) -> None:
    ctx = Context(nlp("The plan the mayor said would fail was passed on Monday."))
    said = next(i for i in range(ctx.table.n) if ctx.table.words[i] == "said")
    assert wh_relative_object(ctx, said) is None  # no pronoun, no comma: restrictive
    ctx = Context(nlp("The council passed the new plan, which the mayor said would fail."))
    said = next(i for i in range(ctx.table.n) if ctx.table.words[i] == "said")
    rel = wh_relative_object(ctx, said)
    assert rel is not None and ctx.table.words[rel] == "which"
    # a relative clause whose pronoun is the speaker is the usual "X, who said ..."
    ctx = Context(nlp("The mayor, who said the fees were too high, left early."))
    said = next(i for i in range(ctx.table.n) if ctx.table.words[i] == "said")
    assert wh_relative_object(ctx, said) is None


@pytest.mark.parametrize(
    ("text", "cue", "content"),
    [
        (
            "The tax will hit small shops hardest, as the mayor noted in her speech.",
            "noted",
            ["The tax will hit small shops hardest"],
        ),
        (
            "The plan, as the minister pointed out, has no funding.",
            "pointed out",
            ["The plan", "has no funding."],
        ),
        (
            "But as the auditor reported to the council, the hospital is short of nurses.",
            "reported",
            ["the hospital is short of nurses."],
        ),
    ],
)
def test_a_comment_clause_reports_the_clause_it_comments_on(
    nlp: Language, text: str, cue: str, content: list[str]
) -> None:
    st = with_cue(statements(nlp, text), cue)
    assert texts(st) == content
    assert "comment clause" in st.rule
    assert st.cue_class == "speech"


@pytest.mark.parametrize(
    "text",
    [
        "As he spoke in the hall, the crowd grew restless.",  # a time: no reporting verb
        "As you know, the budget is late.",  # the reader
        "As the mayor said the plan was dead, the crowd cheered.",  # the verb's own clause
    ],
)
def test_an_as_clause_that_is_no_comment_reports_nothing_of_its_head(
    nlp: Language, text: str
) -> None:
    for st in statements(nlp, text):
        assert "comment clause" not in st.rule
