"""Business, sport, weather and culture news gives (almost) no conflict events.

The words of conflict have other senses ("oil prices fell", "Spain beat Japan 5-0", "heavy rain
hit the coast"); a coder that finds assaults in them is worse than none. At most 2 of the 40
sentences of `nonpolitical_sentences` may get a conflict event.
"""

from __future__ import annotations

from nonpolitical_sentences import CONFLICT_TYPES, SENTENCES

MAX_WITH_CONFLICT = 2


def test_forty_sentences() -> None:
    assert len(SENTENCES) == 40 == len(set(SENTENCES))


def test_non_political_news_gives_no_conflict_events(analyzer) -> None:  # type: ignore[no-untyped-def]
    hits = []
    for text in SENTENCES:
        record = analyzer.analyze(text)
        found = [(e.type, e.trigger.text) for e in record.events if e.type in CONFLICT_TYPES]
        if found:
            hits.append((text, found))
    assert len(hits) <= MAX_WITH_CONFLICT, hits
