"""Clock reads: the last name of calls that return the current time (`time.monotonic()`,
`datetime.now()`), as code stamps entries and windows with them."""
from __future__ import annotations

CLOCKS = frozenset({"time", "monotonic", "perf_counter", "time_ns", "monotonic_ns", "now", "utcnow", "today"})
