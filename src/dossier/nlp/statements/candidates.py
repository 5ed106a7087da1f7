"""The candidate store the sieves fill: statements while they are built, and the quotes taken.

A sieve adds `Draft`s (character spans, the cue token, the speaker's head token) and marks the
quotations it used, so later sieves leave them alone; the order of the sieves is the order of
preference.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from dossier.nlp.statements.context import Context
from dossier.nlp.statements.speakers import speaker_tokens


@dataclass
class Draft:
    """A statement while it is being built (character spans)."""

    content: list[tuple[int, int]]
    kind: str
    rule: str
    confidence: float
    cue: tuple[int, int] | None = None
    cue_tok: int | None = None
    speaker_head: int | None = None
    speaker_toks: tuple[int, int] | None = None
    entity: str | None = None
    quotes: list[int] = field(default_factory=list)  # quote indexes used as content
    reported_by: int | None = None  # index into drafts
    cue_lemma: str = ""
    # the content is a clause or a quotation, not an infinitive or an object (set by the verb
    # sieve; "promised that A" reports words, "promised to do A" an intention)
    clausal: bool = False

    @property
    def start(self) -> int:
        content = self.content
        return content[0][0] if len(content) == 1 else min(s for s, _ in content)

    @property
    def end(self) -> int:
        content = self.content
        return content[0][1] if len(content) == 1 else max(e for _, e in content)

    def anchor(self) -> int:
        """Where the statement sits in the text (its cue, else its content)."""
        return self.cue[0] if self.cue else self.start


def cue_draft(
    ctx: Context,
    cue: int,
    *,
    content: list[tuple[int, int]],
    kind: str,
    rule: str,
    confidence: float,
    quotes: list[int],
    lemma: str | None = None,
) -> Draft:
    """A draft whose cue is the word `cue` (its cue lemma: `lemma`, else the word's lemma)."""
    table = ctx.table
    return Draft(
        content=content,
        kind=kind,
        rule=rule,
        confidence=confidence,
        cue=(table.idx[cue], table.end(cue)),
        cue_tok=cue,
        quotes=quotes,
        cue_lemma=lemma if lemma is not None else table.lemma[cue],
    )


class Candidates:
    """The drafts found so far in one document and the quotes they took."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.drafts: list[Draft] = []
        self.used_quotes: set[int] = set()

    def set_speaker(self, draft: Draft, speaker: int) -> None:
        """`speaker` (a token) speaks `draft`; its span is the mention or phrase it heads."""
        draft.speaker_head = speaker
        draft.speaker_toks = speaker_tokens(self.ctx, speaker)

    def keep(self, draft: Draft, speaker: int | None = None) -> None:
        """Keep `draft` (with `speaker`, when given): its quotes are taken."""
        if speaker is not None:
            self.set_speaker(draft, speaker)
        self.used_quotes.update(draft.quotes)
        self.drafts.append(draft)

    def dedupe(self) -> None:
        """Drop statements whose content duplicates a better one's, or whose cue overlaps a
        better one's cue (one cue word, one statement: the ``according`` of ``“A,”
        according to X`` is not a second cue of a verb after a quote)."""
        kept: list[Draft] = []
        seen: set[tuple[int, int]] = set()
        cues: list[tuple[int, int]] = []
        for draft in sorted(self.drafts, key=lambda x: -x.confidence):
            key = (draft.start, draft.end)
            cue = draft.cue
            if key in seen or (cue is not None and _overlaps(cue, cues)):
                continue
            seen.add(key)
            if cue is not None:
                cues.append(cue)
            kept.append(draft)
        self.drafts = sorted(kept, key=lambda x: (x.start, x.end))


def _overlaps(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    """Whether character range `span` overlaps one of `spans` (a plain loop: `dedupe` asks it
    for every pair of drafts)."""
    start, end = span
    for a, b in spans:  # noqa: SIM110 (any() over a generator costs twice as much here)
        if a < end and start < b:
            return True
    return False
