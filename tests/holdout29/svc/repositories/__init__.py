"""Data access layer."""
