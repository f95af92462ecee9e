"""The site as data: every page of every language, the live preview's plan, the feeds."""
