"""dossier_statements: who said (claimed, reported, believes, wants) what.

Works on the parse already in the Doc (no extra model calls) and on the quote spans of
``dossier.nlp.quotes``. Each attribution becomes a `Statement` in ``get_state(doc).statements``:

1. **Cue verbs** (lemmas in ``knowledge/data/cues.yaml``). The content is, in order of
   preference: a quotation right next to the cue clause (``“A,” he said`` / ``he said: “A”``;
   ``kind=direct``), else the clausal complement (``said (that) ...``, ``..., he said``), an
   infinitive (``vowed to ...``), an object (``denied the report``), a particle/preposition
   object (``called for ...``) or the text after a colon. Complements holding quotation marks
   are ``mixed``; a quote opening in the middle of its sentence takes the words before it
   (``With many systems, “there is no single point,” he said``); a cue between commas inside
   its clause splits the content in two (``Too often, he said, the debate ...``).
2. **According to X**, ``in the words of X``: content is the clause the phrase modifies.
3. **Reporting nouns** with a ``that`` clause (``X's claim that ...``).
4. **Colon quotes** (``Esbati: “...”``), **dash bylines** (``“...” ― Maria Lopez``), objects
   **described as a quotation** (``admires Putin as a “strong leader”``) and **floating quotes**
   (a quoted sentence with no cue continues the last speaker; in the same paragraph, with no
   other quote between, it joins that statement as a split quote).
5. **Speakers** are resolved to entities: existing mentions (names, coreference), else pronouns
   to the last compatible speaker or entity, names to entities by surname, and descriptions
   ("a spokesman for the ministry", "the report") to new entities.
6. **Nesting**: a statement whose cue lies inside another's content is ``reported_by`` it;
   ``according to the report`` / ``the paper said`` point at the last report statement.

Speed: candidate cue tokens are found once from the lemma / lower-case hashes of the shared
token table (``dossier.nlp.tokens``: no pass over every Token object), sentences and heads are
plain index lists, and the walks around a cue are skipped when no quote mark or comma can be
reached.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import NamedTuple

from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc, Token

from dossier.knowledge.resources import load_yaml
from dossier.knowledge.roles import pronouns, roles
from dossier.nlp.quotes import ALL_MARKS, find_quotes, paragraphs
from dossier.nlp.state import Analysis, EntityState, Mention, doc_text, get_state
from dossier.nlp.tokens import C_ENT_IOB, C_ENT_TYPE, C_LEMMA, C_LOWER, token_table
from dossier.record import Statement

_PUNCT_TRIM = " \t\n,;:—–-" + ALL_MARKS
_SPEAKER_DEPS = ("nsubj", "nsubjpass")
# dependents of an object cue after its object that belong to the content
_TAIL_DEPS = frozenset({"prep", "oprd", "ccomp", "xcomp", "advcl", "dative", "acomp", "dobj"})
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
_FIRST_PERSON = frozenset({"i", "we", "me", "us", "you"})
_MARKS = tuple(ALL_MARKS)
_ALNUM = re.compile(r"[^\W_]")
_COMMA_DASH = re.compile("[,—–]")
_WORD_NOT_THAT = re.compile(r"\b(?!that\b)[^\W_]", re.IGNORECASE)
_DOUBLE = frozenset('“”„«»"')
_SENTENCE_BREAK = re.compile(r"[.!?…][\"”’')\]]*\s+")
_DASH_AFTER = re.compile(r"[ \t\u00a0]*([―—–]|--)[ \t\u00a0]*(?=\w)")
_SENT_END = re.compile(r"[.!?…]['\"”’)]*$")


@dataclass(frozen=True)
class CueLexicon:
    verbs: dict[str, str]  # lemma -> class
    xcomp: frozenset[str]
    obj: frozenset[str]
    question: frozenset[str]
    needs_clause: frozenset[str]
    phrasal: dict[str, frozenset[str]]
    nouns: frozenset[str]
    report_nouns: frozenset[str]
    according: tuple[tuple[str, ...], ...]
    noun_objects: dict[str, frozenset[str]] = field(default_factory=dict)
    adjectives: dict[str, frozenset[str]] = field(default_factory=dict)
    naming: dict[str, frozenset[str]] = field(default_factory=dict)
    bare_object: frozenset[str] = frozenset()
    evidential: frozenset[str] = frozenset()
    hedges: frozenset[str] = frozenset()
    # filled on first use by `_cue_hashes`
    hashes: tuple[dict[int, str], dict[int, str]] | None = field(default=None, compare=False)


@cache
def cue_lexicon() -> CueLexicon:
    """The cue words of ``cues.yaml`` (merged with the user's, see DOSSIER_DATA_PATH)."""
    data = load_yaml("cues.yaml")
    verbs: dict[str, str] = {}
    xcomp: set[str] = set()
    obj: set[str] = set()
    question: set[str] = set()
    for cls, spec in data["verbs"].items():
        for lemma in spec.get("strong", []) or []:
            verbs.setdefault(str(lemma).lower(), cls)
        xcomp.update(str(x).lower() for x in spec.get("xcomp", []) or [])
        obj.update(str(x).lower() for x in spec.get("object", []) or [])
        question.update(str(x).lower() for x in spec.get("question", []) or [])
    for lemma in xcomp | obj | question:
        verbs.setdefault(lemma, "speech")
    phrasal = {
        str(k).lower(): frozenset(str(p).lower() for p in v)
        for k, v in (data.get("phrasal") or {}).items()
    }
    for lemma in phrasal:
        verbs.setdefault(lemma, "speech")
    according = tuple(
        tuple(p.lower().split()) for p in (data.get("according") or {}).get("prepositions", [])
    )
    return CueLexicon(
        verbs=verbs,
        xcomp=frozenset(xcomp),
        obj=frozenset(obj),
        question=frozenset(question),
        needs_clause=frozenset(str(x).lower() for x in data.get("needs_clause", []) or []),
        phrasal=phrasal,
        nouns=frozenset(str(x).lower() for x in data.get("nouns", []) or []),
        report_nouns=frozenset(str(x).lower() for x in data.get("report_nouns", []) or []),
        according=according,
        noun_objects={
            str(k).lower(): frozenset(str(p).lower() for p in v)
            for k, v in (data.get("noun_objects") or {}).items()
        },
        adjectives={
            str(k).lower(): frozenset(str(p).lower() for p in (v or []))
            for k, v in (data.get("adjectives") or {}).items()
        },
        bare_object=frozenset(str(x).lower() for x in data.get("bare_object", []) or []),
        hedges=frozenset(str(x).lower() for x in data.get("hedges", []) or []),
        evidential=frozenset(str(x).lower() for x in data.get("evidential", []) or []),
        naming={
            str(k).lower(): frozenset(str(p).lower() for p in (v or []))
            for k, v in (data.get("naming") or {}).items()
        },
    )


def _cue_hashes(lex: CueLexicon) -> tuple[dict[int, str], dict[int, str]]:
    """String-store hashes of the cue words (lemmas; and lower-case forms for adverbs, the
    first words of `according to` phrases and the colon), in the case variants a lemma can
    take, mapped to the lower-case word. Computed once per lexicon."""
    if lex.hashes is not None:
        return lex.hashes
    lemmas: set[str] = set(lex.verbs) | lex.evidential | lex.nouns
    lemmas |= set(lex.noun_objects) | set(lex.adjectives) | set(lex.naming)
    lowers: set[str] = set(lex.hedges) | {p[0] for p in lex.according if p} | {":"}
    by_lemma: dict[int, str] = {}
    by_lower: dict[int, str] = {}
    for word in lemmas:
        for form in (word, word.title(), word.upper()):
            by_lemma[get_string_id(form)] = word
    for word in lowers:
        by_lower[get_string_id(word)] = word
    object.__setattr__(lex, "hashes", (by_lemma, by_lower))  # a cache, not lexicon data
    return by_lemma, by_lower


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


class _Clause:
    """Membership test for the tokens of a cue clause, without building the subtrees:
    ``i in clause`` when token i is in the verb's subtree and not in the content root's
    (unless the content root governs the verb)."""

    def __init__(self, heads: list[int], verb: int, root: int | None) -> None:
        self.heads = heads
        self.verb = verb
        self.empty = root == verb
        self.root = root if root is not None and not _governs(heads, root, verb) else None

    def __contains__(self, i: object) -> bool:
        if not isinstance(i, int) or self.empty:
            return False
        if not _governs(self.heads, self.verb, i):
            return False
        return self.root is None or not _governs(self.heads, self.root, i)


def _governs(heads: list[int], head: int, i: int) -> bool:
    """Token `i` is in the subtree of token `head`."""
    for _ in range(len(heads)):
        if i == head:
            return True
        up = heads[i]
        if up == i:
            return False
        i = up
    return False


class _Bounds(NamedTuple):
    start: int
    end: int


class _Doc:
    """Per-document helpers: char <-> token, sentences, paragraphs, quotes."""

    def __init__(self, doc: Doc, lex: CueLexicon, text: str) -> None:
        self.doc = doc
        self.text = text
        self.table = table = token_table(doc)
        self.tok_starts: list[int] = table.idx
        # the head of each token as a plain index (no Token objects)
        self.heads: list[int] = table.head
        # sentence starts (token indexes), for sentence bounds without walking doc.sents
        self.sent_starts: list[int] = table.sent_starts
        # tokens whose lemma (or lower-case form) is a cue word: (index, cue word)
        hashes, lowers = _cue_hashes(lex)
        self.lemma_cands: list[tuple[int, str]] = [
            (i, hashes[h]) for i, h in enumerate(table.column(C_LEMMA)) if h in hashes
        ]
        self.lower_cands: list[tuple[int, str]] = [
            (i, lowers[h]) for i, h in enumerate(table.column(C_LOWER)) if h in lowers
        ]
        self._kids_of = -1
        self._kids_list: list[Token] = []
        self.ent_iob: list[int] = table.column(C_ENT_IOB)
        self.ent_type: list[int] = table.column(C_ENT_TYPE)
        self.quotes = find_quotes(self.text)
        self.paras = paragraphs(self.text)
        self.para_starts = [s for s, _ in self.paras]
        # quote marks (character index -> quote index), for adjacency tests
        self.quote_by_close: dict[int, int] = {}
        self.quote_by_open: dict[int, int] = {}
        for k, q in enumerate(self.quotes):
            if q.close is not None:
                self.quote_by_close[q.close] = k
            self.quote_by_open[q.open] = k
        self.open_chars = sorted(self.quote_by_open)
        self.close_chars = sorted(self.quote_by_close)

    def kids(self, tok: Token) -> list[Token]:
        """`tok.children` (the last token asked for is remembered: cue checks ask often)."""
        if self._kids_of != tok.i:
            self._kids_of = tok.i
            self._kids_list = list(tok.children)
        return self._kids_list

    def sent(self, i: int) -> _Bounds:
        """Token range of the sentence of token `i` (``.start``, ``.end``)."""
        return _Bounds(*self.sent_bounds(i))

    def sent_bounds(self, i: int) -> tuple[int, int]:
        """Token range [start, end) of the sentence of token `i`."""
        k = bisect.bisect_right(self.sent_starts, i) - 1
        start = self.sent_starts[k] if k >= 0 else 0
        end = self.sent_starts[k + 1] if k + 1 < len(self.sent_starts) else len(self.doc)
        return start, end

    def ent_at(self, i: int) -> tuple[str, str] | None:
        """Label and text of the named entity holding token `i` (as in ``doc.ents``)."""
        iob = self.ent_iob
        if iob[i] not in (1, 3):  # I, B
            return None
        start = i
        while start > 0 and iob[start] == 1:
            start -= 1
        end = i + 1
        while end < len(iob) and iob[end] == 1:
            end += 1
        last = self.doc[end - 1]
        label = self.doc.vocab.strings[self.ent_type[start]]
        return label, self.text[self.tok_starts[start] : last.idx + len(last.text)]

    def tok_at(self, char: int) -> int:
        """Index of the token containing (or starting before) character `char`."""
        return max(0, bisect.bisect_right(self.tok_starts, char) - 1)

    def para_of(self, char: int) -> int:
        return max(0, bisect.bisect_right(self.para_starts, char) - 1)

    def para_range(self, char: int) -> tuple[int, int]:
        """Characters [lo, hi) whose `para_of` is the paragraph of `char`."""
        k = self.para_of(char)
        lo = self.para_starts[k] if self.para_starts else 0
        if k == 0:
            lo = -1
        hi = self.para_starts[k + 1] if k + 1 < len(self.para_starts) else len(self.text) + 1
        return lo, hi

    def tok_end(self, tok: Token) -> int:
        return tok.idx + len(tok.text)

    def quote_containing(self, char: int) -> int | None:
        for k, q in enumerate(self.quotes):
            if q.open <= char < q.outer_end:
                return k
        return None


def _trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _PUNCT_TRIM:
        start += 1
    while end > start and text[end - 1] in _PUNCT_TRIM:
        end -= 1
    # keep a final period only when it closes a sentence inside the span
    return start, end


def _span_of_tokens(d: _Doc, toks: Iterable[Token]) -> tuple[int, int] | None:
    first: Token | None = None
    last: Token | None = None
    for t in toks:
        if first is None or t.i < first.i:
            first = t
        if last is None or t.i > last.i:
            last = t
    if first is None or last is None:
        return None
    start, end = _trim_span(d.text, first.idx, d.tok_end(last))
    return (start, end) if end > start else None


def _subtree_range(d: _Doc, tok: Token, exclude: Token | None = None) -> list[Token]:
    """Tokens of `tok`'s subtree (minus `exclude`'s subtree), within its sentence."""
    start, end = d.sent_bounds(tok.i)
    doc, subtree = d.doc, d.table.subtree
    if exclude is not None:
        skip = set(subtree(exclude.i))
        return [doc[j] for j in subtree(tok.i) if j not in skip and start <= j < end]
    return [doc[j] for j in subtree(tok.i) if start <= j < end]


def _contiguous(toks: list[Token], anchor: Token) -> list[Token]:
    """The run of consecutive tokens of `toks` around `anchor`."""
    idx = {t.i for t in toks}
    lo = hi = anchor.i
    while lo - 1 in idx:
        lo -= 1
    while hi + 1 in idx:
        hi += 1
    return [t for t in toks if lo <= t.i <= hi]


# --- speakers ---------------------------------------------------------------------------


def _find_speaker(verb: Token, d: _Doc, depth: int = 0) -> Token | None:
    for child in d.kids(verb):
        if child.is_punct or child.text in ALL_MARKS:
            continue
        if child.dep_ in _SPEAKER_DEPS:
            if child.lower_ in ("it", "there") and child.dep_ == "nsubjpass":
                return None
            if child.tag_ in ("WP", "WDT") and verb.dep_ == "relcl":
                return verb.head
            if child.lower_ in ("that", "which") and verb.dep_ == "relcl":
                return verb.head
            return child
        if child.dep_ == "agent":
            for grand in child.children:
                if grand.dep_ == "pobj":
                    return grand
    if depth >= 3 or verb.dep_ == "ROOT":
        return None
    if verb.dep_ in ("advcl", "xcomp", "conj", "pcomp", "ccomp", "acl", "dep"):
        head = verb.head
        if verb.dep_ == "acl" and head.pos_ in ("NOUN", "PROPN", "PRON"):
            if head.dep_ in ("dobj", "pobj") and head.head.pos_ in ("VERB", "AUX"):
                up = head.head if head.dep_ == "dobj" else head.head.head
                found = _find_speaker(up, d, depth + 1) if up.pos_ in ("VERB", "AUX") else None
                return found or head
            return head
        if verb.dep_ == "ccomp" and verb.i < head.i:
            return None  # "A said B, C said": the earlier clause has its own subject
        if verb.dep_ == "pcomp" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX"):
            return _find_speaker(head.head, d, depth + 1)  # "began by saying that ..."
        if head.pos_ in ("VERB", "AUX"):
            return _find_speaker(head, d, depth + 1)
    return None


def _speaker_tokens(d: _Doc, head: Token, state: Analysis) -> tuple[int, int]:
    mention = state.mention_at(head)
    if mention is not None:
        return mention.tok_start, mention.tok_end
    skip: set[int] = set()
    subtree = d.table.subtree
    for child in head.children:
        if child.dep_ in _SKIP_SPEAKER_CHILD:
            skip.update(subtree(child.i))
    doc = d.doc
    keep = [doc[j] for j in subtree(head.i) if j not in skip]
    run = _contiguous(keep, head)
    while run and (run[-1].is_punct or run[-1].dep_ == "cc") and run[-1] is not head:
        run.pop()
    while run and run[0].is_punct and run[0] is not head:
        run.pop(0)
    return run[0].i, run[-1].i + 1


def _is_pronoun(tok: Token) -> bool:
    return tok.lower_ in pronouns()


def _compatible(ent: EntityState, pron: str) -> bool:
    spec = pronouns().get(pron)
    if spec is None:
        return True
    if ent.type not in spec.types and not (ent.type == "PERSON" and "PERSON" in spec.types):
        return False
    if spec.gender in ("m", "f") and ent.gender and ent.gender != spec.gender:
        return False
    return not (spec.plural is True and ent.type == "PERSON" and not ent.plural)


class _Speakers:
    """Resolve speaker mentions to entities, creating entities for new descriptions."""

    def __init__(self, d: _Doc, state: Analysis) -> None:
        self.d = d
        self.state = state
        self.lex = cue_lexicon()

    def resolve(self, draft: Draft, previous: list[Draft]) -> None:
        if draft.speaker_head is None or draft.speaker_toks is None:
            return
        doc = self.d.doc
        head = doc[draft.speaker_head]
        ts, te = draft.speaker_toks
        ent = self.state.entity_at(head)
        if ent is None and head.pos_ == "PROPN":
            for child in head.children:
                if child.dep_ == "compound" and self.state.entity_at(child) is not None:
                    ent = self.state.entity_at(child)
                    break
        if ent is not None:
            draft.entity = ent.id
            return
        if head.lower_ in _FIRST_PERSON:
            return
        if head.pos_ == "PRON" and not _is_pronoun(head):
            return  # "everyone", "no one", "someone": no entity
        if _is_pronoun(head):
            ent = self._antecedent(head, previous)
            if ent is not None:
                self._attach(ent, ts, te, head, "pronoun")
                draft.entity = ent.id
                draft.rule += "; pronoun speaker resolved to the last compatible speaker"
            return
        draft.entity = self._named_or_new(head, ts, te, draft)

    def _antecedent(self, pron: Token, previous: list[Draft]) -> EntityState | None:
        para = self.d.para_of(pron.idx)
        for draft in reversed(previous):
            if draft.entity is None or draft.anchor() > pron.idx:
                continue
            if para - self.d.para_of(draft.anchor()) > 3:
                break
            ent = self.state.entities.get(draft.entity)
            if ent is not None and _compatible(ent, pron.lower_):
                return ent
        best: Mention | None = None
        for i in range(pron.i - 1, max(-1, pron.i - 200), -1):
            mention = self.state.token_mention.get(i)
            if mention is None or mention.kind == "pronoun":
                continue
            ent = self.state.entities.get(mention.entity)
            if ent is not None and _compatible(ent, pron.lower_):
                best = mention
                break
        return self.state.entities.get(best.entity) if best else None

    def _attach(self, ent: EntityState, ts: int, te: int, head: Token, kind: str) -> None:
        doc = self.d.doc
        span = doc[ts:te]
        mention = Mention(
            start=span.start_char,
            end=span.end_char,
            tok_start=ts,
            tok_end=te,
            kind=kind,
            head=head.i,
        )
        self.state.add_mention(ent, mention)

    def _named_or_new(self, head: Token, ts: int, te: int, draft: Draft) -> str | None:
        doc = self.d.doc
        span = doc[ts:te]
        ent_label = None
        name = span.text
        named = self.d.ent_at(head.i)
        if named is not None:
            ent_label = _ENT_TYPES.get(named[0])
            name = named[1]
        words = [t for t in span if not (t.is_stop or t.is_punct)]
        if ent_label == "PERSON" or (ent_label is None and head.pos_ == "PROPN"):
            # a surname or full name of an entity already known
            last = head.text.lower()
            for known in self.state.entities.values():
                if known.type == "PERSON" and last in known.name.lower().split():
                    self._attach(known, ts, te, head, "name")
                    return known.id
        lemma = head.lemma_.lower()
        if ent_label is None and head.pos_ in ("NOUN", "PROPN"):
            definite = any(t.lower_ in ("the", "this", "that") for t in span[: head.i - ts])
            role = roles().get(lemma)
            if definite and role is not None:
                for known in reversed(list(self.state.entities.values())):
                    if known.role == lemma:
                        self._attach(known, ts, te, head, "description")
                        return known.id
            if lemma in self.lex.report_nouns:
                type_ = "ORG"
            elif role is not None:
                type_ = {"person": "PERSON", "group": "GROUP", "org": "ORG"}.get(
                    role.kind, "PERSON"
                )
                if type_ == "PERSON" and head.tag_ in ("NNS", "NNPS"):
                    type_ = "GROUP"
            elif head.tag_ in ("NNS", "NNPS"):
                type_ = "GROUP"
            elif head.pos_ == "PROPN":
                type_ = "ORG"
            else:
                type_ = "PERSON"
        elif ent_label is None:
            return None
        else:
            type_ = ent_label
        if not words and ent_label is None:
            return None
        clean = name
        for det in ("the ", "a ", "an ", "The ", "A ", "An "):
            if clean.startswith(det):
                clean = clean[len(det) :]
                break
        ent = self.state.new_entity(clean, type_)
        ent.rule.append("statements: speaker mention with no entity")
        role = roles().get(lemma)
        if role is not None:
            ent.role = lemma
            ent.sector = role.sector
        ent.plural = head.tag_ in ("NNS", "NNPS")
        kind = "name" if ent_label else "description"
        self._attach(ent, ts, te, head, kind)
        if not ent.mentions:  # tokens taken by another mention
            del self.state.entities[ent.id]
            return None
        return ent.id


# --- the extractor ----------------------------------------------------------------------


class StatementFinder:
    def __init__(self, doc: Doc) -> None:
        self.lex = cue_lexicon()
        self.text = doc_text(doc)
        self.d = _Doc(doc, self.lex, self.text)
        self.doc = doc
        self.state = get_state(doc)
        self.used_quotes: set[int] = set()
        self.drafts: list[Draft] = []

    # ---- helpers ----
    def _kids(self, tok: Token) -> list[Token]:
        return self.d.kids(tok)

    def _sub(self, tok: Token, exclude: Token | None = None) -> list[Token]:
        return _subtree_range(self.d, tok, exclude)

    def _quote_chain_spans(self, k: int) -> list[tuple[int, int]]:
        q = self.d.quotes[k]
        head = k
        while self.d.quotes[head].cont_of is not None:
            prev = self.d.quotes[head].cont_of
            assert prev is not None
            head = prev
        chain = self.d.quotes[head].chain or [head]
        _ = q
        return [(self.d.quotes[i].start, self.d.quotes[i].end) for i in chain]

    def _quote_chain(self, k: int) -> list[int]:
        head = k
        while self.d.quotes[head].cont_of is not None:
            prev = self.d.quotes[head].cont_of
            assert prev is not None
            head = prev
        return self.d.quotes[head].chain or [head]

    def _cue_clause(self, verb: Token, content_root: Token | None) -> _Clause:
        """Tokens that belong to the cue clause: the verb's subtree minus its content (the
        whole subtree when the content is around the cue: "A, he said, B")."""
        return _Clause(self.d.heads, verb.i, content_root.i if content_root is not None else None)

    def _quote_before(self, verb: Token, clause: _Clause) -> int | None:
        """A quote that ends right before the cue clause ("“A,” he said")."""
        # the walk below only crosses punctuation and the cue clause (inside the sentence):
        # no closing mark it can reach, no walk
        k = bisect.bisect_left(self.d.close_chars, verb.idx) - 1
        if k < 0:
            return None
        begin = self.d.tok_starts[self.d.sent_bounds(verb.i)[0]]
        last = self.d.close_chars[k]
        if last < begin and _ALNUM.search(self.text, last + 1, begin):
            return None
        i = verb.i - 1
        doc = self.doc
        steps = 0
        while i >= 0 and (steps < 12 or i in clause or doc[i].is_punct):
            tok = doc[i]
            text = tok.text
            if text in ALL_MARKS or text.endswith(_MARKS):
                # the closing mark of a quote?
                for c in range(tok.idx + len(text) - 1, tok.idx - 1, -1):
                    if c in self.d.quote_by_close:
                        return self.d.quote_by_close[c]
                return None
            if not (tok.is_punct or i in clause):
                return None
            if text in (".", "!", "?") and steps > 0:
                return None
            i -= 1
            steps += 1
        return None

    def _quote_after(self, verb: Token, clause: _Clause) -> int | None:
        """A quote that opens right after the cue clause ("he said: “A”")."""
        doc = self.doc
        i = verb.i + 1
        steps = 0
        opens = self.d.open_chars
        # the walk below crosses the sentence end only over punctuation, spaces and "that"
        k = bisect.bisect_right(opens, verb.idx)
        if k >= len(opens):
            return None
        end = self.d.sent_bounds(verb.i)[1]
        stop = self.d.tok_starts[end] if end < len(doc) else len(self.text)
        if opens[k] > stop and _WORD_NOT_THAT.search(self.text, stop, opens[k]):
            return None
        while i < len(doc) and steps < 8:
            tok = doc[i]
            start = tok.idx
            k = bisect.bisect_left(opens, start)
            if k < len(opens) and opens[k] < start + len(tok.text):
                return self.d.quote_by_open[opens[k]]
            if tok.text in (".", "!", "?", ";"):
                return None
            if tok.is_space and i > 0 and doc[i - 1].text == ":":
                # "X continued:" at the end of a paragraph, the quote opens the next one
                i += 1
                continue
            if not (tok.is_punct or tok.i in clause or tok.lower_ == "that"):
                return None
            if tok.pos_ in ("VERB", "AUX") and tok.i != verb.i:
                return None
            i += 1
            steps += 1
        return None

    def _tail_cue(self, verb: Token) -> list[Token] | None:
        """ "..., the paper reported." / "..., said X.": the text before the comma is content.

        Checked on the tokens, not the parse, because small parsers often hang the clause
        before the comma anywhere but on the cue.
        """
        sent = self.d.sent(verb.i)
        doc = self.doc
        text, begin = self.text, self.d.tok_starts[sent.start]
        if not _COMMA_DASH.search(text, begin, verb.idx):
            return None  # no comma or dash before the cue in its sentence
        before_toks: list[Token] = []
        i = verb.i - 1
        subj = next((c for c in self._kids(verb) if c.dep_ in _SPEAKER_DEPS and c.i < verb.i), None)
        if subj is not None and subj.left_edge.i < i:
            # "..., John Smith, the senator from Ohio, said": the comma before the subject
            i = subj.left_edge.i - 1
            if i <= sent.start or doc[i].text not in (",", "—", "–"):
                return None
            before_toks = [subj] + [t for t in doc[subj.i + 1 : verb.i] if t.head.i == verb.i]
        while i >= sent.start and len(before_toks) < 8:
            t = doc[i]
            if t.text in (",", "—", "–"):
                break
            before_toks.append(t)
            i -= 1
        if i <= sent.start:
            return None
        comma = doc[i]
        if comma.text not in (",", "—", "–"):
            return None
        if before_toks and (before_toks[-1].dep_ == "cc" or before_toks[-1].pos_ == "CCONJ"):
            return None  # "..., but X did not say when": a new clause, not a parenthetical
        after: list[Token] = []  # the words after the cue (more than 8: not a tail cue)
        for j in range(verb.i + 1, sent.end):
            t = doc[j]
            if not t.is_punct:
                after.append(t)
                if len(after) > 8:
                    return None
        if any(c.dep_ == "neg" for c in self._kids(verb)) or any(
            t.tag_ in ("WRB", "WP", "WDT") for t in after
        ):
            return None
        if before_toks:  # "..., X said": subject (and auxiliaries/adverbs) between comma and cue
            if any(t.pos_ in ("VERB",) or t.text in ALL_MARKS for t in before_toks):
                return None
            if not any(t.dep_ in _SPEAKER_DEPS for t in before_toks):
                return None
            if len(after) > 4 or any(
                t.pos_ == "VERB" or (t.head.i == verb.i and t.dep_ in ("dobj", "attr", "oprd"))
                for t in after
            ):
                return None
        else:  # "..., said X."
            if not after or len(after) > 8 or any(t.pos_ == "VERB" for t in after):
                return None
            if verb.tag_ == "VBG" or after[0].lower_ in ("that", "to", "whether", "if"):
                return None  # "..., claiming that ...": a participle with its own complement
            if not any(t.pos_ in ("PROPN", "NOUN", "PRON") for t in after):
                return None
        toks = [t for t in doc[sent.start : comma.i]]
        if len(toks) < 3 or any(t.text in ALL_MARKS for t in toks[-1:]):
            return None
        if not any(t.pos_ in ("VERB", "AUX") for t in toks):
            return None  # "At the end of the speech, X answered": no clause before the comma
        return toks

    def _with_tail(self, verb: Token, first: Token) -> list[Token]:
        """`first`'s subtree plus the cue's later dependents that continue its predicate
        ("congratulated her for her victory", "mocked him as “weak” after the debate")."""
        toks = self._sub(first)
        for other in self._kids(verb):
            if other.i > first.i and other.dep_ in _TAIL_DEPS:
                if other.dep_ in ("ccomp", "advcl", "xcomp") and (
                    other.lemma_.lower() in self.lex.verbs
                    or (
                        any(g.dep_ in _SPEAKER_DEPS for g in other.children)
                        and other.dep_ != "ccomp"
                    )
                ):
                    continue
                toks += self._sub(other)
        return toks

    def _parse_content(self, verb: Token, lemma: str) -> tuple[list[Token], Token | None, str]:
        """Content tokens from the parse, the content root and the rule name."""
        if lemma in self.lex.bare_object:
            # "55 percent said so", "three-quarters said the same of Sanders"
            for child in self._kids(verb):
                if child.left_edge.i == verb.i + 1 and child.dep_ in (
                    "dobj",
                    "advmod",
                    "intj",
                    "attr",
                ):
                    if child.dep_ != "dobj" and child.lower_ not in ("so", "yes", "no"):
                        continue
                    return self._with_tail(verb, child), child, "bare object"
        tail = self._tail_cue(verb)
        if tail is not None:
            return tail, None, "cue at the end of the sentence"
        para = self.d.para_of(verb.idx)
        for child in self._kids(verb):
            if child.dep_ == "ccomp" and self.d.para_of(child.idx) == para:
                if (
                    child.i > verb.i
                    and child.lemma_.lower() in self.lex.verbs
                    and self._tail_cue(child) is not None
                ):
                    continue  # "X said ..., the paper reported": the ccomp is the outer cue
                toks = self._sub(child)
                # "said A, but B": a coordinated clause with its own subject goes along
                for other in self._kids(verb):
                    if (
                        other.dep_ == "conj"
                        and other.i > child.i
                        and self.lex.verbs.get(other.lemma_.lower()) not in ("speech", "report")
                        and any(g.dep_ in _SPEAKER_DEPS for g in other.children)
                    ):
                        toks += self._sub(other)
                        break
                return toks, child, "clausal complement"
        if verb.dep_ in ("parataxis",) and verb.i > verb.head.i:
            toks = self._sub(verb.head, exclude=verb)
            return toks, verb.head, "parenthetical cue after the clause"
        if (
            verb.dep_ == "parataxis"
            and verb.i < verb.head.i
            and self._comma_framed(verb)
            # a second-person subject is a filler, not a speaker: "..., you know, ..."
            and not any("2" in c.morph.get("Person", []) for c in self._kids(verb))
        ):
            # "Too often, Mr. Clarke said, the debate is ...": the clause around the cue
            toks = self._sub(verb.head, exclude=verb)
            return toks, verb.head, "parenthetical cue inside the clause"
        if verb.dep_ == "ROOT" or verb.dep_ == "conj":
            for child in self._kids(verb):
                if child.dep_ == "parataxis" and child.i < verb.i and child.pos_ in ("VERB", "AUX"):
                    return self._sub(child), child, "clause before the cue"
        # "revealed during the speech that ...": the clause hangs off a noun of the cue's PP
        for child in self._kids(verb):
            if child.dep_ != "prep" or child.i < verb.i:
                continue
            for obj in child.children:
                for grand in obj.children:
                    if grand.dep_ in ("acl", "ccomp", "relcl") and (
                        any(
                            g.dep_ == "mark" and g.lower_ == "that" and g.i == grand.left_edge.i
                            for g in grand.children
                        )
                        or (
                            grand.left_edge.lower_ == "that"
                            and grand.left_edge.i == obj.i + 1
                            and obj.lemma_.lower() in self.lex.nouns
                        )
                    ):
                        return self._sub(grand), grand, "clause after the cue's phrase"
        strong_only = lemma in self.lex.needs_clause
        if lemma in self.lex.xcomp:
            for child in self._kids(verb):
                if child.dep_ == "xcomp" and child.i > verb.i:
                    toks = self._sub(child)
                    # "called on Congress to act": the addressee of the listed preposition
                    for other in self._kids(verb):
                        if (
                            other.dep_ == "prep"
                            and verb.i < other.i < child.i
                            and other.lower_ in self.lex.phrasal.get(lemma, frozenset())
                        ):
                            toks += [t for t in self._sub(other) if t.i != other.i]
                    return toks, child, "infinitive complement"
        for child in self._kids(verb):
            if child.dep_ in ("dobj", "attr") and lemma in self.lex.question and child.i > verb.i:
                return self._sub(child), child, "question object"
        # "congratulated her for her victory", "called out X for Y": object plus its predicate
        preps = self.lex.phrasal.get(lemma, frozenset())
        if lemma in self.lex.obj or preps:
            dobj = next((c for c in self._kids(verb) if c.dep_ == "dobj" and c.i > verb.i), None)
            if dobj is not None and any(
                c.dep_ == "prep" and c.i > dobj.i and c.lower_ in preps for c in self._kids(verb)
            ):
                return self._with_tail(verb, dobj), dobj, "direct object"
        # particle / preposition object ("called for ...", "pointed to ...")
        if preps:  # listed verb + preposition pairs count even for needs_clause verbs
            for child in self._kids(verb):
                if child.dep_ == "prep" and child.lower_ in preps and child.i > verb.i:
                    objs = [g for g in child.children if g.dep_ in ("pobj", "pcomp")]
                    if objs:
                        toks = self._with_tail(verb, child)
                        toks = [t for t in toks if t.i != child.i]
                        return toks, objs[0], f"object of '{child.lower_}'"
                # "calling for the US to step up ...": parsed as a clause marked by 'for'
                if child.dep_ == "advcl" and child.i > verb.i:
                    marks = [g for g in child.children if g.dep_ == "mark" and g.lower_ in preps]
                    if marks and marks[0].i == child.left_edge.i:
                        toks = [t for t in self._sub(child) if t.i != marks[0].i]
                        return toks, child, f"clause after '{marks[0].lower_}'"
        if lemma in self.lex.obj and not strong_only:
            for child in self._kids(verb):
                if child.dep_ == "dobj" and child.i > verb.i:
                    # "called him a liar", "accused her of lying": the predicate goes along
                    return self._with_tail(verb, child), child, "direct object"
        if lemma in self.lex.obj and not strong_only:
            # "Sanders was backed by young voters": the passive subject is the content
            subj = next((c for c in self._kids(verb) if c.dep_ == "nsubjpass"), None)
            agent = next((c for c in self._kids(verb) if c.dep_ == "agent" and c.i > verb.i), None)
            if subj is not None and agent is not None and subj.i < verb.i:
                return self._sub(subj), subj, "passive subject"
        # colon after the cue: "he said: the war is over"
        nxt = verb.i + 1
        while nxt < len(self.doc) and self.doc[nxt].dep_ in ("nsubj", "advmod", "npadvmod"):
            nxt += 1
        if nxt < len(self.doc) and self.doc[nxt].text == ":":
            sent = self.d.sent(verb.i)
            toks = [t for t in self.doc[nxt + 1 : sent.end]]
            if toks:
                return toks, None, "colon after the cue"
        return [], None, ""

    # ---- passes ----
    def verb_cues(self) -> None:
        for i, lemma in self.d.lemma_cands:
            if lemma not in self.lex.verbs:
                continue
            tok = self.doc[i]
            if tok.pos_ not in ("VERB", "AUX"):
                continue
            if tok.dep_ in ("aux", "auxpass", "amod", "compound"):
                continue
            if self._naming(tok):
                continue
            self._verb(tok, lemma)

    def evidential_cues(self) -> None:
        """``Trump appeared to be moving ahead``, ``she seemed uneasy``: an evidential verb; its
        subject and complement are the content, with no speaker."""
        for i, lemma in self.d.lemma_cands:
            if lemma not in self.lex.evidential:
                continue
            verb = self.doc[i]
            if verb.pos_ not in ("VERB", "AUX"):
                continue
            subj = next((c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i), None)
            comp = next(
                (c for c in verb.children if c.dep_ in ("xcomp", "acomp", "oprd") and c.i > verb.i),
                None,
            )
            if subj is None or comp is None or subj.lower_ in ("it", "there", "this", "that"):
                continue
            if subj.pos_ == "PRON" and subj.lower_ in _FIRST_PERSON:
                continue
            toks = self._sub(subj) + self._sub(comp)
            span = _span_of_tokens(self.d, toks)
            if span is None:
                continue
            kind, content, quotes = self._classify(span)
            self.drafts.append(
                self._cue_draft(
                    verb,
                    content=content,
                    kind=kind,
                    rule=f"evidential verb '{verb.lemma_.lower()}': subject and complement",
                    confidence=0.4,
                    quotes=quotes,
                )
            )
            self.used_quotes.update(quotes)

    def _cue_draft(
        self,
        verb: Token,
        *,
        content: list[tuple[int, int]],
        kind: str,
        rule: str,
        confidence: float,
        quotes: list[int],
        lemma: str | None = None,
    ) -> Draft:
        """A draft whose cue is the word `verb`."""
        return Draft(
            content=content,
            kind=kind,
            rule=rule,
            confidence=confidence,
            cue=(verb.idx, self.d.tok_end(verb)),
            cue_tok=verb.i,
            quotes=quotes,
            cue_lemma=lemma if lemma is not None else verb.lemma_.lower(),
        )

    def _set_speaker(self, draft: Draft, speaker: Token) -> None:
        draft.speaker_head = speaker.i
        draft.speaker_toks = _speaker_tokens(self.d, speaker, self.state)

    def quote_manner_cues(self) -> None:
        """``“This is fantastic!” beamed X.`` / ``“...,” X laughed.``: any verb right after an
        unused quote, closing the sentence with its subject, is the cue."""
        doc = self.doc
        for k, q in enumerate(self.d.quotes):
            if k in self.used_quotes or q.close is None or q.cont_of is not None or q.single:
                continue
            if self.text[q.start : q.end].rstrip()[-1:] not in (",", "!", "?") and self.text[
                q.end : q.close
            ].strip() not in (",", "!", "?"):
                continue
            i = self.d.tok_at(q.close) + 1
            while i < len(doc) and (doc[i].is_punct or doc[i].is_space):
                if doc[i].text in (".", "!", "?") or i > self.d.tok_at(q.close) + 2:
                    break
                i += 1
            sent_end = self.d.sent(i).end if i < len(doc) else len(doc)
            tail = [t for t in doc[i:sent_end] if not t.is_punct]
            if not tail or len(tail) > 7 or self.d.para_of(doc[i].idx) != q.para:
                continue
            verbs = [t for t in tail if t.pos_ == "VERB"]
            if len(verbs) != 1 or verbs[0].lemma_.lower() in self.lex.verbs:
                continue
            verb = verbs[0]
            speaker = _find_speaker(verb, self.d)
            if speaker is None:  # "..., beamed Donald Hartley": the subject after the verb
                speaker = next(
                    (t for t in tail if t.i > verb.i and t.pos_ in ("PROPN", "NOUN")), None
                )
            if speaker is None or speaker.i < i:
                continue
            chain = self._quote_chain(k)
            draft = self._cue_draft(
                verb,
                content=[(self.d.quotes[j].start, self.d.quotes[j].end) for j in chain],
                kind="direct",
                rule=f"verb '{verb.lemma_.lower()}' right after a quote",
                confidence=0.6,
                quotes=chain,
            )
            self._set_speaker(draft, speaker)
            self.used_quotes.update(chain)
            self.drafts.append(draft)

    def as_quote_cues(self) -> None:
        """``X pounded Trump as a “con artist”``: any verb whose object is characterized by an
        ``as`` phrase holding a quotation; the object and the phrase are the content."""
        doc = self.doc
        cue_toks = {d.cue_tok for d in self.drafts}
        for k, q in enumerate(self.d.quotes):
            if k in self.used_quotes or q.single or q.cont_of is not None:
                continue
            tok = doc[self.d.tok_at(q.open)]
            as_prep: Token | None = None
            for _ in range(4):  # the quote's token up to the "as" preposition
                if tok.dep_ == "prep" and tok.lower_ == "as":
                    as_prep = tok
                    break
                if tok.head.i == tok.i:
                    break
                tok = tok.head
            if as_prep is None or as_prep.head.pos_ != "VERB" or as_prep.head.i in cue_toks:
                continue
            verb = as_prep.head
            obj: Token | None = None
            for child in verb.children:
                if child.i > as_prep.i:
                    break
                if child.i > verb.i and child.dep_ == "dobj":
                    obj = child
                elif child.i > verb.i and child.dep_ == "prep" and obj is None:
                    obj = next((g for g in child.children if g.dep_ == "pobj"), None)
            speaker = _find_speaker(verb, self.d)
            if obj is None or speaker is None or speaker.lower_ in ("it", "there"):
                continue
            toks = self._sub(obj) + self._sub(as_prep)
            span = _span_of_tokens(self.d, toks)
            if span is None or not span[0] < q.open < span[1]:
                continue
            kind, content, quotes = self._classify(self._extend_to_quotes(span))
            draft = self._cue_draft(
                verb,
                content=content,
                kind=kind,
                rule=f"verb '{verb.lemma_.lower()}' with an object described as a quotation",
                confidence=0.5,
                quotes=quotes,
            )
            self._set_speaker(draft, speaker)
            self.used_quotes.update(quotes)
            self.drafts.append(draft)
            cue_toks.add(verb.i)

    def quote_dash_cues(self) -> None:
        """``“...” ― Name``: a quote followed by a dash and a name closing the paragraph (the
        byline of a quotation)."""
        doc = self.doc
        for k, q in enumerate(self.d.quotes):
            if k in self.used_quotes or q.close is None or q.single:
                continue
            m = _DASH_AFTER.match(self.text, q.close + 1)
            if m is None:
                continue
            pe = self.d.paras[q.para][1]
            first = self.d.tok_at(m.end())
            if first >= len(doc) or doc[first].idx < m.end():
                first += 1
            toks: list[Token] = []
            for t in doc[first : self.d.tok_at(max(m.end(), pe - 1)) + 1]:
                if t.idx >= pe or t.is_space or t.text in (",", ".", ";", "(", "|"):
                    break
                toks.append(t)
            if not toks or len(toks) > 6 or not any(t.pos_ == "PROPN" for t in toks):
                continue
            if not all(t.is_title or t.pos_ == "PROPN" or t.is_punct for t in toks):
                continue
            head = toks[-1]
            for t in toks:
                if t.head.i == t.i or not (toks[0].i <= t.head.i <= toks[-1].i):
                    head = t
            chain = self._quote_chain(k)
            draft = Draft(
                content=[(self.d.quotes[j].start, self.d.quotes[j].end) for j in chain],
                kind="direct",
                rule="dash and a name after a quote",
                confidence=0.7,
                cue=(m.start(1), m.end(1)),
                cue_tok=toks[0].i,
                quotes=chain,
                cue_lemma="―",
            )
            draft.speaker_head = head.i
            draft.speaker_toks = (toks[0].i, toks[-1].i + 1)
            self.used_quotes.update(chain)
            self.drafts.append(draft)

    def hedge_adverbs(self) -> None:
        """``X is reportedly considering a run``: the clause around a hedging adverb is
        content with no speaker."""
        for i, lower in self.d.lower_cands:
            if lower not in self.lex.hedges:
                continue
            adv = self.doc[i]
            if adv.dep_ != "advmod":
                continue
            verb = adv.head
            if verb.pos_ not in ("VERB", "AUX"):
                continue
            if any(d.cue_tok == verb.i for d in self.drafts):
                continue
            toks = [t for t in self._sub(verb) if t.dep_ != "mark"]
            span = _span_of_tokens(self.d, toks)
            if span is None:
                continue
            kind, content, quotes = self._classify(span)
            if kind == "indirect" and len(content) == 1:  # the adverb is the cue, not content
                a, b = adv.idx, self.d.tok_end(adv)
                pieces = [
                    _trim_span(self.text, content[0][0], a),
                    _trim_span(self.text, b, content[0][1]),
                ]
                content = [(x, y) for x, y in pieces if y > x]
            self.drafts.append(
                Draft(
                    content=content,
                    kind=kind,
                    rule=f"hedging adverb '{adv.lower_}': the clause it modifies",
                    confidence=0.4,
                    cue=(adv.idx, self.d.tok_end(adv)),
                    cue_tok=adv.i,
                    quotes=quotes,
                    cue_lemma=adv.lower_,
                )
            )
            self.used_quotes.update(quotes)

    def _naming(self, verb: Token) -> bool:
        """``the contests known as Super Tuesday``, ``a group called X``: the named thing and
        its name are the content (no speaker)."""
        preps = self.lex.naming.get(verb.lemma_.lower())
        if preps is None or verb.dep_ != "acl" or verb.tag_ != "VBN":
            return False
        noun = verb.head
        if noun.pos_ not in ("NOUN", "PROPN") or noun.i > verb.i:
            return False
        name: Token | None = None
        for child in self._kids(verb):
            if child.i < verb.i:
                continue
            if child.dep_ == "prep" and child.lower_ in preps:
                objs = [g for g in child.children if g.dep_ == "pobj"]
                name = objs[0] if objs else None
            elif child.dep_ in ("oprd", "dobj", "attr") and not preps:
                name = child
            if name is not None:
                break
        if name is None:
            return False
        start = noun
        while (  # "the string of contests known as ...": the whole noun phrase
            start.dep_ == "pobj"
            and start.head.dep_ == "prep"
            and start.head.lower_ == "of"
            and start.head.head.pos_ == "NOUN"
        ):
            start = start.head.head
        toks = [t for t in self.doc[start.left_edge.i : name.right_edge.i + 1]]
        span = _span_of_tokens(self.d, toks)
        if span is None:
            return False
        kind, content, quotes = self._classify(span)
        self.drafts.append(
            self._cue_draft(
                verb,
                content=content,
                kind=kind,
                rule=f"naming participle '{verb.lemma_.lower()}': the named thing and its name",
                confidence=0.4,
                quotes=quotes,
            )
        )
        self.used_quotes.update(quotes)
        return True

    def _verb(self, verb: Token, lemma: str) -> None:
        toks, root, rule = self._parse_content(verb, lemma)
        # content never crosses a paragraph break (headlines, datelines, bylines)
        lo, hi = self.d.para_range(verb.idx)
        toks = [t for t in toks if lo <= t.idx < hi]
        clause = self._cue_clause(verb, root)
        q_before = self._quote_before(verb, clause)
        q_after = self._quote_after(verb, clause)
        content: list[tuple[int, int]] = []
        quotes: list[int] = []
        kind = "indirect"
        conf = 0.7
        parse_span = _span_of_tokens(self.d, toks) if toks else None
        if (
            q_before is not None
            and root is not None
            and (rule == "clausal complement" or self._closes_sentence(q_before))
            and root.i > verb.i
            and len([t for t in toks if not t.is_punct]) >= 3
        ):
            q_before = None  # "“A.” Cruz says he ...": the cue has its own complement
        if q_before is not None and q_before not in self.used_quotes:
            quotes.extend(self._quote_chain(q_before))
            rule = "quote before the cue"
            kind = "direct"
            conf = 0.9
        if q_after is not None and q_after not in self.used_quotes:
            qa = self.d.quotes[q_after]
            extends = parse_span is not None and parse_span[1] > qa.outer_end + 2
            # "said the probe is “ongoing.”": the complement starts before the quote
            extends = extends or self._content_before(toks, verb, qa.open)
            if extends and q_before is None:
                # "he said that “the situation” couldn't ..." -> mixed content from the parse
                pass
            else:
                quotes.extend(k for k in self._quote_chain(q_after) if k not in quotes)
                rule = "quote after the cue" if q_before is None else "split quote around the cue"
                kind = "direct"
                conf = 0.9
        if quotes:
            content = [(self.d.quotes[k].start, self.d.quotes[k].end) for k in quotes]
            lead = self._lead_in(quotes[0]) if rule == "quote before the cue" else None
            if lead is not None:  # "With many systems, “there is no single point,” he said"
                content[0] = (lead, content[0][1])
                kind = "mixed"
        elif parse_span is not None:
            if any(t.i == verb.i for t in toks):
                return
            parse_span = self._extend_to_quotes(parse_span)
            content = [parse_span]
            if rule == "parenthetical cue inside the clause":
                content = self._around(parse_span, verb)
            inside = [
                k
                for k, q in enumerate(self.d.quotes)
                if parse_span[0] - 1 <= q.open and q.outer_end <= parse_span[1] + 1
            ]
            if inside:
                quotes = inside
                whole = all(
                    self.d.quotes[k].start <= parse_span[0] + 1
                    and self.d.quotes[k].end >= parse_span[1] - 1
                    for k in inside
                )
                kind = "direct" if whole and len(inside) == 1 else "mixed"
                if kind == "direct":
                    content = [(self.d.quotes[inside[0]].start, self.d.quotes[inside[0]].end)]
            conf = 0.75 if lemma in ("say", "tell", "add") else 0.6
        else:
            return
        content = [(s, e) for s, e in content if e > s]
        if not content:
            return
        speaker = _find_speaker(verb, self.d)
        draft = self._cue_draft(
            verb,
            content=content,
            kind=kind,
            rule=f"cue verb '{lemma}' ({self.lex.verbs[lemma]}): {rule}",
            confidence=conf,
            quotes=quotes,
            lemma=lemma,
        )
        # phrasal particle belongs to the cue ("pointed out")
        for child in self._kids(verb):
            if child.dep_ == "prt" and child.i == verb.i + 1:
                draft.cue = (verb.idx, self.d.tok_end(child))
        if rule == "passive subject":
            agent = next(c for c in self._kids(verb) if c.dep_ == "agent")
            speaker = next((g for g in agent.children if g.dep_ == "pobj"), None)
        if speaker is not None and not any(t.i == speaker.i for t in toks):
            self._set_speaker(draft, speaker)
        self.used_quotes.update(quotes)
        self.drafts.append(draft)

    def _lead_in(self, k: int) -> int | None:
        """Where the sentence starts when quote `k` opens in the middle of it after words of
        the same statement (no other quote mark, no colon before the quote)."""
        q = self.d.quotes[k]
        if q.cont_of is not None or q.single:
            return None
        ps = self.d.paras[q.para][0]
        start = ps
        for m in _SENTENCE_BREAK.finditer(self.text, ps, q.open):
            start = m.end()
        lead = self.text[start : q.open].strip()
        words = [w for w in lead.split() if any(c.isalpha() for c in w)]
        if len(words) < 2 or lead.endswith(":") or any(c in _DOUBLE for c in lead):
            return None
        return start

    def _closes_sentence(self, k: int) -> bool:
        """The quote ends with a full stop (``“... Ted.” Trump called ...``)."""
        q = self.d.quotes[k]
        tail = self.text[max(q.start, q.end - 1) : q.close if q.close is not None else q.end]
        return "." in tail and "," not in tail

    def _around(self, span: tuple[int, int], verb: Token) -> list[tuple[int, int]]:
        """`span` in two pieces, before and after the cue clause of `verb`."""
        sub = self.d.table.subtree(verb.i)
        a, b = self.d.tok_starts[sub[0]], self.d.tok_end(self.doc[sub[-1]])
        pieces = [_trim_span(self.text, span[0], a), _trim_span(self.text, b, span[1])]
        return [(x, y) for x, y in pieces if y > x] or [span]

    def _comma_framed(self, verb: Token) -> bool:
        """The cue clause stands between commas (or dashes) inside its sentence."""
        sub = self.d.table.subtree(verb.i)
        lo, hi = sub[0], sub[-1]
        doc = self.doc
        sent = self.d.sent(verb.i)
        left = doc[lo] if doc[lo].is_punct else (doc[lo - 1] if lo > sent.start else None)
        right = doc[hi] if doc[hi].is_punct else (doc[hi + 1] if hi + 1 < sent.end else None)
        framing = (",", "—", "–", "--")
        return (
            left is not None
            and right is not None
            and left.text in framing
            and right.text in framing
            and left.i > sent.start
        )

    def _content_before(self, toks: list[Token], verb: Token, char: int) -> bool:
        """Complement words (not `that`) between the cue and a quote opening at `char`."""
        return any(
            verb.i < t.i
            and t.idx < char
            and not t.is_punct
            and not t.is_space
            and t.text not in ALL_MARKS
            and t.lower_ not in ("that", "whether")
            for t in toks
        )

    def according_to(self) -> None:
        doc = self.doc
        for phrase in self.lex.according:
            n = len(phrase)
            for i, lower in self.d.lower_cands:
                if lower != phrase[0] or i > len(doc) - n:
                    continue
                if any(doc[i + j].lower_ != phrase[j] for j in range(1, n)):
                    continue
                first, last = doc[i], doc[i + n - 1]
                objs = [c for c in last.children if c.dep_ == "pobj"]
                if not objs:
                    # "according to" is sometimes parsed flat: the next noun after the phrase
                    nxt = i + n
                    objs = [doc[nxt]] if nxt < len(doc) and doc[nxt].pos_ != "PUNCT" else []
                    if not objs:
                        continue
                    src = objs[0]
                    while (
                        src.head.i > src.i
                        and src.head.i < self.d.sent(src.i).end
                        and src.dep_
                        in (
                            "det",
                            "compound",
                            "amod",
                            "poss",
                        )
                    ):
                        src = src.head
                    objs = [src]
                src = objs[0]
                attach = first
                while attach.head.i != attach.i and attach.head.i >= i and attach.head.i < i + n:
                    attach = attach.head
                phrase_toks = set(range(i, i + n)).union(self.d.table.subtree(src.i))
                head = attach.head if attach.head.i != attach.i else None
                sent = self.d.sent(first.i)
                if head is None or head.i in phrase_toks:
                    toks = [t for t in doc[sent.start : sent.end] if t.i not in phrase_toks]
                else:
                    toks = [
                        doc[j]
                        for j in self.d.table.subtree(head.i)
                        if j not in phrase_toks and sent.start <= j < sent.end
                    ]
                span = _span_of_tokens(self.d, toks)
                if span is None:
                    continue
                span = self._extend_to_quotes(span)
                cue = (first.idx, self.d.tok_end(last))
                kind, content, quotes = self._classify(span)
                draft = Draft(
                    content=content,
                    kind=kind,
                    rule=f"'{' '.join(phrase)} X': the clause it modifies is the content",
                    confidence=0.85,
                    cue=cue,
                    cue_tok=first.i,
                    quotes=quotes,
                    cue_lemma=" ".join(phrase),
                )
                draft.speaker_head = src.i
                draft.speaker_toks = _speaker_tokens(self.d, src, self.state)
                self.used_quotes.update(quotes)
                self.drafts.append(draft)

    def _extend_to_quotes(self, span: tuple[int, int]) -> tuple[int, int]:
        """A quote that opens inside the content and closes after it belongs to the content."""
        start, end = span
        for q in self.d.quotes:
            if start <= q.open < end and q.outer_end > end:
                if q.para == self.d.para_of(start):
                    end = q.end
            elif q.open < start < q.end <= end and q.para == self.d.para_of(start):
                start = q.start
        return start, end

    def _classify(self, span: tuple[int, int]) -> tuple[str, list[tuple[int, int]], list[int]]:
        inside = [
            k
            for k, q in enumerate(self.d.quotes)
            if span[0] - 1 <= q.open and q.outer_end <= span[1] + 1
        ]
        if not inside:
            return "indirect", [span], []
        if len(inside) == 1:
            q = self.d.quotes[inside[0]]
            if q.start <= span[0] + 1 and q.end >= span[1] - 1:
                return "direct", [(q.start, q.end)], inside
        return "mixed", [span], inside

    def noun_cues(self) -> None:
        for i, lemma in self.d.lemma_cands:
            if lemma not in self.lex.nouns:
                continue
            tok = self.doc[i]
            if tok.pos_ != "NOUN":
                continue
            clause = None
            for child in tok.children:
                if child.dep_ in ("acl", "ccomp", "relcl") and any(
                    g.dep_ == "mark" and g.lower_ == "that" and g.i == child.left_edge.i
                    for g in child.children
                ):
                    clause = child
                    break
            if clause is None:
                self._noun_colon_quote(tok)
                continue
            self._reporting_noun_clause(tok, clause)

    def noun_object_cues(self) -> None:
        """``his comments on immigration``: a possessed reporting noun and its object."""
        for i, lemma in self.d.lemma_cands:
            preps = self.lex.noun_objects.get(lemma)
            if not preps:
                continue
            tok = self.doc[i]
            if tok.pos_ != "NOUN":
                continue
            poss = [c for c in tok.children if c.dep_ == "poss"]
            if poss and poss[0].lower_ in ("its", "their") and tok.tag_ == "NNS":
                continue
            speaker = poss[0] if poss else self._noun_governor_subject(tok)
            if speaker is None:
                continue
            cands = list(tok.children)
            if not poss and tok.dep_ == "dobj":  # "took a swipe at X": at hangs off the verb
                cands += [c for c in tok.head.children if c.i == tok.right_edge.i + 1]
            for child in cands:
                if child.dep_ != "prep" or child.lower_ not in preps:
                    continue
                if child.i != tok.i + 1 and child.head.i == tok.i:
                    continue
                objs = [g for g in child.children if g.dep_ in ("pobj", "pcomp")]
                if not objs:
                    continue
                span = _span_of_tokens(self.d, self._sub(objs[0]))
                if span is None:
                    continue
                kind, content, quotes = self._classify(self._extend_to_quotes(span))
                draft = Draft(
                    content=content,
                    kind=kind,
                    rule=f"reporting noun '{tok.lemma_.lower()} {child.lower_}' with "
                    + ("a possessor" if poss else "the subject of its verb"),
                    confidence=0.5,
                    cue=(tok.idx, self.d.tok_end(child)),
                    cue_tok=tok.i,
                    quotes=quotes,
                    cue_lemma=tok.lemma_.lower(),
                )
                self._set_speaker(draft, speaker)
                self.used_quotes.update(quotes)
                self.drafts.append(draft)
                break

    def _noun_governor_subject(self, noun: Token) -> Token | None:
        """The subject of the verb a cue noun depends on: "X made no mention of ...",
        "X is a supporter of ...", "X came out in support of ..."."""
        head = noun.head
        if noun.dep_ == "pobj" and head.dep_ == "prep":
            head = head.head
        elif noun.dep_ not in ("dobj", "attr", "nsubj"):
            return None
        if head.pos_ not in ("VERB", "AUX") or head.i == noun.i:
            return None
        if noun.dep_ == "nsubj":
            return None
        found = _find_speaker(head, self.d)
        if found is None or found.i in self.d.table.subtree(noun.i):
            return None
        if found.pos_ not in ("PROPN", "NOUN", "PRON") or found.lower_ in ("it", "there"):
            return None
        return found

    def adjective_cues(self) -> None:
        """``X is critical of Y``, ``X is confident that ...``: a predicate adjective."""
        for i, lemma in self.d.lemma_cands:
            preps = self.lex.adjectives.get(lemma)
            if preps is None:
                continue
            tok = self.doc[i]
            if tok.pos_ != "ADJ" or tok.dep_ not in ("acomp", "oprd"):
                continue
            verb = tok.head
            if verb.pos_ not in ("VERB", "AUX"):
                continue
            toks: list[Token] = []
            how = ""
            for child in tok.children:
                if child.i < tok.i:
                    continue
                if child.dep_ == "ccomp" or (child.dep_ == "xcomp" and "to" in preps):
                    toks, how = self._sub(child), "clausal complement"
                    break
                if child.dep_ == "prep" and child.lower_ in preps:
                    objs = [g for g in child.children if g.dep_ in ("pobj", "pcomp")]
                    if objs:
                        toks, how = self._sub(objs[0]), f"object of '{child.lower_}'"
                        break
            if not toks:
                continue
            speaker = _find_speaker(verb, self.d)
            if speaker is None or speaker.lower_ in ("it", "there"):
                continue
            span = _span_of_tokens(self.d, toks)
            if span is None:
                continue
            kind, content, quotes = self._classify(self._extend_to_quotes(span))
            draft = Draft(
                content=content,
                kind=kind,
                rule=f"cue adjective '{tok.lemma_.lower()}': {how}",
                confidence=0.5,
                cue=(tok.idx, self.d.tok_end(tok)),
                cue_tok=tok.i,
                quotes=quotes,
                cue_lemma=tok.lemma_.lower(),
            )
            self._set_speaker(draft, speaker)
            self.used_quotes.update(quotes)
            self.drafts.append(draft)

    def _reporting_noun_clause(self, tok: Token, clause: Token) -> None:
        """``the senator's claim that ...``: the clause is the content."""
        span = _span_of_tokens(self.d, self._sub(clause))
        if span is None:
            return
        speaker: Token | None = None
        for child in tok.children:
            if child.dep_ == "poss":
                speaker = child
            elif child.dep_ == "prep" and child.lower_ in ("by", "from", "of") and speaker is None:
                objs = [g for g in child.children if g.dep_ == "pobj"]
                speaker = objs[0] if objs else None
        if speaker is None and tok.dep_ in ("dobj",) and tok.head.pos_ in ("VERB", "AUX"):
            speaker = _find_speaker(tok.head, self.d)
        kind, content, quotes = self._classify(span)
        draft = Draft(
            content=content,
            kind=kind,
            rule=f"reporting noun '{tok.lemma_.lower()}' with a that-clause",
            confidence=0.6,
            cue=(tok.idx, self.d.tok_end(tok)),
            cue_tok=tok.i,
            quotes=quotes,
            cue_lemma=tok.lemma_.lower(),
        )
        if speaker is not None:
            self._set_speaker(draft, speaker)
        self.used_quotes.update(quotes)
        self.drafts.append(draft)

    def _noun_colon_quote(self, noun: Token) -> None:
        """``X issued a statement: “...”``: a reporting noun, a colon, then a quote."""
        doc = self.doc
        nxt = noun.i + 1
        if nxt + 1 >= len(doc) or doc[nxt].text != ":":
            return
        k = None
        for tok in doc[nxt + 1 : nxt + 3]:
            for c in range(tok.idx, tok.idx + len(tok.text)):
                if c in self.d.quote_by_open:
                    k = self.d.quote_by_open[c]
                    break
            if k is not None or not tok.is_space:
                break
        if k is None or k in self.used_quotes:
            return
        chain = self._quote_chain(k)
        speaker: Token | None = None
        for child in noun.children:
            if child.dep_ == "poss":
                speaker = child
        if (
            speaker is None
            and noun.dep_ in ("dobj", "nsubjpass")
            and noun.head.pos_
            in (
                "VERB",
                "AUX",
            )
        ):
            speaker = _find_speaker(noun.head, self.d)
            if speaker is not None and speaker.i == noun.i:
                speaker = None
        draft = Draft(
            content=[(self.d.quotes[j].start, self.d.quotes[j].end) for j in chain],
            kind="direct",
            rule=f"reporting noun '{noun.lemma_.lower()}' followed by a colon and a quote",
            confidence=0.7,
            cue=(noun.idx, self.d.tok_end(noun)),
            cue_tok=noun.i,
            quotes=chain,
            cue_lemma=noun.lemma_.lower(),
        )
        if speaker is not None:
            self._set_speaker(draft, speaker)
        self.used_quotes.update(chain)
        self.drafts.append(draft)

    def colon_quotes(self) -> None:
        """``Name: “...”`` and ``NAME: text`` at the start of a sentence or paragraph."""
        doc = self.doc
        for i, lower in self.d.lower_cands:
            if lower != ":" or i == 0:
                continue
            tok = doc[i]
            sent_start = self.d.sent(tok.i).start
            para_start = self.d.paras[self.d.para_of(tok.idx)][0]
            left = [t for t in doc[max(sent_start, self.d.tok_at(para_start)) : tok.i]]
            # a transcript quoted paragraph by paragraph: ``"WALLACE: Let's start ...``
            lead_quote: int | None = None
            while left and left[0].text in ALL_MARKS:
                if lead_quote is None:
                    lead_quote = self.d.quote_by_open.get(left[0].idx)
                left = left[1:]
            if not left or len(left) > 7:
                continue
            if not all(t.pos_ == "PROPN" or t.is_title or t.text in (".",) for t in left) and (
                # "Clinton camp:", "Former AG Mukasey at RNC:" (headlines)
                len(left) > 6
                or not (left[0].is_title or left[0].pos_ == "PROPN")
                or not any(t.pos_ == "PROPN" for t in left)
                or not all(t.pos_ in ("PROPN", "NOUN", "ADP", "DET", "ADJ", "PUNCT") for t in left)
            ):
                continue
            if any(t.lemma_.lower() in self.lex.verbs and t.pos_ == "VERB" for t in left):
                continue
            k = None
            nxt = tok.i + 1
            if nxt < len(doc):
                ntok = doc[nxt]
                for c in range(ntok.idx, ntok.idx + len(ntok.text)):
                    if c in self.d.quote_by_open:
                        k = self.d.quote_by_open[c]
            if k is not None and k in self.used_quotes:
                continue
            if k is not None:
                chain = self._quote_chain(k)
                content = [(self.d.quotes[j].start, self.d.quotes[j].end) for j in chain]
                kind = "direct"
            else:
                pe = self.d.paras[self.d.para_of(tok.idx)][1]
                span = _trim_span(self.text, self.d.tok_end(tok), pe)
                if span[1] - span[0] < 10:
                    continue
                if not any(  # "The Ninth Circle: The View from Inside" is a title, not a claim
                    t.pos_ in ("VERB", "AUX") and t.idx >= span[0]
                    for t in doc[tok.i + 1 : self.d.tok_at(max(span[0], span[1] - 1)) + 1]
                ):
                    continue
                chain = []
                content = [span]
                kind = "indirect"
                if lead_quote is not None and lead_quote not in self.used_quotes:
                    q = self.d.quotes[lead_quote]
                    if q.open < tok.idx < q.end:
                        span = (span[0], min(span[1], q.end))
                        content, chain, kind = [span], [lead_quote], "direct"
            head = left[-1]
            for t in left:
                if t.head.i == t.i or not (left[0].i <= t.head.i <= left[-1].i):
                    head = t
            draft = Draft(
                content=content,
                kind=kind,
                rule="colon after a name",
                confidence=0.7,
                cue=(tok.idx, tok.idx + 1),
                cue_tok=tok.i,
                quotes=chain,
                cue_lemma=":",
            )
            draft.speaker_head = head.i
            draft.speaker_toks = (left[0].i, left[-1].i + 1)
            self.used_quotes.update(chain)
            self.drafts.append(draft)

    def floating_quotes(self) -> None:
        """Quoted sentences with no cue continue the last speaker."""
        text = self.text
        drafts = sorted(self.drafts, key=lambda x: x.anchor())
        anchors = [x.anchor() for x in drafts]
        for k, q in enumerate(self.d.quotes):
            if k in self.used_quotes or q.cont_of is not None or q.single:
                continue
            body = text[q.start : q.end]
            if len(body.split()) < 4:
                continue
            # sentence-like: starts a paragraph/sentence, and holds a clause ending in . ? !
            before = text[max(0, q.open - 3) : q.open].strip()
            pstart = self.d.paras[q.para][0]
            starts_sentence = q.open == pstart or before.endswith((".", "!", "?", ":", "”", '"'))
            if not starts_sentence or not (body[:1].isupper() or body[:1] in "…."):
                continue
            pos = bisect.bisect_left(anchors, q.open) - 1
            if pos < 0:
                continue
            prev = drafts[pos]
            if prev.entity is None and prev.speaker_head is None:
                continue
            if q.para - self.d.para_of(prev.anchor()) > 2:
                continue
            chain = self._quote_chain(k)
            spans = [(self.d.quotes[j].start, self.d.quotes[j].end) for j in chain]
            self.used_quotes.update(chain)
            gap = text[prev.end : q.open]
            same_para = self.d.para_of(prev.end) == q.para
            if (
                same_para
                and prev.kind == "direct"
                and (len(gap) < 40 or not self._quote_between(prev.end, q.open))
                and prev.cue is not None
                and prev.cue[0] < q.open
            ):
                prev.content.extend(spans)
                prev.quotes.extend(chain)
                prev.rule += "; split quote continued after the cue sentence"
                continue
            draft = Draft(
                content=spans,
                kind="direct",
                rule="floating quote: no cue, continues the last speaker",
                confidence=0.6,
                quotes=chain,
                cue_lemma="",
            )
            draft.entity = prev.entity
            draft.speaker_head = None
            self.drafts.append(draft)
            drafts.insert(pos + 1, draft)
            anchors.insert(pos + 1, draft.anchor())

    def _quote_between(self, start: int, end: int) -> bool:
        """Whether a quote opens between characters `start` and `end`."""
        return any(start <= q.open < end and not q.single for q in self.d.quotes)

    def dedupe(self) -> None:
        """Drop statements whose content duplicates a better one with the same cue/content."""
        kept: list[Draft] = []
        seen: set[tuple[int, int]] = set()
        cues: set[tuple[int, int]] = set()
        for draft in sorted(self.drafts, key=lambda x: -x.confidence):
            key = (draft.start, draft.end)
            if key in seen or (draft.cue is not None and draft.cue in cues):
                continue
            seen.add(key)
            if draft.cue is not None:
                cues.add(draft.cue)
            kept.append(draft)
        self.drafts = sorted(kept, key=lambda x: (x.start, x.end))

    def split_coordinated(self) -> None:
        """``said A and called B``, ``insisted that A, claiming B``: a speech cue coordinated or
        subordinated inside another statement's parsed content starts a statement of its own
        (one role per token, as in univocal annotation); the outer content stops before it."""
        doc = self.doc
        by_cue = {d.cue_tok: d for d in self.drafts if d.cue_tok is not None}
        # the cues in text order, to find those inside a content by bisection
        cues = sorted((self.d.tok_starts[tok_i], tok_i) for tok_i in by_cue)
        cue_chars = [c for c, _ in cues]
        for outer in self.drafts:
            if len(outer.content) != 1 or outer.kind == "direct" or outer.cue_tok is None:
                continue
            s, e = outer.content[0]
            cut: int | None = None
            lo = bisect.bisect_left(cue_chars, s)
            for _, tok_i in cues[lo : bisect.bisect_left(cue_chars, e)]:
                inner = by_cue[tok_i]
                if inner is outer:
                    continue
                cue = doc[tok_i]
                if cue.dep_ != "conj" or cue.pos_ != "VERB":
                    continue
                if self.lex.verbs.get(inner.cue_lemma) != "speech" or inner.start < cue.idx:
                    continue
                if self.d.quote_containing(cue.idx) is not None:
                    continue
                first = cue.left_edge
                while (
                    first.i > 0
                    and (doc[first.i - 1].dep_ == "cc" or doc[first.i - 1].is_punct)
                    and doc[first.i - 1].text not in ALL_MARKS
                ):
                    first = doc[first.i - 1]
                if self.d.tok_end(cue.right_edge) < e - 2 or first.idx <= s:
                    continue
                if cut is None or first.idx < cut:
                    cut = first.idx
            if cut is None:
                continue
            ns, ne = _trim_span(self.text, s, cut)
            if len(self.text[ns:ne].split()) < 3:
                continue
            outer.content = [(ns, ne)]
            outer.quotes = [k for k in outer.quotes if ns <= self.d.quotes[k].start < ne]
            if not outer.quotes and outer.kind == "mixed":
                outer.kind = "indirect"
            outer.rule += "; stops before a coordinated cue"

    def nesting(self) -> None:
        drafts = self.drafts
        pieces = [(s, e, j) for j, outer in enumerate(drafts) for s, e in outer.content]
        for i, inner in enumerate(drafts):
            best: int | None = None
            best_len = 10**9
            start, end = inner.start, inner.end
            point = inner.cue[0] if inner.cue else start
            high = min(point, start)
            for s, e, j in pieces:
                if (
                    s <= high
                    and point < e
                    and end <= e + 1
                    and i != j
                    and (end - start < e - s < best_len)
                ):
                    best, best_len = j, e - s
            inner.reported_by = best
        # "according to the report", "the paper said": the last report statement
        for i, draft in enumerate(drafts):
            if draft.reported_by is not None or draft.speaker_head is None:
                continue
            head = self.doc[draft.speaker_head]
            if head.lemma_.lower() not in self.lex.report_nouns:
                continue
            if not any(
                c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in head.children
            ):
                continue
            for j in range(len(drafts) - 1, -1, -1):
                other = drafts[j]
                if j == i or other.anchor() >= draft.anchor():
                    continue
                if other.cue_lemma in ("report", "write", "publish", "broadcast") or (
                    other.speaker_head is not None
                    and self.doc[other.speaker_head].ent_type_ == "ORG"
                ):
                    draft.reported_by = j
                    if other.entity is not None and draft.entity is not None:
                        ent = self.state.entities.get(draft.entity)
                        if ent is not None and len(ent.mentions) == 1 and ent.type == "ORG":
                            keep = self.state.entities.get(other.entity)
                            if keep is not None:
                                self.state.merge(keep, ent)
                                draft.entity = keep.id
                    draft.rule += "; the report is the one stated before"
                    break

    def run(self) -> list[Statement]:
        self.verb_cues()
        self.according_to()
        self.noun_cues()
        self.noun_object_cues()
        self.adjective_cues()
        self.evidential_cues()
        self.hedge_adverbs()
        self.quote_manner_cues()
        self.as_quote_cues()
        self.quote_dash_cues()
        self.colon_quotes()
        self.dedupe()
        self.split_coordinated()
        resolver = _Speakers(self.d, self.state)
        anchored = [(x.anchor(), x) for x in self.drafts]
        for anchor, draft in sorted(anchored, key=lambda pair: pair[0]):
            resolver.resolve(draft, [x for a, x in anchored if a < anchor])
        self.floating_quotes()
        self.drafts.sort(key=lambda x: (x.start, x.end))
        self.nesting()
        return self._statements()

    def _statements(self) -> list[Statement]:
        text = self.text
        out: list[Statement] = []
        base = len(self.state.statements)
        for idx, draft in enumerate(self.drafts):
            # spans as plain dicts: the Statement validates them all in one call
            speaker_span = None
            if draft.speaker_toks is not None:
                first, last = self.doc[draft.speaker_toks[0]], self.doc[draft.speaker_toks[1] - 1]
                speaker_span = _span_dict(text, first.idx, last.idx + len(last.text))
            content = sorted(set(draft.content))
            out.append(
                Statement(
                    id=f"S{base + idx + 1}",
                    kind=draft.kind,
                    speaker=draft.entity,
                    speaker_span=speaker_span,
                    cue=_span_dict(text, *draft.cue) if draft.cue else None,
                    content=[_span_dict(text, s, e) for s, e in content],
                    confidence=round(draft.confidence, 2),
                    rule=draft.rule,
                )
            )
        for idx, draft in enumerate(self.drafts):
            if draft.reported_by is not None:
                out[idx].reported_by = out[draft.reported_by].id
        return out


def _span_dict(text: str, start: int, end: int) -> dict[str, object]:
    """A `Span`'s fields (``text == doc_text[start:end]``)."""
    return {"start": start, "end": end, "text": text[start:end]}


def find_statements(doc: Doc) -> list[Statement]:
    """Statements of a parsed Doc (appended to the state by the component)."""
    return StatementFinder(doc).run()


def statement_containing(state: Analysis, char_start: int, char_end: int) -> Statement | None:
    """The innermost statement whose content spans contain characters [char_start, char_end).

    Ties go to the first statement (and span) in order. The spans are indexed once per
    document (sorted starts, bisected), rebuilt when statements are added.
    """
    statements = state.statements
    if not statements:
        return None
    cache = vars(state)
    key = (len(statements), id(statements[-1]))
    index = cache.get("_statement_index")
    if index is None or index[0] != key:
        rows = sorted(
            (span.start, span.end, order, st)
            for order, st in enumerate(statements)
            for span in st.content
        )
        longest = max((r[1] - r[0] for r in rows), default=0)
        index = cache["_statement_index"] = (key, [r[0] for r in rows], rows, longest)
    _key, starts, rows, longest = index
    # a containing span starts at or before char_start and no earlier than char_end - longest
    lo = bisect.bisect_left(starts, char_end - longest)
    hi = bisect.bisect_right(starts, char_start)
    best: Statement | None = None
    best_rank = (10**9, 0)
    for k in range(lo, hi):
        start, end, order, st = rows[k]
        if char_end <= end:
            rank = (end - start, order)
            if rank < best_rank:
                best, best_rank = st, rank
    return best


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


_ = _SENT_END
