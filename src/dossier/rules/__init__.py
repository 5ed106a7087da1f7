"""Rules as validated data: the models of the knowledge files, their loader and their check.

Every rule file under ``dossier/knowledge/data`` (and under each ``DOSSIER_DATA_PATH`` layer)
that a module of :mod:`dossier.rules.schemas` registers is read with line numbers and validated
against a pydantic model; any problem is a :class:`RulesError` naming the file and the line.
``dossier rules check`` runs every check, including each rule's written examples.
"""

from dossier.rules.loader import RulesError, load_rule_file

__all__ = ["RulesError", "load_rule_file"]
