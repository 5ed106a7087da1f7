"""What a sieve is: one family of cues, run once over a document, adding drafts to the store."""

from __future__ import annotations

from typing import Protocol

from dossier.nlp.statements.candidates import Candidates
from dossier.nlp.statements.context import Context


class Sieve(Protocol):
    """A cue family. `run` adds the drafts it finds to `found` and marks the quotes they
    take; later sieves see them (a quote is used once, a cue token is a cue once)."""

    name: str

    def run(self, ctx: Context, found: Candidates) -> None: ...
