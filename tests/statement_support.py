"""What the statement tests share: one statements pipeline for the session, and helpers.

Loaded as a plugin by ``conftest.py`` (``pytest_plugins``), so the fixture ``nlp`` is there
for every test module that does not define its own; the helpers are imported by name
(``from statement_support import statements, with_cue``).
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from dossier.nlp.pipeline import PipelineConfig, build_pipeline
from dossier.nlp.state import get_state
from dossier.record import Statement


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The parse layer with entities, coreference and statements (no events or places)."""
    return build_pipeline(
        PipelineConfig(components=["dossier_entities", "dossier_coref", "dossier_statements"])
    )


def statements(nlp: Language, text: str) -> list[Statement]:
    return list(get_state(nlp(text)).statements)


def cue_texts(sts: list[Statement]) -> list[str]:
    return [st.cue.text for st in sts if st.cue is not None]


def with_cue(sts: list[Statement], cue: str, *, prefix: bool = False) -> Statement:
    """The first statement whose cue reads `cue` (or starts with it, with `prefix`)."""
    hits = [
        st
        for st in sts
        if st.cue is not None and (st.cue.text.startswith(cue) if prefix else st.cue.text == cue)
    ]
    assert hits, [(st.cue.text if st.cue else None, st.rule) for st in sts]
    return hits[0]


def texts(st: Statement) -> list[str]:
    return [c.text for c in st.content]
