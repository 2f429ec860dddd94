"""Plugins resolve their hooks lazily."""
from __future__ import annotations


def __getattr__(name: str):
    raise AttributeError(name)
