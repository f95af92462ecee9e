"""The notice's words in each language: catalogs, the format's vocabulary, the templates."""
