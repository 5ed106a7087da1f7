"""Every `examples:` entry of every event rule file is coded as it declares."""

from __future__ import annotations

import pytest

from dossier.rules.schemas.events import all_examples, example_problem

EXAMPLES = all_examples()


@pytest.mark.parametrize(
    ("type_", "example"),
    [(lp.type, ex) for lp, _i, ex in EXAMPLES],
    ids=[f"{lp.rule.id}-{i}" for lp, i, _ex in EXAMPLES],
)
def test_example(analyzer, type_, example) -> None:  # type: ignore[no-untyped-def]
    assert example_problem(analyzer, type_, example) is None
