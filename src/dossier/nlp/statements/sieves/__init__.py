"""The cue families, one module each, and the order they run in.

The order is the order of preference: a quotation or a cue token taken by an earlier sieve is
not taken again, and duplicate contents keep the most confident draft.
"""

from __future__ import annotations

from dossier.nlp.statements.sieves.according_to import AccordingTo
from dossier.nlp.statements.sieves.adjective import AdjectiveCues
from dossier.nlp.statements.sieves.as_quote import AsQuoteCues
from dossier.nlp.statements.sieves.base import Sieve
from dossier.nlp.statements.sieves.colon import ColonQuotes
from dossier.nlp.statements.sieves.dash import DashBylines
from dossier.nlp.statements.sieves.evidential import EvidentialCues
from dossier.nlp.statements.sieves.floating import FloatingQuotes
from dossier.nlp.statements.sieves.hedge import HedgeAdverbs
from dossier.nlp.statements.sieves.noun import NounCues
from dossier.nlp.statements.sieves.noun_object import NounObjectCues
from dossier.nlp.statements.sieves.quote_manner import QuoteMannerCues
from dossier.nlp.statements.sieves.verb import VerbCues

# the sieves that find cues, in order; floating quotes run after the speakers are known
CUE_SIEVES: tuple[Sieve, ...] = (
    VerbCues(),
    AccordingTo(),
    NounCues(),
    NounObjectCues(),
    AdjectiveCues(),
    EvidentialCues(),
    HedgeAdverbs(),
    QuoteMannerCues(),
    AsQuoteCues(),
    DashBylines(),
    ColonQuotes(),
)

__all__ = ["CUE_SIEVES", "FloatingQuotes", "Sieve"]
