"""The dossier_events component: triggers, arguments, modality, dates, attribution, dedup."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from dossier.nlp.pipeline import PipelineConfig, build_pipeline
from dossier.nlp.record_builder import build_record
from dossier.nlp.temporal import resolve_date
from dossier.record import Event, Record

PUBLISHED = dt.date(2024, 12, 20)
COMPONENTS = [
    "dossier_entities",
    "dossier_coref",
    "dossier_statements",
    "dossier_events",
    "dossier_relations",
]


@pytest.fixture(scope="module")
def run() -> Callable[[str], Record]:
    nlp = build_pipeline(PipelineConfig(components=COMPONENTS))

    def analyse(text: str) -> Record:
        doc = nlp.make_doc(text)
        doc._.published = PUBLISHED
        for _, proc in nlp.pipeline:
            doc = proc(doc)
        return build_record(doc, doc_id="t", published=PUBLISHED.isoformat())

    return analyse


def countries(record: Record, ids: list[str]) -> list[str | None]:
    ents = {e.id: e for e in record.entities}
    return [ents[i].country for i in ids]


def names(record: Record, ids: list[str]) -> list[str]:
    ents = {e.id: e for e in record.entities}
    return [ents[i].name for i in ids]


def only(record: Record, type_: str) -> Event:
    found = [e for e in record.events if e.type == type_]
    assert len(found) == 1, [(e.type, e.trigger.text) for e in record.events]
    return found[0]


# --- constructions -------------------------------------------------------------------------


def test_subject_object_and_nationality_role_nouns(run: Callable[[str], Record]) -> None:
    rec = run("Russian jets bombed Syrian rebels.")
    ev = only(rec, "ASSAULT")
    assert ev.mode == "aerial" and ev.cameo == "195" and ev.quad_class == "material_conflict"
    assert countries(rec, ev.source) == ["RUS"]
    assert countries(rec, ev.target) == ["SYR"]
    assert ev.trigger.text == "bombed"
    assert "pattern ASSAULT/aerial" in ev.rule and "nsubj" in ev.rule


def test_passive_agent_and_demonym_target(run: Callable[[str], Record]) -> None:
    rec = run("Iranian targets were struck by Israel.")
    ev = only(rec, "ASSAULT")
    assert countries(rec, ev.source) == ["ISR"]
    assert countries(rec, ev.target) == ["IRN"]
    assert "agent 'by'" in ev.rule


def test_light_verb_with_prepositional_target(run: Callable[[str], Record]) -> None:
    rec = run("Russia launched an attack on Ukraine.")
    ev = only(rec, "ASSAULT")
    assert ev.trigger.text == "launched an attack"
    assert countries(rec, ev.source) == ["RUS"] and countries(rec, ev.target) == ["UKR"]
    rec = run("The United States carried out strikes against Iraq.")
    ev = only(rec, "ASSAULT")
    assert countries(rec, ev.source) == ["USA"] and countries(rec, ev.target) == ["IRQ"]


def test_event_noun_with_possessive(run: Callable[[str], Record]) -> None:
    rec = run("Israel's elimination of Nasrallah shocked Lebanon.")
    ev = only(rec, "ASSAULT")
    assert ev.trigger.text == "elimination"
    assert countries(rec, ev.source) == ["ISR"]
    assert names(rec, ev.target) == ["Hassan Nasrallah"] or "Nasrallah" in names(rec, ev.target)[0]


def test_coordinated_sources(run: Callable[[str], Record]) -> None:
    rec = run("France and Germany condemned Russia.")
    ev = only(rec, "ACCUSE")
    assert sorted(countries(rec, ev.source)) == ["DEU", "FRA"]
    assert countries(rec, ev.target) == ["RUS"]


def test_clausal_complement(run: Callable[[str], Record]) -> None:
    rec = run("Syria allowed Iran to supply weapons to Hezbollah.")
    allow = only(rec, "CONCEDE")
    assert countries(rec, allow.source) == ["SYR"] and countries(rec, allow.target) == ["IRN"]
    aid = only(rec, "AID")
    assert countries(rec, aid.source) == ["IRN"]
    assert names(rec, aid.target) == ["Hezbollah"]
    assert not aid.hypothetical


def test_fall_to(run: Callable[[str], Record]) -> None:
    rec = run("Damascus fell to the rebels.")
    ev = only(rec, "ASSAULT")
    assert names(rec, ev.target) == ["Damascus"]
    assert ev.source and "rebels" in names(rec, ev.source)[0]


def test_aid_needs_a_recipient(run: Callable[[str], Record]) -> None:
    # "delivered a speech": no recipient, no aid
    rec = run("The general delivered a speech at a mosque.")
    assert not [e for e in rec.events if e.type == "AID"]
    rec = run("Iran sent weapons to Hezbollah.")
    aid = only(rec, "AID")
    assert names(rec, aid.target) == ["Hezbollah"]


# --- modality ------------------------------------------------------------------------------


def test_negation(run: Callable[[str], Record]) -> None:
    ev = only(run("Iran did not attack Israel."), "ASSAULT")
    assert ev.negated and not ev.hypothetical


@pytest.mark.parametrize(
    "text",
    [
        "Iran could attack Israel.",
        "He asked whether Iran planned to attack Israel.",
        "If Iran attacks Israel, the United States will respond.",
    ],
)
def test_hypothetical(run: Callable[[str], Record], text: str) -> None:
    ev = only(run(text), "ASSAULT")
    assert ev.hypothetical and not ev.negated
    assert "modality:" in ev.rule


def test_real_event_is_not_hypothetical(run: Callable[[str], Record]) -> None:
    ev = only(run("Iran attacked Israel."), "ASSAULT")
    assert not ev.hypothetical and not ev.negated


def test_stated_intention_becomes_promise_or_threat(run: Callable[[str], Record]) -> None:
    rec = run("Finland will give Tanzania a grant.")
    ev = only(rec, "AGREE")
    assert ev.cameo and ev.cameo.startswith("03")
    assert "intent:AID" in ev.context
    assert countries(rec, ev.target) == ["TZA"]
    rec = run("Russia threatened to attack Ukraine.")
    ev = only(rec, "THREATEN")
    assert countries(rec, ev.source) == ["RUS"]
    assert not [e for e in rec.events if e.type == "ASSAULT" and not e.hypothetical]


def test_negated_intention_to_cooperate_is_a_refusal(run: Callable[[str], Record]) -> None:
    rec = run("Syria said it will not accept refugees from Iraq.")
    ev = only(rec, "REJECT")
    assert countries(rec, ev.source) == ["SYR"]
    assert not ev.negated


def test_question_is_not_a_request(run: Callable[[str], Record]) -> None:
    rec = run("A reporter asked whether Iran planned to attack Israel.")
    assert not [e for e in rec.events if e.type == "REQUEST"]


# --- attribution, dates, dedup -------------------------------------------------------------


def test_attribution_to_statement(run: Callable[[str], Record]) -> None:
    rec = run('"Israel struck Iran," the Iranian minister said.')
    ev = only(rec, "ASSAULT")
    assert rec.statements
    assert ev.attributed_to == rec.statements[0].id
    assert "attributed to" in ev.rule


def test_dates_relative_to_published(run: Callable[[str], Record]) -> None:
    ev = only(run("Iranian targets were struck by Israel last week."), "ASSAULT")
    assert ev.date == "2024-12-13"
    ev = only(run("Israeli jets struck Hamas positions in Gaza on Monday."), "ASSAULT")
    assert ev.date == "2024-12-16"


def test_resolve_date() -> None:
    assert resolve_date("in March", PUBLISHED)[0] == "2024-03-01"
    assert resolve_date("yesterday", PUBLISHED)[0] == "2024-12-19"
    assert resolve_date("March 3, 2023", None)[0] == "2023-03-03"
    assert resolve_date("last week", None)[0] is None  # relative, nothing to resolve against
    assert resolve_date("for decades", PUBLISHED)[0] is None


def test_same_event_twice_is_one_event(run: Callable[[str], Record]) -> None:
    rec = run("Israel struck Iran on Monday. Israel's strike on Iran was the largest in years.")
    assaults = [e for e in rec.events if e.type == "ASSAULT"]
    assert len(assaults) == 1
    assert assaults[0].mentions and assaults[0].mentions[0].text == "strike"


def test_spans_and_ids(run: Callable[[str], Record]) -> None:
    text = "Turkey arrested ten Syrian refugees. Egypt and Jordan held talks with Israel."
    rec = run(text)
    assert [e.id for e in rec.events] == [f"V{i + 1}" for i in range(len(rec.events))]
    assert {e.type for e in rec.events} == {"COERCE", "CONSULT"}
    for ev in rec.events:
        assert text[ev.trigger.start : ev.trigger.end] == ev.trigger.text
        assert text[ev.sentence.start : ev.sentence.end] == ev.sentence.text
        assert 0 < ev.confidence <= 1 and ev.rule


def test_participle_modifier_is_not_an_event(run: Callable[[str], Record]) -> None:
    rec = run("Palestinians in the occupied West Bank went on strike.")
    assert "ASSAULT" not in {e.type for e in rec.events}


# --- seed article --------------------------------------------------------------------------


@pytest.mark.corpus
def test_seed_article(seed_record) -> None:  # type: ignore[no-untyped-def]
    rec, _ = seed_record
    ents = {e.id: e for e in rec.entities}

    def has(type_: str, src: str, tgt: str, **flags: object) -> list[Event]:
        return [
            e
            for e in rec.events
            if (e.type in type_.split("|"))
            and any(ents[i].country == src or ents[i].name == src for i in e.source)
            and any(ents[i].country == tgt or ents[i].name == tgt for i in e.target)
            and all(getattr(e, k) == v for k, v in flags.items())
        ]

    struck = has("ASSAULT", "ISR", "IRN", hypothetical=False, negated=False)
    assert any(e.trigger.text == "struck" for e in struck)
    assert has("AID|SUPPORT", "IRN", "Bashar al-Assad", hypothetical=False)
    assert has("AID", "IRN", "Hezbollah", hypothetical=False)
    misled = has("REJECT", "RUS", "IRN")
    assert misled and misled[0].attributed_to
    for src, tgt in (("IRN", "ISR"), ("IRN", "USA"), ("USA", "IRN")):
        assert not has("ASSAULT", src, tgt, hypothetical=False, negated=False), (src, tgt)


# --- targets found around the verb when no argument names one -------------------------------


def test_yaml_booleans_are_refused_and_on_is_a_target_prep() -> None:
    from dossier.knowledge.resources import yaml_word
    from dossier.nlp.events import lexicon
    from dossier.nlp.modality import modality_words

    # YAML 1.1 reads bare on/no as booleans: the data quotes them, the loader refuses them
    assert all("on" in p.target_preps for p in lexicon().verbs.values() if p.type == "REJECT")
    assert not any("True" in p.target_preps for p in lexicon().verbs.values())
    assert "no" in modality_words().negations
    with pytest.raises(ValueError, match="quote it"):
        yaml_word(True, "target_preps")


def test_actor_itself_is_not_the_target(run: Callable[[str], Record]) -> None:
    rec = run("Chile's president reneged on his pledge to the Bolivian miners.")
    ev = only(rec, "REJECT")
    assert countries(rec, ev.target)[:1] == ["BOL"], names(rec, ev.target)


def test_stance_phrase_gives_the_target(run: Callable[[str], Record]) -> None:
    rec = run("Thousands of students marched through the capital in defiance of the Ugandan army.")
    ev = only(rec, "PROTEST")
    assert countries(rec, ev.target) == ["UGA"], names(rec, ev.target)


def test_purpose_clause_gives_the_target(run: Callable[[str], Record]) -> None:
    rec = run("Farmers blocked a highway to show their anger at the Spanish government.")
    ev = only(rec, "PROTEST")
    assert countries(rec, ev.target) == ["ESP"], names(rec, ev.target)


def test_concessive_phrase_gives_the_target(run: Callable[[str], Record]) -> None:
    rec = run("The minister rejected the plan despite calls from the Nigerian opposition.")
    ev = only(rec, "REJECT")
    assert countries(rec, ev.target) == ["NGA"], names(rec, ev.target)


def test_complex_preposition_and_actor_itself(run: Callable[[str], Record]) -> None:
    rec = run("President Pedro Lopez of Chile backed out of his commitment to the Bolivian miners.")
    ev = only(rec, "REJECT")
    assert countries(rec, ev.source) == ["CHL"]
    assert countries(rec, ev.target) == ["BOL"], names(rec, ev.target)
    rec = run("The Chilean president has reneged on his promise to the Bolivian miners.")
    ev = only(rec, "REJECT")
    assert countries(rec, ev.target) == ["BOL"], names(rec, ev.target)


def test_as_phrase_holds_the_object(run: Callable[[str], Record]) -> None:
    rec = run("Japan condemned as reckless China's seizure of the islands.")
    ev = only(rec, "ACCUSE")
    assert countries(rec, ev.source) == ["JPN"]
    assert countries(rec, ev.target) == ["CHN"], names(rec, ev.target)


def test_event_noun_target_before_light_verb_with(run: Callable[[str], Record]) -> None:
    rec = run("Egypt tightened the blockade of Gaza with Jordan's help.")
    ev = only(rec, "ASSAULT")
    assert names(rec, ev.target)[0] == "Gaza", names(rec, ev.target)


def test_target_of_the_act_served(run: Callable[[str], Record]) -> None:
    rec = run("Poland mobilized reservists for a war against Belarus.")
    ev = only(rec, "MOBILIZE")
    assert "BLR" in countries(rec, ev.target), names(rec, ev.target)


def test_anti_country_modifier_is_not_the_actor(run: Callable[[str], Record]) -> None:
    rec = run("Gunmen shot an anti-Syria activist in Tripoli.")
    ev = only(rec, "ASSAULT")
    assert "SYR" not in countries(rec, ev.target), names(rec, ev.target)
    rec = run("Gunmen shot an Iraqi activist.")
    assert countries(rec, only(rec, "ASSAULT").target) == ["IRQ"]


# ----------------------------------------------------------------------------- speed-ups


def test_token_table_matches_spacy() -> None:
    """The per-document parse lists give what spaCy's Token API gives."""
    from dossier.nlp.pipeline import load_model
    from dossier.nlp.tokens import token_table

    nlp = load_model()
    doc = nlp(
        "The rebels, who had shelled the town for weeks, said on Monday that they would "
        "withdraw.\nGovernment troops of the northern command entered it later."
    )
    px = token_table(doc)
    assert token_table(doc) is px  # kept for the same document
    assert px.doc is doc
    for tok in doc:
        assert [c.i for c in tok.children] == px.kids[tok.i]
        assert [t.i for t in tok.subtree] == px.subtree(tok.i)
        assert (px.dep[tok.i], px.pos[tok.i], px.lower[tok.i]) == (tok.dep_, tok.pos_, tok.lower_)
        assert px.lemma[tok.i] == tok.lemma_.lower()
        assert px.head[tok.i] == tok.head.i
        assert px.words[tok.i] == tok.text
        assert px.conjuncts(tok.i) == [tok.i, *[t.i for t in tok.conjuncts if t.i > tok.i]]
        assert min(px.subtree(tok.i)) == tok.left_edge.i


def test_token_table_conjuncts_and_subjects() -> None:
    """Coordination and inherited subjects on token indices give what the Token walk gave."""
    from dossier.nlp.event_args import subject_ids, subject_tokens
    from dossier.nlp.pipeline import load_model
    from dossier.nlp.tokens import token_table

    nlp = load_model()
    doc = nlp(
        "Iran, Iraq and Syria condemned the strikes and called for talks. "
        "The army agreed to withdraw, officials said. Did Turkey attack?"
    )
    px = token_table(doc)
    for tok in doc:
        toks, path = subject_tokens(tok)
        assert ([t.i for t in toks], path) == subject_ids(px, tok.i)
    iran = next(t for t in doc if t.text == "Iran")
    assert [doc[i].text for i in px.conjuncts(iran.i)] == ["Iran", "Iraq", "Syria"]
    called = next(t for t in doc if t.text == "called")
    assert [t.text for t in subject_tokens(called)[0]] == ["Iran", "Iraq", "Syria"]


def test_trigger_prefilter_keeps_every_table_word() -> None:
    """Every verb and noun key of the event tables passes the cheap candidate check."""
    from dossier.nlp.events import _lemma_guesses, lexicon

    lex = lexicon()
    for key in [*lex.verbs, *lex.light, *lex.reversal, *lex.inverse_light]:
        first = key.split()[0]
        assert lex.verb_candidate(list(_lemma_guesses(first, first)))
    for key in lex.nouns:
        last = key.split()[-1]
        assert lex.noun_candidate(last, last)
    assert not lex.token_candidate("xylophone", "xylophones")


def test_fast_dates_agree_with_dateparser() -> None:
    """The expressions resolved without dateparser get the day dateparser would give."""
    from dossier.nlp.temporal import _fast, _parser

    expressions = ["last week", "a week ago", "two days ago", "3 days ago", "2 weeks ago"]
    expressions += ["yesterday", "today", "Monday", "last Friday", "a day ago"]
    for offset in range(0, 400, 37):
        published = dt.date(2024, 1, 1) + dt.timedelta(days=offset)
        for text in expressions:
            fast = _fast(text, published)
            slow = _parser(published).get_date_data(text).date_obj
            assert fast is not None and slow is not None
            assert fast.date() == slow.date(), (text, published)


def test_statement_containing_innermost_first_on_ties() -> None:
    """The indexed lookup answers as a scan of every statement would: the shortest content
    span holding the characters, the first statement among equal ones, and the index follows
    statements added later."""
    from dossier.nlp.state import Analysis
    from dossier.nlp.statements import statement_containing
    from dossier.record import Span, Statement

    def stmt(id_: str, *spans: tuple[int, int]) -> Statement:
        content = [Span(start=a, end=b, text="x" * (b - a)) for a, b in spans]
        return Statement(id=id_, kind="indirect", content=content)

    state = Analysis()
    assert statement_containing(state, 0, 1) is None
    state.statements.extend(
        [stmt("S1", (0, 100)), stmt("S2", (10, 30), (50, 60)), stmt("S3", (10, 30))]
    )
    found = statement_containing(state, 12, 20)
    assert found is not None and found.id == "S2"  # S2 and S3 tie: the first one
    found = statement_containing(state, 55, 60)
    assert found is not None and found.id == "S2"
    found = statement_containing(state, 25, 40)
    assert found is not None and found.id == "S1"  # no shorter span holds all of it
    assert statement_containing(state, 95, 101) is None
    state.statements.append(stmt("S4", (52, 58)))
    found = statement_containing(state, 53, 57)
    assert found is not None and found.id == "S4"
