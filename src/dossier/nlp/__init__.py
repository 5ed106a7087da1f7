"""Dossier's spaCy components: entities, coreference, places, statements, events, relations."""
