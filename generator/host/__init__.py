"""The site host: MkDocs and its Markdown extensions, the build and its processes."""
