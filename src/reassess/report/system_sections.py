"""Markdown renderers for the architecture report's system overview sections."""
