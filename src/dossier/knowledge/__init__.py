"""Dossier's knowledge: countries, actors with dated roles, titles and roles, the gazetteer,
and the PLOVER ontology. Facts live in data files under ``data/``; modules here load them."""
