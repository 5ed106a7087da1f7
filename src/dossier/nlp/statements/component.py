"""The spaCy component: candidates -> sieves -> speakers -> floating quotes -> nesting.

Each sieve is one cue family (`dossier.nlp.statements.sieves`), run in a fixed order of
preference over a shared candidate store: a quotation taken by an earlier sieve is not taken
again, and duplicates keep the most confident draft. Speakers are then tied to entities in
text order, quotes with no cue continue the last speaker, and statements inside others are
nested.
"""

from __future__ import annotations

from pydantic import TypeAdapter
from spacy.language import Language
from spacy.tokens import Doc

from dossier.nlp.state import get_state
from dossier.nlp.statements.boundaries import to_closing_marks
from dossier.nlp.statements.candidates import Candidates, Draft
from dossier.nlp.statements.context import Context
from dossier.nlp.statements.lexicon import cue_class, statement_class
from dossier.nlp.statements.nesting import drop_quoted_asides, nest, split_coordinated
from dossier.nlp.statements.sieves import CUE_SIEVES, FloatingQuotes
from dossier.nlp.statements.speakers import SpeakerResolver, armed_act, cannot_speak
from dossier.record import Statement


def find_statements(doc: Doc) -> list[Statement]:
    """Statements of a parsed Doc (appended to the state by the component)."""
    ctx = Context(doc)
    found = Candidates(ctx)
    for sieve in CUE_SIEVES:
        sieve.run(ctx, found)
    found.dedupe()
    split_coordinated(ctx, found.drafts)
    anchored = [(x.anchor(), x) for x in found.drafts]
    resolver = SpeakerResolver(ctx, anchored)
    for anchor, draft in sorted(anchored, key=lambda pair: pair[0]):
        resolver.resolve(draft, anchor)
    found.drafts = [
        x
        for x in drop_quoted_asides(ctx, found.drafts)
        if not cannot_speak(ctx, x.speaker_head, x.cue_tok) and not armed_act(ctx, x)
    ]
    FloatingQuotes().run(ctx, found)
    for draft in found.drafts:
        if to_closing_marks(ctx, draft.content, draft.cue):
            draft.rule += "; runs to the closing quotation mark"
    found.drafts.sort(key=lambda x: (x.start, x.end))
    nest(ctx, found.drafts)
    return _statements(ctx, found.drafts)


def _statements(ctx: Context, drafts: list[Draft]) -> list[Statement]:
    text, tb = ctx.text, ctx.table
    records: list[dict[str, object]] = []
    base = len(ctx.state.statements)
    for idx, draft in enumerate(drafts):
        # spans as plain dicts: the statements are validated all at once below
        speaker_span = None
        if draft.speaker_toks is not None:
            first, last = draft.speaker_toks[0], draft.speaker_toks[1] - 1
            speaker_span = _span_dict(text, tb.idx[first], tb.end(last))
        content = sorted(set(draft.content))
        speaker_lemma = None if draft.speaker_head is None else tb.lemma[draft.speaker_head]
        klass = statement_class(ctx.lex, draft.cue_lemma, speaker_lemma, draft.clausal)
        rule = draft.rule
        if klass != cue_class(ctx.lex, draft.cue_lemma):
            why = "its speaker is data or a document" if klass == "evidence" else "a clause"
            rule += f"; {klass}: {why}"
        records.append(
            {
                "id": f"S{base + idx + 1}",
                "kind": draft.kind,
                "cue_class": klass,
                "speaker": draft.entity,
                "speaker_span": speaker_span,
                "cue": _span_dict(text, *draft.cue) if draft.cue else None,
                "content": [_span_dict(text, s, e) for s, e in content],
                "confidence": round(draft.confidence, 2),
                "rule": rule,
            }
        )
    # one validation call for the document's statements (a list adapter: a quarter cheaper
    # than one `Statement(...)` call each; the same records)
    out = _STATEMENT_LIST.validate_python(records)
    for idx, draft in enumerate(drafts):
        if draft.reported_by is not None:
            out[idx].reported_by = out[draft.reported_by].id
    return out


_STATEMENT_LIST = TypeAdapter(list[Statement])


def _span_dict(text: str, start: int, end: int) -> dict[str, object]:
    """A `Span`'s fields (``text == doc_text[start:end]``)."""
    return {"start": start, "end": end, "text": text[start:end]}


@Language.factory("dossier_statements")
def make_statements(nlp: Language, name: str) -> StatementsComponent:
    return StatementsComponent()


class StatementsComponent:
    """spaCy component: fills ``get_state(doc).statements``."""

    def __call__(self, doc: Doc) -> Doc:
        state = get_state(doc)
        try:
            state.statements.extend(find_statements(doc))
        except Exception as err:  # never lose the document for a statement bug
            state.warn(f"statements: skipped after an internal error ({type(err).__name__})")
        return doc
