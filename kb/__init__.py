"""The site's own MkDocs plugins, grouped by kind: content (what pages show) and speed-ups."""
