"""Reading PETRARCH/TABARI verbs dictionaries (and discards lists) a user points Dossier at.

Verbs file, line by line (``#`` starts a comment, ``<!-- ... -->`` lines are skipped):

- ``&NAME`` opens a synonym set; its ``+MEMBER`` lines are phrases (words joined by ``_`` or
  spaces; a member may name another set, ``+&OTHER``);
- ``--- VERB [code] ---`` opens a verb block with its default code (``---`` = no event);
- then verb-form lines: ``VERB {IRREGULAR FORMS}``, or a multi-word verb ``WORD_+VERB [code]``
  (``+`` marks the verb word; without one the first word is the verb);
- and pattern lines ``- PRE WORDS * POST WORDS [code]``: ``*`` is the verb, ``$`` the source
  slot, ``+`` the target slot, ``%`` a compound actor, ``^`` a noun phrase passed over, ``&SET`` any member of a set,
  ``{...}`` a noun phrase whose words must all be there (PETRARCH-2's grouping; read
  as optional, it would let ``- * {MILITARY SUPPORT}`` code any sentence), ``(PREP ...)`` a
  prepositional phrase of the verb, ``_``
  joins words that must be adjacent, a trailing ``_`` asks for the exact word;
- ``[code1:code2]``: source->target gets code1, target->source code2 (PETRARCH's combination);
- ``~ ...`` transformation lines (PETRARCH-2) are read and kept aside, not applied.

A line that fits none of these raises :class:`DictionaryError` naming the file and the line,
or, when the caller collects errors (as the coder does), is reported and skipped: nothing is
coded from it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

NO_EVENT = "---"


class DictionaryError(ValueError):
    """A dictionary line Dossier cannot read: the file, the line number and why."""

    def __init__(self, file: str, line: int, message: str) -> None:
        super().__init__(f"{file}:{line}: {message}")
        self.file = file
        self.line = line
        self.message = message


@dataclass(frozen=True)
class Element:
    """One element of a pattern: ``kind`` is word, set, source, target, compound, skip (``^``:
    a noun phrase passed over), phrase
    (``{...}``: ``items`` hold its words) or prep (``items[0]`` the preposition, then its words);
    ``joined`` when it must follow the previous element directly (``_``)."""

    kind: str
    text: str = ""
    exact: bool = False
    joined: bool = False
    items: tuple[Element, ...] = ()


@dataclass(frozen=True)
class Code:
    event: str | None  # None: the pattern (or block) codes no event
    reverse: str | None = None  # the target->source code of a ``[a:b]`` combination


@dataclass(frozen=True)
class VerbPattern:
    pre: tuple[Element, ...]  # before the verb, in text order
    post: tuple[Element, ...]  # after the verb
    code: Code
    file: str
    line: int

    @property
    def rule(self) -> str:
        return f"{self.file}:{self.line}"

    @property
    def specificity(self) -> int:
        """How much of the sentence the pattern pins down (more wins)."""

        def weight(e: Element) -> int:
            if e.kind in {"phrase", "prep"}:
                return 1 + sum(weight(i) for i in e.items)
            return 2 if e.kind in {"word", "set"} else 1

        return sum(weight(e) for e in (*self.pre, *self.post))


@dataclass(frozen=True)
class VerbForm:
    words: tuple[str, ...]  # upper-case, the whole multi-word verb
    head: int  # index of the verb word in `words`
    code: Code | None  # its own code, else the block's
    line: int


@dataclass
class VerbBlock:
    verb: str
    code: Code
    file: str
    line: int
    forms: list[VerbForm] = field(default_factory=list)
    patterns: list[VerbPattern] = field(default_factory=list)

    @property
    def rule(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass
class VerbDictionary:
    file: str
    blocks: list[VerbBlock] = field(default_factory=list)
    synsets: dict[str, list[tuple[Element, ...]]] = field(default_factory=dict)
    transformations: list[tuple[int, str]] = field(default_factory=list)
    by_form: dict[str, list[tuple[VerbBlock, VerbForm]]] = field(default_factory=dict)
    open_set: str | None = None  # while reading
    open_block: VerbBlock | None = None

    def index(self) -> None:
        self.by_form.clear()
        for block in self.blocks:
            for form in block.forms:
                self.by_form.setdefault(form.words[form.head], []).append((block, form))

    def lookup(self, *words: str) -> list[tuple[VerbBlock, VerbForm]]:
        """The blocks whose verb word is one of `words` (text, lemma; any case)."""
        out: list[tuple[VerbBlock, VerbForm]] = []
        for w in dict.fromkeys(w.upper() for w in words if w):
            out.extend(self.by_form.get(w, []))
        return out


_COMMENT_XML = re.compile(r"<!--.*?-->")
_BLOCK = re.compile(r"^-{3}\s*([^\[\]]+?)\s*\[([^\]]*)\][^\[\]]*(?:\[[^\]]*\])?\s*-*\s*$")
_CODE_AT_END = re.compile(r"\[([^\]]*)\]\s*$")
_CODE_TEXT = re.compile(r"^[0-9A-Za-z+]{1,6}$")


def _strip(raw: str) -> str:
    line = _COMMENT_XML.sub("", raw.replace("\x1a", ""))
    return line.split("#", 1)[0].rstrip()


def parse_code(text: str, file: str, line: int) -> Code:
    parts = text.strip().split(":")
    if len(parts) > 2 or not any(p.strip() for p in parts):
        raise DictionaryError(file, line, f"unreadable code [{text}]")
    codes: list[str | None] = []
    for p in parts:
        p = p.strip()
        if p == NO_EVENT or not p:
            codes.append(None)
        elif _CODE_TEXT.match(p):
            codes.append(p)
        else:
            raise DictionaryError(file, line, f"unreadable code [{text}]")
    return Code(codes[0], codes[1] if len(codes) > 1 else None)


def _words(text: str, file: str, line: int) -> list[Element]:
    """Elements of a run of pattern text without brackets."""
    out: list[Element] = []
    for chunk in text.split():
        parts = chunk.split("_")
        # "IN_*": pieces joined by "_"; a trailing "_" marks the last word exact
        exact_tail = chunk.endswith("_") and len(parts) > 1
        pieces = [p for p in parts if p]
        for k, piece in enumerate(pieces):
            joined = k > 0
            exact = exact_tail and k == len(pieces) - 1
            if piece == "^":
                # TABARI/PETRARCH's skip: the next noun phrase (after an optional
                # preposition) is passed over, so the slot after it is not that phrase
                out.append(Element("skip", joined=True))
            elif piece == "*":
                out.append(Element("verb", joined=joined))
            elif piece == "$":
                out.append(Element("source", joined=joined))
            elif piece == "+":
                out.append(Element("target", joined=joined))
            elif piece == "%":
                out.append(Element("compound", joined=joined))
            elif piece.startswith("&"):
                out.append(Element("set", piece[1:].upper(), joined=joined))
            elif piece.startswith("+") and len(piece) > 1:
                # "+WORD": target slot followed directly by a word
                out.append(Element("target", joined=joined))
                out.append(Element("word", piece[1:].upper(), exact, True))
            elif re.fullmatch(r"[A-Za-z0-9'.,\-/]+", piece):
                out.append(Element("word", piece.upper(), exact, joined))
            else:
                raise DictionaryError(file, line, f"unreadable pattern word {piece!r}")
    return out


def parse_pattern_body(body: str, file: str, line: int) -> list[Element]:
    """Elements of a pattern (without the leading ``-`` and the code), brackets grouped."""
    out: list[Element] = []
    pos = 0
    for m in re.finditer(r"[{(]", body):
        if m.start() < pos:
            continue
        if m.group() == "(":
            end = _closing(body, m.start())
            if end < 0:
                raise DictionaryError(file, line, "unclosed '(' in pattern")
        out.extend(_words(body[pos : m.start()], file, line))
        close = "}" if m.group() == "{" else ")"
        if close == "}":
            end = body.find(close, m.end())
        if end < 0:
            raise DictionaryError(file, line, f"unclosed {m.group()!r} in pattern")
        # a "{...}" phrase inside "(...)" is just part of the prepositional phrase
        inner = _words(re.sub(r"[{}]", " ", body[m.end() : end]), file, line)
        if any(e.kind == "verb" for e in inner):
            raise DictionaryError(file, line, "the verb '*' inside brackets")
        if close == "}":
            out.append(Element("phrase", items=tuple(inner)))
        else:
            if not inner or inner[0].kind != "word":
                raise DictionaryError(file, line, "a '(...)' phrase must start with a preposition")
            out.append(Element("prep", inner[0].text, items=tuple(inner[1:])))
        pos = end + 1
    rest = body[pos:]
    if re.search(r"[})]", rest):
        raise DictionaryError(file, line, "unbalanced bracket in pattern")
    out.extend(_words(rest, file, line))
    return out


def _closing(body: str, start: int) -> int:
    """Index of the ')' closing the '(' at `start` (braces may nest inside), or -1."""
    depth = 0
    for k in range(start, len(body)):
        if body[k] == "(":
            depth += 1
        elif body[k] == ")":
            depth -= 1
            if depth == 0:
                return k
    return -1


def _pattern(text: str, file: str, line: int) -> VerbPattern:
    m = _CODE_AT_END.search(text)
    if m is None:
        raise DictionaryError(file, line, "pattern without a [code]")
    code = parse_code(m.group(1), file, line)
    body = text[1 : m.start()]
    elements = parse_pattern_body(body, file, line)
    verbs = [k for k, e in enumerate(elements) if e.kind == "verb"]
    if len(verbs) != 1:
        raise DictionaryError(file, line, f"a pattern needs exactly one '*' (found {len(verbs)})")
    k = verbs[0]
    post = list(elements[k + 1 :])
    if post and post[0].joined:
        # "*_OUT": the word right after the verb
        post[0] = Element(post[0].kind, post[0].text, post[0].exact, True, post[0].items)
    return VerbPattern(tuple(elements[:k]), tuple(post), code, file, line)


def _form(text: str, file: str, line: int) -> list[VerbForm]:
    code: Code | None = None
    m = _CODE_AT_END.search(text)
    if m is not None:
        code = parse_code(m.group(1), file, line)
        text = text[: m.start()]
    irregular: list[str] = []
    if "{" in text:
        head_text, _, rest = text.partition("{")
        inner, close, tail = rest.partition("}")
        if not close or tail.strip():
            raise DictionaryError(file, line, "unclosed '{' in verb forms")
        irregular = inner.split()
        text = head_text
    text = "_".join(text.split())  # "LASH OUT" = "LASH_OUT"
    words = [w for w in text.lstrip("+").split("_") if w]
    if not words:
        raise DictionaryError(file, line, f"unreadable verb form {text.strip()!r}")
    head = next((k for k, w in enumerate(words) if w.startswith("+")), 0)
    words = [w.lstrip("+").upper() for w in words]
    if not all(re.fullmatch(r"[A-Z0-9'\-.]+", w) for w in words):
        raise DictionaryError(file, line, f"unreadable verb form {text.strip()!r}")
    forms = [VerbForm(tuple(words), head, code, line)]
    for extra in irregular:
        w = extra.strip("_").upper()
        if "_" in w or not w:
            continue
        forms.append(VerbForm(tuple([*words[:head], w, *words[head + 1 :]]), head, code, line))
    return forms


def parse_verbs(
    text: str, file: str = "<verbs>", errors: list[DictionaryError] | None = None
) -> VerbDictionary:
    """A verbs dictionary. An unreadable line raises :class:`DictionaryError`, or, when an
    `errors` list is given, is added to it and skipped (nothing is coded from it)."""
    out = VerbDictionary(file)
    for number, raw in _lines(text):
        try:
            _line(out, number, raw, file)
        except DictionaryError as exc:
            if errors is None:
                raise
            errors.append(exc)
    for b in out.blocks:
        if not b.forms:
            words = tuple(b.verb.split("_"))
            b.forms.append(VerbForm(words, 0, None, b.line))
    _check_sets(out, errors)
    out.index()
    return out


def _lines(text: str) -> list[tuple[int, str]]:
    """(number, text) of the lines outside ``<!-- -->`` comments, comments cut."""
    out: list[tuple[int, str]] = []
    in_xml_comment = False
    for number, raw in enumerate(text.splitlines(), 1):
        if in_xml_comment:
            if "-->" in raw:
                in_xml_comment = False
            continue
        if "<!--" in raw and "-->" not in raw.split("<!--", 1)[1]:
            in_xml_comment = True
            raw = raw.split("<!--", 1)[0]
        stripped = _strip(raw).strip()
        if stripped:
            out.append((number, stripped))
    return out


def _line(out: VerbDictionary, number: int, stripped: str, file: str) -> None:
    """Read one line into `out` (the open set or block is kept on `out`)."""
    if stripped.startswith("~"):
        out.transformations.append((number, stripped))
        return
    if stripped.startswith("&"):
        name = stripped[1:].split()[0].upper().rstrip("_") if stripped[1:].split() else ""
        if not name:
            raise DictionaryError(file, number, "a synonym set without a name")
        out.open_set, out.open_block = name, None
        out.synsets.setdefault(name, [])
        return
    if stripped.startswith("---"):
        m = _BLOCK.match(stripped)
        if m is None:
            raise DictionaryError(file, number, "a verb block line must read '--- VERB [code] ---'")
        name = "_".join(m.group(1).split()).rstrip("_").upper()
        out.open_set = None
        try:
            code = parse_code(m.group(2), file, number)
        except DictionaryError:
            # the block is still read (its patterns), but its unreadable default codes nothing
            out.open_block = VerbBlock(name, Code(None), file, number)
            out.blocks.append(out.open_block)
            raise
        out.open_block = VerbBlock(name, code, file, number)
        out.blocks.append(out.open_block)
        return
    block = out.open_block
    if stripped.startswith("-"):
        if block is None:
            raise DictionaryError(file, number, "a pattern outside a verb block")
        block.patterns.append(_pattern(stripped, file, number))
        return
    if out.open_set is not None and stripped.startswith("+"):
        member = stripped[1:].strip()
        if member.startswith("&"):
            out.synsets[out.open_set].append((Element("set", member[1:].upper().rstrip("_")),))
            return
        words = parse_pattern_body(member, file, number)
        if not words or any(e.kind not in {"word", "set", "prep", "phrase"} for e in words):
            raise DictionaryError(file, number, f"unreadable set member {member!r}")
        out.synsets[out.open_set].append(tuple(words))
        return
    if block is not None:
        block.forms.extend(_form(stripped, file, number))
        return
    raise DictionaryError(file, number, f"a line outside any set or verb block: {stripped[:40]!r}")


def _check_sets(d: VerbDictionary, errors: list[DictionaryError] | None) -> None:
    """A pattern naming an unknown set is an error (dropped when errors are collected)."""

    def unknown(elements: tuple[Element, ...]) -> str | None:
        for e in elements:
            if e.kind == "set" and e.text.rstrip("_") not in d.synsets:
                return e.text
            inner = unknown(e.items)
            if inner:
                return inner
        return None

    for b in d.blocks:
        kept: list[VerbPattern] = []
        for p in b.patterns:
            name = unknown((*p.pre, *p.post))
            if name is None:
                kept.append(p)
                continue
            exc = DictionaryError(p.file, p.line, f"unknown synonym set &{name}")
            if errors is None:
                raise exc
            errors.append(exc)
        b.patterns = kept


def read_verbs(path: Path, errors: list[DictionaryError] | None = None) -> VerbDictionary:
    return parse_verbs(_read(path), str(path), errors)


def _read(path: Path) -> str:
    try:
        return path.read_bytes().decode("utf-8", errors="replace")
    except OSError as exc:
        raise DictionaryError(str(path), 0, f"cannot read: {exc.strerror or exc}") from exc


@dataclass(frozen=True)
class Discard:
    words: tuple[str, ...]  # upper-case
    story: bool  # "+PHRASE": the whole story, else the sentence
    line: int


def parse_discards(text: str, file: str = "<discards>") -> list[Discard]:
    out: list[Discard] = []
    for number, raw in enumerate(text.splitlines(), 1):
        stripped = _strip(raw).strip()
        if not stripped:
            continue
        story = stripped.startswith("+")
        words = tuple(w.upper() for w in stripped.lstrip("+").replace("_", " ").split())
        if not words:
            raise DictionaryError(file, number, "an empty discard phrase")
        out.append(Discard(words, story, number))
    return out


def read_discards(path: Path) -> list[Discard]:
    return parse_discards(_read(path), str(path))
