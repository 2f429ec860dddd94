"""Command-line tools bound once with the options every call shares."""
from __future__ import annotations

import functools
import json
import subprocess

run_tool = functools.partial(subprocess.run, check=True, capture_output=True, timeout=60)
to_json = functools.partial(json.dumps, sort_keys=True, separators=(",", ":"))
