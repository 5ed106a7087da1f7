"""A first-person aside inside someone's quotation is part of the quotation, not a statement."""

from __future__ import annotations

import pytest
from spacy.language import Language

from dossier.nlp.state import get_state


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        (
            "Mayor Ana Ruiz said on Monday that the city was ready for the storm.\n\n"
            "“I think the bridge will be finished by June. We are in good shape.”",
            "I think the bridge will be finished by June. We are in good shape.",
        ),
        (
            "Mayor Ana Ruiz said on Monday that the city was ready.\n\n"
            "“We want the road open before winter. Nobody should wait.”",
            "We want the road open before winter. Nobody should wait.",
        ),
    ],
)
def test_first_person_aside_in_a_quotation_is_not_a_second_statement(
    nlp: Language, text: str, quote: str
) -> None:
    sts = get_state(nlp(text)).statements
    assert [c.text for st in sts for c in st.content if c.text == quote] == [quote]
    inside = [st for st in sts if st.cue is not None and st.cue.start > text.index(quote) - 2]
    assert inside == [], [st.rule for st in inside]


def test_a_named_speaker_inside_a_quotation_still_speaks(nlp: Language) -> None:
    text = (
        "Mayor Ana Ruiz said on Monday that the city was ready.\n\n"
        "“The governor told me the money will arrive next week.”"
    )
    sts = get_state(nlp(text)).statements
    assert any(st.cue is not None and st.cue.text == "told" for st in sts)
