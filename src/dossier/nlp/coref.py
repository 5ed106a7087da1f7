"""The `dossier_coref` component: pronouns and definite descriptions resolved by rule.

No offline coreference model exists, so this is a transparent, Hobbs-style search:

* **Pronouns** (he/his/she/they/its ..., from ``pronouns.yaml``): climb the dependency tree
  from the pronoun; at each ancestor, look through the material before the pronoun
  breadth-first (shallow, i.e. subject-like, mentions first); then the previous sentences
  (up to 4), each breadth-first from its root. The first entity that agrees (type, gender,
  number) wins. Constraints: a non-reflexive object pronoun never takes its own clause's
  subject; a pronoun inside a quotation never refers to the quotation's speaker; the
  subject of a reporting verb ("..., he said") skips entities inside what is reported.
* **Definite descriptions** ("the general", "the group", "the country"): the most recent
  entity (within 5 sentences) whose role, title or sector fits the role noun.
* **Cataphoric descriptions** ("Iran's former top general in Syria broke ... delivered by
  Brig. Gen. Behrouz Esbati"): a description with a nationality and a role that finds no
  antecedent joins the first person named soon after with a matching title or role, and
  gives that person its country and sector.

Each resolved mention records its rule on the entity.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import deque
from collections.abc import Iterator

import numpy
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.symbols import NOUN
from spacy.tokens import Doc

from dossier.knowledge.countries import country_index
from dossier.knowledge.resources import load_yaml
from dossier.knowledge.roles import Pronoun, Role, pronouns, roles, title_words
from dossier.nlp.state import Analysis, EntityState, Mention, doc_text, get_state
from dossier.nlp.tokens import C_LEMMA, C_LOWER, C_POS, C_TAG, TokenTable, token_table

OPEN_QUOTES = '“‘«„"'
CLOSE_QUOTES = '”’»"'
_LOOKBACK_SENTENCES = 4
_NN = get_string_id("NN")
_BE = get_string_id("be")
# what opens, closes or ends a quotation: its marks, and a line break followed by another
_QUOTE_EVENTS = ("“", "«", "„", "”", "»", '"', "\n\n")
_DESCRIPTION_WINDOW = 5


class CorefComponent:
    def __init__(self, nlp: Language, name: str = "dossier_coref") -> None:
        self.name = name
        self.pronouns = pronouns()
        self.pronoun_ids = numpy.array(
            sorted(get_string_id(word) for word in self.pronouns), dtype=numpy.uint64
        )
        self.roles = roles()
        self.title_words = title_words()
        self.countries = country_index()
        self.reporting = set(load_yaml("reporting_verbs.yaml")["verbs"])
        descriptions = load_yaml("roles.yaml").get("descriptions") or {}
        self.not_resolved = frozenset(w.lower() for w in descriptions.get("not_resolved") or [])
        self.any_of_sector = frozenset(w.lower() for w in descriptions.get("any_of_sector") or [])
        self.country_nouns = frozenset(w.lower() for w in descriptions.get("country_nouns") or [])

    def __call__(self, doc: Doc) -> Doc:
        state = get_state(doc)
        table = token_table(doc)
        sentences = _Sentences(doc, table)
        quotes = _Quotes(doc_text(doc), table, self.reporting)
        token_mention = state.token_mention
        # only pronouns and singular common nouns are looked at: find them from the token
        # arrays, and read their attributes from the token table (no Token objects)
        arr = table.array
        lowers = arr[:, C_LOWER]
        # membership in the sorted pronoun ids (`numpy.isin` costs more on a short document)
        listed = self.pronoun_ids.take(self.pronoun_ids.searchsorted(lowers), mode="clip")
        wanted = (listed == lowers) | ((arr[:, C_POS] == NOUN) & (arr[:, C_TAG] == _NN))
        lower, pos, tag, lemma = table.lower, table.pos, table.tag, table.lemma
        roles = self.roles
        for i in numpy.flatnonzero(wanted).tolist():
            if i in token_mention:
                continue
            pronoun = self.pronouns.get(lower[i])
            if (pronoun is not None and pos[i] == "PRON") or (
                pronoun is not None and tag[i] in ("PRP", "PRP$")
            ):
                assert pronoun is not None
                self._pronoun(doc, state, table, i, pronoun, sentences, quotes)
            elif pos[i] == "NOUN" and tag[i] == "NN" and lemma[i] in roles:
                self._description(doc, state, table, i, sentences)
        return doc

    # ------------------------------------------------------------------ pronouns
    def _pronoun(
        self,
        doc: Doc,
        state: Analysis,
        table: TokenTable,
        i: int,
        pronoun: Pronoun,
        sentences: _Sentences,
        quotes: _Quotes,
    ) -> None:
        if table.lower[i] == "it" and (
            table.array[table.head[i], C_LEMMA] == _BE or table.dep[i] == "expl"
        ):
            return  # "it is", "it can be": usually not an actor
        excluded = self._excluded(state, table, i, quotes)
        found = None
        neuter = pronoun.gender == "n"
        for mention in self._search(state, table, i, sentences, excluded, neuter):
            if mention.entity == "":
                return  # "it" refers to a thing named by a nearer noun ("the speech ... it")
            ent = state.entities.get(mention.entity)
            if ent is not None and self._agrees(ent, pronoun):
                found = (ent, mention)
                break
        if found is None:
            return
        ent, _antecedent = found
        start = table.idx[i]
        state.add_mention(
            ent, Mention(start, start + len(table.words[i]), i, i + 1, "pronoun", head=i)
        )
        if pronoun.gender in ("m", "f") and ent.gender is None:
            ent.gender = pronoun.gender
        rule = "pronoun resolved (Hobbs-style search, agreement)"
        if rule not in ent.rule:
            ent.rule.append(rule)

    @staticmethod
    def _agrees(ent: EntityState, pronoun: Pronoun) -> bool:
        if ent.type not in pronoun.types:
            return False
        if (
            pronoun.gender == "n"
            and ent.type == "GPE"
            and not (ent.kb_id or "").startswith("country:")
        ):
            return False  # cities are rarely "it" as actors
        if ent.type == "PERSON":
            if pronoun.gender in ("m", "f") and ent.gender not in (None, pronoun.gender):
                return False
            return not pronoun.plural
        return not (pronoun.plural is False and ent.plural)

    @staticmethod
    def _excluded(state: Analysis, table: TokenTable, i: int, quotes: _Quotes) -> set[str]:
        excluded: set[str] = set()
        dep, head = table.dep, table.head
        # binding: "Esbati praised him" -- not the subject of its own clause
        if dep[i] in ("dobj", "iobj", "pobj") and table.tag[i] == "PRP":
            verb = head[i] if dep[i] != "pobj" else head[head[i]]
            for child in table.kids[verb]:
                if dep[child] in ("nsubj", "nsubjpass"):
                    ent = state.entity_at(child)
                    if ent:
                        excluded.add(ent.id)
        # inside a quotation: not the quotation's speaker
        quote = quotes.holding(table.idx[i])
        if quote is not None:
            speaker = quotes.speaker(state, quote)
            if speaker:
                excluded.add(speaker)
        return excluded

    def _search(
        self,
        state: Analysis,
        table: TokenTable,
        i: int,
        sentences: _Sentences,
        excluded: set[str],
        things: bool = False,
    ) -> Iterator[Mention]:
        """Candidate antecedent mentions of token `i` in Hobbs order."""
        skip: set[int] = set()
        dep, head = table.dep, table.head
        if dep[i] in ("nsubj", "nsubjpass") and table.lemma[head[i]] in self.reporting:
            for child in table.kids[head[i]]:
                if dep[child] in ("ccomp", "xcomp", "parataxis"):
                    skip.update(table.subtree(child))
        seen: set[int] = set()
        # the pronoun's own sentence: climb and search leftwards
        node = i
        visited_child = -1
        while True:
            for mention in _bfs_mentions(
                state, table, node, limit=i, avoid=visited_child, things=things
            ):
                if mention.entity in excluded or mention.tok_start in skip:
                    continue
                if id(mention) not in seen:
                    seen.add(id(mention))
                    yield mention
            if head[node] == node:
                break
            visited_child, node = node, head[node]
        n = sentences.index(i)
        for back in range(1, _LOOKBACK_SENTENCES + 1):
            if n - back < 0:
                break
            sent_root, sent_end = sentences.root(n - back), sentences.end(n - back)
            for mention in _bfs_mentions(state, table, sent_root, limit=sent_end, avoid=-1):
                if mention.entity in excluded:
                    continue
                if id(mention) not in seen:
                    seen.add(id(mention))
                    yield mention

    # ------------------------------------------------------------------ descriptions
    def _description(
        self, doc: Doc, state: Analysis, table: TokenTable, head: int, sentences: _Sentences
    ) -> None:
        """'the general' (anaphoric) or "Iran's top general ... Gen. X" (cataphoric)."""
        role = self.roles.get(table.lemma[head])  # (the caller asks only about role nouns)
        if role is None or role.noun in self.not_resolved:
            return
        dep = table.dep
        determiners = [c for c in table.kids[head] if c < head and dep[c] in ("det", "poss")]
        if not determiners or state.mention_at(head) is not None:
            return
        det = determiners[0]
        country = None
        if dep[det] == "poss":
            owner = state.entity_at(det)
            if owner is None or owner.type != "GPE" or not owner.country:
                return  # "his forces", "Assad's general": not a description we resolve
            country = owner.country
        elif table.lower[det] != "the":
            return
        start = det + 1 if dep[det] == "poss" else det
        words = table.words
        while start < head and (words[start] in ("'s", "’s") or state.mention_at(start)):
            start += 1
        span = doc[start : head + 1]
        if any(state.mention_at(i) for i in range(span.start, span.end)):
            return
        n = sentences.index(head)
        best = self._antecedent(
            state, role, sentences.starts[max(0, n - _DESCRIPTION_WINDOW)], span.start
        )
        how = f"definite description {span.text!r}"
        if best is None and country is not None and role.kind == "person":
            last = sentences.end(min(len(sentences.starts) - 1, n + 2))
            best = self._postcedent(state, role, span.end, last)
            how = f"description {span.text!r} introduces the person named next"
        if best is None:
            return
        state.add_mention(
            best,
            Mention(span.start_char, span.end_char, span.start, span.end, "description", head=head),
        )
        if country and best.country is None:
            best.country = country
            how += f" -> {country}"
        if role.sector and best.sector is None:
            best.sector = role.sector
        if how not in best.rule:
            best.rule.append(how)

    def _antecedent(
        self, state: Analysis, role: Role, first: int, before: int
    ) -> EntityState | None:
        best: EntityState | None = None
        best_pos = -1
        for ent in state.entities.values():
            if not self._fits(ent, role):
                continue
            for mention in ent.mentions:
                if first <= mention.tok_start < before and mention.tok_start > best_pos:
                    best, best_pos = ent, mention.tok_start
        return best

    def _postcedent(self, state: Analysis, role: Role, after: int, last: int) -> EntityState | None:
        best: EntityState | None = None
        best_pos = last
        for ent in state.entities.values():
            if not self._fits(ent, role):
                continue
            for mention in ent.mentions:
                if after <= mention.tok_start < best_pos and mention.kind in ("name", "title"):
                    best, best_pos = ent, mention.tok_start
        return best

    def _fits(self, ent: EntityState, role: Role) -> bool:
        if role.kind == "person":
            if ent.type != "PERSON":
                return False
            if ent.role and ent.role.lower() == role.noun:
                return True
            title = self.title_words.get(role.noun)
            if title is not None and ent.role == title.title:
                return True
            return (
                role.sector is not None
                and ent.sector == role.sector
                and role.noun in self.any_of_sector
            )
        if role.noun in self.country_nouns:
            return ent.type == "GPE" and bool(ent.kb_id and ent.kb_id.startswith("country:"))
        if role.kind == "org":
            if ent.type not in ("ORG", "GROUP") or ent.plural:
                return False
            return role.sector is None or ent.sector == role.sector
        return False


def quote_regions(text: str) -> list[tuple[int, int]]:
    """Character ranges inside paired quotation marks (curly, guillemets, straight)."""
    regions: list[tuple[int, int]] = []
    open_at: int | None = None
    for i in _quote_events(text):  # quotation marks and paragraph breaks only
        ch = text[i]
        if ch == "\n" and open_at is not None:
            open_at = None  # a paragraph ends: an unclosed quotation stops here
        if ch in "“«„" or (ch == '"' and open_at is None):
            open_at = i + 1
        elif ch in "”»" or (ch == '"' and open_at is not None):
            if open_at is not None:
                regions.append((open_at, i))
            open_at = None
    return regions


class _Quotes:
    """The document's quotations (`quote_regions`, in text order and apart) and, for each, the
    subjects of the reporting verbs in the sentences around it (read once per quotation: they
    depend on the parse only)."""

    def __init__(self, text: str, table: TokenTable, reporting: set[str]) -> None:
        self.regions = quote_regions(text)
        self.starts = [s for s, _ in self.regions]
        self.table = table
        self.reporting = reporting
        self._subjects: dict[int, list[int]] = {}

    def holding(self, at: int) -> int | None:
        """The number of the quotation that holds character `at`, if any."""
        k = bisect_right(self.starts, at) - 1
        return k if k >= 0 and at < self.regions[k][1] else None

    def speaker(self, state: Analysis, k: int) -> str | None:
        """The entity quotation `k` is attributed to: a reporting verb's subject right after
        or before it, else (a floating quotation) the speaker of the previous quotation."""
        for j in range(k, -1, -1):
            for child in self.subjects(j):
                ent = state.entity_at(child)
                if ent is not None:
                    return ent.id
        return None

    def subjects(self, k: int) -> list[int]:
        """The subjects of the reporting verbs near quotation `k`, in text order."""
        found = self._subjects.get(k)
        if found is None:
            table = self.table
            lemma, pos, dep, kids = table.lemma, table.pos, table.dep, table.kids
            found = self._subjects[k] = [
                child
                for token in _tokens_near(table, *self.regions[k])
                if lemma[token] in self.reporting and pos[token] == "VERB"
                for child in kids[token]
                if dep[child] in ("nsubj", "nsubjpass")
            ]
        return found


def _quote_events(text: str) -> list[int]:
    """Where the `_QUOTE_EVENTS` are, in text order (a line break counted where another
    follows it). Found with `str.find`, faster than a regular expression that tries every
    character."""
    events: list[int] = []
    for mark in _QUOTE_EVENTS:
        i = text.find(mark)
        while i != -1:
            events.append(i)
            i = text.find(mark, i + 1)
    events.sort()
    return events


def _tokens_near(table: TokenTable, start: int, end: int) -> list[int]:
    """Tokens of the sentence(s) around a quotation, outside it (the tokens at least partly
    in characters [start, end), widened to their sentences)."""
    tokens = table.expanded(start, end)
    if tokens is None or tokens[0] >= tokens[1]:
        return []
    idx = table.idx
    a, b = table.sent_bounds(tokens[0])[0], table.sent_bounds(tokens[1] - 1)[1]
    return [k for k in range(a, b) if not start <= idx[k] < end]


def _bfs_mentions(
    state: Analysis, table: TokenTable, root: int, limit: int, avoid: int, things: bool = False
) -> Iterator[Mention]:
    """Mentions in the subtree of token `root` before token `limit`, breadth-first, left to
    right, leaving out the subtree of token `avoid` (already searched; -1: none). With
    `things`, a singular common noun that is no mention yields an empty Mention (entity ""):
    a non-actor antecedent."""
    token_mention = state.token_mention
    kids = table.kids
    queue: deque[int] = deque([root])
    while queue:
        node = queue.popleft()
        if node == avoid:
            continue
        if node < limit:
            mention = token_mention.get(node)
            if mention is not None:
                if mention.head in (node, -1) or mention.tok_start == node:
                    yield mention
            elif (
                things
                and table.tag[node] == "NN"
                and table.dep[node] in ("nsubj", "nsubjpass", "dobj")
            ):
                start = table.idx[node]
                yield Mention(start, start + len(table.words[node]), node, node + 1, "thing")
        queue.extend(kids[node])


class _Sentences:
    """The document's sentences as token offsets (`doc.sents` without Span objects)."""

    def __init__(self, doc: Doc, table: TokenTable) -> None:
        self.doc = doc
        self.table = table
        self.starts = table.sent_starts

    def index(self, i: int) -> int:
        """The number of the sentence that holds token `i`."""
        return self.table.sentence_of(i)

    def end(self, n: int) -> int:
        return self.table.sentence_range(n)[1]

    def root(self, n: int) -> int:
        """The root of sentence `n` (its first token that is its own head, as `Span.root`)."""
        head = self.table.head
        start, end = self.table.sentence_range(n)
        for i in range(start, end):
            if head[i] == i:
                return i
        root: int = self.doc[start:end].root.i  # no parser root (sentences set by hand)
        return root


@Language.factory("dossier_coref")
def make_coref(nlp: Language, name: str) -> CorefComponent:
    return CorefComponent(nlp, name)
