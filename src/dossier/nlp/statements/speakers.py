"""Speakers: the token that speaks through a cue, its phrase, and the entity it stands for.

`find_speaker` walks up from a cue to its subject (or passive agent); `speaker_tokens` takes
the phrase around the speaker's head; `SpeakerResolver` ties each statement's speaker to an
entity: an existing mention, a pronoun's last compatible speaker or entity, a known person by
surname, a known role holder by a definite description, else a new entity for the phrase.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dossier.knowledge.roles import pronouns, roles
from dossier.nlp.quotes import ALL_MARKS
from dossier.nlp.state import PLACE_TYPES, EntityState, Mention
from dossier.nlp.statements.context import Context

if TYPE_CHECKING:
    from dossier.nlp.statements.candidates import Draft

SPEAKER_DEPS = ("nsubj", "nsubjpass")
_SKIP_SPEAKER_CHILD = frozenset(
    {"appos", "relcl", "acl", "punct", "advcl", "parataxis", "cc", "prep_skip"}
)
_ENT_TYPES = {
    "PERSON": "PERSON",
    "ORG": "ORG",
    "NORP": "NORP",
    "GPE": "GPE",
    "FAC": "FAC",
    "LOC": "LOC",
}


def contiguous(toks: list[int], anchor: int) -> list[int]:
    """The run of consecutive tokens of `toks` around `anchor`."""
    idx = set(toks)
    lo = hi = anchor
    while lo - 1 in idx:
        lo -= 1
    while hi + 1 in idx:
        hi += 1
    return [t for t in toks if lo <= t <= hi]


def entity_at(ctx: Context, i: int) -> tuple[str, str] | None:
    """Label and text of the named entity holding token `i` (as in ``doc.ents``)."""
    tb = ctx.table
    iob = tb.ent_iob
    if iob[i] not in (1, 3):  # I, B
        return None
    start = i
    while start > 0 and iob[start] == 1:
        start -= 1
    end = i + 1
    while end < len(iob) and iob[end] == 1:
        end += 1
    return tb.ent_type[start], ctx.text[tb.idx[start] : tb.end(end - 1)]


def find_speaker(ctx: Context, verb: int, depth: int = 0) -> int | None:
    """The subject (or agent) speaking through the cue `verb`, up the clause chain."""
    tb = ctx.table
    dep, lower, words, punct, heads, pos = tb.dep, tb.lower, tb.words, tb.punct, tb.head, tb.pos
    fw = ctx.lex.words
    subjects = [c for c in tb.kids[verb] if dep[c] in SPEAKER_DEPS and not punct[c]]
    # two subjects is a parse error, mostly a dateline taken for one (``PARIS — The minister
    # ...``): the one nearest before the verb speaks (PolNeAR train: 21 speakers right that
    # were wrong, 4 wrong that were right)
    before = [c for c in subjects if c < verb]
    subject = before[-1] if before else (subjects[0] if subjects else None)
    for child in tb.kids[verb]:
        if punct[child] or words[child] in ALL_MARKS:
            continue
        if dep[child] in SPEAKER_DEPS:
            if child != subject:
                continue
            if lower[child] in fw.expletives and dep[child] == "nsubjpass":
                return None
            if tb.tag[child] in ("WP", "WDT") and dep[verb] == "relcl":
                return heads[verb]
            if lower[child] in fw.relative_pronouns and dep[verb] == "relcl":
                return heads[verb]
            return child
        if dep[child] == "agent":
            for grand in tb.kids[child]:
                if dep[grand] == "pobj":
                    return grand
    if depth >= 3 or dep[verb] == "ROOT":
        return None
    if dep[verb] in ("advcl", "xcomp", "conj", "pcomp", "ccomp", "acl", "dep"):
        head = heads[verb]
        if dep[verb] == "acl" and pos[head] in ("NOUN", "PROPN", "PRON"):
            if dep[head] in ("dobj", "pobj") and pos[heads[head]] in ("VERB", "AUX"):
                up = heads[head] if dep[head] == "dobj" else heads[heads[head]]
                found = find_speaker(ctx, up, depth + 1) if pos[up] in ("VERB", "AUX") else None
                return found if found is not None else head
            return head
        if dep[verb] == "ccomp" and verb < head:
            return None  # "A said B, C said": the earlier clause has its own subject
        if dep[verb] == "pcomp" and dep[head] == "prep" and pos[heads[head]] in ("VERB", "AUX"):
            return find_speaker(ctx, heads[head], depth + 1)  # "began by saying that ..."
        if pos[head] in ("VERB", "AUX"):
            return find_speaker(ctx, head, depth + 1)
        # "were more likely to say ...", "is free to vote for ...", "was devoted to
        # criticizing ...": a predicate adjective's complement speaks with the verb's subject
        # (PolNeAR train: 18 speakers right that were wrong, 1 wrong that was right)
        adj = heads[head] if dep[verb] == "pcomp" and dep[head] == "prep" else head
        if (
            pos[adj] == "ADJ"
            and dep[adj] in ("acomp", "oprd")
            and pos[heads[adj]]
            in (
                "VERB",
                "AUX",
            )
        ):
            return find_speaker(ctx, heads[adj], depth + 1)
    return None


# dependents that make a participle adjunct a clause of its own (not a passive cue)
_SUBJECT_OR_AUX = frozenset({"nsubj", "auxpass", "aux"})


def passive_cue(ctx: Context, verb: int) -> bool:
    """The cue `verb` is passive with no ``by`` agent, so it names no speaker: its subject is
    who was asked, told, expected or seen, not who asked (``Sanders was asked whether ...``,
    ``the vote is expected to ...``, ``Asked about the deal, Sanders said ...``). A participle
    listed as a cue word of its own is an experiencer's state, whose subject does hold the
    thought (``she is convinced that ...``, ``they were worried that ...``).

    PolNeAR train (840 articles): the gold names no Source for 101 of 120 matched statements
    with a passive cue (84 articles: `expected`, `asked`, `seen`, `accused` ...) and for 26 of
    34 with a past participle adjunct (26 articles, mostly ``Asked ...``)."""
    tb = ctx.table
    kids = tb.kids[verb]
    deps = [tb.dep[c] for c in kids]
    if "agent" in deps:
        return False
    if tb.lower[verb] in ctx.lex.classes:
        return False
    if "nsubjpass" in deps:
        return True
    # a past participle adjunct with no subject of its own ("Asked about the deal, ...")
    return (
        tb.tag[verb] == "VBN" and tb.dep[verb] == "advcl" and not _SUBJECT_OR_AUX.intersection(deps)
    )


def subject_after(ctx: Context, verb: int) -> int | None:
    """The noun phrase right after a cue that follows its content (``“A,” added another
    delegate``, ``“A,” read the email``), which small parsers often take for an object: the
    head of its first noun run, or None when anything but a determiner or modifier comes
    first. (With a subject taken from inside the quotation left out, PolNeAR train: 31
    speakers right that were wrong, 4 wrong that were right.)"""
    tb = ctx.table
    pos, dep = tb.pos, tb.dep
    _, hi = ctx.para_range(tb.idx[verb])
    n = len(tb.words)
    j = verb + 1
    while j < n and tb.idx[j] < hi and pos[j] not in ("NOUN", "PROPN"):
        if pos[j] not in ("DET", "ADJ", "NUM") and dep[j] not in ("det", "amod", "poss"):
            return None
        j += 1
    if j >= n or tb.idx[j] >= hi or tb.ent_type[j] in ("DATE", "TIME"):
        return None
    while dep[j] == "compound" and tb.head[j] > j and pos[tb.head[j]] in ("NOUN", "PROPN"):
        j = tb.head[j]
    return j


def subject_before(ctx: Context, verb: int, content: list[tuple[int, int]]) -> int | None:
    """A main-clause cue left with no subject by the parse (``Four in 10 say ...``, ``42% say
    ...``, ``..., the former mayor John Hart said ...`` parsed as an apposition): the noun or
    number right before it (one comma between), when it is neither in a quotation nor in the
    content. (PolNeAR train: 27 speakers right that were wrong, 1 wrong that was right.)"""
    tb = ctx.table
    if tb.dep[verb] != "ROOT":
        return None
    j = verb - 1
    if j >= 0 and tb.words[j] == ",":
        j -= 1
    if j < 0 or ctx.para_of(tb.idx[j]) != ctx.para_of(tb.idx[verb]):
        return None
    if not (tb.pos[j] in ("NOUN", "PROPN", "NUM") or tb.words[j] == "%"):
        return None
    char = tb.idx[j]
    if ctx.quote_containing(char) is not None or any(s <= char < e for s, e in content):
        return None
    if tb.ent_type[j] in ("DATE", "TIME"):
        return None
    return j


def cannot_speak(ctx: Context, speaker: int | None, cue: int | None) -> bool:
    """The speaker, or the subject of the cue, is a word that cannot speak (``non_speakers``:
    ``the term “X” refers to ...``, ``the word means ...``; also when the parser takes the
    quoted term for the subject, with ``term`` as its modifier): a definition of a word, not a
    claim anyone makes."""
    tb = ctx.table
    heads = [] if speaker is None else [speaker]
    if cue is not None:
        heads += [c for c in tb.kids[cue] if tb.dep[c] in SPEAKER_DEPS]
    words = ctx.lex.non_speakers
    for head in heads:
        if tb.lemma[head] in words:
            return True
        for c in tb.kids[head]:  # "The term “X”" parsed with the quoted X as the head
            if c < head and tb.dep[c] == "nmod" and tb.lemma[c] in words:
                return True
    return False


def armed_act(ctx: Context, draft: Draft) -> bool:
    """``Rebels attacked the town``, ``gunmen attacked an army post``, ``they attacked
    Benghazi``: a verb with a physical sense (``physical_senses``: attack, strike, hit ...)
    done by an armed actor (its speaker's sector is one of ``armed_sectors``) or to a place (an
    object that is a place name) is an act of force, not words."""
    lex = ctx.lex
    if draft.cue_lemma not in lex.physical_senses:
        return False
    ent = ctx.state.entities.get(draft.entity) if draft.entity else None
    if ent is not None and ent.sector in lex.armed_sectors:
        return True
    if not draft.content:
        return False
    span = ctx.doc.char_span(*draft.content[0], alignment_mode="expand")
    return span is not None and len(span) > 0 and span.root.ent_type_ in PLACE_TYPES


def speaker_tokens(ctx: Context, head: int) -> tuple[int, int]:
    """Tokens [start, end) of the speaker phrase headed by `head`: its mention, else its
    subtree without clauses, appositions and punctuation at the edges."""
    tb = ctx.table
    mention = ctx.state.mention_at(head)
    if mention is not None:
        return mention.tok_start, mention.tok_end
    skip: set[int] = set()
    subtree = tb.subtree
    for child in tb.kids[head]:
        if tb.dep[child] in _SKIP_SPEAKER_CHILD:
            skip.update(subtree(child))
    run = contiguous([j for j in subtree(head) if j not in skip], head)
    # trailing punctuation and conjunctions go, never the head (the run always holds it)
    punct, dep = tb.punct, tb.dep
    while run[-1] != head and (punct[run[-1]] or dep[run[-1]] == "cc"):
        run.pop()
    while run[0] != head and punct[run[0]]:
        run.pop(0)
    return run[0], run[-1] + 1


def _is_pronoun(lower: str) -> bool:
    return lower in pronouns()


def compatible(ent: EntityState, pron: str) -> bool:
    """Pronoun `pron` can stand for entity `ent` (type, gender and number of ``pronouns.yaml``)."""
    spec = pronouns().get(pron)
    if spec is None:
        return True
    if ent.type not in spec.types and not (ent.type == "PERSON" and "PERSON" in spec.types):
        return False
    if spec.gender in ("m", "f") and ent.gender and ent.gender != spec.gender:
        return False
    return not (spec.plural is True and ent.type == "PERSON" and not ent.plural)


class SpeakerResolver:
    """Resolve speaker mentions to entities, creating entities for new descriptions."""

    def __init__(self, ctx: Context, anchored: list[tuple[int, Draft]]) -> None:
        self.ctx = ctx
        self.anchored = anchored  # every draft with its anchor, in the candidates' order

    def resolve(self, draft: Draft, anchor: int) -> None:
        """Tie the speaker of `draft` (anchored at character `anchor`) to an entity."""
        if draft.speaker_head is None or draft.speaker_toks is None:
            return
        ctx = self.ctx
        tb = ctx.table
        head = draft.speaker_head
        ts, te = draft.speaker_toks
        ent = ctx.state.entity_at(head)
        if ent is None and tb.pos[head] == "PROPN":
            for child in tb.kids[head]:
                if tb.dep[child] == "compound" and ctx.state.entity_at(child) is not None:
                    ent = ctx.state.entity_at(child)
                    break
        if ent is not None:
            draft.entity = ent.id
            return
        lower = tb.lower[head]
        if lower in ctx.lex.words.first_person:
            return
        if tb.pos[head] == "PRON" and not _is_pronoun(lower):
            return  # "everyone", "no one", "someone": no entity
        if _is_pronoun(lower):
            # the drafts anchored before this one (listed only here: few speakers are pronouns)
            previous = [x for a, x in self.anchored if a < anchor]
            ent = self._antecedent(head, previous)
            if ent is not None:
                self._attach(ent, ts, te, head, "pronoun")
                draft.entity = ent.id
                draft.rule += "; pronoun speaker resolved to the last compatible speaker"
            return
        draft.entity = self._named_or_new(head, ts, te, draft)

    def _antecedent(self, pron: int, previous: list[Draft]) -> EntityState | None:
        ctx = self.ctx
        tb = ctx.table
        char = tb.idx[pron]
        lower = tb.lower[pron]
        para = ctx.para_of(char)
        for draft in reversed(previous):
            if draft.entity is None or draft.anchor() > char:
                continue
            if para - ctx.para_of(draft.anchor()) > 3:
                break
            ent = ctx.state.entities.get(draft.entity)
            if ent is not None and compatible(ent, lower):
                return ent
        best: Mention | None = None
        for i in range(pron - 1, max(-1, pron - 200), -1):
            mention = ctx.state.token_mention.get(i)
            if mention is None or mention.kind == "pronoun":
                continue
            ent = ctx.state.entities.get(mention.entity)
            if ent is not None and compatible(ent, lower):
                best = mention
                break
        return ctx.state.entities.get(best.entity) if best else None

    def _attach(self, ent: EntityState, ts: int, te: int, head: int, kind: str) -> None:
        tb = self.ctx.table
        mention = Mention(
            start=tb.idx[ts],
            end=tb.end(te - 1),
            tok_start=ts,
            tok_end=te,
            kind=kind,
            head=head,
        )
        self.ctx.state.add_mention(ent, mention)

    def _named_or_new(self, head: int, ts: int, te: int, draft: Draft) -> str | None:
        ctx = self.ctx
        tb = ctx.table
        ent_label = None
        name = ctx.text[tb.idx[ts] : tb.end(te - 1)]
        named = entity_at(ctx, head)
        if named is not None:
            ent_label = _ENT_TYPES.get(named[0])
            name = named[1]
        pos, tag = tb.pos[head], tb.tag[head]
        if ent_label == "PERSON" or (ent_label is None and pos == "PROPN"):
            # a surname or full name of an entity already known
            last = tb.words[head].lower()
            for known in ctx.state.entities.values():
                if known.type == "PERSON" and last in known.name.lower().split():
                    self._attach(known, ts, te, head, "name")
                    return known.id
        lemma = tb.lemma[head]
        if ent_label is None and pos in ("NOUN", "PROPN"):
            definite = any(
                tb.lower[t] in ctx.lex.words.definite for t in range(ts, te)[: head - ts]
            )
            role = roles().get(lemma)
            if definite and role is not None:
                for known in reversed(list(ctx.state.entities.values())):
                    if known.role == lemma:
                        self._attach(known, ts, te, head, "description")
                        return known.id
            if lemma in ctx.lex.report_nouns:
                type_ = "ORG"
            elif role is not None:
                type_ = {"person": "PERSON", "group": "GROUP", "org": "ORG"}.get(
                    role.kind, "PERSON"
                )
                if type_ == "PERSON" and tag in ("NNS", "NNPS"):
                    type_ = "GROUP"
            elif tag in ("NNS", "NNPS"):
                type_ = "GROUP"
            elif pos == "PROPN":
                type_ = "ORG"
            else:
                type_ = "PERSON"
        elif ent_label is None:
            return None
        else:
            type_ = ent_label
        if ent_label is None and not self._has_words(ts, te):
            return None
        clean = name
        for det in ctx.lex.words.articles:
            if clean.startswith((det + " ", det.title() + " ")):
                clean = clean[len(det) + 1 :]
                break
        ent = ctx.state.new_entity(clean, type_)
        ent.rule.append("statements: speaker mention with no entity")
        role = roles().get(lemma)
        if role is not None:
            ent.role = lemma
            ent.sector = role.sector
        ent.plural = tag in ("NNS", "NNPS")
        kind = "name" if ent_label else "description"
        self._attach(ent, ts, te, head, kind)
        if not ent.mentions:  # tokens taken by another mention
            del ctx.state.entities[ent.id]
            return None
        return ent.id

    def _has_words(self, ts: int, te: int) -> bool:
        """Tokens [ts, te) hold a word that is neither a stop word nor punctuation."""
        doc, punct = self.ctx.doc, self.ctx.table.punct
        return any(not (doc[t].is_stop or punct[t]) for t in range(ts, te))
