"""Dossier's web application: pages, their data, and the JSON API under /api."""
