"""Evaluations of Dossier's components against gold corpora."""
