"""MkDocs hook module named in mkdocs.yml; the events live in mkdocs_adapter.py."""

from generator.mkdocs_adapter import on_config, on_files, on_page_markdown

__all__ = ["on_config", "on_files", "on_page_markdown"]
