"""Runnable code shown on the site's pages; every block a page shows is a section of a file here."""
