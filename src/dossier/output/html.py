"""A standalone HTML page for one analysed document (``--format html``).

The article text is shown with every annotated span highlighted: entity mentions (coloured
by type), places (underlined), statement contents (tinted), attribution cues, speakers and
event triggers (boxed). Hovering a highlight shows what it is and why (``title`` attribute,
and an information bar kept up to date by a few lines of inline JavaScript) and lights up
the other spans of the same item and its row in the side tables.

Spans may nest and overlap (an entity inside a quotation, a trigger inside a place name ...).
The markup is built from the sorted list of all span boundaries: the text is cut into
segments at every boundary and each segment is one ``<span>`` carrying the classes and
explanations of every annotation that covers it, so the segments' text, in order, is the
article text exactly.

Everything that comes from the document or the record (text, names, rules, ids) is escaped;
the page loads nothing from outside (inline CSS and JS only, and a Content-Security-Policy
that forbids any other source).
"""

from __future__ import annotations

import html
import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from dossier.record import Entity, Event, Place, Record, Span, Statement

# Characters HTML cannot carry literally (parsers normalise CR, drop or replace controls).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0d\x0e-\x1f\x7f]")
_CLASS_SAFE = re.compile(r"[^A-Za-z0-9_-]")


def esc(value: object) -> str:
    """Escape any value for HTML text or a double- or single-quoted attribute."""
    escaped = html.escape("" if value is None else str(value), quote=True)
    return _CONTROL.sub(lambda m: f"&#{ord(m.group()):d};", escaped)


def _css_token(value: str) -> str:
    return _CLASS_SAFE.sub("_", value)[:24] or "x"


@dataclass(frozen=True)
class Annotation:
    """One highlighted span: characters, CSS classes, the item it belongs to, its explanation."""

    start: int
    end: int
    classes: tuple[str, ...]
    ref: str  # safe key of the item (entity, statement, event, place)
    tip: str


@dataclass
class Segment:
    """A run of text between two consecutive boundaries and the annotations covering it."""

    start: int
    end: int
    annotations: list[Annotation]


def segments(text: str, annotations: Iterable[Annotation]) -> list[Segment]:
    """Cut `text` at every annotation boundary; each piece lists the annotations covering it.

    The pieces are contiguous and cover the whole text, so joining their texts gives `text`.
    """
    anns = sorted(
        (a for a in annotations if 0 <= a.start < a.end <= len(text)),
        key=lambda a: (a.start, -a.end),
    )
    bounds = sorted({0, len(text), *(a.start for a in anns), *(a.end for a in anns)})
    result: list[Segment] = []
    active: list[Annotation] = []
    next_ann = 0
    for left, right in itertools.pairwise(bounds):
        active = [a for a in active if a.end > left]
        while next_ann < len(anns) and anns[next_ann].start <= left:
            active.append(anns[next_ann])
            next_ann += 1
        result.append(Segment(left, right, list(active)))
    return result


class _Refs:
    """Safe, unique keys for record ids (ids are untrusted and may hold any character)."""

    def __init__(self) -> None:
        self._keys: dict[tuple[str, str], str] = {}

    def key(self, kind: str, item_id: str) -> str:
        found = self._keys.get((kind, item_id))
        if found is None:
            found = f"{kind}{len(self._keys)}"
            self._keys[(kind, item_id)] = found
        return found


class _Page:
    def __init__(self, record: Record, text: str) -> None:
        self.record = record
        self.text = text
        self.refs = _Refs()
        self.entities: dict[str, Entity] = {e.id: e for e in record.entities}
        self.places: dict[str, Place] = {p.id: p for p in record.places}
        self.skipped = 0

    # --- names -----------------------------------------------------------------
    def ent_name(self, entity_id: str | None) -> str:
        if not entity_id:
            return "?"
        ent = self.entities.get(entity_id)
        return f"{ent.name} ({entity_id})" if ent else entity_id

    def ent_names(self, ids: list[str]) -> str:
        return ", ".join(self.ent_name(i) for i in ids) if ids else "unstated"

    def place_name(self, place_id: str | None) -> str:
        if not place_id:
            return ""
        place = self.places.get(place_id)
        return place.name if place else place_id

    # --- annotations ------------------------------------------------------------
    def _span_ok(self, span: Span) -> bool:
        ok = 0 <= span.start < span.end <= len(self.text) and (
            self.text[span.start : span.end] == span.text
        )
        if not ok:
            self.skipped += 1
        return ok

    def annotations(self) -> list[Annotation]:
        anns: list[Annotation] = []
        for ent in self.record.entities:
            ref = self.refs.key("e", ent.id)
            kinds = ent.mention_kinds if len(ent.mention_kinds) == len(ent.mentions) else []
            for index, span in enumerate(ent.mentions):
                if not self._span_ok(span):
                    continue
                tip = self.entity_tip(ent)
                if kinds:
                    tip += f"\n  mention: {kinds[index]}"
                classes = ("ent", f"t-{_css_token(ent.type)}")
                anns.append(Annotation(span.start, span.end, classes, ref, tip))
        for place in self.record.places:
            ref = self.refs.key("p", place.id)
            for span in place.mentions:
                if self._span_ok(span):
                    anns.append(
                        Annotation(span.start, span.end, ("plc",), ref, self.place_tip(place))
                    )
        for st in self.record.statements:
            ref = self.refs.key("s", st.id)
            tip = self.statement_tip(st)
            for span in st.content:
                if self._span_ok(span):
                    anns.append(Annotation(span.start, span.end, ("stm",), ref, tip))
            if st.cue and self._span_ok(st.cue):
                anns.append(Annotation(st.cue.start, st.cue.end, ("cue",), ref, f"Cue of {tip}"))
            if st.speaker_span and self._span_ok(st.speaker_span):
                anns.append(
                    Annotation(
                        st.speaker_span.start,
                        st.speaker_span.end,
                        ("spk",),
                        ref,
                        f"Speaker of {tip}",
                    )
                )
        for ev in self.record.events:
            ref = self.refs.key("v", ev.id)
            tip = self.event_tip(ev)
            for span in [ev.trigger, *ev.mentions]:
                if self._span_ok(span):
                    anns.append(Annotation(span.start, span.end, ("trg",), ref, tip))
        return anns

    # --- explanations -----------------------------------------------------------
    def entity_tip(self, ent: Entity) -> str:
        parts = [f"Entity {ent.id}: {ent.name} · {ent.type}"]
        codes = [
            f"country {ent.country}" if ent.country else "",
            f"sector {ent.sector}" if ent.sector else "",
            f"actor {ent.actor_code}" if ent.actor_code else "",
            f"role {ent.role}" if ent.role else "",
            f"kb {ent.kb_id}" if ent.kb_id else "",
        ]
        if any(codes):
            parts.append("  " + " · ".join(c for c in codes if c))
        parts.append(f"  {len(ent.mentions)} mention(s)")
        if ent.rule:
            parts.append(f"  rule: {ent.rule}")
        return "\n".join(parts)

    def place_tip(self, place: Place) -> str:
        parts = [
            f"Place {place.id}: {place.name} ({place.kind}"
            + (f", {place.country})" if place.country else ")"),
            f"  lat {place.lat:.4f}, lon {place.lon:.4f}"
            + (f" · geonameid {place.geonameid}" if place.geonameid is not None else ""),
        ]
        if place.rule:
            parts.append(f"  rule: {place.rule}")
        return "\n".join(parts)

    def statement_tip(self, st: Statement) -> str:
        speaker = (
            self.ent_name(st.speaker)
            if st.speaker
            else (st.speaker_span.text if st.speaker_span else "unattributed")
        )
        parts = [f"Statement {st.id} ({st.kind}) · speaker: {speaker}"]
        if st.cue:
            parts.append(f"  cue: {st.cue.text}")
        if st.reported_by:
            parts.append(f"  reported by {st.reported_by}")
        parts.append(f"  confidence {st.confidence:.2f}")
        if st.rule:
            parts.append(f"  rule: {st.rule}")
        return "\n".join(parts)

    def event_tip(self, ev: Event) -> str:
        kind = ev.type + (f"/{ev.mode}" if ev.mode else "")
        parts = [
            f"Event {ev.id}: {kind}" + (f" (CAMEO {ev.cameo})" if ev.cameo else ""),
            f"  source: {self.ent_names(ev.source)}",
            f"  target: {self.ent_names(ev.target)}",
        ]
        where_when = [
            f"date {ev.date}" if ev.date else "",
            f"place {self.place_name(ev.place)}" if ev.place else "",
        ]
        if any(where_when):
            parts.append("  " + " · ".join(w for w in where_when if w))
        flags = _event_flags(ev)
        if flags:
            parts.append("  " + flags)
        parts.append(f"  confidence {ev.confidence:.2f}")
        if ev.rule:
            parts.append(f"  rule: {ev.rule}")
        return "\n".join(parts)

    # --- markup -----------------------------------------------------------------
    def article(self) -> str:
        out: list[str] = []
        for seg in segments(self.text, self.annotations()):
            piece = esc(self.text[seg.start : seg.end])
            if not seg.annotations:
                out.append(piece)
                continue
            classes: list[str] = ["seg"]
            refs: list[str] = []
            for ann in seg.annotations:
                classes.extend(c for c in ann.classes if c not in classes)
                if ann.ref not in refs:
                    refs.append(ann.ref)
            tip = "\n".join(dict.fromkeys(a.tip for a in seg.annotations))
            out.append(
                f'<span class="{esc(" ".join(classes))}" data-ref="{esc(" ".join(refs))}" '
                f'data-start="{seg.start}" title="{esc(tip)}">{piece}</span>'
            )
        return "".join(out)

    def tables(self) -> str:
        rec = self.record
        blocks = [
            _table(
                "Entities",
                ["id", "name", "type", "country", "sector", "actor", "#", "rule"],
                [
                    (
                        self.refs.key("e", e.id),
                        [
                            e.id,
                            e.name,
                            e.type,
                            e.country,
                            e.sector,
                            e.actor_code,
                            len(e.mentions),
                            e.rule,
                        ],
                        f"t-{_css_token(e.type)}",
                    )
                    for e in rec.entities
                ],
            ),
            _table(
                "Statements",
                ["id", "speaker", "kind", "cue", "content"],
                [
                    (
                        self.refs.key("s", s.id),
                        [
                            s.id,
                            self.ent_name(s.speaker)
                            if s.speaker
                            else (s.speaker_span.text if s.speaker_span else ""),
                            s.kind,
                            s.cue.text if s.cue else "",
                            _short(" … ".join(c.text for c in s.content), 160),
                        ],
                        "",
                    )
                    for s in rec.statements
                ],
            ),
            _table(
                "Events",
                ["id", "type", "cameo", "source → target", "trigger", "date", "place", "flags"],
                [
                    (
                        self.refs.key("v", v.id),
                        [
                            v.id,
                            v.type + (f"/{v.mode}" if v.mode else ""),
                            v.cameo,
                            f"{self.ent_names(v.source)} → {self.ent_names(v.target)}",
                            v.trigger.text,
                            v.date,
                            self.place_name(v.place),
                            _event_flags(v),
                        ],
                        "",
                    )
                    for v in rec.events
                ],
            ),
            _table(
                "Places",
                ["id", "name", "kind", "country", "lat, lon", "#"],
                [
                    (
                        self.refs.key("p", p.id),
                        [
                            p.id,
                            p.name,
                            p.kind,
                            p.country,
                            f"{p.lat:.3f}, {p.lon:.3f}",
                            len(p.mentions),
                        ],
                        "",
                    )
                    for p in rec.places
                ],
            ),
            _table(
                "Relations",
                ["source", "type", "target", "evidence"],
                [
                    (
                        "",
                        [
                            self.ent_name(r.source),
                            r.type,
                            self.ent_name(r.target),
                            ", ".join(r.evidence),
                        ],
                        "",
                    )
                    for r in rec.relations
                ],
            ),
        ]
        return "\n".join(blocks)


def _short(value: str, width: int) -> str:
    flat = " ".join(value.split())
    return flat if len(flat) <= width else flat[: width - 1].rstrip() + "…"


def _event_flags(ev: Event) -> str:
    flags = []
    if ev.negated:
        flags.append("negated")
    if ev.hypothetical:
        flags.append("hypothetical")
    if ev.attributed_to:
        flags.append(f"claimed in {ev.attributed_to}")
    return ", ".join(flags)


_LONG_COLUMNS = {"name", "content", "source → target", "evidence", "source", "target", "rule"}


def _td(header: str, css: str) -> str:
    classes = [css] if css else []
    if header in _LONG_COLUMNS:
        classes.append("long")
    if header == "rule":
        classes.append("rule")
    return f'<td class="{esc(" ".join(classes))}">' if classes else "<td>"


def _table(title: str, headers: list[str], rows: list[tuple[str, list[object], str]]) -> str:
    if not rows:
        return f'<section><h2>{esc(title)} <span class="n">0</span></h2></section>'
    head = "".join(f"<th>{esc(h)}</th>" for h in headers)
    body = []
    for ref, cells, css in rows:
        attrs = f' data-ref="{esc(ref)}" tabindex="0"' if ref else ""
        tds = "".join(
            _td(headers[i], css if i == 0 else "") + ("" if c is None else esc(c)) + "</td>"
            for i, c in enumerate(cells)
        )
        body.append(f"<tr{attrs}>{tds}</tr>")
    return (
        f'<section><h2>{esc(title)} <span class="n">{len(rows)}</span></h2>'
        f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></section>"
    )


_CSS = """
:root { --bg:#fbfaf7; --fg:#1d1d1f; --muted:#6b6b70; --line:#e3e1dc; }
* { box-sizing: border-box; }
body { margin:0; background:var(--bg); color:var(--fg);
  font: 15px/1.6 -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
header { padding: 14px 24px 10px; border-bottom: 1px solid var(--line); background:#fff; }
header h1 { font-size: 18px; margin: 0 0 4px; overflow-wrap:anywhere; }
header .meta { color: var(--muted); font-size: 13px; }
.warn { color: #8a5a00; background:#fff6db; border:1px solid #f0dc9c; border-radius:4px;
  padding: 2px 8px; margin: 6px 0 0; font-size: 13px; }
.legend { margin-top: 8px; font-size: 12px; color: var(--muted); }
.legend span { margin-right: 10px; padding: 0 4px; }
main { display:grid; grid-template-columns: minmax(0, 72ch) minmax(0, 1fr); gap: 24px;
  padding: 16px 24px; align-items:start; }
@media (max-width: 1100px) { main { grid-template-columns: minmax(0,1fr); } }
article { white-space: pre-wrap; overflow-wrap: anywhere; background:#fff; padding: 18px 22px;
  border:1px solid var(--line); border-radius: 6px; font-family: Georgia, "Times New Roman", serif;
  font-size: 16px; line-height: 1.75; }
aside { position: sticky; top: 8px; max-height: calc(100vh - 60px); overflow:auto; font-size: 13px; }
aside h2 { font-size: 14px; margin: 14px 0 4px; }
aside h2 .n { color: var(--muted); font-weight: normal; }
table { border-collapse: collapse; width: 100%; background:#fff; }
th, td { text-align:left; padding: 2px 6px; border-bottom: 1px solid var(--line);
  vertical-align: top; white-space: nowrap; }
td.long { white-space: normal; min-width: 10em; overflow-wrap: break-word; }
td.rule { color: var(--muted); font-size: 12px; min-width: 18em; }
th { color: var(--muted); font-weight: 600; }
tr[data-ref] { cursor: pointer; }
.seg { border-radius: 2px; cursor: help; }
.stm { background: #fff3b0; }
.ent { background: #dde8ff; padding: 0 1px; }
.ent.t-PERSON, td.t-PERSON { background: #d6e6ff; }
.ent.t-ORG, td.t-ORG { background: #ead9ff; }
.ent.t-GPE, td.t-GPE { background: #d4f2dc; }
.ent.t-NORP, td.t-NORP { background: #ffe3c7; }
.ent.t-LOC, td.t-LOC, .ent.t-FAC, td.t-FAC { background: #d2f0ef; }
.ent.t-GROUP, td.t-GROUP { background: #ffd9de; }
.plc { border-bottom: 2px solid #2e9d57; }
.cue { font-weight: bold; text-decoration: underline dotted #b58900; }
.spk { text-decoration: underline #1f5fbf; text-underline-offset: 3px; }
.trg { outline: 2px solid #d0342c; outline-offset: -1px; font-weight: bold; color:#9c1c16; }
.hl, tr.hl td { box-shadow: 0 0 0 2px #ff8c00; background-color: #ffd28a !important; }
#info { position: fixed; left: 0; right: 0; bottom: 0; background: #1d1d1f; color: #f5f5f7;
  font: 12px/1.45 ui-monospace, Menlo, Consolas, monospace; white-space: pre-wrap;
  padding: 6px 24px; max-height: 30vh; overflow:auto; display:none; }
footer { color: var(--muted); font-size: 12px; padding: 0 24px 60px; }
"""

_JS = """
(function () {
  var byRef = {};
  var all = document.querySelectorAll('[data-ref]');
  for (var i = 0; i < all.length; i++) {
    var refs = all[i].getAttribute('data-ref').split(' ');
    for (var j = 0; j < refs.length; j++) {
      if (!refs[j]) continue;
      (byRef[refs[j]] = byRef[refs[j]] || []).push(all[i]);
    }
  }
  var info = document.getElementById('info');
  var lit = [];
  function clear() {
    for (var i = 0; i < lit.length; i++) lit[i].classList.remove('hl');
    lit = [];
  }
  function show(el) {
    clear();
    var refs = el.getAttribute('data-ref').split(' ');
    for (var i = 0; i < refs.length; i++) {
      var els = byRef[refs[i]] || [];
      for (var j = 0; j < els.length; j++) { els[j].classList.add('hl'); lit.push(els[j]); }
    }
    var tip = el.getAttribute('title');
    if (tip) { info.textContent = tip; info.style.display = 'block'; }
  }
  document.addEventListener('mouseover', function (ev) {
    var el = ev.target.closest ? ev.target.closest('[data-ref]') : null;
    if (el) show(el); else { clear(); info.style.display = 'none'; }
  });
  document.addEventListener('click', function (ev) {
    var row = ev.target.closest ? ev.target.closest('tr[data-ref]') : null;
    if (!row) return;
    var els = byRef[row.getAttribute('data-ref')] || [];
    for (var i = 0; i < els.length; i++) {
      if (els[i].classList.contains('seg')) {
        els[i].scrollIntoView({block: 'center', behavior: 'smooth'}); break;
      }
    }
  });
})();
"""

_CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; "
    "img-src data:; base-uri 'none'; form-action 'none'"
)


def render_html(record: Record, text: str) -> str:
    """A standalone HTML page showing `record` over `text` (the analysed document text)."""
    page = _Page(record, text)
    article = page.article()
    tables = page.tables()
    heading = record.title or record.id or "Dossier analysis"
    meta = [f"id {record.id}", f"published {record.published or 'unknown'}"]
    meta.append(f"{len(text.split()):,} words")
    if record.status != "ok":
        meta.append(f"status {record.status}")
    if record.url:
        meta.append(record.url)
    warnings = "".join(f'<div class="warn">⚠ {esc(w)}</div>' for w in record.warnings)
    if page.skipped:
        warnings += (
            f'<div class="warn">⚠ {page.skipped} span(s) did not match the text and are not '
            "highlighted</div>"
        )
    legend = (
        '<div class="legend">'
        '<span class="ent t-PERSON">person</span><span class="ent t-ORG">organisation</span>'
        '<span class="ent t-GPE">country/city</span><span class="ent t-NORP">group/nationality'
        '</span><span class="ent t-GROUP">collective</span><span class="plc">place</span>'
        '<span class="stm">statement</span><span class="cue">cue</span>'
        '<span class="trg">event trigger</span> · hover for details, click a row to find it'
        "</div>"
    )
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{esc(_CSP)}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="dossier">\n'
        f"<title>{esc(heading)} · Dossier</title>\n<style>{_CSS}</style></head>\n<body>\n"
        f"<header><h1>{esc(heading)}</h1>"
        f'<div class="meta">{esc(" · ".join(meta))}</div>{warnings}{legend}</header>\n'
        f'<main><article id="text">{article}</article>\n<aside>{tables}</aside></main>\n'
        "<footer>Generated by Dossier. Offsets are Unicode code points into the analysed "
        "text.</footer>\n"
        f'<div id="info" role="status" aria-live="polite"></div>\n<script>{_JS}</script>\n'
        "</body></html>\n"
    )


def render_notebook(record: Record, text: str, height: int = 520) -> str:
    """The page of `render_html` for a notebook cell: the whole page, escaped once more, as the
    `srcdoc` of a sandboxed iframe (scripts run in an opaque origin, with the page's own CSP)."""
    page = render_html(record, text)
    title = record.title or record.id or "Dossier analysis"
    counts = (
        f"{len(record.entities)} entities · {len(record.statements)} statements · "
        f"{len(record.events)} events · {len(record.places)} places"
    )
    return (
        f'<div class="dossier-record"><div style="font:12px sans-serif;color:#555">'
        f"{esc(title)} · {esc(counts)}</div>"
        f'<iframe srcdoc="{esc(page)}" sandbox="allow-scripts" title="{esc(title)}" '
        f'style="width:100%;height:{int(height)}px;border:1px solid #ccc"></iframe></div>'
    )
