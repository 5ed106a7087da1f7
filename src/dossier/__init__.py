"""Dossier: structured, provenance-exact analysis of news about politics and conflict.

>>> from dossier import Analyzer
>>> record = Analyzer().analyze("Israel struck Iranian targets in Syria.", published="2024-10-26")
>>> record.events[0].type
'ASSAULT'
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Analyzer", "__version__", "to_frames"]

if TYPE_CHECKING:
    from dossier.analyzer import Analyzer
    from dossier.tables import to_frames


def __getattr__(name: str) -> Any:
    if name == "Analyzer":
        from dossier.analyzer import Analyzer

        return Analyzer
    if name == "to_frames":
        from dossier.tables import to_frames

        return to_frames
    raise AttributeError(name)
