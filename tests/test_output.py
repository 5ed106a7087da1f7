"""The terminal summary and the HTML page, on records built by hand."""

from __future__ import annotations

import io
import re

import lxml.html
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console

from dossier.output.html import Annotation, esc, render_html, segments
from dossier.output.text import render_text, shorten
from dossier.record import Entity, Event, Place, Record, Relation, Span, Statement

# A text with markup, quote characters, rich markup and a CR: all must come out as written.
TEXT = (
    'General Karim Vossler said "the <script>alert(1)</script> army struck Valdoria & its '
    "allies\" on Monday.\r\nHe told O'Brien's [bold]paper[/bold] that Valdoria's forces did not "
    "retreat from Port Ellis."
)


def _span(text: str, needle: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return Span.of(text, start, start + len(needle))


def make_record(text: str = TEXT) -> Record:
    vossler = Entity(
        id="E1",
        name='Karim "The <b>Hammer</b>" Vossler',
        type="PERSON",
        mentions=[
            _span(text, "General Karim Vossler"),
            _span(text, "He"),
        ],
        mention_kinds=["title", "pronoun"],
        country="VLD",
        sector="MIL",
        actor_code="VLDMIL",
        role="general",
        rule="title+name <i>rule</i>",
    )
    valdoria = Entity(
        id="E2",
        name="Valdoria",
        type="GPE",
        mentions=[_span(text, "Valdoria"), _span(text, "Valdoria", 1)],
        country="VLD",
        place="P1",
    )
    army = Entity(
        id="E3",
        name="the army",
        type="GROUP",
        mentions=[_span(text, "the <script>alert(1)</script> army")],
        sector="MIL",
    )
    content = _span(text, "the <script>alert(1)</script> army struck Valdoria & its allies")
    statement = Statement(
        id="S1",
        kind="direct",
        speaker="E1",
        speaker_span=_span(text, "General Karim Vossler"),
        cue=_span(text, "said"),
        content=[content],
        rule="name + said + quote",
    )
    indirect = Statement(
        id="S2",
        kind="indirect",
        speaker="E1",
        speaker_span=_span(text, "He"),
        cue=_span(text, "told"),
        content=[_span(text, "Valdoria's forces did not retreat from Port Ellis")],
    )
    strike = Event(
        id="V1",
        type="ASSAULT",
        mode="firearms",
        cameo="190",
        source=["E3"],
        target=["E2"],
        trigger=_span(text, "struck"),
        sentence=Span.of(text, 0, text.index("\r")),
        date="2025-01-06",
        attributed_to="S1",
        confidence=0.7,
        rule="verb 'strike' <ASSAULT>",
    )
    # A trigger that overlaps a place mention and an entity mention partially.
    retreat = Event(
        id="V2",
        type="RETREAT",
        trigger=_span(text, "retreat from Port"),
        sentence=Span.of(text, text.index("He"), len(text)),
        negated=True,
        place="P2",
    )
    places = [
        Place(
            id="P1",
            name="Valdoria",
            country="VLD",
            kind="country",
            lat=12.5,
            lon=-45.25,
            mentions=[_span(text, "Valdoria", 1)],
        ),
        Place(
            id="P2",
            name="Port Ellis",
            country="VLD",
            kind="city",
            lat=13.0,
            lon=-44.0,
            mentions=[_span(text, "Port Ellis")],
            rule="gazetteer <exact>",
        ),
    ]
    return Record(
        id="doc-<1>",
        published="2025-01-08",
        title='Fighting in <Valdoria> & "elsewhere"',
        entities=[vossler, valdoria, army],
        statements=[statement, indirect],
        events=[strike, retreat],
        places=places,
        relations=[Relation(source="E3", target="E2", type="adversary", evidence=["V1"])],
        warnings=["date of 'Monday' guessed <from published>"],
    )


def _render_text(record: Record, text: str, width: int = 160) -> str:
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, force_terminal=False, color_system=None)
    render_text(record, text, console)
    return buffer.getvalue()


# --- text -------------------------------------------------------------------------------


def test_text_summary_lists_the_key_items() -> None:
    out = _render_text(make_record(), TEXT)
    assert "doc-<1>" in out and "2025-01-08" in out
    assert "date of 'Monday' guessed <from published>" in out
    for item in ("Valdoria", "VLDMIL", "PERSON", "GROUP", "Port Ellis", "12.500, -45.250"):
        assert item in out, item
    assert "ASSAULT / firearms / 190" in out
    assert "the army → Valdoria" in out
    assert "negated" in out and "claim:S1" in out
    assert "adversary" in out
    assert "direct" in out and "indirect" in out


def test_text_summary_does_not_interpret_markup() -> None:
    out = _render_text(make_record(), TEXT)
    # rich markup inside names and text is printed literally, not swallowed
    assert '"The <b>Hammer</b>"' in out
    record = make_record()
    record.entities[0].name = "[bold red]Vossler[/bold red]"
    out = _render_text(record, TEXT)
    assert "[bold red]Vossler[/bold red]" in out


def test_text_summary_truncates_long_content() -> None:
    text = "Officials said " + "word " * 400
    record = Record(
        id="long",
        statements=[
            Statement(
                id="S1",
                kind="indirect",
                content=[Span.of(text, 15, len(text))],
                cue=Span.of(text, 10, 14),
            )
        ],
    )
    out = _render_text(record, text)
    assert "…" in out
    assert out.count("word") < 60
    assert "(unattributed)" in out
    assert "none found: entities, events, places, relations" in out


def test_text_summary_of_failed_record() -> None:
    record = Record(id="x", status="failed", warnings=["binary file refused"])
    out = _render_text(record, "")
    assert "failed" in out and "binary file refused" in out


def test_shorten() -> None:
    assert shorten("a  b\nc", 10) == "a b c"
    assert shorten("abcdefghij", 5) == "abcd…"
    assert len(shorten("x" * 100, 20)) == 20


# --- html -------------------------------------------------------------------------------


def _article(page: str) -> lxml.html.HtmlElement:
    root = lxml.html.document_fromstring(page)
    found = root.xpath('//article[@id="text"]')
    assert len(found) == 1
    return found[0]


def test_html_reassembles_the_text_exactly() -> None:
    page = render_html(make_record(), TEXT)
    article = _article(page)
    assert article.text_content() == TEXT
    # no element but highlight spans inside the article, none nested
    for el in article.iter():
        if el is not article:
            assert el.tag == "span" and "seg" in el.get("class", "").split()
            assert len(el) == 0


def test_html_escapes_untrusted_text_and_names() -> None:
    page = render_html(make_record(), TEXT)
    root = lxml.html.document_fromstring(page)
    # the only script is ours; the one in the article is text
    scripts = root.xpath("//script")
    assert len(scripts) == 1 and "alert(1)" not in (scripts[0].text or "")
    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert not root.xpath("//b | //i")  # names and rules with tags stay text
    assert "<b>Hammer</b>" not in page
    titles = " ".join(el.get("title", "") for el in root.iter() if el.get("title"))
    assert 'Karim "The <b>Hammer</b>" Vossler' in titles  # unescaped back by the parser
    assert "title+name <i>rule</i>" in titles
    assert root.findtext(".//h1") == 'Fighting in <Valdoria> & "elsewhere"'
    # no external resources
    assert not re.search(r"\b(src|href)\s*=", page)
    assert "Content-Security-Policy" in page


def _segment_classes(article: lxml.html.HtmlElement, text: str) -> list[tuple[str, set[str]]]:
    return [
        (el.text_content(), set(el.get("class", "").split()))
        for el in article.iter("span")
        if el.text_content() in text
    ]


def test_html_highlights_overlapping_spans() -> None:
    article = _article(render_html(make_record(), TEXT))
    segs = {text: classes for text, classes in _segment_classes(article, TEXT)}
    # entity inside a statement content: both classes on the same segment
    assert {"ent", "t-GROUP", "stm"} <= segs["the <script>alert(1)</script> army"]
    # trigger inside the content
    assert {"trg", "stm"} <= segs["struck"]
    # a trigger overlapping a place mention: split into a trigger-only part and a shared part
    assert "plc" not in segs["retreat from "] and "trg" in segs["retreat from "]
    assert {"trg", "plc", "stm"} <= segs["Port"]
    assert "trg" not in segs[" Ellis"] and "plc" in segs[" Ellis"]
    # a place that is also an entity mention
    assert {"ent", "plc", "t-GPE"} <= segs["Valdoria"]
    # the speaker span carries the entity and speaker classes
    assert {"ent", "spk"} <= segs["General Karim Vossler"]
    assert "cue" in segs["said"]


def test_html_explains_on_hover() -> None:
    article = _article(render_html(make_record(), TEXT))
    by_text = {el.text_content(): el for el in article.iter("span")}
    vossler = by_text["General Karim Vossler"].get("title")
    assert "PERSON" in vossler and "country VLD" in vossler and "sector MIL" in vossler
    assert "Speaker of Statement S1" in vossler
    struck = by_text["struck"].get("title")
    assert "ASSAULT/firearms" in struck and "CAMEO 190" in struck
    assert "source: the army (E3)" in struck and "target: Valdoria (E2)" in struck
    assert "claimed in S1" in struck and "Statement S1 (direct)" in struck
    port = by_text["Port"].get("title")
    assert "lat 13.0000, lon -44.0000" in port and "negated" in port
    # all spans of one entity share a key, which table rows carry as well
    he = by_text["He"].get("data-ref").split()
    general = by_text["General Karim Vossler"].get("data-ref").split()
    assert set(he) & set(general)


def test_html_side_tables() -> None:
    root = lxml.html.document_fromstring(render_html(make_record(), TEXT))
    rows = {tr.xpath("td")[0].text_content(): tr for tr in root.xpath("//aside//tbody/tr")}
    assert {"E1", "E2", "E3", "S1", "S2", "V1", "V2", "P1", "P2"} <= set(rows)
    cells = [td.text_content() for td in rows["V2"].xpath("td")]
    assert "negated" in cells and "Port Ellis" in cells


def test_html_skips_spans_that_do_not_match() -> None:
    record = make_record()
    record.entities.append(
        Entity(
            id="E9", name="Ghost", type="PERSON", mentions=[Span(start=0, end=7, text="Ghost!!")]
        )
    )
    record.places[0].mentions.append(Span(start=10_000, end=10_005, text="xxxxx"))
    page = render_html(record, TEXT)
    assert "2 span(s) did not match" in page
    assert _article(page).text_content() == TEXT


def test_html_of_empty_record() -> None:
    page = render_html(Record(id="empty", status="skipped", warnings=["not English"]), "")
    root = lxml.html.document_fromstring(page)
    assert root.xpath('//article[@id="text"]')[0].text_content() == ""
    assert "not English" in page


def test_esc_handles_controls_and_quotes() -> None:
    assert esc("a\r\"'<>&") == "a&#13;&quot;&#x27;&lt;&gt;&amp;"
    assert esc(None) == ""


@st.composite
def _text_and_spans(draw: st.DrawFn) -> tuple[str, list[tuple[int, int]]]:
    text = draw(st.text(alphabet="ab <>&\"'\n\té—", max_size=60))
    n = len(text)
    spans = draw(
        st.lists(
            st.tuples(st.integers(0, n), st.integers(0, n)).map(lambda t: (min(t), max(t))),
            max_size=12,
        )
    )
    return text, spans


@settings(max_examples=150, deadline=None)
@given(_text_and_spans())
def test_segments_property(case: tuple[str, list[tuple[int, int]]]) -> None:
    text, spans = case
    anns = [Annotation(s, e, ("ent",), f"k{i}", "tip") for i, (s, e) in enumerate(spans)]
    segs = segments(text, anns)
    assert "".join(text[s.start : s.end] for s in segs) == text
    for seg in segs:
        assert seg.start < seg.end
        covering = {a.ref for a in anns if a.start <= seg.start and seg.end <= a.end}
        assert {a.ref for a in seg.annotations} == covering
    # and the page around them reassembles too
    record = Record(
        id="p",
        entities=[
            Entity(id=f"E{i}", name="n", type="ORG", mentions=[Span.of(text, s, e)])
            for i, (s, e) in enumerate(spans)
            if s < e
        ],
    )
    assert _article(render_html(record, text)).text_content() == text


@pytest.mark.parametrize("text", ["", "plain text without annotations", "\r\n\r\n"])
def test_html_without_annotations(text: str) -> None:
    assert _article(render_html(Record(id="t"), text)).text_content() == text


def test_text_summary_on_a_narrow_console() -> None:
    record = make_record()
    record.statements[1].speaker = None  # falls back to the speaker span's text
    out = _render_text(record, TEXT, width=60)
    assert "Valdoria" in out and "He" in out
    assert max(len(line) for line in out.splitlines()) <= 60


def test_compact_json_is_the_same_record() -> None:
    import json

    record = make_record().model_copy(update={"text": TEXT})
    assert json.loads(record.to_json()) == record.to_dict()
    assert "text" not in json.loads(record.to_json())
    assert json.loads(record.to_json(include_text=True))["text"] == TEXT
