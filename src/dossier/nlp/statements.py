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

Speed: the rules work on token indexes and the attribute lists of the shared token table
(``dossier.nlp.tokens``), not on spaCy `Token` objects; candidate cue tokens are found once
from the lemma / lower-case hashes, sentences and heads are plain index lists, and the walks
around a cue are skipped when no quote mark or comma can be reached.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property

from spacy.attrs import IS_PUNCT
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc

from dossier.knowledge.resources import load_yaml
from dossier.knowledge.roles import pronouns, roles
from dossier.nlp.quotes import ALL_MARKS, find_quotes, paragraphs
from dossier.nlp.state import Analysis, EntityState, Mention, doc_text, get_state
from dossier.nlp.tokens import C_ENT_IOB, C_LEMMA, C_LOWER, token_table
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


class _Doc:
    """Per-document helpers: char <-> token, sentences, paragraphs, quotes, and the token
    attributes as plain lists (from the shared token table): the rules work on token indexes
    (`Token` objects only for the few attributes the table lacks: edges, morphology, stop
    words)."""

    def __init__(self, doc: Doc, lex: CueLexicon, text: str) -> None:
        self.doc = doc
        self.text = text
        self.table = table = token_table(doc)
        self.n = table.n
        self.tok_starts: list[int] = table.idx
        self.words: list[str] = table.words  # `Token.text`
        # the head of each token as a plain index (a root is its own head)
        self.heads: list[int] = table.head
        self.children: list[list[int]] = table.kids  # `Token.children`, in text order
        self.dep: list[str] = table.dep
        self.pos: list[str] = table.pos
        self.tag: list[str] = table.tag
        self.lower: list[str] = table.lower
        self.lemma: list[str] = table.lemma  # lower-cased
        # tokens whose lemma (or lower-case form) is a cue word: (index, cue word)
        hashes, lowers = _cue_hashes(lex)
        self.lemma_cands: list[tuple[int, str]] = [
            (i, hashes[h]) for i, h in enumerate(table.column(C_LEMMA)) if h in hashes
        ]
        self.lower_cands: list[tuple[int, str]] = [
            (i, lowers[h]) for i, h in enumerate(table.column(C_LOWER)) if h in lowers
        ]
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

    @cached_property
    def punct(self) -> list[int]:
        """`Token.is_punct` of each token (1 or 0), read on first use."""
        flags: list[int] = self.doc.to_array(IS_PUNCT).tolist()
        return flags

    @cached_property
    def ent_iob(self) -> list[int]:
        """The entity IOB code of each token (1 inside, 2 outside, 3 begins)."""
        return self.table.column(C_ENT_IOB)

    def left_edge(self, i: int) -> int:
        """`Token.left_edge` of token `i` (spaCy's, also for non-projective parses)."""
        edge: int = self.doc[i].left_edge.i
        return edge

    def right_edge(self, i: int) -> int:
        """`Token.right_edge` of token `i`."""
        edge: int = self.doc[i].right_edge.i
        return edge

    def tok_end(self, i: int) -> int:
        """The character offset after token `i`."""
        return self.tok_starts[i] + len(self.words[i])

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
        return self.table.ent_type[start], self.text[self.tok_starts[start] : self.tok_end(end - 1)]

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


def _span_of_tokens(d: _Doc, toks: Sequence[int]) -> tuple[int, int] | None:
    """The characters from the first to the last of tokens `toks`, trimmed."""
    if not toks:
        return None
    start, end = _trim_span(d.text, d.tok_starts[min(toks)], d.tok_end(max(toks)))
    return (start, end) if end > start else None


def _subtree_range(d: _Doc, i: int, exclude: int | None = None) -> list[int]:
    """Tokens of `i`'s subtree (minus the subtree of `exclude`, a token inside it), within
    its sentence, in no particular order (the callers take their span, count them or test
    membership)."""
    if i == exclude:
        return []
    start, end = d.table.sent_bounds(i)
    children = d.children
    found = [i]
    for j in found:  # the list grows while it is read: a breadth-first walk
        found += children[j] if exclude is None else [k for k in children[j] if k != exclude]
    return [j for j in found if start <= j < end]


def _contiguous(toks: list[int], anchor: int) -> list[int]:
    """The run of consecutive tokens of `toks` around `anchor`."""
    idx = set(toks)
    lo = hi = anchor
    while lo - 1 in idx:
        lo -= 1
    while hi + 1 in idx:
        hi += 1
    return [t for t in toks if lo <= t <= hi]


# --- speakers ---------------------------------------------------------------------------


def _find_speaker(verb: int, d: _Doc, depth: int = 0) -> int | None:
    """The subject (or agent) speaking through the cue `verb`, up the clause chain."""
    dep, lower, words, punct, heads, pos = d.dep, d.lower, d.words, d.punct, d.heads, d.pos
    for child in d.children[verb]:
        if punct[child] or words[child] in ALL_MARKS:
            continue
        if dep[child] in _SPEAKER_DEPS:
            if lower[child] in ("it", "there") and dep[child] == "nsubjpass":
                return None
            if d.tag[child] in ("WP", "WDT") and dep[verb] == "relcl":
                return heads[verb]
            if lower[child] in ("that", "which") and dep[verb] == "relcl":
                return heads[verb]
            return child
        if dep[child] == "agent":
            for grand in d.children[child]:
                if dep[grand] == "pobj":
                    return grand
    if depth >= 3 or dep[verb] == "ROOT":
        return None
    if dep[verb] in ("advcl", "xcomp", "conj", "pcomp", "ccomp", "acl", "dep"):
        head = heads[verb]
        if dep[verb] == "acl" and pos[head] in ("NOUN", "PROPN", "PRON"):
            if dep[head] in ("dobj", "pobj") and pos[heads[head]] in ("VERB", "AUX"):
                up = heads[head] if dep[head] == "dobj" else heads[heads[head]]
                found = _find_speaker(up, d, depth + 1) if pos[up] in ("VERB", "AUX") else None
                return found if found is not None else head
            return head
        if dep[verb] == "ccomp" and verb < head:
            return None  # "A said B, C said": the earlier clause has its own subject
        if dep[verb] == "pcomp" and dep[head] == "prep" and pos[heads[head]] in ("VERB", "AUX"):
            return _find_speaker(heads[head], d, depth + 1)  # "began by saying that ..."
        if pos[head] in ("VERB", "AUX"):
            return _find_speaker(head, d, depth + 1)
    return None


def _speaker_tokens(d: _Doc, head: int, state: Analysis) -> tuple[int, int]:
    mention = state.mention_at(head)
    if mention is not None:
        return mention.tok_start, mention.tok_end
    skip: set[int] = set()
    subtree = d.table.subtree
    for child in d.children[head]:
        if d.dep[child] in _SKIP_SPEAKER_CHILD:
            skip.update(subtree(child))
    run = _contiguous([j for j in subtree(head) if j not in skip], head)
    # trailing punctuation and conjunctions go, never the head (the run always holds it)
    punct, dep = d.punct, d.dep
    while run[-1] != head and (punct[run[-1]] or dep[run[-1]] == "cc"):
        run.pop()
    while run[0] != head and punct[run[0]]:
        run.pop(0)
    return run[0], run[-1] + 1


def _is_pronoun(lower: str) -> bool:
    return lower in pronouns()


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
        d = self.d
        head = draft.speaker_head
        ts, te = draft.speaker_toks
        ent = self.state.entity_at(head)
        if ent is None and d.pos[head] == "PROPN":
            for child in d.children[head]:
                if d.dep[child] == "compound" and self.state.entity_at(child) is not None:
                    ent = self.state.entity_at(child)
                    break
        if ent is not None:
            draft.entity = ent.id
            return
        lower = d.lower[head]
        if lower in _FIRST_PERSON:
            return
        if d.pos[head] == "PRON" and not _is_pronoun(lower):
            return  # "everyone", "no one", "someone": no entity
        if _is_pronoun(lower):
            ent = self._antecedent(head, previous)
            if ent is not None:
                self._attach(ent, ts, te, head, "pronoun")
                draft.entity = ent.id
                draft.rule += "; pronoun speaker resolved to the last compatible speaker"
            return
        draft.entity = self._named_or_new(head, ts, te, draft)

    def _antecedent(self, pron: int, previous: list[Draft]) -> EntityState | None:
        char = self.d.tok_starts[pron]
        lower = self.d.lower[pron]
        para = self.d.para_of(char)
        for draft in reversed(previous):
            if draft.entity is None or draft.anchor() > char:
                continue
            if para - self.d.para_of(draft.anchor()) > 3:
                break
            ent = self.state.entities.get(draft.entity)
            if ent is not None and _compatible(ent, lower):
                return ent
        best: Mention | None = None
        for i in range(pron - 1, max(-1, pron - 200), -1):
            mention = self.state.token_mention.get(i)
            if mention is None or mention.kind == "pronoun":
                continue
            ent = self.state.entities.get(mention.entity)
            if ent is not None and _compatible(ent, lower):
                best = mention
                break
        return self.state.entities.get(best.entity) if best else None

    def _attach(self, ent: EntityState, ts: int, te: int, head: int, kind: str) -> None:
        mention = Mention(
            start=self.d.tok_starts[ts],
            end=self.d.tok_end(te - 1),
            tok_start=ts,
            tok_end=te,
            kind=kind,
            head=head,
        )
        self.state.add_mention(ent, mention)

    def _named_or_new(self, head: int, ts: int, te: int, draft: Draft) -> str | None:
        d = self.d
        ent_label = None
        name = d.text[d.tok_starts[ts] : d.tok_end(te - 1)]
        named = d.ent_at(head)
        if named is not None:
            ent_label = _ENT_TYPES.get(named[0])
            name = named[1]
        pos, tag = d.pos[head], d.tag[head]
        if ent_label == "PERSON" or (ent_label is None and pos == "PROPN"):
            # a surname or full name of an entity already known
            last = d.words[head].lower()
            for known in self.state.entities.values():
                if known.type == "PERSON" and last in known.name.lower().split():
                    self._attach(known, ts, te, head, "name")
                    return known.id
        lemma = d.lemma[head]
        if ent_label is None and pos in ("NOUN", "PROPN"):
            definite = any(
                d.lower[t] in ("the", "this", "that") for t in range(ts, te)[: head - ts]
            )
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
        ent.plural = tag in ("NNS", "NNPS")
        kind = "name" if ent_label else "description"
        self._attach(ent, ts, te, head, kind)
        if not ent.mentions:  # tokens taken by another mention
            del self.state.entities[ent.id]
            return None
        return ent.id

    def _has_words(self, ts: int, te: int) -> bool:
        """Tokens [ts, te) hold a word that is neither a stop word nor punctuation."""
        doc, punct = self.d.doc, self.d.punct
        return any(not (doc[t].is_stop or punct[t]) for t in range(ts, te))


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
    def _sub(self, i: int, exclude: int | None = None) -> list[int]:
        return _subtree_range(self.d, i, exclude)

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

    def _cue_clause(self, verb: int, content_root: int | None) -> _Clause:
        """Tokens that belong to the cue clause: the verb's subtree minus its content (the
        whole subtree when the content is around the cue: "A, he said, B")."""
        return _Clause(self.d.heads, verb, content_root)

    def _quote_before(self, verb: int, clause: _Clause) -> int | None:
        """A quote that ends right before the cue clause ("“A,” he said")."""
        d = self.d
        starts = d.tok_starts
        # the walk below only crosses punctuation and the cue clause (inside the sentence):
        # no closing mark it can reach, no walk
        k = bisect.bisect_left(d.close_chars, starts[verb]) - 1
        if k < 0:
            return None
        begin = starts[d.table.sent_bounds(verb)[0]]
        last = d.close_chars[k]
        if last < begin and _ALNUM.search(self.text, last + 1, begin):
            return None
        words, punct = d.words, d.punct
        i = verb - 1
        steps = 0
        while i >= 0 and (steps < 12 or i in clause or punct[i]):
            text = words[i]
            if text in ALL_MARKS or text.endswith(_MARKS):
                # the closing mark of a quote?
                for c in range(starts[i] + len(text) - 1, starts[i] - 1, -1):
                    if c in d.quote_by_close:
                        return d.quote_by_close[c]
                return None
            if not (punct[i] or i in clause):
                return None
            if text in (".", "!", "?") and steps > 0:
                return None
            i -= 1
            steps += 1
        return None

    def _quote_after(self, verb: int, clause: _Clause) -> int | None:
        """A quote that opens right after the cue clause ("he said: “A”")."""
        d = self.d
        n, starts, words = d.n, d.tok_starts, d.words
        i = verb + 1
        steps = 0
        opens = d.open_chars
        # the walk below crosses the sentence end only over punctuation, spaces and "that"
        k = bisect.bisect_right(opens, starts[verb])
        if k >= len(opens):
            return None
        end = d.table.sent_bounds(verb)[1]
        stop = starts[end] if end < n else len(self.text)
        if opens[k] > stop and _WORD_NOT_THAT.search(self.text, stop, opens[k]):
            return None
        while i < n and steps < 8:
            start = starts[i]
            text = words[i]
            k = bisect.bisect_left(opens, start)
            if k < len(opens) and opens[k] < start + len(text):
                return d.quote_by_open[opens[k]]
            if text in (".", "!", "?", ";"):
                return None
            if text.isspace() and i > 0 and words[i - 1] == ":":
                # "X continued:" at the end of a paragraph, the quote opens the next one
                i += 1
                continue
            if not (d.punct[i] or i in clause or d.lower[i] == "that"):
                return None
            if d.pos[i] in ("VERB", "AUX") and i != verb:
                return None
            i += 1
            steps += 1
        return None

    def _tail_cue(self, verb: int) -> list[int] | None:
        """ "..., the paper reported." / "..., said X.": the text before the comma is content.

        Checked on the tokens, not the parse, because small parsers often hang the clause
        before the comma anywhere but on the cue.
        """
        d = self.d
        sent_start, sent_end = d.table.sent_bounds(verb)
        if not _COMMA_DASH.search(self.text, d.tok_starts[sent_start], d.tok_starts[verb]):
            return None  # no comma or dash before the cue in its sentence
        words, dep, pos, heads, punct = d.words, d.dep, d.pos, d.heads, d.punct
        before_toks: list[int] = []
        i = verb - 1
        subj = next((c for c in d.children[verb] if dep[c] in _SPEAKER_DEPS and c < verb), None)
        if subj is not None and d.left_edge(subj) < i:
            # "..., John Smith, the senator from Ohio, said": the comma before the subject
            i = d.left_edge(subj) - 1
            if i <= sent_start or words[i] not in (",", "—", "–"):
                return None
            before_toks = [subj] + [t for t in range(subj + 1, verb) if heads[t] == verb]
        while i >= sent_start and len(before_toks) < 8:
            if words[i] in (",", "—", "–"):
                break
            before_toks.append(i)
            i -= 1
        if i <= sent_start:
            return None
        comma = i
        if words[comma] not in (",", "—", "–"):
            return None
        if before_toks and (dep[before_toks[-1]] == "cc" or pos[before_toks[-1]] == "CCONJ"):
            return None  # "..., but X did not say when": a new clause, not a parenthetical
        after: list[int] = []  # the words after the cue (more than 8: not a tail cue)
        for j in range(verb + 1, sent_end):
            if not punct[j]:
                after.append(j)
                if len(after) > 8:
                    return None
        if any(dep[c] == "neg" for c in d.children[verb]) or any(
            d.tag[t] in ("WRB", "WP", "WDT") for t in after
        ):
            return None
        if before_toks:  # "..., X said": subject (and auxiliaries/adverbs) between comma and cue
            if any(pos[t] in ("VERB",) or words[t] in ALL_MARKS for t in before_toks):
                return None
            if not any(dep[t] in _SPEAKER_DEPS for t in before_toks):
                return None
            if len(after) > 4 or any(
                pos[t] == "VERB" or (heads[t] == verb and dep[t] in ("dobj", "attr", "oprd"))
                for t in after
            ):
                return None
        else:  # "..., said X."
            if not after or len(after) > 8 or any(pos[t] == "VERB" for t in after):
                return None
            if d.tag[verb] == "VBG" or d.lower[after[0]] in ("that", "to", "whether", "if"):
                return None  # "..., claiming that ...": a participle with its own complement
            if not any(pos[t] in ("PROPN", "NOUN", "PRON") for t in after):
                return None
        toks = list(range(sent_start, comma))
        if len(toks) < 3 or any(words[t] in ALL_MARKS for t in toks[-1:]):
            return None
        if not any(pos[t] in ("VERB", "AUX") for t in toks):
            return None  # "At the end of the speech, X answered": no clause before the comma
        return toks

    def _with_tail(self, verb: int, first: int) -> list[int]:
        """`first`'s subtree plus the cue's later dependents that continue its predicate
        ("congratulated her for her victory", "mocked him as “weak” after the debate")."""
        d = self.d
        dep = d.dep
        toks = self._sub(first)
        for other in d.children[verb]:
            if other > first and dep[other] in _TAIL_DEPS:
                if dep[other] in ("ccomp", "advcl", "xcomp") and (
                    d.lemma[other] in self.lex.verbs
                    or (
                        any(dep[g] in _SPEAKER_DEPS for g in d.children[other])
                        and dep[other] != "ccomp"
                    )
                ):
                    continue
                toks += self._sub(other)
        return toks

    def _parse_content(self, verb: int, lemma: str) -> tuple[list[int], int | None, str]:
        """Content tokens from the parse, the content root and the rule name."""
        d, lex = self.d, self.lex
        dep, lower, kids = d.dep, d.lower, d.children[verb]
        if lemma in lex.bare_object:
            # "55 percent said so", "three-quarters said the same of Sanders"
            for child in kids:
                if (
                    dep[child] in ("dobj", "advmod", "intj", "attr")
                    and d.left_edge(child) == verb + 1
                ):
                    if dep[child] != "dobj" and lower[child] not in ("so", "yes", "no"):
                        continue
                    return self._with_tail(verb, child), child, "bare object"
        tail = self._tail_cue(verb)
        if tail is not None:
            return tail, None, "cue at the end of the sentence"
        para = d.para_of(d.tok_starts[verb])
        for child in kids:
            if dep[child] == "ccomp" and d.para_of(d.tok_starts[child]) == para:
                if (
                    child > verb
                    and d.lemma[child] in lex.verbs
                    and self._tail_cue(child) is not None
                ):
                    continue  # "X said ..., the paper reported": the ccomp is the outer cue
                toks = self._sub(child)
                # "said A, but B": a coordinated clause with its own subject goes along
                for other in kids:
                    if (
                        dep[other] == "conj"
                        and other > child
                        and lex.verbs.get(d.lemma[other]) not in ("speech", "report")
                        and any(dep[g] in _SPEAKER_DEPS for g in d.children[other])
                    ):
                        toks += self._sub(other)
                        break
                return toks, child, "clausal complement"
        head = d.heads[verb]
        if dep[verb] in ("parataxis",) and verb > head:
            toks = self._sub(head, exclude=verb)
            return toks, head, "parenthetical cue after the clause"
        if (
            dep[verb] == "parataxis"
            and verb < head
            and self._comma_framed(verb)
            # a second-person subject is a filler, not a speaker: "..., you know, ..."
            and not any("2" in self.doc[c].morph.get("Person", []) for c in kids)
        ):
            # "Too often, Mr. Clarke said, the debate is ...": the clause around the cue
            toks = self._sub(head, exclude=verb)
            return toks, head, "parenthetical cue inside the clause"
        if dep[verb] == "ROOT" or dep[verb] == "conj":
            for child in kids:
                if dep[child] == "parataxis" and child < verb and d.pos[child] in ("VERB", "AUX"):
                    return self._sub(child), child, "clause before the cue"
        # "revealed during the speech that ...": the clause hangs off a noun of the cue's PP
        for child in kids:
            if dep[child] != "prep" or child < verb:
                continue
            for obj in d.children[child]:
                for grand in d.children[obj]:
                    if dep[grand] not in ("acl", "ccomp", "relcl"):
                        continue
                    edge = d.left_edge(grand)
                    if any(
                        dep[g] == "mark" and lower[g] == "that" and g == edge
                        for g in d.children[grand]
                    ) or (lower[edge] == "that" and edge == obj + 1 and d.lemma[obj] in lex.nouns):
                        return self._sub(grand), grand, "clause after the cue's phrase"
        strong_only = lemma in lex.needs_clause
        if lemma in lex.xcomp:
            for child in kids:
                if dep[child] == "xcomp" and child > verb:
                    toks = self._sub(child)
                    # "called on Congress to act": the addressee of the listed preposition
                    for other in kids:
                        if (
                            dep[other] == "prep"
                            and verb < other < child
                            and lower[other] in lex.phrasal.get(lemma, frozenset())
                        ):
                            toks += [t for t in self._sub(other) if t != other]
                    return toks, child, "infinitive complement"
        for child in kids:
            if dep[child] in ("dobj", "attr") and lemma in lex.question and child > verb:
                return self._sub(child), child, "question object"
        # "congratulated her for her victory", "called out X for Y": object plus its predicate
        preps = lex.phrasal.get(lemma, frozenset())
        if lemma in lex.obj or preps:
            dobj = next((c for c in kids if dep[c] == "dobj" and c > verb), None)
            if dobj is not None and any(
                dep[c] == "prep" and c > dobj and lower[c] in preps for c in kids
            ):
                return self._with_tail(verb, dobj), dobj, "direct object"
        # particle / preposition object ("called for ...", "pointed to ...")
        if preps:  # listed verb + preposition pairs count even for needs_clause verbs
            for child in kids:
                if dep[child] == "prep" and lower[child] in preps and child > verb:
                    objs = [g for g in d.children[child] if dep[g] in ("pobj", "pcomp")]
                    if objs:
                        toks = self._with_tail(verb, child)
                        toks = [t for t in toks if t != child]
                        return toks, objs[0], f"object of '{lower[child]}'"
                # "calling for the US to step up ...": parsed as a clause marked by 'for'
                if dep[child] == "advcl" and child > verb:
                    marks = [g for g in d.children[child] if dep[g] == "mark" and lower[g] in preps]
                    if marks and marks[0] == d.left_edge(child):
                        toks = [t for t in self._sub(child) if t != marks[0]]
                        return toks, child, f"clause after '{lower[marks[0]]}'"
        if lemma in lex.obj and not strong_only:
            for child in kids:
                if dep[child] == "dobj" and child > verb:
                    # "called him a liar", "accused her of lying": the predicate goes along
                    return self._with_tail(verb, child), child, "direct object"
        if lemma in lex.obj and not strong_only:
            # "Sanders was backed by young voters": the passive subject is the content
            subj = next((c for c in kids if dep[c] == "nsubjpass"), None)
            agent = next((c for c in kids if dep[c] == "agent" and c > verb), None)
            if subj is not None and agent is not None and subj < verb:
                return self._sub(subj), subj, "passive subject"
        # colon after the cue: "he said: the war is over"
        nxt = verb + 1
        while nxt < d.n and dep[nxt] in ("nsubj", "advmod", "npadvmod"):
            nxt += 1
        if nxt < d.n and d.words[nxt] == ":":
            toks = list(range(nxt + 1, d.table.sent_bounds(verb)[1]))
            if toks:
                return toks, None, "colon after the cue"
        return [], None, ""

    # ---- passes ----
    def verb_cues(self) -> None:
        pos, dep = self.d.pos, self.d.dep
        for i, lemma in self.d.lemma_cands:
            if lemma not in self.lex.verbs:
                continue
            if pos[i] not in ("VERB", "AUX"):
                continue
            if dep[i] in ("aux", "auxpass", "amod", "compound"):
                continue
            if self._naming(i):
                continue
            self._verb(i, lemma)

    def evidential_cues(self) -> None:
        """``Trump appeared to be moving ahead``, ``she seemed uneasy``: an evidential verb; its
        subject and complement are the content, with no speaker."""
        d = self.d
        dep, lower = d.dep, d.lower
        for verb, lemma in d.lemma_cands:
            if lemma not in self.lex.evidential:
                continue
            if d.pos[verb] not in ("VERB", "AUX"):
                continue
            kids = d.children[verb]
            subj = next((c for c in kids if dep[c] == "nsubj" and c < verb), None)
            comp = next(
                (c for c in kids if dep[c] in ("xcomp", "acomp", "oprd") and c > verb),
                None,
            )
            if subj is None or comp is None or lower[subj] in ("it", "there", "this", "that"):
                continue
            if d.pos[subj] == "PRON" and lower[subj] in _FIRST_PERSON:
                continue
            toks = self._sub(subj) + self._sub(comp)
            span = _span_of_tokens(d, toks)
            if span is None:
                continue
            kind, content, quotes = self._classify(span)
            self.drafts.append(
                self._cue_draft(
                    verb,
                    content=content,
                    kind=kind,
                    rule=f"evidential verb '{d.lemma[verb]}': subject and complement",
                    confidence=0.4,
                    quotes=quotes,
                )
            )
            self.used_quotes.update(quotes)

    def _cue_draft(
        self,
        verb: int,
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
            cue=(self.d.tok_starts[verb], self.d.tok_end(verb)),
            cue_tok=verb,
            quotes=quotes,
            cue_lemma=lemma if lemma is not None else self.d.lemma[verb],
        )

    def _set_speaker(self, draft: Draft, speaker: int) -> None:
        draft.speaker_head = speaker
        draft.speaker_toks = _speaker_tokens(self.d, speaker, self.state)

    def _keep(self, draft: Draft, speaker: int | None = None) -> None:
        """Keep `draft` (with `speaker`, when given): its quotes are taken."""
        if speaker is not None:
            self._set_speaker(draft, speaker)
        self.used_quotes.update(draft.quotes)
        self.drafts.append(draft)

    def quote_manner_cues(self) -> None:
        """``“This is fantastic!” beamed X.`` / ``“...,” X laughed.``: any verb right after an
        unused quote, closing the sentence with its subject, is the cue."""
        d = self.d
        n, words, pos = d.n, d.words, d.pos
        for k, q in enumerate(d.quotes):
            if k in self.used_quotes or q.close is None or q.cont_of is not None or q.single:
                continue
            if self.text[q.start : q.end].rstrip()[-1:] not in (",", "!", "?") and self.text[
                q.end : q.close
            ].strip() not in (",", "!", "?"):
                continue
            closing = d.tok_at(q.close)
            i = closing + 1
            while i < n and (d.punct[i] or words[i].isspace()):
                if words[i] in (".", "!", "?") or i > closing + 2:
                    break
                i += 1
            sent_end = d.table.sent_bounds(i)[1] if i < n else n
            tail = [t for t in range(i, sent_end) if not d.punct[t]]
            if not tail or len(tail) > 7 or d.para_of(d.tok_starts[i]) != q.para:
                continue
            verbs = [t for t in tail if pos[t] == "VERB"]
            if len(verbs) != 1 or d.lemma[verbs[0]] in self.lex.verbs:
                continue
            verb = verbs[0]
            speaker = _find_speaker(verb, d)
            if speaker is None:  # "..., beamed Donald Hartley": the subject after the verb
                speaker = next((t for t in tail if t > verb and pos[t] in ("PROPN", "NOUN")), None)
            if speaker is None or speaker < i:
                continue
            chain = self._quote_chain(k)
            draft = self._cue_draft(
                verb,
                content=[(d.quotes[j].start, d.quotes[j].end) for j in chain],
                kind="direct",
                rule=f"verb '{d.lemma[verb]}' right after a quote",
                confidence=0.6,
                quotes=chain,
            )
            self._keep(draft, speaker)

    def as_quote_cues(self) -> None:
        """``X pounded Trump as a “con artist”``: any verb whose object is characterized by an
        ``as`` phrase holding a quotation; the object and the phrase are the content."""
        d = self.d
        dep, heads = d.dep, d.heads
        cue_toks = {x.cue_tok for x in self.drafts}
        for k, q in enumerate(d.quotes):
            if k in self.used_quotes or q.single or q.cont_of is not None:
                continue
            tok = d.tok_at(q.open)
            as_prep: int | None = None
            for _ in range(4):  # the quote's token up to the "as" preposition
                if dep[tok] == "prep" and d.lower[tok] == "as":
                    as_prep = tok
                    break
                if heads[tok] == tok:
                    break
                tok = heads[tok]
            if as_prep is None or d.pos[heads[as_prep]] != "VERB" or heads[as_prep] in cue_toks:
                continue
            verb = heads[as_prep]
            obj: int | None = None
            for child in d.children[verb]:
                if child > as_prep:
                    break
                if child > verb and dep[child] == "dobj":
                    obj = child
                elif child > verb and dep[child] == "prep" and obj is None:
                    obj = next((g for g in d.children[child] if dep[g] == "pobj"), None)
            speaker = _find_speaker(verb, d)
            if obj is None or speaker is None or d.lower[speaker] in ("it", "there"):
                continue
            toks = self._sub(obj) + self._sub(as_prep)
            span = _span_of_tokens(d, toks)
            if span is None or not span[0] < q.open < span[1]:
                continue
            kind, content, quotes = self._classify(self._extend_to_quotes(span))
            draft = self._cue_draft(
                verb,
                content=content,
                kind=kind,
                rule=f"verb '{d.lemma[verb]}' with an object described as a quotation",
                confidence=0.5,
                quotes=quotes,
            )
            self._keep(draft, speaker)
            cue_toks.add(verb)

    def quote_dash_cues(self) -> None:
        """``“...” ― Name``: a quote followed by a dash and a name closing the paragraph (the
        byline of a quotation)."""
        d = self.d
        n, words, pos, heads = d.n, d.words, d.pos, d.heads
        for k, q in enumerate(d.quotes):
            if k in self.used_quotes or q.close is None or q.single:
                continue
            m = _DASH_AFTER.match(self.text, q.close + 1)
            if m is None:
                continue
            pe = d.paras[q.para][1]
            first = d.tok_at(m.end())
            if first >= n or d.tok_starts[first] < m.end():
                first += 1
            toks: list[int] = []
            for t in range(first, d.tok_at(max(m.end(), pe - 1)) + 1):
                text = words[t]
                if d.tok_starts[t] >= pe or text.isspace() or text in (",", ".", ";", "(", "|"):
                    break
                toks.append(t)
            if not toks or len(toks) > 6 or not any(pos[t] == "PROPN" for t in toks):
                continue
            if not all(words[t].istitle() or pos[t] == "PROPN" or d.punct[t] for t in toks):
                continue
            head = toks[-1]
            for t in toks:
                if heads[t] == t or not (toks[0] <= heads[t] <= toks[-1]):
                    head = t
            chain = self._quote_chain(k)
            draft = Draft(
                content=[(d.quotes[j].start, d.quotes[j].end) for j in chain],
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
            self._keep(draft)

    def hedge_adverbs(self) -> None:
        """``X is reportedly considering a run``: the clause around a hedging adverb is
        content with no speaker."""
        d = self.d
        for adv, lower in d.lower_cands:
            if lower not in self.lex.hedges:
                continue
            if d.dep[adv] != "advmod":
                continue
            verb = d.heads[adv]
            if d.pos[verb] not in ("VERB", "AUX"):
                continue
            if any(x.cue_tok == verb for x in self.drafts):
                continue
            toks = [t for t in self._sub(verb) if d.dep[t] != "mark"]
            span = _span_of_tokens(d, toks)
            if span is None:
                continue
            kind, content, quotes = self._classify(span)
            a, b = d.tok_starts[adv], d.tok_end(adv)
            if kind == "indirect" and len(content) == 1:  # the adverb is the cue, not content
                pieces = [
                    _trim_span(self.text, content[0][0], a),
                    _trim_span(self.text, b, content[0][1]),
                ]
                content = [(x, y) for x, y in pieces if y > x]
            self.drafts.append(
                Draft(
                    content=content,
                    kind=kind,
                    rule=f"hedging adverb '{d.lower[adv]}': the clause it modifies",
                    confidence=0.4,
                    cue=(a, b),
                    cue_tok=adv,
                    quotes=quotes,
                    cue_lemma=d.lower[adv],
                )
            )
            self.used_quotes.update(quotes)

    def _naming(self, verb: int) -> bool:
        """``the contests known as Super Tuesday``, ``a group called X``: the named thing and
        its name are the content (no speaker)."""
        d = self.d
        dep, heads = d.dep, d.heads
        preps = self.lex.naming.get(d.lemma[verb])
        if preps is None or dep[verb] != "acl" or d.tag[verb] != "VBN":
            return False
        noun = heads[verb]
        if d.pos[noun] not in ("NOUN", "PROPN") or noun > verb:
            return False
        name: int | None = None
        for child in d.children[verb]:
            if child < verb:
                continue
            if dep[child] == "prep" and d.lower[child] in preps:
                objs = [g for g in d.children[child] if dep[g] == "pobj"]
                name = objs[0] if objs else None
            elif dep[child] in ("oprd", "dobj", "attr") and not preps:
                name = child
            if name is not None:
                break
        if name is None:
            return False
        start = noun
        while (  # "the string of contests known as ...": the whole noun phrase
            dep[start] == "pobj"
            and dep[heads[start]] == "prep"
            and d.lower[heads[start]] == "of"
            and d.pos[heads[heads[start]]] == "NOUN"
        ):
            start = heads[heads[start]]
        span = _span_of_tokens(d, range(d.left_edge(start), d.right_edge(name) + 1))
        if span is None:
            return False
        kind, content, quotes = self._classify(span)
        self.drafts.append(
            self._cue_draft(
                verb,
                content=content,
                kind=kind,
                rule=f"naming participle '{d.lemma[verb]}': the named thing and its name",
                confidence=0.4,
                quotes=quotes,
            )
        )
        self.used_quotes.update(quotes)
        return True

    def _verb(self, verb: int, lemma: str) -> None:
        d = self.d
        starts = d.tok_starts
        toks, root, rule = self._parse_content(verb, lemma)
        # content never crosses a paragraph break (headlines, datelines, bylines)
        lo, hi = d.para_range(starts[verb])
        toks = [t for t in toks if lo <= starts[t] < hi]
        clause = self._cue_clause(verb, root)
        q_before = self._quote_before(verb, clause)
        q_after = self._quote_after(verb, clause)
        content: list[tuple[int, int]] = []
        quotes: list[int] = []
        kind = "indirect"
        conf = 0.7
        parse_span = _span_of_tokens(d, toks) if toks else None
        if (
            q_before is not None
            and root is not None
            and (rule == "clausal complement" or self._closes_sentence(q_before))
            and root > verb
            and len([t for t in toks if not d.punct[t]]) >= 3
        ):
            q_before = None  # "“A.” Cruz says he ...": the cue has its own complement
        if q_before is not None and q_before not in self.used_quotes:
            quotes.extend(self._quote_chain(q_before))
            rule = "quote before the cue"
            kind = "direct"
            conf = 0.9
        if q_after is not None and q_after not in self.used_quotes:
            qa = d.quotes[q_after]
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
            content = [(d.quotes[k].start, d.quotes[k].end) for k in quotes]
            lead = self._lead_in(quotes[0]) if rule == "quote before the cue" else None
            if lead is not None:  # "With many systems, “there is no single point,” he said"
                content[0] = (lead, content[0][1])
                kind = "mixed"
        elif parse_span is not None:
            if verb in toks:
                return
            parse_span = self._extend_to_quotes(parse_span)
            content = [parse_span]
            if rule == "parenthetical cue inside the clause":
                content = self._around(parse_span, verb)
            inside = [
                k
                for k, q in enumerate(d.quotes)
                if parse_span[0] - 1 <= q.open and q.outer_end <= parse_span[1] + 1
            ]
            if inside:
                quotes = inside
                whole = all(
                    d.quotes[k].start <= parse_span[0] + 1 and d.quotes[k].end >= parse_span[1] - 1
                    for k in inside
                )
                kind = "direct" if whole and len(inside) == 1 else "mixed"
                if kind == "direct":
                    content = [(d.quotes[inside[0]].start, d.quotes[inside[0]].end)]
            conf = 0.75 if lemma in ("say", "tell", "add") else 0.6
        else:
            return
        content = [(s, e) for s, e in content if e > s]
        if not content:
            return
        speaker = _find_speaker(verb, d)
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
        for child in d.children[verb]:
            if d.dep[child] == "prt" and child == verb + 1:
                draft.cue = (starts[verb], d.tok_end(child))
        if rule == "passive subject":
            agent = next(c for c in d.children[verb] if d.dep[c] == "agent")
            speaker = next((g for g in d.children[agent] if d.dep[g] == "pobj"), None)
        if speaker is not None and speaker not in toks:
            self._set_speaker(draft, speaker)
        self._keep(draft)

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

    def _around(self, span: tuple[int, int], verb: int) -> list[tuple[int, int]]:
        """`span` in two pieces, before and after the cue clause of `verb`."""
        sub = self.d.table.subtree(verb)
        a, b = self.d.tok_starts[sub[0]], self.d.tok_end(sub[-1])
        pieces = [_trim_span(self.text, span[0], a), _trim_span(self.text, b, span[1])]
        return [(x, y) for x, y in pieces if y > x] or [span]

    def _comma_framed(self, verb: int) -> bool:
        """The cue clause stands between commas (or dashes) inside its sentence."""
        d = self.d
        sub = d.table.subtree(verb)
        lo, hi = sub[0], sub[-1]
        start, end = d.table.sent_bounds(verb)
        left = lo if d.punct[lo] else (lo - 1 if lo > start else None)
        right = hi if d.punct[hi] else (hi + 1 if hi + 1 < end else None)
        framing = (",", "—", "–", "--")
        return (
            left is not None
            and right is not None
            and d.words[left] in framing
            and d.words[right] in framing
            and left > start
        )

    def _content_before(self, toks: list[int], verb: int, char: int) -> bool:
        """Complement words (not `that`) between the cue and a quote opening at `char`."""
        d = self.d
        return any(
            verb < t
            and d.tok_starts[t] < char
            and not d.punct[t]
            and not d.words[t].isspace()
            and d.words[t] not in ALL_MARKS
            and d.lower[t] not in ("that", "whether")
            for t in toks
        )

    def according_to(self) -> None:
        d = self.d
        n, dep, heads, subtree = d.n, d.dep, d.heads, d.table.subtree
        for phrase in self.lex.according:
            size = len(phrase)
            for i, lower in d.lower_cands:
                if lower != phrase[0] or i > n - size:
                    continue
                if any(d.lower[i + j] != phrase[j] for j in range(1, size)):
                    continue
                first, last = i, i + size - 1
                objs = [c for c in d.children[last] if dep[c] == "pobj"]
                if not objs:
                    # "according to" is sometimes parsed flat: the next noun after the phrase
                    nxt = i + size
                    objs = [nxt] if nxt < n and d.pos[nxt] != "PUNCT" else []
                    if not objs:
                        continue
                    src = objs[0]
                    while (
                        heads[src] > src
                        and heads[src] < d.table.sent_bounds(src)[1]
                        and dep[src] in ("det", "compound", "amod", "poss")
                    ):
                        src = heads[src]
                    objs = [src]
                src = objs[0]
                attach = first
                while heads[attach] != attach and i <= heads[attach] < i + size:
                    attach = heads[attach]
                phrase_toks = set(range(i, i + size)).union(subtree(src))
                head = heads[attach] if heads[attach] != attach else None
                sent_start, sent_end = d.table.sent_bounds(first)
                if head is None or head in phrase_toks:
                    toks = [t for t in range(sent_start, sent_end) if t not in phrase_toks]
                else:
                    toks = [
                        j
                        for j in subtree(head)
                        if j not in phrase_toks and sent_start <= j < sent_end
                    ]
                span = _span_of_tokens(d, toks)
                if span is None:
                    continue
                span = self._extend_to_quotes(span)
                cue = (d.tok_starts[first], d.tok_end(last))
                kind, content, quotes = self._classify(span)
                draft = Draft(
                    content=content,
                    kind=kind,
                    rule=f"'{' '.join(phrase)} X': the clause it modifies is the content",
                    confidence=0.85,
                    cue=cue,
                    cue_tok=first,
                    quotes=quotes,
                    cue_lemma=" ".join(phrase),
                )
                draft.speaker_head = src
                draft.speaker_toks = _speaker_tokens(d, src, self.state)
                self._keep(draft)

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
        d = self.d
        dep, lower = d.dep, d.lower
        for tok, lemma in d.lemma_cands:
            if lemma not in self.lex.nouns:
                continue
            if d.pos[tok] != "NOUN":
                continue
            clause = None
            for child in d.children[tok]:
                if dep[child] not in ("acl", "ccomp", "relcl"):
                    continue
                edge = d.left_edge(child)
                if any(
                    dep[g] == "mark" and lower[g] == "that" and g == edge for g in d.children[child]
                ):
                    clause = child
                    break
            if clause is None:
                self._noun_colon_quote(tok)
                continue
            self._reporting_noun_clause(tok, clause)

    def noun_object_cues(self) -> None:
        """``his comments on immigration``: a possessed reporting noun and its object."""
        d = self.d
        dep, lower, heads = d.dep, d.lower, d.heads
        for tok, lemma in d.lemma_cands:
            preps = self.lex.noun_objects.get(lemma)
            if not preps:
                continue
            if d.pos[tok] != "NOUN":
                continue
            poss = [c for c in d.children[tok] if dep[c] == "poss"]
            if poss and lower[poss[0]] in ("its", "their") and d.tag[tok] == "NNS":
                continue
            speaker = poss[0] if poss else self._noun_governor_subject(tok)
            if speaker is None:
                continue
            cands = list(d.children[tok])
            if not poss and dep[tok] == "dobj":  # "took a swipe at X": at hangs off the verb
                after = d.right_edge(tok) + 1
                cands += [c for c in d.children[heads[tok]] if c == after]
            for child in cands:
                if dep[child] != "prep" or lower[child] not in preps:
                    continue
                if child != tok + 1 and heads[child] == tok:
                    continue
                objs = [g for g in d.children[child] if dep[g] in ("pobj", "pcomp")]
                if not objs:
                    continue
                span = _span_of_tokens(d, self._sub(objs[0]))
                if span is None:
                    continue
                kind, content, quotes = self._classify(self._extend_to_quotes(span))
                draft = Draft(
                    content=content,
                    kind=kind,
                    rule=f"reporting noun '{d.lemma[tok]} {lower[child]}' with "
                    + ("a possessor" if poss else "the subject of its verb"),
                    confidence=0.5,
                    cue=(d.tok_starts[tok], d.tok_end(child)),
                    cue_tok=tok,
                    quotes=quotes,
                    cue_lemma=d.lemma[tok],
                )
                self._keep(draft, speaker)
                break

    def _noun_governor_subject(self, noun: int) -> int | None:
        """The subject of the verb a cue noun depends on: "X made no mention of ...",
        "X is a supporter of ...", "X came out in support of ..."."""
        d = self.d
        dep = d.dep
        head = d.heads[noun]
        if dep[noun] == "pobj" and dep[head] == "prep":
            head = d.heads[head]
        elif dep[noun] not in ("dobj", "attr", "nsubj"):
            return None
        if d.pos[head] not in ("VERB", "AUX") or head == noun:
            return None
        if dep[noun] == "nsubj":
            return None
        found = _find_speaker(head, d)
        if found is None or found in d.table.subtree(noun):
            return None
        if d.pos[found] not in ("PROPN", "NOUN", "PRON") or d.lower[found] in ("it", "there"):
            return None
        return found

    def adjective_cues(self) -> None:
        """``X is critical of Y``, ``X is confident that ...``: a predicate adjective."""
        d = self.d
        dep, lower = d.dep, d.lower
        for tok, lemma in d.lemma_cands:
            preps = self.lex.adjectives.get(lemma)
            if preps is None:
                continue
            if d.pos[tok] != "ADJ" or dep[tok] not in ("acomp", "oprd"):
                continue
            verb = d.heads[tok]
            if d.pos[verb] not in ("VERB", "AUX"):
                continue
            toks: list[int] = []
            how = ""
            for child in d.children[tok]:
                if child < tok:
                    continue
                if dep[child] == "ccomp" or (dep[child] == "xcomp" and "to" in preps):
                    toks, how = self._sub(child), "clausal complement"
                    break
                if dep[child] == "prep" and lower[child] in preps:
                    objs = [g for g in d.children[child] if dep[g] in ("pobj", "pcomp")]
                    if objs:
                        toks, how = self._sub(objs[0]), f"object of '{lower[child]}'"
                        break
            if not toks:
                continue
            speaker = _find_speaker(verb, d)
            if speaker is None or lower[speaker] in ("it", "there"):
                continue
            span = _span_of_tokens(d, toks)
            if span is None:
                continue
            kind, content, quotes = self._classify(self._extend_to_quotes(span))
            draft = Draft(
                content=content,
                kind=kind,
                rule=f"cue adjective '{d.lemma[tok]}': {how}",
                confidence=0.5,
                cue=(d.tok_starts[tok], d.tok_end(tok)),
                cue_tok=tok,
                quotes=quotes,
                cue_lemma=d.lemma[tok],
            )
            self._keep(draft, speaker)

    def _reporting_noun_clause(self, tok: int, clause: int) -> None:
        """``the senator's claim that ...``: the clause is the content."""
        d = self.d
        dep = d.dep
        span = _span_of_tokens(d, self._sub(clause))
        if span is None:
            return
        speaker: int | None = None
        for child in d.children[tok]:
            if dep[child] == "poss":
                speaker = child
            elif (
                dep[child] == "prep" and d.lower[child] in ("by", "from", "of") and speaker is None
            ):
                objs = [g for g in d.children[child] if dep[g] == "pobj"]
                speaker = objs[0] if objs else None
        if speaker is None and dep[tok] in ("dobj",) and d.pos[d.heads[tok]] in ("VERB", "AUX"):
            speaker = _find_speaker(d.heads[tok], d)
        kind, content, quotes = self._classify(span)
        draft = Draft(
            content=content,
            kind=kind,
            rule=f"reporting noun '{d.lemma[tok]}' with a that-clause",
            confidence=0.6,
            cue=(d.tok_starts[tok], d.tok_end(tok)),
            cue_tok=tok,
            quotes=quotes,
            cue_lemma=d.lemma[tok],
        )
        self._keep(draft, speaker)

    def _noun_colon_quote(self, noun: int) -> None:
        """``X issued a statement: “...”``: a reporting noun, a colon, then a quote."""
        d = self.d
        nxt = noun + 1
        if nxt + 1 >= d.n or d.words[nxt] != ":":
            return
        k = None
        for tok in range(nxt + 1, min(nxt + 3, d.n)):
            for c in range(d.tok_starts[tok], d.tok_end(tok)):
                if c in d.quote_by_open:
                    k = d.quote_by_open[c]
                    break
            if k is not None or not d.words[tok].isspace():
                break
        if k is None or k in self.used_quotes:
            return
        chain = self._quote_chain(k)
        speaker: int | None = None
        for child in d.children[noun]:
            if d.dep[child] == "poss":
                speaker = child
        if (
            speaker is None
            and d.dep[noun] in ("dobj", "nsubjpass")
            and d.pos[d.heads[noun]] in ("VERB", "AUX")
        ):
            speaker = _find_speaker(d.heads[noun], d)
            if speaker is not None and speaker == noun:
                speaker = None
        draft = Draft(
            content=[(d.quotes[j].start, d.quotes[j].end) for j in chain],
            kind="direct",
            rule=f"reporting noun '{d.lemma[noun]}' followed by a colon and a quote",
            confidence=0.7,
            cue=(d.tok_starts[noun], d.tok_end(noun)),
            cue_tok=noun,
            quotes=chain,
            cue_lemma=d.lemma[noun],
        )
        self._keep(draft, speaker)

    def colon_quotes(self) -> None:
        """``Name: “...”`` and ``NAME: text`` at the start of a sentence or paragraph."""
        d = self.d
        n, words, pos, starts = d.n, d.words, d.pos, d.tok_starts
        for tok, lower in d.lower_cands:
            if lower != ":" or tok == 0:
                continue
            sent_start = d.table.sent_bounds(tok)[0]
            para_start = d.paras[d.para_of(starts[tok])][0]
            left = list(range(max(sent_start, d.tok_at(para_start)), tok))
            # a transcript quoted paragraph by paragraph: ``"WALLACE: Let's start ...``
            lead_quote: int | None = None
            while left and words[left[0]] in ALL_MARKS:
                if lead_quote is None:
                    lead_quote = d.quote_by_open.get(starts[left[0]])
                left = left[1:]
            if not left or len(left) > 7:
                continue
            if not all(
                pos[t] == "PROPN" or words[t].istitle() or words[t] in (".",) for t in left
            ) and (
                # "Clinton camp:", "Former AG Mukasey at RNC:" (headlines)
                len(left) > 6
                or not (words[left[0]].istitle() or pos[left[0]] == "PROPN")
                or not any(pos[t] == "PROPN" for t in left)
                or not all(pos[t] in ("PROPN", "NOUN", "ADP", "DET", "ADJ", "PUNCT") for t in left)
            ):
                continue
            if any(d.lemma[t] in self.lex.verbs and pos[t] == "VERB" for t in left):
                continue
            k = None
            nxt = tok + 1
            if nxt < n:
                for c in range(starts[nxt], d.tok_end(nxt)):
                    if c in d.quote_by_open:
                        k = d.quote_by_open[c]
            if k is not None and k in self.used_quotes:
                continue
            if k is not None:
                chain = self._quote_chain(k)
                content = [(d.quotes[j].start, d.quotes[j].end) for j in chain]
                kind = "direct"
            else:
                pe = d.paras[d.para_of(starts[tok])][1]
                span = _trim_span(self.text, d.tok_end(tok), pe)
                if span[1] - span[0] < 10:
                    continue
                if not any(  # "The Ninth Circle: The View from Inside" is a title, not a claim
                    pos[t] in ("VERB", "AUX") and starts[t] >= span[0]
                    for t in range(tok + 1, d.tok_at(max(span[0], span[1] - 1)) + 1)
                ):
                    continue
                chain = []
                content = [span]
                kind = "indirect"
                if lead_quote is not None and lead_quote not in self.used_quotes:
                    q = d.quotes[lead_quote]
                    if q.open < starts[tok] < q.end:
                        span = (span[0], min(span[1], q.end))
                        content, chain, kind = [span], [lead_quote], "direct"
            head = left[-1]
            for t in left:
                if d.heads[t] == t or not (left[0] <= d.heads[t] <= left[-1]):
                    head = t
            draft = Draft(
                content=content,
                kind=kind,
                rule="colon after a name",
                confidence=0.7,
                cue=(starts[tok], starts[tok] + 1),
                cue_tok=tok,
                quotes=chain,
                cue_lemma=":",
            )
            draft.speaker_head = head
            draft.speaker_toks = (left[0], left[-1] + 1)
            self._keep(draft)

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
        d = self.d
        by_cue = {x.cue_tok: x for x in self.drafts if x.cue_tok is not None}
        # the cues in text order, to find those inside a content by bisection
        cues = sorted((d.tok_starts[tok_i], tok_i) for tok_i in by_cue)
        cue_chars = [c for c, _ in cues]
        for outer in self.drafts:
            if len(outer.content) != 1 or outer.kind == "direct" or outer.cue_tok is None:
                continue
            s, e = outer.content[0]
            cut: int | None = None
            lo = bisect.bisect_left(cue_chars, s)
            for cue_char, cue in cues[lo : bisect.bisect_left(cue_chars, e)]:
                inner = by_cue[cue]
                if inner is outer:
                    continue
                if d.dep[cue] != "conj" or d.pos[cue] != "VERB":
                    continue
                if self.lex.verbs.get(inner.cue_lemma) != "speech" or inner.start < cue_char:
                    continue
                if d.quote_containing(cue_char) is not None:
                    continue
                first = d.left_edge(cue)
                while (
                    first > 0
                    and (d.dep[first - 1] == "cc" or d.punct[first - 1])
                    and d.words[first - 1] not in ALL_MARKS
                ):
                    first -= 1
                if d.tok_end(d.right_edge(cue)) < e - 2 or d.tok_starts[first] <= s:
                    continue
                if cut is None or d.tok_starts[first] < cut:
                    cut = d.tok_starts[first]
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
            head = draft.speaker_head
            if self.d.lemma[head] not in self.lex.report_nouns:
                continue
            if not any(
                self.d.dep[c] == "det" and self.d.lower[c] in ("the", "this", "that")
                for c in self.d.children[head]
            ):
                continue
            for j in range(len(drafts) - 1, -1, -1):
                other = drafts[j]
                if j == i or other.anchor() >= draft.anchor():
                    continue
                if other.cue_lemma in ("report", "write", "publish", "broadcast") or (
                    other.speaker_head is not None
                    and self.d.table.ent_type[other.speaker_head] == "ORG"
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
                first, last = draft.speaker_toks[0], draft.speaker_toks[1] - 1
                speaker_span = _span_dict(text, self.d.tok_starts[first], self.d.tok_end(last))
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
