"""Seloste: a GDPR privacy notice in YAML, published in Finnish, Swedish and English.

The package is cut into layers, lowest first; a module imports only from its
own layer and those below it (tests/test_layers.py holds it to that):

- the foundation: project.py (the project's paths), environment.py (the
  build's date, the site's address), findings.py, report.py, caches.py and
  folder_swap.py (a folder replaced whole, atomically);
- notice/: the notice as data and its checks (the format, loading,
  validation, the model, the rules of GDPR, migration between formats);
- words/: its words in each language (catalogs, vocabulary, the templates
  and their filters);
- record/: the frozen record (releases, their lock, the timeline, comparing
  texts, the inspection every command runs before publishing);
- site/: the site as data (every page of every language, the preview, feeds);
- host/: the site host, MkDocs (the only code that imports it), the build
  and its processes;
- cli.py and job_summary.py: the command line.

All but host/ and the command line is plain Python, so the site host can
change by rewriting host/ alone.
"""
