"""dossier_statements on fixture sentences: every construction, quote style and odd mark."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from dossier.nlp.quotes import find_quotes
from dossier.nlp.state import Analysis, get_state
from dossier.nlp.statements import statement_containing
from dossier.record import Statement

SEED = Path(__file__).parents[1].parent / "shared" / "examples" / "seed-article.txt"


def run(nlp: Language, text: str) -> tuple[list[Statement], Analysis]:
    doc = nlp(text)
    state = get_state(doc)
    for st in state.statements:  # spans always reproduce the text
        for span in [*st.content, st.cue, st.speaker_span]:
            if span is not None:
                assert text[span.start : span.end] == span.text
    return state.statements, state


def contents(st: Statement) -> list[str]:
    return [c.text for c in st.content]


def find(sts: list[Statement], piece: str) -> Statement:
    for st in sts:
        if any(piece in c.text for c in st.content):
            return st
    raise AssertionError(f"no statement with {piece!r}: {[contents(s) for s in sts]}")


def speaker_name(state: Analysis, st: Statement) -> str:
    assert st.speaker is not None, st
    return state.entities[st.speaker].name


# --- quote marks -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("open_", "close"),
    [("“", "”"), ('"', '"'), ("‘", "’"), ("«", "»"), ("„", "“"), ("'", "'")],
)
def test_direct_quote_every_style(nlp: Language, open_: str, close: str) -> None:
    text = f"{open_}The talks have failed,{close} said John Smith, the foreign minister."
    sts, state = run(nlp, text)
    st = find(sts, "The talks have failed")
    assert st.kind == "direct"
    assert contents(st) == ["The talks have failed"]  # marks and comma excluded
    assert st.cue is not None and st.cue.text == "said"
    assert st.speaker_span is not None and "John Smith" in st.speaker_span.text
    assert speaker_name(state, st).endswith("Smith")


def test_split_quote(nlp: Language) -> None:
    text = "“We will not retreat,” the general said. “Our troops are ready for anything.”"
    sts, _ = run(nlp, text)
    st = find(sts, "We will not retreat")
    assert contents(st) == ["We will not retreat", "Our troops are ready for anything."]
    assert st.speaker_span is not None and st.speaker_span.text == "the general"
    assert len(sts) == 1


def test_split_quote_around_cue(nlp: Language) -> None:
    text = "“The vote,” Maria Lopez said, “was stolen from the people.”"
    sts, _ = run(nlp, text)
    st = find(sts, "The vote")
    assert contents(st) == ["The vote", "was stolen from the people."]


def test_quote_across_paragraphs(nlp: Language) -> None:
    text = (
        "Ahmed Karimi, a senior official, described the night.\n\n"
        "“The sirens started at midnight and nobody slept,” Karimi said. “Then the lights went"
        " out across the city.\n\n"
        "“By morning the roads were closed and the shops were empty.”\n\n"
        "The government did not comment."
    )
    sts, state = run(nlp, text)
    st = find(sts, "The sirens started")
    joined = " | ".join(contents(st))
    assert "Then the lights went out across the city." in joined
    assert "By morning the roads were closed" in joined
    assert all("government did not comment" not in c for c in contents(st))
    assert speaker_name(state, st).endswith("Karimi")


def test_floating_quote_continues_last_speaker(nlp: Language) -> None:
    text = (
        "“The ceasefire is holding,” said Colonel David Brown.\n\n"
        "“We have seen no violations in the north since Tuesday.”\n\n"
        "Fighting resumed later in the south."
    )
    sts, _state = run(nlp, text)
    first = find(sts, "The ceasefire is holding")
    floating = find(sts, "We have seen no violations")
    assert floating.speaker == first.speaker and floating.speaker is not None
    assert floating.kind == "direct" and floating.cue is None
    assert "floating" in floating.rule


def test_short_quoted_title_is_no_floating_quote(nlp: Language) -> None:
    # a short quotation with no sentence mark and no cue is a title, not the last speaker's words
    text = (
        "“The ceasefire is holding,” said Colonel David Brown.\n\n"
        "“Rivers That Remember the Rain” won the festival's top prize on Sunday.\n\n"
        "“We saw no violations at all.”"
    )
    sts, _state = run(nlp, text)
    assert all("Rivers That Remember" not in c for st in sts for c in contents(st))
    kept = find(sts, "We saw no violations at all.")  # a short sentence with its mark stays
    assert "floating" in kept.rule and kept.speaker == find(sts, "ceasefire").speaker


def test_colon_quote(nlp: Language) -> None:
    text = "Reporters asked about the deal.\n\nMohammed Salehi: “There is no deal yet.”"
    sts, _state = run(nlp, text)
    st = find(sts, "There is no deal yet.")
    assert st.kind == "direct"
    assert st.speaker_span is not None and st.speaker_span.text == "Mohammed Salehi"
    assert st.cue is not None and st.cue.text == ":"


@pytest.mark.parametrize(
    "text",
    [
        "He said “we are ready and then nothing closes this quote.\n\nNext paragraph is plain.",
        "A stray closing mark” appears here.\n\nAnother paragraph.",
        "“One” “two “three” four” five “",
        '"""',
        "“",
        "",
        "He said ‘maybe and it’s fine.\n\nThe end.",
    ],
)
def test_unbalanced_quotes_never_crash_or_swallow(nlp: Language, text: str) -> None:
    sts, state = run(nlp, text)
    assert not any("internal error" in w for w in state.warnings)
    for st in sts:
        for span in st.content:
            assert "\n\n" not in span.text  # never beyond a paragraph
    for q in find_quotes(text):
        assert "\n" not in text[q.start : q.end]


def test_unclosed_quote_ends_at_paragraph(nlp: Language) -> None:
    text = "“We are ready,” said Anna Berg. “The rest never closes\n\nPlain text follows here."
    quotes = find_quotes(text)
    assert [text[q.start : q.end] for q in quotes] == ["We are ready", "The rest never closes"]
    assert quotes[1].balanced is False and quotes[1].continues is False


# --- indirect and mixed ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "content", "speaker", "cue"),
    [
        (
            "The minister said that the border would reopen next week.",
            "the border would reopen next week",
            "The minister",
            "said",
        ),
        (
            "The border would reopen next week, the minister said.",
            "The border would reopen next week",
            "the minister",
            "said",
        ),
        (
            "The border would reopen next week, said Omar Haddad.",
            "The border would reopen next week",
            "Omar Haddad",
            "said",
        ),
        (
            "The army claimed the rebels had fled the town.",
            "the rebels had fled the town",
            "The army",
            "claimed",
        ),
        (
            "Officials warned that more strikes were likely.",
            "more strikes were likely",
            "Officials",
            "warned",
        ),
        (
            "The ministry denied that any civilians were killed.",
            "any civilians were killed",
            "The ministry",
            "denied",
        ),
        (
            "Sarah Cole told reporters that the talks had stalled.",
            "the talks had stalled",
            "Sarah Cole",
            "told",
        ),
        (
            "Hamid Reza responded that the sanctions would fail.",
            "the sanctions would fail",
            "Hamid Reza",
            "responded",
        ),
        (
            "The general revealed that the base had been evacuated.",
            "the base had been evacuated",
            "The general",
            "revealed",
        ),
    ],
)
def test_indirect(nlp: Language, text: str, content: str, speaker: str, cue: str) -> None:
    sts, _ = run(nlp, text)
    st = find(sts, content)
    assert st.kind == "indirect"
    assert any(content in c for c in contents(st))
    assert st.cue is not None and st.cue.text == cue
    assert st.speaker_span is not None and speaker in st.speaker_span.text


def test_according_to(nlp: Language) -> None:
    text = "According to the United Nations, more than 3,000 people fled the city."
    sts, _state = run(nlp, text)
    st = find(sts, "more than 3,000 people fled the city")
    assert st.cue is not None and st.cue.text == "According to"
    assert st.speaker_span is not None and "United Nations" in st.speaker_span.text
    assert "According" not in contents(st)[0]
    assert st.speaker is not None


def test_reporting_noun(nlp: Language) -> None:
    text = "Voters rejected the senator's claim that taxes would fall."
    sts, _ = run(nlp, text)
    st = next(s for s in sts if s.cue is not None and s.cue.text == "claim")
    assert contents(st) == ["that taxes would fall"]
    assert st.speaker_span is not None and "senator" in st.speaker_span.text


def test_speech_setting_does_not_block(nlp: Language) -> None:
    text = "In a speech on Monday, Laura Chen said the economy was recovering."
    sts, _ = run(nlp, text)
    st = find(sts, "the economy was recovering")
    assert st.speaker_span is not None and "Laura Chen" in st.speaker_span.text


def test_mixed_quote(nlp: Language) -> None:
    text = "He added that Russia “turned off radars” when Israel struck targets in Syria."
    sts, _ = run(nlp, text)
    st = find(sts, "turned off radars")
    assert st.kind == "mixed"
    assert "when Israel struck targets in Syria" in contents(st)[0]


def test_pronoun_speaker_resolves(nlp: Language) -> None:
    text = (
        "Peter Novak, a prominent analyst in Prague, spoke on Monday. "
        "The crisis will deepen this winter, he said."
    )
    sts, state = run(nlp, text)
    st = find(sts, "The crisis will deepen")
    assert st.speaker_span is not None and st.speaker_span.text == "he"
    assert speaker_name(state, st).endswith("Novak")


def test_apposition_speaker(nlp: Language) -> None:
    text = "Peter Novak, a prominent analyst in Prague, said the crisis would deepen."
    sts, _state = run(nlp, text)
    st = find(sts, "the crisis would deepen")
    assert st.speaker_span is not None and st.speaker_span.text == "Peter Novak"


def test_description_speaker_creates_entity(nlp: Language) -> None:
    text = "A spokesman for the ministry said the convoy had been attacked."
    sts, state = run(nlp, text)
    st = find(sts, "the convoy had been attacked")
    assert st.speaker is not None
    ent = state.entities[st.speaker]
    assert ent.type in ("PERSON", "GROUP", "ORG")
    assert any(m.start == st.speaker_span.start for m in ent.mentions)  # type: ignore[union-attr]


def test_nesting_reported_by(nlp: Language) -> None:
    text = (
        "The general said in a speech that the army had withdrawn, the Daily Courier reported."
        "\n\nAccording to the report, the speech surprised many officers."
    )
    sts, _state = run(nlp, text)
    outer = next(s for s in sts if s.cue is not None and s.cue.text == "reported")
    inner = next(s for s in sts if s.cue is not None and s.cue.text == "said")
    assert inner.reported_by == outer.id
    according = find(sts, "the speech surprised many officers")
    assert according.reported_by == outer.id


def test_statement_containing(nlp: Language) -> None:
    text = "The minister said that the border would reopen next week."
    doc = nlp(text)
    state = get_state(doc)
    start = text.index("border")
    st = statement_containing(state, start, start + len("border"))
    assert st is not None and st.cue is not None and st.cue.text == "said"
    assert statement_containing(state, 0, 3) is None


def test_call_for_clause(nlp: Language) -> None:
    sts, _ = run(nlp, "Senator Jane Doe is calling for the government to raise taxes on banks.")
    st = find(sts, "the government to raise taxes")
    assert st.cue is not None and st.cue.text == "calling"
    assert st.speaker_span is not None and "Doe" in st.speaker_span.text


def test_complement_before_quote_is_mixed(nlp: Language) -> None:
    sts, _ = run(nlp, "The prosecutor Ann Lee said the inquiry is “still ongoing.”")
    st = find(sts, "inquiry")
    assert st.kind == "mixed"
    assert "the inquiry is" in st.content[0].text and "still ongoing" in st.content[0].text


def test_quote_before_new_sentence_not_taken(nlp: Language) -> None:
    text = (
        "“We will cover every worker,” the mayor said. “It is a good law.” "
        "Tom Brown says he has not read the details of the bill."
    )
    sts, _ = run(nlp, text)
    st = find(sts, "he has not read the details")
    assert st.speaker_span is not None and "Brown" in st.speaker_span.text
    assert all("good law" not in c for c in contents(st))


def test_tail_cue_not_after_but(nlp: Language) -> None:
    sts, _ = run(nlp, "Mary Jones said the plant closed, but Jones did not say when.")
    st = find(sts, "the plant closed")
    assert st.cue is not None and st.cue.text == "said"
    assert all("Jones said" not in c for s in sts for c in contents(s))


def test_coordinated_clause_joins_content(nlp: Language) -> None:
    sts, _ = run(nlp, "Paul Ross says the road is long but the party is ready for the fight.")
    st = find(sts, "the road is long")
    assert "the party is ready" in st.content[0].text


def test_content_stays_in_paragraph(nlp: Language) -> None:
    text = "Minister quits over leaks\n\nA news report said the minister used a private phone."
    sts, _ = run(nlp, text)
    st = find(sts, "used a private phone")
    assert all("quits" not in c for c in contents(st))


def test_reporting_noun_colon_quote(nlp: Language) -> None:
    text = "Governor Ann Smith issued a statement: “We mourn the victims of the flood.”"
    sts, _ = run(nlp, text)
    st = find(sts, "We mourn the victims")
    assert st.kind == "direct"
    assert st.speaker_span is not None and "Smith" in st.speaker_span.text


def test_reporting_noun_with_object(nlp: Language) -> None:
    sts, _ = run(nlp, "Smith's comments on immigration drew fire from Democrats.")
    st = find(sts, "immigration")
    assert st.cue is not None and st.cue.text.startswith("comments")
    assert st.speaker_span is not None and "Smith" in st.speaker_span.text


def test_plain_text_has_no_statements(nlp: Language) -> None:
    sts, _ = run(nlp, "The bridge was built in 1920. It crosses the river near the old mill.")
    assert sts == []


@pytest.mark.corpus
def test_seed_article(nlp: Language) -> None:
    if not SEED.is_file():
        pytest.skip("shared examples not available")
    text = SEED.read_text(encoding="utf-8")
    sts, state = run(nlp, text)

    def by(piece: str) -> str:
        return speaker_name(state, find(sts, piece))

    for piece in [
        "I don’t consider losing Syria",
        "We were defeated",
        "We can activate all the networks",
        "We can activate the social layers",
        "Now we can operate there",
        "Iran had even transferred",
        "Russia had misled Iran",
        "Iran hasn’t given up on Syria",
    ]:
        assert by(piece).endswith("Esbati"), piece
    radars = find(sts, "turned off radars")
    assert radars.kind == "mixed" and speaker_name(state, radars).endswith("Esbati")
    for piece in [
        "Everyone is talking about the speech",
        "He very clearly laid out",
        "General Esbati’s speech was significant",
    ]:
        assert by(piece).endswith("Rahmati"), piece
    nyt = next(s for s in sts if s.cue is not None and s.cue.text == "reported")
    according = find(sts, "stunned Iranians")
    assert according.reported_by == nyt.id


# --- more constructions --------------------------------------------------------------------


def test_two_apostrophes_as_double_marks(nlp: Language) -> None:
    text = "''The vote was stolen,'' he said. ''We will go to court.''"
    sts, _ = run(nlp, text)
    st = find(sts, "The vote was stolen")
    assert st.kind == "direct"
    assert contents(st) == ["The vote was stolen", "We will go to court."]


def test_quote_with_dash_and_name(nlp: Language) -> None:
    text = "“The war has to stop now.” ― Maria Lopez\n“Nobody listens to us.” ― Ahmed Karimi"
    sts, _ = run(nlp, text)
    first, second = find(sts, "The war has to stop"), find(sts, "Nobody listens")
    assert first.speaker_span is not None and first.speaker_span.text == "Maria Lopez"
    assert second.speaker_span is not None and second.speaker_span.text == "Ahmed Karimi"
    assert first.kind == second.kind == "direct"


def test_parenthetical_cue_inside_the_clause(nlp: Language) -> None:
    text = "All too often, Mr. Ferreira said, the argument about taxes turns into a shouting match."
    sts, _ = run(nlp, text)
    st = find(sts, "All too often")
    assert contents(st) == [
        "All too often",
        "the argument about taxes turns into a shouting match.",
    ]
    assert st.speaker_span is not None and st.speaker_span.text == "Mr. Ferreira"


def test_split_quote_after_a_long_cue_sentence(nlp: Language) -> None:
    text = (
        "“The vote was stolen,” said Maria Lopez, the opposition leader who lost the election"
        " in May. “We will go to court.”"
    )
    sts, _ = run(nlp, text)
    st = find(sts, "The vote was stolen")
    assert contents(st) == ["The vote was stolen", "We will go to court."]


def test_cue_after_a_speaker_with_apposition(nlp: Language) -> None:
    text = "The budget is a disaster for the state, John Smith, the senator from Ohio, said."
    sts, _ = run(nlp, text)
    st = find(sts, "The budget is a disaster")
    assert contents(st) == ["The budget is a disaster for the state"]
    assert st.speaker_span is not None and st.speaker_span.text.startswith("John Smith")
    text = (
        "“We will not give up,” Ahmed Karimi, a senior official at the ministry of the"
        " interior in the capital, said."
    )
    sts, state = run(nlp, text)
    st = find(sts, "We will not give up")
    assert st.kind == "direct"
    assert speaker_name(state, st).endswith("Karimi")


def test_quote_opening_inside_its_sentence(nlp: Language) -> None:
    text = "With thousands of polling stations, “there is no single point of failure,” he said."
    sts, _ = run(nlp, text)
    st = find(sts, "there is no single point")
    assert st.kind == "mixed"
    assert contents(st)[0].startswith("With thousands of polling stations")


def test_quote_closing_a_sentence_is_not_the_next_cue_s(nlp: Language) -> None:
    text = "Critics used the nickname “Sleepy Joe.” Smith called the senator a “nasty guy.”"
    sts, _ = run(nlp, text)
    st = find(sts, "the senator")
    assert st.cue is not None and st.cue.text == "called"
    assert not any("Sleepy Joe" in c for c in contents(st))


def test_object_described_as_a_quotation(nlp: Language) -> None:
    text = "Senator Reid openly admires the general as a “strong leader” of his country."
    sts, _ = run(nlp, text)
    st = find(sts, "strong leader")
    assert st.cue is not None and st.cue.text == "admires"
    assert contents(st)[0].startswith("the general as")
    assert st.speaker_span is not None and st.speaker_span.text.endswith("Reid")


def test_transcript_quoted_paragraph_by_paragraph(nlp: Language) -> None:
    text = (
        "Partial transcript as follows:\n\n"
        "\"HOST: Let's start with the news on the ceasefire talks in the capital.\n\n"
        '"KARIMI: Well, look, the talks have failed and nobody wants to return to the table.\n\n'
        '"HOST: Do you really think the war will go on?'
    )
    sts, _ = run(nlp, text)
    karimi = find(sts, "the talks have failed")
    assert karimi.speaker_span is not None and karimi.speaker_span.text == "KARIMI"
    assert contents(karimi) == [
        "Well, look, the talks have failed and nobody wants to return to the table."
    ]
    host = find(sts, "Do you really think")
    assert host.speaker_span is not None and host.speaker_span.text == "HOST"
    assert not any("KARIMI" in c for st in sts for c in contents(st))


def test_speaker_span_keeps_its_head_token() -> None:
    """Trailing conjunctions and punctuation leave the speaker span, never its head: a parse
    that makes a punctuation mark the speaker's head gives that mark, not an error."""
    from spacy.tokens import Doc

    from dossier.nlp.pipeline import load_model
    from dossier.nlp.statements.context import Context
    from dossier.nlp.statements.speakers import speaker_tokens

    vocab = load_model().vocab
    doc = Doc(vocab, words=["Officials", ",", "and"], heads=[1, 1, 1], deps=["nsubj", "ROOT", "cc"])
    assert speaker_tokens(Context(doc), 1) == (0, 2)  # "and" goes, the head stays
    lone = Doc(vocab, words=[",", "said"], heads=[1, 1], deps=["nsubj", "ROOT"])
    assert speaker_tokens(Context(lone), 0) == (0, 1)
