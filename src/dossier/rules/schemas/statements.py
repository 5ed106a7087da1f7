"""The statements component's data files: ``cues.yaml`` and ``reporting_verbs.yaml``.

``FILES`` maps each file (relative to ``dossier/knowledge/data``) to the pydantic model of the
whole file. Unknown keys are errors (``extra="forbid"``), and so is a word that YAML reads as
something else than a string (a bare ``yes``/``no``/``on``/``off`` is a boolean: quote it). The
statements component validates ``cues.yaml`` when it loads it; ``dossier rules check`` validates
every file listed here.

All words are lower case: verbs, nouns and adjectives are compared with the token's lemma,
prepositions, adverbs and function words with its lower-case form.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictStr, model_validator

Word = Annotated[StrictStr, Field(min_length=1)]
Words = list[Word]
CueClass = Literal["speech", "thought", "intention", "evidence"]
"""What kind of claim a statement is: something said, believed, intended, or shown by evidence."""
OtherClass = Literal["thought", "intention", "evidence"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class VerbCues(_Strict):
    """The cue verbs of one class. Every listed verb takes a clausal complement as content
    ("said (that) ...", "..., he said"); the other lists add what else can be content."""

    strong: Words = Field(
        default_factory=list,
        description="verbs that are attribution cues in almost every use",
    )
    xcomp: Words = Field(
        default_factory=list,
        description='an infinitive complement is content ("vowed to retaliate")',
    )
    object: Words = Field(
        default_factory=list,
        description='a direct object is content ("denied the report")',
    )
    question: Words = Field(
        default_factory=list,
        description='an object or wh-clause is content ("asked whether ...")',
    )


class According(_Strict):
    """Multi-word cues whose object is the source and whose clause is the content."""

    prepositions: Words = Field(
        default_factory=list,
        description='phrases matched word by word: "according to", "in the words of"',
    )
    as_clause: Words = Field(
        default_factory=list,
        description='"as X said, ..." (listed for the rules to come; not read yet)',
    )


class FunctionWords(_Strict):
    """Closed-class words the rules test (lower case)."""

    first_person: Words = Field(
        description="pronouns of the writer or the reader: a speaker with no entity"
    )
    expletives: Words = Field(description='subjects that are not speakers ("it was said")')
    demonstratives: Words = Field(
        description='subjects that name no one ("this seems ..."), with the expletives'
    )
    relative_pronouns: Words = Field(
        description='"the official who said", "the agency that reported": the speaker is the noun'
    )
    definite_determiners: Words = Field(
        description='"the spokesman", "this report": a description of someone already known'
    )
    articles: Words = Field(description="dropped from the front of a new speaker entity's name")
    complementizers: Words = Field(
        description='words between a cue and a quote that are not content ("said that “...”")'
    )
    complement_openers: Words = Field(
        description='"..., claiming that ...": words after a tail cue that open its own complement'
    )
    bare_answers: Words = Field(
        description='adverbs and interjections that are a bare-object verb\'s content ("said so")'
    )
    agent_prepositions: Words = Field(
        description='prepositions whose object speaks a reporting noun ("the claim by X")'
    )
    collective_possessives: Words = Field(
        description='possessives of plural reporting nouns that rarely name a speaker ("their views")'
    )
    reflexives: Words = Field(
        default_factory=list,
        description='reflexive pronouns: a naming verb with one names ("calls itself X")',
    )
    comment_marks: Words = Field(
        default_factory=list,
        description="conjunctions that open a comment clause with a reporting verb and no "
        'object of its own: the clause it comments on is the content ("as the paper reported, X")',
    )


class CuesFile(_Strict):
    """``cues.yaml``: the words that introduce what someone says, believes, wants or reports."""

    verbs: dict[CueClass, VerbCues] = Field(
        description="cue verbs by cue class (the statement's `cue_class`, also in its rule)"
    )
    classes: dict[OtherClass, Words] = Field(
        default_factory=dict,
        description="cue class of the cue words outside the `verbs` groups (nouns, adjectives, "
        "phrasal and evidential verbs), and of verbs classed over their group; unlisted: speech",
    )
    phrasal: dict[Word, Words] = Field(
        default_factory=dict,
        description='verb -> particles or prepositions whose object is content ("called for")',
    )
    needs_clause: Words = Field(
        default_factory=list,
        description="verbs that are cues only with a clausal complement or a quotation",
    )
    nouns: Words = Field(
        default_factory=list,
        description='reporting nouns with a that-clause or a colon and a quote ("the claim that")',
    )
    noun_objects: dict[Word, Words] = Field(
        default_factory=dict,
        description='reporting noun -> prepositions of its content ("criticism of")',
    )
    adjectives: dict[Word, Words] = Field(
        default_factory=dict,
        description='predicate adjective -> prepositions of its content ("critical of")',
    )
    report_nouns: Words = Field(
        default_factory=list,
        description='nouns that can stand for a report as speaker ("the report said")',
    )
    according: According = Field(default_factory=According)
    colon: Words = Field(
        default_factory=list,
        description='marks after a name that introduce its words ("Name: ...")',
    )
    naming: dict[Word, Words] = Field(
        default_factory=dict,
        description='naming participle -> prepositions before the name ("known as")',
    )
    naming_any: dict[Word, Words] = Field(
        default_factory=dict,
        description='verb -> prepositions before a name, in any construction ("is known as X", '
        '"refers to X as Y")',
    )
    predicate_object: Words = Field(
        default_factory=list,
        description="object verbs whose bare object is no content, only an object with a "
        'predicate ("called him a liar"; not "called a meeting")',
    )
    idiom_objects: dict[Word, Words] = Field(
        default_factory=dict,
        description="verb -> the objects with which alone it is a cue, with no particle or "
        'preposition after them ("as X put it, “...”")',
    )
    other_senses: dict[Word, Words] = Field(
        default_factory=dict,
        description='verb -> particles that make it another verb, no cue ("call off")',
    )
    evidence_sources: Words = Field(
        default_factory=list,
        description="nouns of data and documents: as the subject of a verb of the evidence "
        'group the statement is evidence ("the figures indicate that ...")',
    )
    commitments: Words = Field(
        default_factory=list,
        description='commitment verbs: intention with an infinitive or an object ("pledged to '
        'cut taxes"), speech with a clause or a quotation ("promised that ...")',
    )
    non_speakers: Words = Field(
        default_factory=list,
        description='nouns that cannot speak: as a speaker, no statement ("the term “X” '
        'refers to ...": a definition)',
    )
    physical_senses: Words = Field(
        default_factory=list,
        description="cue verbs with a physical sense (attack, strike): no statement when an "
        "armed actor does it or its object is a place",
    )
    armed_sectors: list[Annotated[StrictStr, Field(pattern="^[A-Z]{3}$")]] = Field(
        default_factory=list,
        description="actor sectors (roles.yaml) of armed actors: their attack is an act of force",
    )
    bare_object: Words = Field(
        default_factory=list,
        description='verbs whose bare object or "so" is content ("most said so")',
    )
    evidential: Words = Field(
        default_factory=list,
        description="evidential verbs: subject and complement are content, with no speaker",
    )
    hedges: Words = Field(
        default_factory=list,
        description="hedging adverbs: the clause they modify is content, with no speaker",
    )
    core_speech: Words = Field(
        default_factory=list,
        description="speech verbs whose parsed content is the most reliable (higher confidence)",
    )
    publishing: Words = Field(
        default_factory=list,
        description='cue lemmas of published reports: "the report said" later points back to them',
    )
    function_words: FunctionWords

    @model_validator(mode="after")
    def _one_class_per_word(self) -> CuesFile:
        seen: dict[str, str] = {}
        for cls, words in self.classes.items():
            for word in words:
                other = seen.setdefault(word.lower(), cls)
                if other != cls:
                    raise ValueError(f"classes: '{word}' is listed under {other} and {cls}")
        return self


class ReportingVerbsFile(_Strict):
    """``reporting_verbs.yaml``: verbs of speech and thought, as coreference uses them."""

    verbs: Words = Field(description="lemmas of verbs that report speech or thought")


FILES: dict[str, type[BaseModel]] = {
    "cues.yaml": CuesFile,
    "reporting_verbs.yaml": ReportingVerbsFile,
}
