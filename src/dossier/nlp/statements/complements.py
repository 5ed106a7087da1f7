"""The content of a cue verb from the parse: which dependent holds what is said.

`parse_content` tries the constructions in a fixed order of preference (a bare object, a cue
at the end of its sentence, a clausal complement, a parenthetical cue, an infinitive, an
object ...) and says which one it used as a `How`, with the explanation for the rule.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass

from dossier.nlp.quotes import ALL_MARKS
from dossier.nlp.statements.boundaries import comma_framed
from dossier.nlp.statements.context import Context
from dossier.nlp.statements.speakers import SPEAKER_DEPS


class How(enum.Enum):
    """Which construction of a cue verb holds its content."""

    NONE = enum.auto()  # no content found
    BARE_OBJECT = enum.auto()  # "most said so"
    TAIL_CUE = enum.auto()  # "..., the minister said."
    CLAUSAL_COMPLEMENT = enum.auto()  # "said (that) ..."
    PARENTHETICAL_AFTER = enum.auto()  # "the talks failed, she said, adding ..."
    PARENTHETICAL_INSIDE = enum.auto()  # "Too often, she said, the talks ..."
    COMMENT_CLAUSE = enum.auto()  # "As the paper reported, the talks ..."
    CLAUSE_AFTER_PHRASE = enum.auto()  # "revealed during the speech that ..."
    INFINITIVE = enum.auto()  # "vowed to ..."
    QUESTION_OBJECT = enum.auto()  # "asked whether ..."
    DIRECT_OBJECT = enum.auto()  # "denied the report"
    PREPOSITION_OBJECT = enum.auto()  # "called for ..."
    MARKED_CLAUSE = enum.auto()  # "calling for the army to ..."
    PASSIVE_SUBJECT = enum.auto()  # "the plan was backed by ..."
    COLON = enum.auto()  # "he said: ..."
    # set by the verb sieve when a quotation is the content
    QUOTE_BEFORE = enum.auto()
    QUOTE_AFTER = enum.auto()
    SPLIT_QUOTE = enum.auto()


# constructions whose content is a clause or a quotation (not an infinitive or an object)
CLAUSAL = frozenset(
    {
        How.TAIL_CUE,
        How.CLAUSAL_COMPLEMENT,
        How.PARENTHETICAL_AFTER,
        How.PARENTHETICAL_INSIDE,
        How.COMMENT_CLAUSE,
        How.CLAUSE_AFTER_PHRASE,
        How.COLON,
        How.QUOTE_BEFORE,
        How.QUOTE_AFTER,
        How.SPLIT_QUOTE,
    }
)


@dataclass
class Content:
    """Content tokens of a cue verb, the content's root token, how they were found and the
    explanation that goes into the statement's rule."""

    toks: list[int]
    root: int | None
    how: How
    rule: str


_COMMA_DASH = re.compile("[,—–]")
# dependents of an object cue after its object that belong to the content
_TAIL_DEPS = frozenset({"prep", "oprd", "ccomp", "xcomp", "advcl", "dative", "acomp", "dobj"})


def tail_cue(ctx: Context, verb: int) -> list[int] | None:
    """ "..., the paper reported." / "..., said X.": the text before the comma is content.

    Checked on the tokens, not the parse, because small parsers often hang the clause
    before the comma anywhere but on the cue.
    """
    tb = ctx.table
    sent_start, sent_end = tb.sent_bounds(verb)
    if not _COMMA_DASH.search(ctx.text, tb.idx[sent_start], tb.idx[verb]):
        return None  # no comma or dash before the cue in its sentence
    words, dep, pos, heads, punct = tb.words, tb.dep, tb.pos, tb.head, tb.punct
    before_toks: list[int] = []
    i = verb - 1
    subj = next((c for c in tb.kids[verb] if dep[c] in SPEAKER_DEPS and c < verb), None)
    if subj is not None and ctx.left_edge(subj) < i:
        # "..., John Smith, the senator from Ohio, said": the comma before the subject
        i = ctx.left_edge(subj) - 1
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
    if any(dep[c] == "neg" for c in tb.kids[verb]) or any(
        tb.tag[t] in ("WRB", "WP", "WDT") for t in after
    ):
        return None
    if any(dep[c] == "ccomp" and c > verb for c in tb.kids[verb]):
        return None  # "In a letter, X said the review is “still open.”": a clause of its own
    if before_toks:  # "..., X said": subject (and auxiliaries/adverbs) between comma and cue
        if any(pos[t] in ("VERB",) or words[t] in ALL_MARKS for t in before_toks):
            return None
        if not any(dep[t] in SPEAKER_DEPS for t in before_toks):
            return None
        if len(after) > 4 or any(
            pos[t] == "VERB" or (heads[t] == verb and dep[t] in ("dobj", "attr", "oprd"))
            for t in after
        ):
            return None
    else:  # "..., said X."
        if not after or len(after) > 8 or any(pos[t] == "VERB" for t in after):
            return None
        if tb.tag[verb] == "VBG" or tb.lower[after[0]] in ctx.lex.words.complement_openers:
            return None  # "..., claiming that ...": a participle with its own complement
        if not any(pos[t] in ("PROPN", "NOUN", "PRON") for t in after):
            return None
    toks = list(range(sent_start, comma))
    if len(toks) < 3 or any(words[t] in ALL_MARKS for t in toks[-1:]):
        return None
    if not any(pos[t] in ("VERB", "AUX") for t in toks):
        return None  # "At the end of the speech, X answered": no clause before the comma
    return toks


def with_tail(ctx: Context, verb: int, first: int) -> list[int]:
    """`first`'s subtree plus the cue's later dependents that continue its predicate
    ("congratulated her for her victory", "mocked him as “weak” after the debate")."""
    tb = ctx.table
    dep = tb.dep
    toks = ctx.sub(first)
    for other in tb.kids[verb]:
        if other > first and dep[other] in _TAIL_DEPS:
            if dep[other] in ("ccomp", "advcl", "xcomp") and (
                tb.lemma[other] in ctx.lex.verbs
                or (any(dep[g] in SPEAKER_DEPS for g in tb.kids[other]) and dep[other] != "ccomp")
            ):
                continue
            toks += ctx.sub(other)
    return toks


# entity types of a preposition's object that say when, not what
_WHEN = frozenset({"DATE", "TIME"})
# entity types of a preposition's object that say when or where, not what
_WHERE_WHEN = frozenset({"DATE", "TIME", "GPE", "LOC", "FAC"})
# dependents of an object after its head that say something of it ("called him a liar",
# "called Mr. X, a former ...", "called the plan that ... a failure")
_PREDICATE_DEPS = frozenset(
    {"appos", "oprd", "acomp", "amod", "acl", "relcl", "ccomp", "xcomp", "attr", "npadvmod"}
)


def bare_object(ctx: Context, verb: int, obj: int, toks: list[int]) -> bool:
    """The object `obj` of cue `verb` (content tokens `toks`) names a thing and says nothing of it: no quotation, no
    description after its head, and no dependent of the cue after it but a preposition of
    time or place ("called a meeting of the committee", "called the senator on Sunday")."""
    tb = ctx.table
    sub = ctx.sub(obj)
    if any(tb.words[t] in ALL_MARKS for t in sub):
        return False
    preps = ctx.lex.phrasal.get(tb.lemma[verb], frozenset())
    if any(
        c > obj and (tb.dep[c] in _PREDICATE_DEPS or (tb.dep[c] == "prep" and tb.lower[c] in preps))
        for c in tb.kids[obj]
    ):
        return False  # "called him a liar", "called out his rival for lying"
    extra = set(toks) - set(sub)
    for other in tb.kids[verb]:
        if other not in extra:
            continue
        if tb.dep[other] != "prep":
            return False
        objs = [g for g in tb.kids[other] if tb.dep[g] == "pobj"]
        if not objs or tb.ent_type[objs[0]] not in _WHERE_WHEN:
            return False
    return True


def that_clause(ctx: Context, verb: int, child: int) -> bool:
    """``Judge rules that mayor broke the law``: a clause after the cue verb opened by
    ``that`` as its marker, which the parser hung on the verb as a relative or adverbial
    clause (a verb has no relative clause: it is the verb's complement)."""
    tb = ctx.table
    if child < verb or tb.dep[child] not in ("relcl", "advcl") or tb.pos[verb] != "VERB":
        return False
    edge = ctx.left_edge(child)
    return edge == verb + 1 and tb.lower[edge] == "that" and tb.dep[edge] == "mark"


# dependents that give a verb a content of its own: no comment clause
_OWN_CONTENT = frozenset({"dobj", "ccomp", "xcomp", "oprd", "attr", "acomp", "dative", "neg"})


def comment_clause(ctx: Context, verb: int, lemma: str) -> bool:
    """``As the paper reported, X`` / ``X, as she noted``: a reporting verb (a strong speech
    verb) in an adverbial clause opened by a comment mark (``comment_marks``), with a subject
    that is someone (not the writer or reader, not ``it``) and no object, complement or
    content preposition of its own. ``as he spoke in the hall``, ``as the crowd applauded``
    are times, not comments: their verbs are not reporting verbs."""
    tb = ctx.table
    if tb.dep[verb] != "advcl" or lemma not in ctx.lex.reporting:
        return False
    kids = tb.kids[verb]
    marks = ctx.lex.words.comment_marks
    if not any(c < verb and tb.dep[c] == "mark" and tb.lower[c] in marks for c in kids):
        return False
    preps = ctx.lex.phrasal.get(lemma, frozenset())
    for c in kids:
        if tb.dep[c] in _OWN_CONTENT:
            return False
        if tb.dep[c] == "prep" and tb.lower[c] in preps:
            # "reported on the talks" has content; "reported on Friday" does not
            objs = [g for g in tb.kids[c] if tb.dep[g] == "pobj"]
            if not objs or tb.ent_type[objs[0]] not in _WHEN:
                return False
    words = ctx.lex.words
    return any(
        tb.dep[c] == "nsubj"
        and tb.lower[c] not in words.first_person
        and tb.lower[c] not in words.expletives
        for c in kids
    )


def parse_content(ctx: Context, verb: int, lemma: str) -> Content:
    """The content of cue `verb` (lemma `lemma`) from the parse."""
    tb, lex = ctx.table, ctx.lex
    dep, lower, kids = tb.dep, tb.lower, tb.kids[verb]
    if lemma in lex.bare_object:
        # "most said so", "half of them said the same of the mayor"
        for child in kids:
            if (
                dep[child] in ("dobj", "advmod", "intj", "attr")
                and ctx.left_edge(child) == verb + 1
            ):
                if dep[child] != "dobj" and lower[child] not in lex.words.bare_answers:
                    continue
                return Content(with_tail(ctx, verb, child), child, How.BARE_OBJECT, "bare object")
    tail = tail_cue(ctx, verb)
    if tail is not None:
        return Content(tail, None, How.TAIL_CUE, "cue at the end of the sentence")
    para = None
    for child in kids:
        if dep[child] != "ccomp" and (
            dep[child] not in ("relcl", "advcl") or not that_clause(ctx, verb, child)
        ):
            continue
        if para is None:
            para = ctx.para_of(tb.idx[verb])
        if ctx.para_of(tb.idx[child]) == para:
            if child > verb and tb.lemma[child] in lex.verbs and tail_cue(ctx, child) is not None:
                continue  # "X said ..., the paper reported": the ccomp is the outer cue
            toks = ctx.sub(child)
            # "said A, but B": a coordinated clause with its own subject goes along
            for other in kids:
                if (
                    dep[other] == "conj"
                    and other > child
                    and lex.verbs.get(tb.lemma[other]) != "speech"
                    and any(dep[g] in SPEAKER_DEPS for g in tb.kids[other])
                ):
                    toks += ctx.sub(other)
                    break
            return Content(toks, child, How.CLAUSAL_COMPLEMENT, "clausal complement")
    head = tb.head[verb]
    if dep[verb] in ("parataxis",) and verb > head:
        toks = ctx.sub(head, exclude=verb)
        return Content(toks, head, How.PARENTHETICAL_AFTER, "parenthetical cue after the clause")
    if (
        dep[verb] == "parataxis"
        and verb < head
        and comma_framed(ctx, verb)
        # a second-person subject is a filler, not a speaker: "..., you know, ..."
        and not any("2" in ctx.doc[c].morph.get("Person", []) for c in kids)
    ):
        # "All too often, she said, the talks are ...": the clause around the cue
        toks = ctx.sub(head, exclude=verb)
        return Content(toks, head, How.PARENTHETICAL_INSIDE, "parenthetical cue inside the clause")
    if comment_clause(ctx, verb, lemma):
        # "As the paper reported, the talks ...", "..., as she noted": the clause commented on
        toks = ctx.sub(head, exclude=verb)
        return Content(toks, head, How.COMMENT_CLAUSE, "comment clause with 'as'")
    # (no "clause before the cue": a clause in parataxis before a cue that has no complement
    # of its own is rarely its content; PolNeAR train, 840 articles: false 19 times, true 2)
    # "revealed during the speech that ...": the clause hangs off a noun of the cue's PP
    for child in kids:
        if dep[child] != "prep" or child < verb:
            continue
        for obj in tb.kids[child]:
            for grand in tb.kids[obj]:
                if dep[grand] not in ("acl", "ccomp", "relcl"):
                    continue
                edge = ctx.left_edge(grand)
                if any(
                    dep[g] == "mark" and lower[g] == "that" and g == edge for g in tb.kids[grand]
                ) or (lower[edge] == "that" and edge == obj + 1 and tb.lemma[obj] in lex.nouns):
                    return Content(
                        ctx.sub(grand),
                        grand,
                        How.CLAUSE_AFTER_PHRASE,
                        "clause after the cue's phrase",
                    )
    strong_only = lemma in lex.needs_clause
    if lemma in lex.xcomp:
        for child in kids:
            if dep[child] == "xcomp" and child > verb:
                toks = ctx.sub(child)
                # "called on Congress to act": the addressee of the listed preposition
                for other in kids:
                    if (
                        dep[other] == "prep"
                        and verb < other < child
                        and lower[other] in lex.phrasal.get(lemma, frozenset())
                    ):
                        toks += [t for t in ctx.sub(other) if t != other]
                return Content(toks, child, How.INFINITIVE, "infinitive complement")
    for child in kids:
        if dep[child] in ("dobj", "attr") and lemma in lex.question and child > verb:
            return Content(ctx.sub(child), child, How.QUESTION_OBJECT, "question object")
    # "congratulated her for her victory", "called out X for Y": object plus its predicate
    preps = lex.phrasal.get(lemma, frozenset())
    if lemma in lex.obj or preps:
        dobj = next((c for c in kids if dep[c] == "dobj" and c > verb), None)
        if dobj is not None and any(
            dep[c] == "prep" and c > dobj and lower[c] in preps for c in kids
        ):
            toks = with_tail(ctx, verb, dobj)
            if not (lemma in lex.predicate_object and bare_object(ctx, verb, dobj, toks)):
                return Content(toks, dobj, How.DIRECT_OBJECT, "direct object")
    # particle / preposition object ("called for ...", "pointed to ...")
    if preps:  # listed verb + preposition pairs count even for needs_clause verbs
        for child in kids:
            if dep[child] == "prep" and lower[child] in preps and child > verb:
                objs = [g for g in tb.kids[child] if dep[g] in ("pobj", "pcomp")]
                if objs and tb.ent_type[objs[0]] not in _WHEN:  # not "called on Sunday"
                    toks = with_tail(ctx, verb, child)
                    toks = [t for t in toks if t != child]
                    return Content(
                        toks, objs[0], How.PREPOSITION_OBJECT, f"object of '{lower[child]}'"
                    )
            # "calling for the board to act ...": parsed as a clause marked by 'for'
            if dep[child] == "advcl" and child > verb:
                marks = [g for g in tb.kids[child] if dep[g] == "mark" and lower[g] in preps]
                if marks and marks[0] == ctx.left_edge(child):
                    toks = [t for t in ctx.sub(child) if t != marks[0]]
                    return Content(
                        toks, child, How.MARKED_CLAUSE, f"clause after '{lower[marks[0]]}'"
                    )
    if lemma in lex.obj and not strong_only:
        for child in kids:
            if dep[child] == "dobj" and child > verb:
                # "called him a liar", "accused her of lying": the predicate goes along
                toks = with_tail(ctx, verb, child)
                if lemma in lex.predicate_object and bare_object(ctx, verb, child, toks):
                    break  # "called a meeting", "called the senator": no predicate, no content
                return Content(toks, child, How.DIRECT_OBJECT, "direct object")
    if lemma in lex.obj and not strong_only:
        # "The plan was backed by the unions": the passive subject is the content
        subj = next((c for c in kids if dep[c] == "nsubjpass"), None)
        agent = next((c for c in kids if dep[c] == "agent" and c > verb), None)
        if subj is not None and agent is not None and subj < verb:
            return Content(ctx.sub(subj), subj, How.PASSIVE_SUBJECT, "passive subject")
    # colon after the cue: "he said: the war is over"
    nxt = verb + 1
    while nxt < tb.n and dep[nxt] in ("nsubj", "advmod", "npadvmod"):
        nxt += 1
    if nxt < tb.n and tb.words[nxt] == ":":
        toks = list(range(nxt + 1, tb.sent_bounds(verb)[1]))
        if toks:
            return Content(toks, None, How.COLON, "colon after the cue")
    return Content([], None, How.NONE, "")
