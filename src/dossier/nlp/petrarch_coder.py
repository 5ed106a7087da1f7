"""Coding a sentence with a user's PETRARCH/TABARI dictionaries, on Dossier's own parse.

Per sentence: discards first (a discard phrase codes nothing); then the actor and agent phrases
of the dictionaries are found in the tokens ("Valdorian soldiers" = the actor ``VLD`` + the agent
``~MIL`` = ``VLDMIL``); then for every predicate (:func:`dossier.nlp.frames.sentence_frames`)
whose lemma or form has a verb block, the block's patterns are matched around the verb: words
before ``*`` in the text before it, words after it in the verb's phrase, ``(PREP ...)`` in a
prepositional phrase of the verb, ``$``/``+`` on an actor there. The most specific matching
pattern gives the code (the block's own code when none matches); source and target come from
the pattern's slots, else from the frame (subject; object, else a prepositional object; a
passive's subject is the target and its ``by`` phrase the source). ``[a:b]`` codes a->b with
``a`` and b->a with ``b``. Every coded event names the dictionary lines it came from.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from dossier.knowledge.petrarch_dicts import Dictionaries, Phrase
from dossier.knowledge.petrarch_verbs import (
    Element,
    VerbBlock,
    VerbDictionary,
    VerbForm,
    VerbPattern,
)
from dossier.nlp.frames import Frame, sentence_frames

MIN_PREFIX = 4  # a dictionary word without a trailing "_" also matches longer words from here


@dataclass(frozen=True)
class ActorSpan:
    start: int  # token offsets, end exclusive
    end: int
    code: str
    rule: str


@dataclass(frozen=True)
class CodedEvent:
    source: ActorSpan
    target: ActorSpan
    cameo: str
    verb: int  # token index
    rule: str

    @property
    def codes(self) -> tuple[str, str, str]:
        return (self.source.code, self.target.code, self.cameo)


def _word_ok(word: str, exact: bool, text: str, lemma: str) -> bool:
    if word in (text, lemma):
        return True
    return not exact and len(word) >= MIN_PREFIX and text.startswith(word)


def _phrase_at(words: list[str], i: int, phrase: Phrase) -> int:
    """End of `phrase` matched at token `i`, or -1. A token whose words are joined by ``_``
    ("DOL_AMROTH", PETRARCH's own way of writing a multi-word name in a text) matches the
    phrase's words one by one."""
    n = len(phrase.words)
    k = 0
    j = i
    while k < n:
        if j >= len(words):
            return -1
        parts = words[j].split("_") if "_" in words[j].strip("_") else [words[j]]
        if k + len(parts) > n:
            return -1
        for part in parts:
            if not _word_ok(phrase.words[k], phrase.exact[k], part, ""):
                return -1
            k += 1
        j += 1
    return j


def _longest(index: dict[str, list[Phrase]], words: list[str], i: int) -> tuple[int, Phrase] | None:
    best: tuple[int, Phrase] | None = None
    for first in dict.fromkeys([words[i], words[i].split("_")[0] or words[i]]):
        for p in index.get(first, []):
            end = _phrase_at(words, i, p)
            if end > 0 and (best is None or end > best[0]):
                best = (end, p)
    if best is None and len(words[i]) > MIN_PREFIX:
        # "ARNORIAN" against the entry "ARNOR": the entry's word is a prefix of the token
        for cut in range(len(words[i]) - 1, MIN_PREFIX - 1, -1):
            for p in index.get(words[i][:cut], []):
                end = _phrase_at(words, i, p)
                if end > 0 and (best is None or end > best[0]):
                    best = (end, p)
            if best is not None:
                break
    return best


def find_actors(
    words: list[str],
    offset: int,
    dicts: Dictionaries,
    day: dt.date | None,
    nouns: list[bool] | None = None,
    modifiers: list[bool] | None = None,
) -> list[ActorSpan]:
    """Actor spans of a sentence's upper-case words (token offsets from `offset`); an agent
    phrase must end on a noun when `nouns` says which words are nouns ("diplomat" is an
    agent, "diplomatic" is not); `modifiers` says which words may stand between a
    possessor and its agent ("Valdoria's proud and able envoy": adjectives, adverbs,
    conjunctions)."""
    actors: list[tuple[int, int, Phrase]] = []
    agents: list[tuple[int, int, Phrase]] = []
    i = 0
    while i < len(words):
        hit = _longest(dicts.actors, words, i) if dicts.actors else None
        ahit = _longest(dicts.agents, words, i) if dicts.agents else None
        if ahit is not None and nouns is not None and not nouns[ahit[0] - 1]:
            ahit = None
        if hit is not None and (ahit is None or hit[0] >= ahit[0]):
            actors.append((i, hit[0], hit[1]))
            i = hit[0]
        elif ahit is not None:
            agents.append((i, ahit[0], ahit[1]))
            i = ahit[0]
        else:
            i += 1
    out: list[ActorSpan] = []
    used: set[int] = set()
    prefixes: list[int] = []  # spans of a prefix agent standing alone ("MSF")
    placed: list[Placed] = []  # each agent's span in `out` and the countries it took
    for s, e, agent in agents:
        # the country next to the agent: "Valdorian soldiers", "soldiers of Valdoria"
        mate = next(
            (a for a in actors if a[1] == s or (a[1] == s - 1 and words[s - 1] in {"THE", "'S"})),
            None,
        )
        if mate is None and modifiers is not None:
            # the possessor across the agent's modifiers: "Valdoria's proud and able envoy"
            j = s - 1
            while j >= 0 and s - j <= 4 and modifiers[j]:
                j -= 1
            if j < s - 1 and j > 0 and words[j] == "'S":
                mate = next((a for a in actors if a[1] == j), None)
        if mate is None:
            mate = next(
                (a for a in actors if a[0] in (e + 1, e + 2) and words[e] in {"OF", "FROM", "IN"}),
                None,
            )
        # a name right after the agent is the same actor: "the minister Anna Berg"
        name = next((a for a in actors if a[0] == e and a is not mate), None)
        if (
            name is not None
            and agent.role.endswith("~")
            and any(other[0] == name[1] for other in agents)
        ):
            name = None  # "an MSF Arnor diplomat": the name goes with the next agent
        start, end, rules = s, e, [agent.rule]
        base = "---"
        for a in (name, mate):
            if a is None:
                continue
            used.add(a[0])
            start, end = min(start, a[0]), max(end, a[1])
            rules.insert(0, a[2].rule)
            base = a[2].code_on(day) or base
        out.append(
            ActorSpan(offset + start, offset + end, _with_role(base, agent), "+".join(rules))
        )
        placed.append((s, e, agent, len(out) - 1, []))
        if mate is None and name is None and agent.role.endswith("~"):
            prefixes.append(len(out) - 1)
        if mate is not None:
            placed[-1][4].append((mate[2].code_on(day) or "---", mate[2].rule))
            # the agent holds for each coordinated country: "Valdorian and Kestrian envoys",
            # "envoys of Valdoria, Kestria and Ostmark"
            for other in _coordinated(actors, mate, words, before=mate[1] <= s):
                used.add(other[0])
                placed[-1][4].append((other[2].code_on(day) or "---", other[2].rule))
                code = _with_role(other[2].code_on(day) or "---", agent)
                out.append(
                    ActorSpan(
                        offset + other[0], offset + other[1], code, f"{other[2].rule}+{agent.rule}"
                    )
                )
    _share_countries(out, placed, words)
    for s, e, actor in actors:
        own = actor.code_on(day)
        if s not in used and own:
            out.append(ActorSpan(offset + s, offset + e, own, actor.rule))
    return _stack_prefixes(out, prefixes)


Placed = tuple[int, int, Phrase, int, list[tuple[str, str]]]


def _share_countries(out: list[ActorSpan], placed: list[Placed], words: list[str]) -> None:
    """Agents listed together share their countries: "Valdorian envoys and soldiers",
    "judges and envoys of Valdoria and Kestria" (each agent codes with each country; the
    span's code names them all, ``VLDJUD/KSTJUD``)."""

    def linked(e: int, s: int) -> bool:  # words e..s-1 join two listed agents
        between = words[e:s]
        return 1 <= len(between) <= 2 and all(w in _COORD for w in between)

    for k, (s, e, agent, idx, bases) in enumerate(placed):
        if bases or agent.role.endswith("~") or not out[idx].code.startswith("---"):
            continue
        mates = [
            p
            for p in placed[k + 1 : k + 2] + placed[max(0, k - 1) : k]
            if p[4] and (linked(e, p[0]) or linked(p[1], s))
        ]
        if not mates:
            continue
        got = mates[0][4]
        code = "/".join(dict.fromkeys(_with_role(b, agent) for b, _r in got))
        rule = "+".join([*dict.fromkeys(r for _b, r in got), out[idx].rule])
        out[idx] = ActorSpan(out[idx].start, out[idx].end, code, rule)


def _stack_prefixes(spans: list[ActorSpan], prefixes: list[int]) -> list[ActorSpan]:
    """A prefix agent right before another actor codes with it ("an MSF Arnor diplomat":
    ``[NGO~]`` + ``ARNGOV`` = ``NGOARNGOV``), as TABARI's prefix agent codes do."""
    merged: set[int] = set()
    result = list(spans)
    for k in prefixes:
        pre = spans[k]
        nxt = next((j for j, b in enumerate(spans) if b.start == pre.end and j not in merged), None)
        if nxt is None:
            continue
        b = spans[nxt]
        result[nxt] = ActorSpan(pre.start, b.end, pre.code + b.code, f"{pre.rule}+{b.rule}")
        merged.update({k, nxt})
        result[k] = result[nxt]
    return sorted(dict.fromkeys(result), key=lambda a: a.start)


def _with_role(base: str, agent: Phrase) -> str:
    if agent.role.endswith("~"):  # a prefix role: "[NGO~]"
        return agent.role[:-1] + ("" if base == "---" else base)
    if base.endswith(agent.role) and len(base) > 3:
        base = base[: -len(agent.role)]  # "the White House [USAGOV] official [~GOV]"
    return base + agent.role


_COORD = frozenset({"AND", ",", "OR"})


def _coordinated(
    actors: list[tuple[int, int, Phrase]],
    mate: tuple[int, int, Phrase],
    words: list[str],
    before: bool,
) -> list[tuple[int, int, Phrase]]:
    """Actors listed with `mate` ("A, B and C"), before it or after it."""
    ends = {a[1]: a for a in actors}
    starts = {a[0]: a for a in actors}
    out: list[tuple[int, int, Phrase]] = []
    cur = mate
    while True:
        if before:
            k = cur[0] - 1
            if k < 1 or words[k] not in _COORD:
                break
            nxt = ends.get(k) or (ends.get(k - 1) if words[k - 1] in _COORD else None)
        else:
            k = cur[1]
            if k >= len(words) or words[k] not in _COORD:
                break
            nxt = starts.get(k + 1) or (
                starts.get(k + 2) if k + 1 < len(words) and words[k + 1] in _COORD else None
            )
        if nxt is None or nxt in out:
            break
        out.append(nxt)
        cur = nxt
    return out


def discarded(words: list[str], dicts: Dictionaries, story: bool) -> str | None:
    """The rule of a discard phrase found in `words` (story-level ones only if `story`)."""
    for file, d in dicts.discards:
        if d.story != story:
            continue
        n = len(d.words)
        for i in range(len(words) - n + 1):
            if tuple(words[i : i + n]) == d.words:
                return f"{file}:{d.line}"
    return None


class _Sentence:
    """The words of one sentence and what the matcher needs of them."""

    def __init__(self, doc: Doc, sent: Span, actors: list[ActorSpan], vd: VerbDictionary) -> None:
        self.doc = doc
        self.start = sent.start
        self.end = sent.end
        self.text = [t.text.upper() for t in sent]
        self.lemma = [t.lemma_.upper() for t in sent]
        self.actor_at: dict[int, ActorSpan] = {}
        for a in actors:
            for j in range(a.start, a.end):
                self.actor_at.setdefault(j, a)
        self.vd = vd

    def word(self, el: Element, j: int) -> bool:
        k = j - self.start
        return 0 <= k < len(self.text) and _word_ok(el.text, el.exact, self.text[k], self.lemma[k])

    def seq(
        self,
        els: tuple[Element, ...],
        j: int,
        limit: int,
        slots: dict[str, ActorSpan],
        depth: int = 0,
    ) -> int:
        """Match `els` from token `j` on (gaps allowed unless joined); end or -1."""
        if not els:
            return j
        if depth > 6:
            return -1
        el, rest = els[0], els[1:]
        starts = [j] if el.joined else range(j, limit)
        for s in starts:
            for end, got in self.one(el, s, limit, depth):
                found = dict(slots, **got)
                tail = self.seq(rest, end, limit, found, depth)
                if tail >= 0:
                    slots.update(found)
                    return tail
        return -1

    def one(
        self, el: Element, j: int, limit: int, depth: int
    ) -> list[tuple[int, dict[str, ActorSpan]]]:
        if j > limit:
            return []
        if el.kind == "word":
            return [(j + 1, {})] if j < limit and self.word(el, j) else []
        if el.kind in {"source", "target", "compound"}:
            a = self.actor_at.get(j)
            if a is None or j >= limit:
                return []
            return [(a.end, {el.kind: a})]
        if el.kind == "skip":
            return self.skip(j, limit)
        if el.kind == "set":
            out: list[tuple[int, dict[str, ActorSpan]]] = []
            for member in self.vd.synsets.get(el.text.rstrip("_"), []):
                joined = tuple(
                    Element(m.kind, m.text, m.exact, k > 0 or m.joined, m.items)
                    for k, m in enumerate(member)
                )
                got: dict[str, ActorSpan] = {}
                end = self.seq(joined, j, limit, got, depth + 1)
                if end >= 0:
                    out.append((end, got))
            return out
        if el.kind == "phrase":
            # a noun phrase: its words in order, the first one here
            got = {}
            items = el.items
            if items:
                items = (
                    Element(items[0].kind, items[0].text, items[0].exact, True, items[0].items),
                    *items[1:],
                )
            end = self.seq(items, j, limit, got, depth + 1)
            return [(end, got)] if end >= 0 else []
        if el.kind == "prep":
            k = j - self.start
            if not (0 <= k < len(self.text)) or self.text[k] != el.text:
                return []
            got = {}
            tok = self.doc[j]
            stop = min(limit, tok.right_edge.i + 1)
            end = self.seq(el.items, j + 1, stop, got, depth + 1)
            return [(end, got)] if end >= 0 else []
        return []

    def skip(self, j: int, limit: int) -> list[tuple[int, dict[str, ActorSpan]]]:
        """``^``: the noun phrase at `j` (after an optional preposition) is passed over."""
        k = min(j, limit)
        if k < limit and self.doc[k].pos_ == "ADP":
            k += 1
        first = k
        while k < limit and self.doc[k].pos_ in _NOUN_PHRASE:
            k += 1
        if not any(self.doc[t].pos_ in _NOMINAL for t in range(first, k)):
            return []
        return [(k, {})]

    def match(
        self, p: VerbPattern, verb: int, verb_end: int, post_limit: int
    ) -> dict[str, ActorSpan] | None:
        slots: dict[str, ActorSpan] = {}
        if p.pre:
            pre_slots: dict[str, ActorSpan] = {}
            if self.seq(p.pre, self.start, verb, pre_slots) < 0:
                return None
            slots.update(pre_slots)
        if p.post:
            post_slots: dict[str, ActorSpan] = {}
            first = p.post[0]
            els = (
                p.post
                if first.joined
                else (Element(first.kind, first.text, first.exact, False, first.items), *p.post[1:])
            )
            if self.seq(els, verb_end, post_limit, post_slots) < 0:
                return None
            slots.update(post_slots)
        return slots


def _actors_under(s: _Sentence, heads: list[int]) -> list[ActorSpan]:
    """The actor of each head: the one it is in, else the nearest in its phrase; coordinated
    heads ("Valdoria and Kestria") each give theirs."""
    out: list[ActorSpan] = []
    every = list(dict.fromkeys([*heads, *(c.i for h in heads for c in s.doc[h].conjuncts)]))
    for h in every:
        a = s.actor_at.get(h)
        if a is None:
            tok = s.doc[h]
            a = next(
                (
                    s.actor_at[t.i]
                    for t in sorted(tok.subtree, key=lambda t: abs(t.i - h))
                    if t.i in s.actor_at
                ),
                None,
            )
        if a is None:
            continue
        # the actor's own coordination: "with Kestria, Ostmark and Valdoria"
        for b in [
            a,
            *(s.actor_at.get(c.i) for t in range(a.start, a.end) for c in s.doc[t].conjuncts),
            *_listed(s, a),
        ]:
            if b is not None and b not in out:
                out.append(b)
    return out


_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_NOUN_PHRASE = frozenset({"DET", "ADJ", "NUM", "NOUN", "PROPN", "PRON"})
_NOMINAL = frozenset({"NOUN", "PROPN", "PRON"})
_POSSESSED_MODIFIERS = frozenset({"ADJ", "ADV", "CCONJ"})
_LIST_MODIFIERS = frozenset({"DET", "ADJ", "ADV"})  # words between a list's comma and a name


def _listed(s: _Sentence, a: ActorSpan) -> list[ActorSpan]:
    """Actors listed with `a` in the words ("A, B and C", "A and B"), where the parse did not
    coordinate them (PETRARCH's compound actors); an actor that is the subject of a clause of
    its own is no member of the list."""
    out: list[ActorSpan] = []
    subject = any(s.doc[t].dep_ in _SUBJECT_DEPS for t in range(a.start, a.end))

    def word(j: int) -> str:
        return s.text[j - s.start] if s.start <= j < s.end else ""

    def modifier(j: int) -> bool:
        if not (s.start <= j < s.end) or j in s.actor_at:
            return False
        tok = s.doc[j]
        # a lower-case word the parser took for a noun is a modifier too ("the proud old C")
        return tok.pos_ in _LIST_MODIFIERS or (tok.pos_ == "NOUN" and tok.text.islower())

    for step in (1, -1):
        cur = a
        while True:
            k = cur.end if step == 1 else cur.start - 1
            if step == -1:
                for _ in range(3):  # "and the evil Gondor": back over Gondor's modifiers
                    if modifier(k):
                        k -= 1
            if word(k) not in _COORD:
                break
            k += step
            if word(k) in _COORD:
                k += step
            if step == 1:
                for _ in range(3):  # "Fornost and the evil Gondor"
                    if modifier(k):
                        k += 1
            b = s.actor_at.get(k)
            if b is None or b in out or b == a or (b.start != k if step == 1 else b.end != k + 1):
                break
            if not subject and any(s.doc[t].dep_ in _SUBJECT_DEPS for t in range(b.start, b.end)):
                break
            out.append(b)
            cur = b
    return out


def _verb_form(
    s: _Sentence, i: int, block_form: tuple[VerbBlock, VerbForm]
) -> tuple[int, int] | None:
    """(first, end) tokens of the block's verb form at token `i`, or None."""
    _block, form = block_form
    words, head = form.words, form.head
    first = i - head
    if first < s.start or first + len(words) > s.end:
        return None
    for k, w in enumerate(words):
        if k == head:
            continue
        if s.text[first + k - s.start] != w:
            return None
    return first, first + len(words)


def code_sentence(
    doc: Doc, sent: Span, dicts: Dictionaries, day: dt.date | None = None
) -> list[CodedEvent]:
    """The (source, target, CAMEO) events the dictionaries code in `sent`."""
    words = [t.text.upper() for t in sent]
    if not dicts.verbs or discarded(words, dicts, story=False):
        return []
    nouns = [t.pos_ in {"NOUN", "PROPN"} for t in sent]
    modifiers = [t.pos_ in _POSSESSED_MODIFIERS for t in sent]
    actors = find_actors(words, sent.start, dicts, day, nouns, modifiers)
    if len(actors) < 1:
        return []
    out: list[CodedEvent] = []
    for fr in sentence_frames(doc, sent.start, sent.end):
        tok = doc[fr.predicate]
        for vd in dicts.verbs:
            s = _Sentence(doc, sent, actors, vd)
            found = [
                (bf, span)
                for bf in vd.lookup(tok.lemma_, tok.text)
                if (span := _verb_form(s, tok.i, bf)) is not None
            ]
            if not found:
                continue
            # the longest verb form wins ("lash out" over "lash")
            (block, form), (first, end) = max(found, key=lambda f: f[1][1] - f[1][0])
            coded = _code_verb(s, fr, block, form, first, end)
            if coded:
                out.extend(coded)
                break
    return out


def _code_verb(
    s: _Sentence, fr: Frame, block: VerbBlock, form: VerbForm, first: int, end: int
) -> list[CodedEvent]:
    doc = s.doc
    tok = doc[first + form.head]
    post_limit = tok.right_edge.i + 1
    best: tuple[VerbPattern, dict[str, ActorSpan]] | None = None
    for p in block.patterns:
        slots = s.match(p, first, end, post_limit)
        if slots is not None and (best is None or p.specificity > best[0].specificity):
            best = (p, slots)
    code = form.code or block.code
    rule = block.rule
    chosen: dict[str, ActorSpan] = {}
    if best is not None:
        code, chosen, rule = best[0].code, best[1], best[0].rule
    if code.event is None:
        return []
    passives = [c.i for c in tok.children if c.dep_ == "nsubjpass"]
    subjects = passives or list(fr.subjects)
    passive = bool(passives)
    objects = list(fr.objects) + list(fr.datives)
    prep_objs = [o for _p, o in fr.preps]
    if passive:
        agents = [
            g.i for c in tok.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"
        ]
        sources = _actors_under(s, agents)
        targets = _actors_under(s, subjects)
    else:
        sources = _actors_under(s, subjects)
        targets = _actors_under(s, objects) or _actors_under(s, prep_objs)
        if not targets:
            # TABARI's rule: the first actor after the verb in its clause, with the actors
            # listed with it ("trusts Valdoria and Kestria will ...")
            after = [a for j, a in sorted(s.actor_at.items()) if end <= j < post_limit]
            targets = [a for a in after if a not in sources][:1]
            targets += [b for b in _listed(s, targets[0]) if b not in sources] if targets else []
    if (
        not sources
        and not passive
        and (not subjects or any(doc[i].pos_ == "PRON" for i in subjects))
    ):
        # no subject or a pronoun ("it would act"): the nearest actor before the verb
        before = [a for j, a in sorted(s.actor_at.items()) if j < first and a not in targets]
        sources = before[-1:]
    if "source" in chosen:
        sources = [chosen["source"]]
    if "target" in chosen:
        targets = [chosen["target"]]
    if "compound" in chosen:
        # "%": the compound actor the pattern found, with the actors listed with it
        compound = [chosen["compound"], *_listed(s, chosen["compound"])]
        if not sources or set(sources) <= set(compound):
            sources = compound
        if len(sources) > 1:
            targets = list(sources)
    out: list[CodedEvent] = []
    for a in _split(sources):
        for b in _split(targets):
            if a == b or a.code == b.code:
                continue
            why = f"dictionary {rule}; source {a.rule}; target {b.rule}"
            out.append(CodedEvent(a, b, code.event, tok.i, why))
            if code.reverse:
                out.append(CodedEvent(b, a, code.reverse, tok.i, why))
    return out


def _split(actors: list[ActorSpan]) -> list[ActorSpan]:
    """A code naming several actors (``FRO/BIL/SAM``) stands for each of them."""
    out: list[ActorSpan] = []
    for a in actors:
        for code in a.code.split("/") if "/" in a.code else [a.code]:
            out.append(ActorSpan(a.start, a.end, code, a.rule))
    return out
