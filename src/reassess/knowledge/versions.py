"""Library flags that say which major Python version runs.

`six.PY2` / `six.PY3` are fixed at import: a branch under `if six.PY2:` runs only on Python 2, so
Python-2-only builtins read there never raise on Python 3.
"""
from __future__ import annotations

# flag -> (its value on Python 2, its value on Python 3)
VERSION_FLAGS = {"six.PY2": (True, False), "six.PY3": (False, True)}
