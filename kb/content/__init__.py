"""Plugins that decide what pages show."""
