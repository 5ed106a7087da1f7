"""Which statement holds a stretch of text (the events component asks, to mark events that
are only reported)."""

from __future__ import annotations

import bisect

from dossier.nlp.state import Analysis
from dossier.record import Statement


class StatementIndex:
    """The content spans of a document's statements, sorted by start, for bisection. Kept on
    the document's state; it stays valid while the statement list ends with the same
    statement object it was built for (the components only append statements)."""

    def __init__(self, statements: list[Statement]) -> None:
        self.count = len(statements)
        self.last = statements[-1]
        self.rows = sorted(
            (span.start, span.end, order, st)
            for order, st in enumerate(statements)
            for span in st.content
        )
        self.starts = [r[0] for r in self.rows]
        self.longest = max((r[1] - r[0] for r in self.rows), default=0)

    def fits(self, statements: list[Statement]) -> bool:
        return self.count == len(statements) and self.last is statements[-1]


def statement_containing(state: Analysis, char_start: int, char_end: int) -> Statement | None:
    """The innermost statement whose content spans contain characters [char_start, char_end).

    Ties go to the first statement (and span) in order. The spans are indexed once per
    document (`StatementIndex` on the state), rebuilt when statements are added.
    """
    statements = state.statements
    if not statements:
        return None
    index = state._statement_index
    if not isinstance(index, StatementIndex) or not index.fits(statements):
        index = state._statement_index = StatementIndex(statements)
    starts, rows = index.starts, index.rows
    # a containing span starts at or before char_start and no earlier than char_end - longest
    lo = bisect.bisect_left(starts, char_end - index.longest)
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
