"""Whether a deep copy is only ever read: iterated, measured, compared, serialised, its items'
fields read or logged. The analysis lives with the facts (`facts/readonly.py`), which also use it
for the per-function facts the project rules join across modules."""
from __future__ import annotations

from ...facts.readonly import only_read

__all__ = ["only_read"]
