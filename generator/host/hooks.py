"""The hook module MkDocs runs (the adapter adds it to every build, whatever mkdocs.yml says); the events live in adapter.py."""

from generator.host.adapter import (
    on_config,
    on_env,
    on_files,
    on_page_context,
    on_page_markdown,
    on_post_build,
    on_serve,
    on_template_context,
)

__all__ = [
    "on_config",
    "on_env",
    "on_files",
    "on_page_markdown",
    "on_page_context",
    "on_template_context",
    "on_post_build",
    "on_serve",
]
