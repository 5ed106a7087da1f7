"""The reader's article markup: today's HTML output (`dossier.output.html`) with item ids.

The highlights, their nesting and their explanations come from the per-document page's
`_Page` (the same escaping and the same text); this module only marks every highlighted
segment with the kind and record id of its innermost item (``data-kind``/``data-id``) and
builds the side panel's item lists, each row linking on to the store's actor, event or place.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from dossier.output.html import _Page, esc, segments
from dossier.record import Record

KINDS = {"e": "entity", "p": "place", "s": "statement", "v": "event"}
# the innermost item names a segment: a trigger before an entity, before a place, a statement
_PRIORITY = {"v": 0, "e": 1, "p": 2, "s": 3}


@dataclass
class Item:
    """One record item in the side panel."""

    kind: str
    id: str
    ref: str
    label: str
    detail: str
    tip: str
    link: str = ""
    extra: list[str] = field(default_factory=list)


@dataclass
class Reading:
    article: str
    items: dict[str, list[Item]]
    skipped: int


def read(record: Record, text: str, links: dict[str, dict[str, int]]) -> Reading:
    """The marked-up article and the side panel's items (`links`: record id → store id)."""
    page = _Page(record, text)
    annotations = page.annotations()
    ref_item = {key: (kind, item_id) for (kind, item_id), key in page.refs._keys.items()}
    out: list[str] = []
    for seg in segments(text, annotations):
        piece = esc(text[seg.start : seg.end])
        if not seg.annotations:
            out.append(piece)
            continue
        classes: list[str] = ["seg"]
        refs: list[str] = []
        for ann in seg.annotations:
            classes.extend(c for c in ann.classes if c not in classes)
            if ann.ref not in refs:
                refs.append(ann.ref)
        main = min(refs, key=lambda r: _PRIORITY.get(ref_item[r][0], 9))
        kind, item_id = ref_item[main]
        tip = "\n".join(dict.fromkeys(a.tip for a in seg.annotations))
        out.append(
            f'<span class="{esc(" ".join(classes))}" data-kind="{KINDS[kind]}" '
            f'data-id="{esc(item_id)}" data-ref="{esc(" ".join(refs))}" '
            f'data-start="{seg.start}" title="{esc(tip)}">{piece}</span>'
        )
    return Reading("".join(out), _items(page, record, links), page.skipped)


def _items(page: _Page, record: Record, links: dict[str, dict[str, int]]) -> dict[str, list[Item]]:
    actors, events = links["entities"], links["events"]
    statements_by_id = {s.id: s for s in record.statements}
    items: dict[str, list[Item]] = {"entity": [], "statement": [], "event": [], "place": []}
    for ent in record.entities:
        codes = [c for c in (ent.type, ent.country, ent.sector, ent.actor_code, ent.role) if c]
        items["entity"].append(
            Item(
                "entity",
                ent.id,
                page.refs.key("e", ent.id),
                ent.name,
                " · ".join(codes),
                page.entity_tip(ent),
                f"/actors/{actors[ent.id]}" if ent.id in actors else "",
            )
        )
    for st in record.statements:
        chain: list[str] = []
        up, seen = st.reported_by, set()
        while up and up not in seen and up in statements_by_id:
            seen.add(up)
            outer = statements_by_id[up]
            chain.append(page.ent_name(outer.speaker) if outer.speaker else "unattributed")
            up = outer.reported_by
        speaker = (
            page.ent_name(st.speaker)
            if st.speaker
            else (st.speaker_span.text if st.speaker_span else "unattributed")
        )
        content = " … ".join(c.text for c in st.content)
        items["statement"].append(
            Item(
                "statement",
                st.id,
                page.refs.key("s", st.id),
                speaker,
                _short(content, 140),
                page.statement_tip(st),
                f"/actors/{actors[st.speaker]}" if st.speaker in actors else "",
                [f"reported by {' ← '.join(chain)}"] if chain else [],
            )
        )
    for ev in record.events:
        kind = ev.type + (f"/{ev.mode}" if ev.mode else "")
        items["event"].append(
            Item(
                "event",
                ev.id,
                page.refs.key("v", ev.id),
                f"{kind} · {ev.trigger.text}",
                f"{page.ent_names(ev.source)} → {page.ent_names(ev.target)}",
                page.event_tip(ev),
                f"/timeline?type={quote(ev.type)}" if ev.id in events else "",
            )
        )
    for place in record.places:
        items["place"].append(
            Item(
                "place",
                place.id,
                page.refs.key("p", place.id),
                place.name,
                " · ".join(x for x in (place.kind, place.country) if x),
                page.place_tip(place),
                f"/map?country={quote(place.country)}" if place.country else "",
            )
        )
    return items


def _short(value: str, width: int) -> str:
    flat = " ".join(value.split())
    return flat if len(flat) <= width else flat[: width - 1].rstrip() + "…"


def record_of(row: dict[str, Any]) -> Record | None:
    """The stored analysis record of a document row (None when it has none or is unreadable)."""
    data = row.get("record")
    if not isinstance(data, dict):
        return None
    try:
        return Record.model_validate(data)
    except Exception:  # an unreadable stored record shows the plain text instead
        return None
