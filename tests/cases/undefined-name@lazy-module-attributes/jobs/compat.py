"""Old import path of the scheduler, kept for existing callers."""
from __future__ import annotations

from jobs._moved import moved_attributes

__all__ = ("Scheduler", "every")

__getattr__ = moved_attributes(__name__, "jobs.scheduling", __all__)
