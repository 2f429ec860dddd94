"""Logger method names: a call `<logger>.<one of these>(...)` writes a log record."""
from __future__ import annotations

LOG_METHODS = frozenset({"debug", "info", "warning", "warn", "error", "critical", "exception", "log", "fatal"})
