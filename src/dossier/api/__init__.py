"""The HTTP API over the corpus store (`dossier serve`)."""
