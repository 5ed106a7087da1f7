"""A manner verb right after an unused quote (``“...,” she laughed``)."""

from __future__ import annotations

from dossier.nlp.statements.candidates import Candidates, cue_draft
from dossier.nlp.statements.context import Context
from dossier.nlp.statements.speakers import find_speaker


class QuoteMannerCues:
    """A single verb (not itself a cue) after an unused quote."""

    name = "quote_manner"

    def run(self, ctx: Context, found: Candidates) -> None:
        """``“We did it!” beamed X.`` / ``“...,” X laughed.``: any verb right after an
        unused quote, closing the sentence with its subject, is the cue."""
        tb = ctx.table
        n, words, pos = tb.n, tb.words, tb.pos
        for k, q in enumerate(ctx.quotes):
            if k in found.used_quotes or q.close is None or q.cont_of is not None or q.single:
                continue
            if ctx.text[q.start : q.end].rstrip()[-1:] not in (",", "!", "?") and ctx.text[
                q.end : q.close
            ].strip() not in (",", "!", "?"):
                continue
            closing = tb.token_at(q.close)
            i = closing + 1
            while i < n and (tb.punct[i] or words[i].isspace()):
                if words[i] in (".", "!", "?") or i > closing + 2:
                    break
                i += 1
            sent_end = tb.sent_bounds(i)[1] if i < n else n
            tail = [t for t in range(i, sent_end) if not tb.punct[t]]
            if not tail or len(tail) > 7 or ctx.para_of(tb.idx[i]) != q.para:
                continue
            verbs = [t for t in tail if pos[t] == "VERB"]
            if len(verbs) != 1 or tb.lemma[verbs[0]] in ctx.lex.verbs:
                continue
            verb = verbs[0]
            if (
                tb.tag[verb] in ("VBN", "VBG")
                or any(tb.dep[c] in ("auxpass", "nsubjpass") for c in tb.kids[verb])
                or tb.pos[tail[0]] == "CCONJ"
            ):
                # a finite, active verb speaks (``“...,” she laughed``); not a participle
                # after a title (``“A Long Night,” directed by X``, ``with X clapping``), a
                # passive (``Her reply is redacted``) or a clause that goes on (``but``);
                # PolNeAR train: 5 of the 9 false statements of this rule, none of the true
                continue
            speaker = find_speaker(ctx, verb)
            if speaker is None:  # "..., beamed Ana Petrova": the subject after the verb
                speaker = next((t for t in tail if t > verb and pos[t] in ("PROPN", "NOUN")), None)
            if speaker is None or speaker < i:
                continue
            chain = ctx.quote_chain(k)
            draft = cue_draft(
                ctx,
                verb,
                content=ctx.quote_spans(chain),
                kind="direct",
                rule=f"verb '{tb.lemma[verb]}' right after a quote",
                confidence=0.6,
                quotes=chain,
            )
            found.keep(draft, speaker)
