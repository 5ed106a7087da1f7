"""Entities: merging of names, titles, demonyms, collectives, actor coding, coreference."""

from __future__ import annotations

import pytest

from dossier.record import Entity, Record


def by_name(record: Record, name: str) -> Entity:
    found = [e for e in record.entities if e.name == name]
    assert found, f"no entity {name!r} in {[e.name for e in record.entities]}"
    assert len(found) == 1, f"{name!r} split into {len(found)} entities"
    return found[0]


def texts(entity: Entity) -> list[str]:
    return [m.text for m in entity.mentions]


def test_title_surname_and_pronouns_merge(analyzer):  # type: ignore[no-untyped-def]
    text = (
        "Lt. Col. Amara Okonkwo, a Nigerian army officer, arrived in Abuja on Friday. "
        "Okonkwo said the convoy was attacked. Colonel Okonkwo added that he had asked for "
        "reinforcements, and his request was approved."
    )
    record = analyzer.analyze(text, published="2024-05-01")
    person = by_name(record, "Amara Okonkwo")
    mentions = texts(person)
    assert "Lt. Col. Amara Okonkwo" in mentions
    assert "Colonel Okonkwo" in mentions
    assert "he" in mentions and "his" in mentions
    assert person.sector == "MIL"
    assert person.country == "NGA"


def test_tokenizer_keeps_abbreviated_ranks(analyzer):  # type: ignore[no-untyped-def]
    doc = analyzer.nlp.make_doc("Brig. Gen. Sami Haddad and Maj. Gen. Omar Said met.")
    assert [t.text for t in doc[:4]] == ["Brig.", "Gen.", "Sami", "Haddad"]


def test_pronoun_prefers_local_antecedent_over_distant_subject(analyzer):  # type: ignore[no-untyped-def]
    text = (
        "Maria Lopez said that relations with Carlos Vega had soured before his arrest. "
        "Vega denied the charges."
    )
    record = analyzer.analyze(text)
    vega = by_name(record, "Carlos Vega")
    assert "his" in texts(vega)
    assert "his" not in texts(by_name(record, "Maria Lopez"))


def test_reporting_subject_skips_reported_content(analyzer):  # type: ignore[no-untyped-def]
    text = "Ahmad Karimi spoke at the rally. Tehran had sent advisers to Victor Petrov, he said."
    record = analyzer.analyze(text)
    assert "he" in texts(by_name(record, "Ahmad Karimi"))


def test_gender_agreement(analyzer):  # type: ignore[no-untyped-def]
    text = "Ms. Dana Weiss met Mr. Tom Becker in Geneva. She said the talks went well."
    record = analyzer.analyze(text)
    assert "She" in texts(by_name(record, "Dana Weiss"))
    assert "She" not in texts(by_name(record, "Tom Becker"))


def test_country_aliases_and_demonyms(analyzer):  # type: ignore[no-untyped-def]
    text = (
        "The Islamic Republic warned Washington on Sunday. Iran said Iranian forces were "
        "ready, and Iranian officials met in Tehran."
    )
    record = analyzer.analyze(text)
    iran = by_name(record, "Iran")
    assert iran.country == "IRN"
    assert {"The Islamic Republic", "Iran"} <= set(texts(iran))
    groups = [e for e in record.entities if e.type == "GROUP" and e.country == "IRN"]
    assert {g.sector for g in groups} >= {"MIL", "GOV"}
    tehran = by_name(record, "Tehran")
    assert tehran.country == "IRN"


def test_dated_roles_follow_the_document_date(analyzer):  # type: ignore[no-untyped-def]
    text = "Bashar al-Assad met his generals in Damascus."
    before = by_name(analyzer.analyze(text, published="2024-06-01"), "Bashar al-Assad")
    after = by_name(analyzer.analyze(text, published="2025-02-01"), "Bashar al-Assad")
    assert (before.country, before.sector) == ("SYR", "GOV")
    assert after.country == "SYR" and after.sector != "GOV"


def test_collectives_and_definite_descriptions(analyzer):  # type: ignore[no-untyped-def]
    text = (
        "The rebels seized the town on Monday. Government troops shelled it on Tuesday. "
        "The rebels said they would hold their positions."
    )
    record = analyzer.analyze(text)
    rebels = [e for e in record.entities if e.sector == "REB"]
    assert len(rebels) == 1 and len(rebels[0].mentions) >= 2
    assert rebels[0].type == "GROUP"


def test_organisation_acronym_and_kb(analyzer):  # type: ignore[no-untyped-def]
    text = "Hezbollah fired rockets. The Hizbollah statement said the group acted alone."
    record = analyzer.analyze(text)
    hezbollah = by_name(record, "Hezbollah")
    assert hezbollah.country == "LBN"
    assert len(hezbollah.mentions) >= 2


@pytest.mark.corpus
def test_seed_article_entities(seed_record):  # type: ignore[no-untyped-def]
    record, _ = seed_record
    esbati = by_name(record, "Behrouz Esbati")
    assert esbati.type == "PERSON"
    assert len(esbati.mentions) >= 10
    assert {"Brig. Gen. Behrouz Esbati", "Esbati", "General Esbati", "he"} <= set(texts(esbati))
    assert (esbati.country, esbati.sector) == ("IRN", "MIL")
    assad = by_name(record, "Bashar al-Assad")
    assert (assad.country, assad.sector) == ("SYR", "GOV")
    assert by_name(record, "Hassan Nasrallah").country == "LBN"
    assert by_name(record, "Hezbollah").country == "LBN"
    for name, iso3 in [
        ("Tehran", "IRN"),
        ("Iran", "IRN"),
        ("Syria", "SYR"),
        ("Lebanon", "LBN"),
        ("Russia", "RUS"),
        ("Israel", "ISR"),
    ]:
        assert by_name(record, name).country == iso3


def test_quote_regions() -> None:
    """Paired quotation marks; a paragraph break ends an unclosed one."""
    from dossier.nlp.coref import quote_regions

    text = 'He said "we will go" and «nous irons».\n\n“Unclosed here\n\nthen "a" b'
    regions = quote_regions(text)
    assert [text[s:e] for s, e in regions] == ["we will go", "nous irons", "a"]
    assert quote_regions("line one\nline two") == []


def test_quotation_speakers_come_from_the_token_table() -> None:
    """The quotations of a document, the one holding a character, and the subjects of the
    reporting verbs around each (read from the token table: the same as spaCy's own
    `char_span(..., alignment_mode="expand")` widened to its sentences)."""
    from dossier.nlp.coref import _quote_events, _Quotes, _tokens_near
    from dossier.nlp.pipeline import load_model
    from dossier.nlp.tokens import token_table

    text = (
        '"The harbour stays shut," the mayor said on Tuesday.\n\n'
        'Residents replied: "We will wait." The council said nothing.'
    )
    assert [text[i] for i in _quote_events(text)] == ['"', '"', "\n", '"', '"']
    doc = load_model()(text)
    table = token_table(doc)
    quotes = _Quotes(text, table, {"say", "reply"})
    assert [text[s:e] for s, e in quotes.regions] == ["The harbour stays shut,", "We will wait."]
    assert quotes.holding(text.index("harbour")) == 0
    assert quotes.holding(text.index("wait")) == 1
    assert quotes.holding(text.index("mayor")) is None
    for s, e in [*quotes.regions, (0, 3), (text.index("mayor") - 1, text.index("mayor"))]:
        span = doc.char_span(s, e, alignment_mode="expand")
        expected = []  # a trailing space alone holds no token
        if span is not None and len(span) > 0:
            first, last = span[0].sent, span[-1].sent
            expected = [t.i for t in doc[first.start : last.end] if not s <= t.idx < e]
        assert _tokens_near(table, s, e) == expected
    assert _tokens_near(table, text.index("mayor") - 1, text.index("mayor")) == []
    assert _tokens_near(table, 0, 3)  # the words of the first sentence outside the range
    assert [table.words[i] for i in quotes.subjects(0)] == ["mayor"]
    assert [table.words[i] for i in quotes.subjects(1)] == ["Residents"]


def _people(record: Record) -> list[Entity]:
    return [e for e in record.entities if e.type == "PERSON"]


@pytest.mark.parametrize(
    "text, name",
    [
        ("Air Tanzania cancelled two flights to Dodoma.", "Air Tanzania"),
        ("Air Chile Freight said its cargo flights would restart in May.", "Air Chile Freight"),
        ("She grew up in Park Slope, Brooklyn.", "Park Slope"),
        ("General Motors cut 2,000 jobs at its plant in Ohio.", "General Motors"),
        ("General Electric reported higher profits on Tuesday.", "General Electric"),
        ("Major League Baseball suspended the pitcher for ten games.", "Major League Baseball"),
        ("She studied at Judge Business School in Cambridge.", "Judge Business School"),
        ("Justice Department officials declined to comment.", "Justice Department"),
        ("Queen Elizabeth Hospital treated the wounded.", "Queen Elizabeth Hospital"),
    ],
)
def test_title_words_in_organisation_and_place_names(analyzer, text, name):  # type: ignore[no-untyped-def]
    """A title matches whole and only before a personal name: organisations and places whose
    first word is (part of) a title stay what they are, under their full name."""
    record = analyzer.analyze(text)
    assert not _people(record), [(e.name, e.role) for e in _people(record)]
    assert any(e.name == name for e in record.entities), [e.name for e in record.entities]


@pytest.mark.parametrize(
    "text, place",
    [
        ("The mayor of Leeds said the bridge would stay closed.", "Leeds"),
        ("The governor of Antalya said the harbour was closed.", "Antalya"),
    ],
)
def test_title_of_place_is_no_person(analyzer, text, place):  # type: ignore[no-untyped-def]
    record = analyzer.analyze(text)
    assert not _people(record)
    for ent in record.entities:
        assert all(not m.text.startswith("of ") for m in ent.mentions)
    assert by_name(record, place).type == "GPE"


@pytest.mark.parametrize(
    "text, name, mention, role, sector",
    [
        (
            "Air Chief Marshal Rakesh Singh said the jets were ready.",
            "Rakesh Singh",
            "Air Chief Marshal Rakesh Singh",
            "Air Chief Marshal",
            "MIL",
        ),
        (
            "Crown Prince Khalid Al Nasser met the delegation in Riyadh.",
            "Khalid Al Nasser",
            "Crown Prince Khalid Al Nasser",
            "Prince",
            "GOV",
        ),
        (
            "Secretary of State Helen Marsh said the talks would continue.",
            "Helen Marsh",
            "Secretary of State Helen Marsh",
            "Secretary",
            "GOV",
        ),
        (
            "Police Chief Keith Tarnow urged residents to stay home.",
            "Keith Tarnow",
            "Police Chief Keith Tarnow",
            "Police Chief",
            "COP",
        ),
        (
            "Maj. Gen. Omar Haddad inspected the troops.",
            "Omar Haddad",
            "Maj. Gen. Omar Haddad",
            "Major General",
            "MIL",
        ),
    ],
)
def test_whole_titles_before_names(analyzer, text, name, mention, role, sector):  # type: ignore[no-untyped-def]
    person = by_name(analyzer.analyze(text), name)
    assert person.type == "PERSON"
    assert mention in texts(person)
    assert (person.role, person.sector) == (role, sector)


def test_title_after_another_mention_and_lower_case_titles(analyzer):  # type: ignore[no-untyped-def]
    """After the organisation "Tucson Police" the title is the rest ("Chief"); a lower-case
    title joins a name, but not as an adjective of a noun the name modifies."""
    record = analyzer.analyze(
        "Tucson Police Chief Dana Ortiz asked drivers to avoid the river road."
    )
    assert "Chief Dana Ortiz" in texts(by_name(record, "Dana Ortiz"))
    record = analyzer.analyze("The scandal implicated Samsung chief Lee Jae-hoon.")
    assert "chief Lee Jae-hoon" in texts(by_name(record, "Lee Jae-hoon"))
    record = analyzer.analyze("Paul Denner, a major Halvorsen donor, left the party.")
    for ent in record.entities:
        assert all(not m.text.startswith("major") for m in ent.mentions)


def test_lone_name_labelled_place_elsewhere_is_a_place(analyzer):  # type: ignore[no-untyped-def]
    text = (
        "Fighting broke out in Mekelle on Monday. Residents of Mekelle said the power was "
        "cut, and Abiy Ahmed ordered troops north."
    )
    record = analyzer.analyze(text)
    mekelle = by_name(record, "Mekelle")
    assert mekelle.type == "GPE" and len(mekelle.mentions) == 2
