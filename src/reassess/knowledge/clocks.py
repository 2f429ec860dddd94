"""Time in code: the last name of calls that return the current time (`time.monotonic()`,
`datetime.now()`), as code stamps entries and windows with them, and the constructors of a time span."""
from __future__ import annotations

CLOCKS = frozenset({"time", "monotonic", "perf_counter", "time_ns", "monotonic_ns", "now", "utcnow", "today"})

# constructors of a span of time (`timedelta(days=30)`), as written in code
DURATIONS = frozenset({"timedelta", "datetime.timedelta", "relativedelta", "dateutil.relativedelta.relativedelta"})
