"""Where a statement's content starts and ends around its cue: the cue clause, a quotation
right before or after it, the words that lead into a quote, the comma frame of a
parenthetical cue.
"""

from __future__ import annotations

import bisect
import re

from dossier.nlp.quotes import ALL_MARKS
from dossier.nlp.statements.context import Context, trim_span
from dossier.nlp.statements.speakers import subject_after

_MARKS = tuple(ALL_MARKS)
_ALNUM = re.compile(r"[^\W_]")
_WORD_NOT_THAT = re.compile(r"\b(?!that\b)[^\W_]", re.IGNORECASE)
_DOUBLE = frozenset('“”„«»"')
_NOT_OBJECT = frozenset({"prep", "advmod", "npadvmod", "dative", "agent", "nsubj", "advcl"})
# a cue in a clause that modifies a word of the lead is no cue of the lead's own ("Nothing
# the mayor said “will help,” she said"; "When X said A, he “...,” she said")
_SUBORDINATE = frozenset({"relcl", "advcl", "acl"})
_SENTENCE_BREAK = re.compile(r"[.!?…][\"”’')\]]*\s+")


class Clause:
    """Membership test for the tokens of a cue clause, without building the subtrees:
    ``i in clause`` when token i is in the verb's subtree and not in the content root's
    (unless the content root governs the verb)."""

    def __init__(self, heads: list[int], verb: int, root: int | None) -> None:
        self.heads = heads
        self.verb = verb
        self.empty = root == verb
        self.root = root if root is not None and not governs(heads, root, verb) else None

    def __contains__(self, i: object) -> bool:
        if not isinstance(i, int) or self.empty:
            return False
        if not governs(self.heads, self.verb, i):
            return False
        return self.root is None or not governs(self.heads, self.root, i)


def governs(heads: list[int], head: int, i: int) -> bool:
    """Token `i` is in the subtree of token `head`."""
    for _ in range(len(heads)):
        if i == head:
            return True
        up = heads[i]
        if up == i:
            return False
        i = up
    return False


def quote_before(ctx: Context, verb: int, clause: Clause) -> int | None:
    """A quote that ends right before the cue clause ("“A,” he said")."""
    tb = ctx.table
    starts = tb.idx
    # the walk below only crosses punctuation and the cue clause (inside the sentence):
    # no closing mark it can reach, no walk
    k = bisect.bisect_left(ctx.close_chars, starts[verb]) - 1
    if k < 0:
        return None
    begin = starts[tb.sent_bounds(verb)[0]]
    last = ctx.close_chars[k]
    if last < begin and _ALNUM.search(ctx.text, last + 1, begin):
        return None
    words, punct = tb.words, tb.punct
    i = verb - 1
    steps = 0
    while i >= 0 and (steps < 12 or i in clause or punct[i]):
        text = words[i]
        if text in ALL_MARKS or text.endswith(_MARKS):
            # the closing mark of a quote?
            for c in range(starts[i] + len(text) - 1, starts[i] - 1, -1):
                if c in ctx.quote_by_close:
                    return ctx.quote_by_close[c]
            return None
        if not (punct[i] or i in clause):
            return None
        if text in (".", "!", "?") and steps > 0:
            return None
        i -= 1
        steps += 1
    return None


def quote_after(ctx: Context, verb: int, clause: Clause) -> int | None:
    """A quote that opens right after the cue clause ("he said: “A”"), also after an inverted
    subject with a long apposition (``“A,” said X, an economist who ..., “B”``; a quoted title
    inside the apposition is not it). PolNeAR train: quoted recall +0.001, exact +0.0006."""
    tb = ctx.table
    n, starts, words = tb.n, tb.idx, tb.words
    i = verb + 1
    steps = 0
    opens = ctx.open_chars
    # the walk below crosses the sentence end only over punctuation, spaces and "that"
    k = bisect.bisect_right(opens, starts[verb])
    if k >= len(opens):
        return None
    end = tb.sent_bounds(verb)[1]
    stop = starts[end] if end < n else len(ctx.text)
    if opens[k] > stop and _WORD_NOT_THAT.search(ctx.text, stop, opens[k]):
        return None
    # an inverted subject with its apposition ("“A,” said X, an economist who ..., “B”")
    subj = next(
        (c for c in tb.kids[verb] if c > verb and tb.dep[c] in ("nsubj", "nsubjpass")), None
    )
    if subj is None and verb > 0 and words[verb - 1] in ALL_MARKS + ",":
        subj = subject_after(ctx, verb)  # the parser often hangs it elsewhere
    inverted = {t for t in ctx.sub(subj) if t > verb} if subj is not None else set()
    while i < n and (steps < 8 or i in inverted):
        start = starts[i]
        text = words[i]
        k = bisect.bisect_left(opens, start)
        if (
            k < len(opens)
            and opens[k] < start + len(text)
            and (
                i not in inverted
                or ctx.text[max(0, opens[k] - 4) : opens[k]].rstrip().endswith((",", ":"))
            )
        ):
            return ctx.quote_by_open[opens[k]]
        if i in inverted:
            i += 1  # its words and quoted titles are not the cue's quotation
            continue
        if text in (".", "!", "?", ";"):
            return None
        if text.isspace() and i > 0 and words[i - 1] == ":":
            # "X continued:" at the end of a paragraph, the quote opens the next one
            i += 1
            continue
        if not (tb.punct[i] or i in clause or tb.lower[i] == "that"):
            return None
        if tb.pos[i] in ("VERB", "AUX") and i != verb:
            return None
        i += 1
        steps += 1
    return None


def lead_in(ctx: Context, k: int) -> int | None:
    """Where the sentence starts when quote `k` opens in the middle of it after words of
    the same statement (no colon before the quote; other quote marks only as whole quotations
    inside the sentence: ``Taxes are “too high” and “hurt shops,” she said``)."""
    q = ctx.quotes[k]
    if q.cont_of is not None or q.single:
        return None
    ps = ctx.paras[q.para][0]
    start = ps
    for m in _SENTENCE_BREAK.finditer(ctx.text, ps, q.open):
        start = m.end()
    lead = ctx.text[start : q.open].strip()
    words = [w for w in lead.split() if any(c.isalpha() for c in w)]
    if len(words) < 2 or lead.endswith(":"):
        return None
    tb = ctx.table
    first, last = tb.token_at(start), tb.token_at(q.open)
    if any(
        first <= i < last
        and tb.pos[i] == "VERB"
        and lemma in ctx.lex.verbs
        and tb.dep[i] not in _SUBORDINATE
        for i, lemma in ctx.lemma_cands
    ):
        return None  # "She suggested that A - “B,” she said": the lead has a cue of its own
    if any(c in _DOUBLE for c in lead):
        marks = {i for i in range(start, q.open) if ctx.text[i] in _DOUBLE}
        whole = {
            i
            for j in quotes_within(ctx, start, q.open)
            for i in (ctx.quotes[j].open, ctx.quotes[j].close)
        }
        if not marks <= whole:
            return None
    return start


def quotes_within(ctx: Context, start: int, end: int) -> list[int]:
    """Double-quoted quotations that open and close inside characters [start, end)."""
    quotes = ctx.quotes
    # a quote closes after it opens: one closing before `end` opens before it
    return [
        j
        for j in ctx.opening_in(start, end)
        if (close := quotes[j].close) is not None and close < end and not quotes[j].single
    ]


def complementizer_before(ctx: Context, char: int) -> int | None:
    """Where a complementizer (``that``, ``whether``) starts when it stands right before the
    quote mark at `char`: ``said that “...”`` attributes the clause ``that “...”``, and the
    PolNeAR guidelines put the complementizer in the content (PolNeAR train, 840 articles: a
    gold content opens with ``that`` 2,317 times, leaves out a ``that`` before it 4 times)."""
    text = ctx.text
    end = char
    while end > 0 and text[end - 1].isspace():
        end -= 1
    start = end
    while start > 0 and text[start - 1].isalpha():
        start -= 1
    if start == end or text[start:end].lower() not in ctx.lex.words.complementizers:
        return None
    if start > 0 and not text[start - 1].isspace():
        return None
    return start


def continuing_quote(ctx: Context, end: int) -> int | None:
    """A quotation that carries on the sentence of a content ending at `end`: it opens after
    nothing but a comma or a dash and starts in lower case (``argued that the tax was unfair,
    “because it hits the poor”``); a capitalised quotation is a sentence of its own."""
    k = bisect.bisect_left(ctx.open_chars, end)
    if k >= len(ctx.open_chars):
        return None
    q = ctx.quotes[ctx.quote_by_open[ctx.open_chars[k]]]
    gap = ctx.text[end : q.open]
    if gap.strip(" ,—–-") or "\n" in gap or q.single or q.start >= len(ctx.text):
        return None
    if not ctx.text[q.start].islower():
        return None
    return ctx.quote_by_open[q.open]


def object_before(ctx: Context, verb: int, lemma: str, char: int) -> int | None:
    """Where the words of a content start when they stand between the cue and a quotation
    opening at `char` with no comma or colon before it: ``called the plan “reckless”``,
    ``joked about the mayor's “interesting friends”`` attribute the words with the quoted
    fragment, not the fragment alone. Not the cue's adverbs, prepositional phrases or
    addressee (``told reporters that “...”``, ``said on Monday, “...”``)."""
    text = ctx.text
    before = text[max(0, char - 3) : char].rstrip()
    if before.endswith((",", ":", "—", "–")):
        return None  # "telling the crowd, “...”": a direct quotation
    tb = ctx.table
    last = tb.token_at(char)
    addressee = lemma in ctx.lex.xcomp and lemma not in ctx.lex.obj  # tell, ask: the object
    preps = ctx.lex.phrasal.get(lemma, frozenset())
    skip: set[int] = set()
    for child in tb.kids[verb]:
        if not verb < child < last:
            continue
        if tb.dep[child] == "prep" and tb.lower[child] in preps:
            skip.add(child)  # "talked about the “...”": the preposition's object is content
        elif tb.dep[child] in _NOT_OBJECT or (addressee and tb.dep[child] == "dobj"):
            skip.update(ctx.sub(child))
    for t in range(verb + 1, last):
        if tb.punct[t] or t in skip or tb.words[t].isspace():
            continue
        if tb.dep[t] in ("prt", "mark") or tb.lower[t] in ctx.lex.words.complementizers:
            continue
        return tb.idx[t]
    return None


def participle_cue(ctx: Context, toks: list[int], verb: int) -> int | None:
    """The comma before a participle cue with content of its own inside the content tokens
    `toks` of cue `verb`: ``argued that A, saying B`` / ``said A, telling CNN that B`` are two
    attributions (the participle's subject is the speaker), so A ends at the comma."""
    tb = ctx.table
    inside = set(toks)
    for t in sorted(toks):
        if t <= verb + 1 or tb.tag[t] != "VBG" or tb.lemma[t] not in ctx.lex.verbs:
            continue
        # the comma, or a closing mark after it (``was “a disaster,” explaining, “...”``;
        # PolNeAR train: quoted recall +0.0017, exact F1 +0.0006)
        before = t - 2 if tb.words[t - 1] in ALL_MARKS and t >= 2 else t - 1
        if tb.words[before] not in (",", "—", "–") or (t - 1) not in inside:
            continue
        if any(tb.dep[c] in ("ccomp", "dobj", "xcomp") and c > t for c in tb.kids[t]) or (
            t + 2 < tb.n and tb.words[t + 1] in (",", ":") and tb.words[t + 2] in ALL_MARKS
        ):
            return t - 1
    return None


def words_between(ctx: Context, start: int, end: int) -> bool:
    """A letter or digit among characters [start, end)."""
    return start < end and _ALNUM.search(ctx.text, start, end) is not None


def has_verb(ctx: Context, start: int, end: int) -> bool:
    """A verb (or auxiliary) among the tokens of characters [start, end)."""
    tb = ctx.table
    pos = tb.pos
    return any(
        pos[t] in ("VERB", "AUX") for t in range(tb.token_at(start), tb.token_at(end - 1) + 1)
    )


def said_part(ctx: Context, span: tuple[int, int]) -> bool:
    """The piece holds a verb or a subject: a part of the clause, not only a connective or an
    adverbial before it (``And``, ``Of course``, ``A week ago``)."""
    if has_verb(ctx, *span):
        return True
    tb = ctx.table
    return any(
        tb.dep[t] in ("nsubj", "nsubjpass", "csubj", "expl")
        for t in range(tb.token_at(span[0]), tb.token_at(span[1] - 1) + 1)
    )


def closes_sentence(ctx: Context, k: int) -> bool:
    """The quote ends with a full stop (``“... at once.” The minister then ...``)."""
    q = ctx.quotes[k]
    tail = ctx.text[max(q.start, q.end - 1) : q.close if q.close is not None else q.end]
    return "." in tail and "," not in tail


def around(ctx: Context, span: tuple[int, int], verb: int) -> list[tuple[int, int]]:
    """`span` in two pieces, before and after the cue clause of `verb`."""
    tb = ctx.table
    sub = tb.subtree(verb)
    a, b = tb.idx[sub[0]], tb.end(sub[-1])
    pieces = [trim_span(ctx.text, span[0], a), trim_span(ctx.text, b, span[1])]
    return [(x, y) for x, y in pieces if y > x] or [span]


def comma_framed(ctx: Context, verb: int) -> bool:
    """The cue clause stands between commas (or dashes) inside its sentence."""
    tb = ctx.table
    sub = tb.subtree(verb)
    lo, hi = sub[0], sub[-1]
    start, end = tb.sent_bounds(verb)
    left = lo if tb.punct[lo] else (lo - 1 if lo > start else None)
    right = hi if tb.punct[hi] else (hi + 1 if hi + 1 < end else None)
    framing = (",", "—", "–", "--")
    return (
        left is not None
        and right is not None
        and tb.words[left] in framing
        and tb.words[right] in framing
        and left > start
    )


def content_before(ctx: Context, toks: list[int], verb: int, char: int) -> bool:
    """Complement words (not `that`) between the cue and a quote opening at `char`."""
    tb = ctx.table
    return any(
        verb < t
        and tb.idx[t] < char
        and not tb.punct[t]
        and not tb.words[t].isspace()
        and tb.words[t] not in ALL_MARKS
        and tb.lower[t] not in ctx.lex.words.complementizers
        for t in toks
    )


def fragment_phrase(ctx: Context, verb: int, k: int) -> tuple[int, int] | None:
    """The characters of the phrase that quotation `k` (a fragment after cue `verb`, not
    opened by a comma or colon) stands inside, when it goes on after the closing mark:
    ``described herself as a “law and order” candidate``, ``mocked the “all talk”
    remark``. The content is the phrase, not the quoted words alone (PolNeAR train, 840
    articles: 30 quoted contents found that were cut at the closing mark, 8 lost)."""
    q = ctx.quotes[k]
    if q.close is None or q.single:
        return None
    text = ctx.text
    if text[max(0, q.open - 3) : q.open].rstrip().endswith((",", ":", "—", "–")):
        return None  # direct speech
    tb = ctx.table
    first = tb.token_at(q.start)
    # the cue's dependent that holds the quotation
    child, steps = first, 0
    while tb.head[child] != verb and tb.head[child] != child and steps < 12:
        child, steps = tb.head[child], steps + 1
    if tb.head[child] != verb or child < verb:
        return None
    if tb.dep[child] not in ("dobj", "prep", "oprd", "attr", "dative"):
        return None
    if "," in text[q.end : q.close]:
        return None  # “A Title,” a book ...: an apposition or a clause follows, not the phrase
    # the phrase's words; a preposition heading it is the cue's ("joked about X")
    lead = child if tb.dep[child] == "prep" else None
    toks = [t for t in ctx.sub(child) if not tb.punct[t] and t != lead]
    if not toks:
        return None
    end = tb.end(max(toks))
    if end <= q.outer_end + 1 or ctx.para_of(end) != q.para:
        return None
    return min(tb.idx[min(toks)], q.start), end


def within_own_quote(ctx: Context, verb: int, span: tuple[int, int]) -> tuple[int, int] | None:
    """`span` cut at the end of the quotation that holds cue `verb`: a cue inside someone's
    quotation speaks inside it (``“Ana believes that A,” X said in an email``, where the
    parser hangs the outer cue on the quoted verb, is no content running over ``X said``);
    None when nothing of the span is left inside the quotation. PolNeAR train: speaker
    accuracy +0.0014, exact +0.001, precision +0.0001, quoted recall -0.0002. Its start is
    cut at the opening mark too (sixth round; PolNeAR train: quoted recall +0.0013, exact
    +0.0006, speaker +0.0006, precision -0.0001: the outer cue takes the quotation)."""
    start = ctx.table.idx[verb]
    k = bisect.bisect_right(ctx.open_chars, start) - 1
    if k < 0:
        return span
    q = ctx.quotes[ctx.quote_by_open[ctx.open_chars[k]]]
    if q.close is None or q.single or not q.start <= start < q.end:
        return span
    if span[0] < q.open and span[1] > q.open:
        # nor does it run back over the words before the quotation (``X shot back, “I
        # suppose A”``, where the parser makes the outer clause part of the complement)
        span = (q.start, span[1])
    if span[1] <= q.close:
        return span
    end = min(span[1], q.end)
    return (span[0], end) if end > span[0] else None


def to_closing_marks(
    ctx: Context, content: list[tuple[int, int]], cue: tuple[int, int] | None
) -> bool:
    """Content pieces that start inside a closed quotation and stop before its closing mark
    run on to that mark, in place (``said “A, and B”`` where the parse ends the clause at A):
    a quotation is one speaker's words, whatever the parse of its inside. Not for a cue inside
    the quotation (``“I think A, and B,” she said``: the quoted speaker's aside). True when a
    piece changed. PolNeAR train (840 articles): quoted recall +0.0008, precision +0.0003,
    exact +0.0004 (sixth round)."""
    changed = False
    for n, (start, end) in enumerate(content):
        k = bisect.bisect_right(ctx.open_chars, start) - 1
        if k < 0:
            continue
        q = ctx.quotes[ctx.quote_by_open[ctx.open_chars[k]]]
        if q.close is None or q.single or not q.start <= start < end < q.end:
            continue
        if cue is not None and q.open < cue[0] < q.close:
            continue
        content[n] = (start, q.end)
        changed = True
    return changed


def past_quoted_comma(ctx: Context, span: tuple[int, int]) -> tuple[int, int]:
    """A clausal content that ends on a quotation whose comma stands inside its closing mark
    goes on to the end of the sentence when lower-case words without a cue of their own
    follow (``said the plan was “too costly,” and would hurt the port``): the comma before
    the mark is the writer's, not the end of the clause the parser sees. A cue after it
    (``, he said``, ``, adding ...``, ``, according to X``) keeps the end. PolNeAR train
    (840 articles): 11 contents run on and match, 1 runs on where the gold stops; quoted
    recall +0.0010, exact +0.0005."""
    start, end = span
    k = bisect.bisect_left(ctx.close_chars, end)
    if k >= len(ctx.close_chars):
        return span
    q = ctx.quotes[ctx.quote_by_close[ctx.close_chars[k]]]
    text = ctx.text
    if q.end != end or q.open <= start or q.close is None or "," not in text[q.end : q.close]:
        return span
    after = q.close + 1
    if not (text[after : after + 1] == " " and text[after + 1 : after + 2].islower()):
        return span
    tb = ctx.table
    first = tb.token_at(after + 1)
    last = tb.sent_bounds(first)[1] - 1
    if ctx.para_of(tb.idx[last]) != q.para:
        return span
    lower = tb.lower
    for t in range(first, last + 1):
        if tb.lemma[t] in ctx.lex.verbs or lower[t] in ctx.lex.hedges:
            return span
        if any(
            lower[t : t + len(phrase)] == list(phrase) for phrase in ctx.lex.according
        ):  # ", according to X"
            return span
    _, stop = trim_span(text, after, tb.end(last))
    while stop > after and text[stop - 1] in ".!?…":
        stop -= 1
    return (start, stop) if stop > end else span


_LISTED = re.compile(r",?\s+(?:and|or),?\s+")


def listed_quote(ctx: Context, k: int) -> int | None:
    """The quotation listed right after quotation `k` with ``and`` or ``or`` (``chanted
    “A” and “B”``): one content with it. PolNeAR train (840 articles): 3 quoted contents
    found, none lost (sixth round)."""
    q = ctx.quotes[k]
    if q.close is None or q.single:
        return None
    j = bisect.bisect_right(ctx.open_chars, q.close)
    if j >= len(ctx.open_chars):
        return None
    nxt = ctx.quote_by_open[ctx.open_chars[j]]
    n = ctx.quotes[nxt]
    if n.single or n.para != q.para or not _LISTED.fullmatch(ctx.text, q.close + 1, n.open):
        return None
    return nxt


def wh_relative_object(ctx: Context, verb: int) -> int | None:
    """The relative pronoun that opens cue `verb`'s non-restrictive relative clause and
    stands for what the clause says something of: the cue's object (``the tax, which she
    called “fair”``, ``the envoy, whom he described as “...”``) or a word of its clausal
    complement (``the tariffs, which he said had hurt farmers``). The clause is an
    attribution of its own. A comma or dash before the pronoun marks the clause as
    non-restrictive; a relative clause without a wh-pronoun (``Nothing the council proposed
    “will help,” she said``) is not one."""
    tb = ctx.table
    if tb.dep[verb] != "relcl":
        return None
    first = ctx.left_edge(verb)
    if (
        first < 1
        or tb.tag[first] not in ("WDT", "WP")
        or tb.words[first - 1] not in (",", "—", "–")
    ):
        return None
    head = tb.head[first]
    if head == verb:
        return first if tb.dep[first] in ("dobj", "nsubjpass") else None
    return first if tb.head[head] == verb and tb.dep[head] == "ccomp" and head > verb else None
