"""Seloste: a GDPR privacy notice in YAML, published in Finnish, Swedish and English.

The core (load, validate, model, check, render, releases, diff, site) is plain
Python and imports no MkDocs; mkdocs_adapter.py and mkdocs_hooks.py are the
only modules that do, so the site host can change by rewriting them alone.
"""
