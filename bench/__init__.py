"""`make bench`: Seloste's benchmark (see __main__.py)."""
