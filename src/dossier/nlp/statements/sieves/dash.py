"""Quotation bylines: a quote, a dash and a name closing the paragraph."""

from __future__ import annotations

import re

from dossier.nlp.statements.candidates import Candidates, Draft
from dossier.nlp.statements.context import Context

_DASH_AFTER = re.compile(r"[ \t\u00a0]*([―—–]|--)[ \t\u00a0]*(?=\w)")


class DashBylines:
    """A quote, a dash and a short proper name closing the paragraph."""

    name = "dash"

    def run(self, ctx: Context, found: Candidates) -> None:
        """``“...” ― Name``: a quote followed by a dash and a name closing the paragraph (the
        byline of a quotation)."""
        tb = ctx.table
        n, words, pos, heads = tb.n, tb.words, tb.pos, tb.head
        for k, q in enumerate(ctx.quotes):
            if k in found.used_quotes or q.close is None or q.single:
                continue
            m = _DASH_AFTER.match(ctx.text, q.close + 1)
            if m is None:
                continue
            pe = ctx.paras[q.para][1]
            first = tb.token_at(m.end())
            if first >= n or tb.idx[first] < m.end():
                first += 1
            toks: list[int] = []
            for t in range(first, tb.token_at(max(m.end(), pe - 1)) + 1):
                text = words[t]
                if tb.idx[t] >= pe or text.isspace() or text in (",", ".", ";", "(", "|"):
                    break
                toks.append(t)
            if not toks or len(toks) > 6 or not any(pos[t] == "PROPN" for t in toks):
                continue
            if not all(words[t].istitle() or pos[t] == "PROPN" or tb.punct[t] for t in toks):
                continue
            head = toks[-1]
            for t in toks:
                if heads[t] == t or not (toks[0] <= heads[t] <= toks[-1]):
                    head = t
            chain = ctx.quote_chain(k)
            draft = Draft(
                content=ctx.quote_spans(chain),
                kind="direct",
                rule="dash and a name after a quote",
                confidence=0.7,
                cue=(m.start(1), m.end(1)),
                cue_tok=toks[0],
                quotes=chain,
                cue_lemma="―",
            )
            draft.speaker_head = head
            draft.speaker_toks = (toks[0], toks[-1] + 1)
            found.keep(draft)
