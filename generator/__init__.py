"""Seloste: a GDPR privacy notice in YAML, published in Finnish, Swedish and English.

The core (load, validate, model, check, rules, render, releases, diff, site)
is plain Python and imports no MkDocs. The adapters sit around it:
mkdocs_adapter.py and mkdocs_hooks.py are the only modules that import MkDocs
(so the site host can change by rewriting them alone), build.py runs the
adapter once per language, and cli.py is the command line.
"""
