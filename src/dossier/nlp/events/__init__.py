"""The ``dossier_events`` component: who did what to whom, when and where, coded to PLOVER.

1. Triggers (``events/<TYPE>.yaml``, validated and compiled once into lemma tables): verbs, phrasal verbs
   and verb + object phrases ("blow up", "open fire"), event nouns with their modifiers
   ("hunger strike", "air strike"), light verbs carrying an event noun ("carried out strikes"),
   reversal verbs undoing one ("lifted sanctions", "cancelled a visit").
2. Arguments from the dependency parse (``event_args``): subject / passive agent = source,
   object / dative / prepositional target ("attack on", "strikes against") = target;
   possessives and "of" phrases of event nouns ("Israel's elimination of Nasrallah").
3. Modality (``modality``): negated, hypothetical; a stated intention of the actor turns the
   act into a promise (AGREE) or a threat (THREATEN) as PLOVER/CAMEO code them.
4. Attribution (the statement whose content holds the trigger), date (``temporal``), place
   (a place in the clause, else the sentence, the dateline, the document focus).
5. Within-document dedup: same type, sources and targets -> one event, extra trigger spans.
"""

from dossier.nlp.events.coding import salience
from dossier.nlp.events.component import EventsComponent, make_events
from dossier.nlp.events.lexicon import Lexicon, Pattern, _lemma_guesses, fallback_words, lexicon
from dossier.nlp.events.match import Trigger, find_triggers, match_noun
from dossier.nlp.events.roles import Args, noun_args, verb_args

__all__ = [
    "Args",
    "EventsComponent",
    "Lexicon",
    "Pattern",
    "Trigger",
    "_lemma_guesses",
    "fallback_words",
    "find_triggers",
    "lexicon",
    "make_events",
    "match_noun",
    "noun_args",
    "salience",
    "verb_args",
]
