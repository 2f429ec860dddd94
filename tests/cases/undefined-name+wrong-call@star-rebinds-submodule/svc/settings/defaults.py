"""Defaults kept beside the registry."""

TIMEOUT = 5
