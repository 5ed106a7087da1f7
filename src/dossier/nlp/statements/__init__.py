"""dossier_statements: who said (claimed, reported, believes, wants) what.

Works on the parse already in the Doc (no extra model calls) and on the quote spans of
``dossier.nlp.quotes``. Each attribution becomes a `Statement` in ``get_state(doc).statements``.

The package reads like the component (`component.find_statements`):

- `context`: the document as the steps see it (token table, quotes, paragraphs, cue tokens);
- `lexicon`: the cue words of ``knowledge/data/cues.yaml``, validated at load;
- `sieves`: one module per cue family (verbs, according to, reporting nouns, noun objects,
  adjectives, evidential verbs, hedging adverbs, manner verbs after a quote, objects described
  as a quotation, dash bylines, colons, floating quotes), adding drafts to the
  `candidates` store; `complements` and `boundaries` find a cue verb's content;
- `speakers`: the speaker token of a cue, its phrase and its entity;
- `nesting`: coordinated cues inside a content, and ``reported_by``;
- `lookup`: the statement that holds a stretch of text.

Speed: the rules work on token indexes and the attribute lists of the shared token table
(``dossier.nlp.tokens``), not on spaCy `Token` objects; candidate cue tokens are found once
from the lemma / lower-case hashes, and the walks around a cue are skipped when no quote mark
or comma can be reached.
"""

from dossier.nlp.statements.component import (
    StatementsComponent,
    find_statements,
    make_statements,
)
from dossier.nlp.statements.lexicon import CueLexicon, cue_lexicon
from dossier.nlp.statements.lookup import statement_containing

__all__ = [
    "CueLexicon",
    "StatementsComponent",
    "cue_lexicon",
    "find_statements",
    "make_statements",
    "statement_containing",
]
