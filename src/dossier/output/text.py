"""A readable terminal summary of one analysis record (``--format text``).

Everything from the record or the article is wrapped in :class:`rich.text.Text`, never
interpreted as rich markup, so a text containing ``[bold]`` prints as written.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from dossier.record import Entity, Event, Place, Record, Span, Statement

ELLIPSIS = "…"
_TYPE_STYLE = {
    "PERSON": "bold cyan",
    "ORG": "bold magenta",
    "GPE": "bold green",
    "NORP": "yellow",
    "LOC": "green",
    "FAC": "blue",
    "GROUP": "bold red",
}


def shorten(value: str, width: int) -> str:
    """`value` on one line, at most `width` characters, ending in "…" when cut."""
    flat = " ".join(value.split())
    if len(flat) <= width:
        return flat
    return flat[: max(width - 1, 0)].rstrip() + ELLIPSIS


def _t(value: object, style: str = "", width: int | None = None) -> Text:
    """Plain text (never markup), optionally shortened."""
    if value is None or value == "":
        return Text("–", style="dim")
    string = str(value)
    if width is not None:
        string = shorten(string, width)
    return Text(string, style=style)


def _fit(console_width: int, others: int, most: int) -> int:
    """Width left for one column when the others take `others` characters (10 at least)."""
    return max(10, min(most, console_width - others))


def _table(title: str, count: int) -> Table:
    return Table(
        title=Text(f"{title} ({count})", style="bold"),
        title_justify="left",
        box=box.SIMPLE_HEAD,
        show_edge=False,
        pad_edge=False,
        expand=False,
        header_style="bold dim",
    )


def _distinct(spans: Iterable[Span], limit: int) -> str:
    seen: list[str] = []
    for span in spans:
        flat = " ".join(span.text.split())
        if flat and flat not in seen:
            seen.append(flat)
    shown = ", ".join(seen[:limit])
    return shown + (f", +{len(seen) - limit}" if len(seen) > limit else "")


class _Names:
    """Entity id -> display name, place id -> name, statement id -> short label."""

    def __init__(self, record: Record) -> None:
        self.entities: dict[str, Entity] = {e.id: e for e in record.entities}
        self.places: dict[str, Place] = {p.id: p for p in record.places}

    def entity(self, entity_id: str | None) -> str:
        if not entity_id:
            return "?"
        ent = self.entities.get(entity_id)
        return ent.name if ent else entity_id

    def entities_list(self, ids: list[str]) -> str:
        return " + ".join(self.entity(i) for i in ids) if ids else "?"

    def place(self, place_id: str | None) -> str:
        if not place_id:
            return ""
        place = self.places.get(place_id)
        return place.name if place else place_id


def render_text(record: Record, text: str, console: Console) -> None:
    """Print a compact summary of `record` (analysed from `text`) on `console`."""
    names = _Names(record)
    _header(record, text, console)
    if record.status != "ok" and not (record.entities or record.events or record.statements):
        return
    if record.entities:
        console.print(_entities_table(record.entities, console.width))
    if record.statements:
        console.print(_statements_table(record.statements, names, console.width))
    if record.events:
        console.print(_events_table(record.events, names, console.width))
    if record.places:
        console.print(_places_table(record.places))
    if record.relations:
        console.print(_relations_table(record, names))
    empty = [
        label
        for label, items in (
            ("entities", record.entities),
            ("statements", record.statements),
            ("events", record.events),
            ("places", record.places),
            ("relations", record.relations),
        )
        if not items
    ]
    if empty:
        console.print(Text("none found: " + ", ".join(empty), style="dim"))
    console.print()


def _header(record: Record, text: str, console: Console) -> None:
    title = Text()
    title.append("▌ ", style="bold blue")
    title.append(record.id or "(no id)", style="bold")
    title.append("  published ", style="dim")
    title.append(record.published or "unknown", style="bold" if record.published else "dim")
    words = len(text.split())
    title.append(f"  {words:,} words", style="dim")
    if record.status != "ok":
        title.append(f"  [{record.status}]", style="bold red")
    console.print(title)
    if record.title:
        console.print(_t(record.title, "italic", 110))
    if record.url:
        console.print(_t(record.url, "dim underline", 110))
    counts = Text(
        f"{len(record.entities)} entities · {len(record.statements)} statements · "
        f"{len(record.events)} events · {len(record.places)} places · "
        f"{len(record.relations)} relations",
        style="dim",
    )
    console.print(counts)
    for warning in record.warnings:
        line = Text("⚠ ", style="bold yellow")
        line.append(shorten(warning, 160), style="yellow")
        console.print(line)


def _entities_table(entities: list[Entity], width: int) -> Table:
    name_w = _fit(width, 63, 32)
    table = _table("Entities", len(entities))
    table.add_column("id", style="dim", no_wrap=True)
    table.add_column("name", no_wrap=True, overflow="ellipsis", max_width=name_w)
    table.add_column("type", no_wrap=True)
    table.add_column("ctry", no_wrap=True)
    table.add_column("sect", no_wrap=True)
    table.add_column("actor", no_wrap=True)
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("mentions", overflow="fold", min_width=18, max_width=60)
    for ent in entities:
        table.add_row(
            _t(ent.id),
            _t(ent.name, _TYPE_STYLE.get(ent.type, "bold"), name_w),
            _t(ent.type),
            _t(ent.country),
            _t(ent.sector),
            _t(ent.actor_code, "bold"),
            _t(len(ent.mentions)),
            _t(_distinct(ent.mentions, 5), "dim", 90),
        )
    return table


def _statements_table(statements: list[Statement], names: _Names, width: int) -> Table:
    speaker_w = _fit(width, 58, 26)
    table = _table("Statements", len(statements))
    table.add_column("id", style="dim", no_wrap=True)
    table.add_column("speaker", no_wrap=True, overflow="ellipsis", max_width=speaker_w)
    table.add_column("content", overflow="fold", min_width=24, max_width=70)
    table.add_column("kind", no_wrap=True)
    table.add_column("cue", no_wrap=True, max_width=18)
    for st in statements:
        if st.speaker:
            speaker = _t(names.entity(st.speaker), "bold", speaker_w)
        elif st.speaker_span:
            speaker = _t(st.speaker_span.text, "", speaker_w)
        else:
            speaker = _t("(unattributed)", "dim")
        content = " … ".join(" ".join(span.text.split()) for span in st.content)
        body = Text("→ ", style="dim")
        body.append(shorten(content, 140))
        if st.reported_by:
            body.append(f"  (reported by {st.reported_by})", style="dim")
        table.add_row(
            _t(st.id), speaker, body, _t(st.kind), _t(st.cue.text if st.cue else None, "", 18)
        )
    return table


def _flags(event: Event) -> Text:
    flags = Text()
    if event.negated:
        flags.append("negated ", style="bold red")
    if event.hypothetical:
        flags.append("hypothetical ", style="bold yellow")
    if event.attributed_to:
        flags.append(f"claim:{event.attributed_to}", style="cyan")
    return flags


def _events_table(events: list[Event], names: _Names, width: int) -> Table:
    narrow = width < 120
    table = _table("Events", len(events))
    table.add_column("id", style="dim", no_wrap=True)
    table.add_column("type / mode / cameo", no_wrap=True)
    table.add_column("source → target", overflow="fold", min_width=16, max_width=44)
    table.add_column("trigger", no_wrap=True, max_width=12 if narrow else 20)
    table.add_column("when / where", no_wrap=True, max_width=12 if narrow else 20)
    for ev in events:
        kind = Text(ev.type, style="bold")
        if ev.mode:
            kind.append(f" / {ev.mode}")
        if ev.cameo:
            kind.append(f" / {ev.cameo}", style="dim")
        flags = _flags(ev)
        if flags:
            kind.append("\n")
            kind.append_text(flags)
        who = Text(shorten(names.entities_list(ev.source), 40))
        who.append(" → ", style="dim")
        who.append(shorten(names.entities_list(ev.target), 40))
        where = Text(ev.date or "–", style="" if ev.date else "dim")
        if ev.place:
            where.append("\n" + shorten(names.place(ev.place), 12 if narrow else 20))
        table.add_row(
            _t(ev.id), kind, who, _t(ev.trigger.text, "italic", 12 if narrow else 20), where
        )
    return table


def _places_table(places: list[Place]) -> Table:
    table = _table("Places", len(places))
    table.add_column("id", style="dim", no_wrap=True)
    table.add_column("name", no_wrap=True, max_width=28)
    table.add_column("ctry", no_wrap=True)
    table.add_column("kind", no_wrap=True)
    table.add_column("lat, lon", justify="right", no_wrap=True)
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("mentions", overflow="fold", min_width=14, max_width=50)
    for place in places:
        table.add_row(
            _t(place.id),
            _t(place.name, "bold green", 28),
            _t(place.country),
            _t(place.kind),
            _t(f"{place.lat:.3f}, {place.lon:.3f}"),
            _t(len(place.mentions)),
            _t(_distinct(place.mentions, 4), "dim", 70),
        )
    return table


def _relations_table(record: Record, names: _Names) -> Table:
    table = _table("Relations", len(record.relations))
    table.add_column("source", no_wrap=True, max_width=28)
    table.add_column("type", no_wrap=True)
    table.add_column("target", no_wrap=True, max_width=28)
    table.add_column("evidence", overflow="fold", min_width=8, max_width=40)
    for rel in record.relations:
        table.add_row(
            _t(names.entity(rel.source), "bold", 28),
            _t(rel.type, "cyan"),
            _t(names.entity(rel.target), "bold", 28),
            _t(", ".join(rel.evidence), "dim", 60),
        )
    return table
