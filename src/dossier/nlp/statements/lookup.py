"""Which statement holds a stretch of text (the events component asks, to mark events that
are only reported)."""

from __future__ import annotations

import bisect

from dossier.nlp.state import Analysis
from dossier.record import Statement


def statement_containing(state: Analysis, char_start: int, char_end: int) -> Statement | None:
    """The innermost statement whose content spans contain characters [char_start, char_end).

    Ties go to the first statement (and span) in order. The spans are indexed once per
    document (sorted starts, bisected), rebuilt when statements are added.
    """
    statements = state.statements
    if not statements:
        return None
    cache = vars(state)
    key = (len(statements), id(statements[-1]))
    index = cache.get("_statement_index")
    if index is None or index[0] != key:
        rows = sorted(
            (span.start, span.end, order, st)
            for order, st in enumerate(statements)
            for span in st.content
        )
        longest = max((r[1] - r[0] for r in rows), default=0)
        index = cache["_statement_index"] = (key, [r[0] for r in rows], rows, longest)
    _key, starts, rows, longest = index
    # a containing span starts at or before char_start and no earlier than char_end - longest
    lo = bisect.bisect_left(starts, char_end - longest)
    hi = bisect.bisect_right(starts, char_start)
    best: Statement | None = None
    best_rank = (10**9, 0)
    for k in range(lo, hi):
        start, end, order, st = rows[k]
        if char_end <= end:
            rank = (end - start, order)
            if rank < best_rank:
                best, best_rank = st, rank
    return best
