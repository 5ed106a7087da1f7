"""Demonyms and collectives (steps 3 and 4 of `dossier_entities`, see that module).

"Iranian targets" is a demonym mention of Iran; "Iranian leaders", "Russian jets" and plural
role nouns ("the rebels", "protesters") are collective GROUP entities coded with a country
and the role's sector.
"""

from __future__ import annotations

import numpy
from spacy.strings import get_string_id
from spacy.symbols import NOUN
from spacy.tokens import Doc

from dossier.knowledge.roles import (
    Role,
)
from dossier.nlp.entity_names import EntityReading, strip_the
from dossier.nlp.state import Analysis, EntityState, Mention
from dossier.nlp.tokens import (
    C_POS,
    C_SHAPE,
    C_TAG,
    TokenTable,
    token_table,
)

_CAPITALIZED_SHAPES: dict[int, bool] = {}
_NNS, _NNPS = get_string_id("NNS"), get_string_id("NNPS")


class CollectiveReader(EntityReading):
    """Demonym mentions and collective entities."""

    def _demonyms_and_collectives(self, doc: Doc, state: Analysis) -> None:
        token_mention = state.token_mention
        candidates = _demonym_or_plural_noun(doc)
        table = token_table(doc)
        words, pos, tag = table.words, table.pos, table.tag
        # the GROUP entities so far by (role, country), first made first (none before step 3)
        groups: dict[tuple[str | None, str | None], EntityState] = {}
        for ent in state.entities.values():
            if ent.type == "GROUP":
                groups.setdefault((ent.role, ent.country), ent)
        for i in candidates:
            if i in token_mention:
                continue
            word = words[i]
            iso3 = self.countries.demonym(word) if word[:1].isupper() else None
            if iso3:
                self._demonym(doc, state, table, i, iso3, groups)
            elif pos[i] == "NOUN" and tag[i] in ("NNS", "NNPS"):
                self._collective(doc, state, table, i, groups)

    def _demonym(
        self,
        doc: Doc,
        state: Analysis,
        table: TokenTable,
        i: int,
        iso3: str | None,
        groups: dict[tuple[str | None, str | None], EntityState],
    ) -> None:
        idx, words, tag = table.idx, table.words, table.tag
        if i > 0 and table.lower[i - 1] in self.ethnic_markers:
            iso3 = None  # "ethnic Albanians": an ethnicity, not a nationality
        head = table.head[i]
        role = self._role_of(table, head) if table.dep[i] in ("amod", "compound", "nmod") else None
        if role is not None and state.mention_at(head) is None and head > i:
            # "Iranian leaders", "Russian jets": a collective actor of that country
            start = _phrase_start(doc, table, i)
            if any(state.mention_at(k) for k in range(start, head + 1)):
                start = i
            end_char = idx[head] + len(words[head])
            is_group = tag[head] in ("NNS", "NNPS") or role.kind in ("group", "org")
            ent = state.new_entity_with(
                Mention(
                    idx[start],
                    end_char,
                    start,
                    head + 1,
                    "collective" if is_group else "description",
                    head=head,
                ),
                table.text[idx[i] : end_char],
                "GROUP" if is_group else "PERSON",
                country=iso3,
                sector=role.sector,
                role=role.noun,
                plural=tag[head] in ("NNS", "NNPS"),
                rule=[f"demonym {words[i]!r} + role {role.noun!r}"],
            )
            if ent is not None and ent.type == "GROUP":
                groups.setdefault((ent.role, ent.country), ent)
            return
        if tag[i] in ("NNPS", "NNS") or (
            table.pos[i] in ("PROPN", "NOUN")
            and table.dep[i] in ("nsubj", "nsubjpass", "dobj", "pobj", "conj")
        ):
            # "Iranians": the people of a country
            ent = state.new_entity_with(
                Mention(idx[i], idx[i] + len(words[i]), i, i + 1, "collective", head=i),
                words[i],
                "GROUP",
                country=iso3,
                plural=True,
                rule=[f"people of {iso3} (demonym {words[i]!r})"],
            )
            if ent is not None:
                groups.setdefault((ent.role, ent.country), ent)
            return
        if iso3 is None:
            return
        country = _country_entity(state, iso3, self.countries.name(iso3))
        first = not any(m.kind == "demonym" for m in country.mentions)
        state.add_mention(
            country, Mention(idx[i], idx[i] + len(words[i]), i, i + 1, "demonym", head=i)
        )
        if first:  # the rule is stated once, with the first demonym mention
            country.rule.append("demonym")

    def _collective(
        self,
        doc: Doc,
        state: Analysis,
        table: TokenTable,
        i: int,
        groups: dict[tuple[str | None, str | None], EntityState],
    ) -> None:
        """Plural role nouns: "the rebels", "protesters", "US military bases" are not."""
        role = self._role_of(table, i)
        if role is None or (role.kind == "person" and role.sector is None):
            return
        start = _phrase_start(doc, table, i)
        while start < i and state.mention_at(start) is not None:
            start += 1
        if " ".join(table.lower[max(start, i - 1) : i + 1]) in self.non_actors:
            return
        country = None
        words, dep = table.words, table.dep
        for child in table.kids[i]:
            if dep[child] in ("poss", "compound", "amod"):
                country = self.countries.lookup(words[child]) or self.countries.demonym(
                    words[child]
                )
        start_char, end_char = table.idx[start], table.idx[i] + len(words[i])
        mention = Mention(start_char, end_char, start, i + 1, "collective", head=i)
        known = groups.get((role.noun, country))
        if known is not None:
            state.add_mention(known, mention)
            return
        ent = state.new_entity_with(
            mention,
            strip_the(table.text[start_char:end_char]),
            "GROUP",
            sector=role.sector,
            role=role.noun,
            country=country,
            plural=True,
            rule=[f"collective role noun {role.noun!r}"],
        )
        if ent is not None:
            groups.setdefault((ent.role, ent.country), ent)

    def _role_of(self, table: TokenTable, i: int) -> Role | None:
        """The role a noun names, also as the last word of a compound ("foreign minister") or
        after its adjective ("armed men")."""
        if table.pos[i] not in ("NOUN", "PROPN"):
            return None
        lemma = table.lemma
        if i > 0 and table.dep[i - 1] in ("compound", "amod") and table.head[i - 1] == i:
            two = f"{lemma[i - 1]} {lemma[i]}"
            if two in self.roles:
                return self.roles[two]
        return self.roles.get(lemma[i]) or self.roles.get(table.lower[i])


def _phrase_start(doc: Doc, table: TokenTable, i: int) -> int:
    """Where the noun phrase of token `i` starts (determiners and modifiers before it)."""
    start = i
    dep = table.dep
    for child in table.kids[i]:
        if child < i and dep[child] in _MODIFIERS:
            start = min(start, doc[child].left_edge.i)
    return start


_MODIFIERS = ("det", "amod", "compound", "nummod", "advmod", "nmod", "poss")


def _country_entity(state: Analysis, iso3: str, name: str) -> EntityState:
    key = "country:" + iso3
    for ent in state.entities.values():
        if ent.kb_id == key:
            return ent
    return state.new_entity(name, "GPE", country=iso3, kb_id=key, rule=["country (from a demonym)"])


def _demonym_or_plural_noun(doc: Doc) -> list[int]:
    """Indices of the tokens step 3 looks at: capitalized words (a shape starting with "X":
    an upper-case letter) and plural common nouns; read from the token arrays, no Token built
    for the others."""
    if not len(doc):
        return []
    arr = token_table(doc).array
    strings = doc.vocab.strings
    shapes, where = numpy.unique(arr[:, C_SHAPE], return_inverse=True)
    flags = []
    for shape in shapes.tolist():
        hit = _CAPITALIZED_SHAPES.get(shape)
        if hit is None:
            hit = _CAPITALIZED_SHAPES[shape] = strings[shape][:1] == "X"
        flags.append(hit)
    capitalized = numpy.array(flags, dtype=bool)[where]
    tags = arr[:, C_TAG]
    plural_noun = (arr[:, C_POS] == NOUN) & ((tags == _NNS) | (tags == _NNPS))
    found: list[int] = numpy.flatnonzero(capitalized | plural_noun).tolist()
    return found
