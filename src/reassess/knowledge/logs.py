"""Logger method names: a call `<logger>.<one of these>(...)` writes a log record."""
from __future__ import annotations

LOG_METHODS = frozenset({"debug", "info", "warning", "warn", "error", "critical", "exception", "log", "fatal"})
# Level names a project's own log wrapper takes as its first argument (`self.log("error", msg)`).
LEVEL_NAMES = LOG_METHODS - {"log"}


def names_logger(receiver: str) -> bool:
    """The receiver of a `<receiver>.<log method>(...)` call names a logger: "log" anywhere in it
    (`logger`, `log`, `self.log`, `logging`, `structlog`, `loguru`, `tornado.log.app_log`). A
    bare name test, as the callee is seldom resolvable (a module logger imported elsewhere)."""
    return "log" in receiver.lower()


def level_wrapper_call(last: str, first: object) -> bool:
    """`self.log("error", f"...{e}")`, `log_fn("warning", msg)`: a function named `log` given a
    level name as its first argument. Whatever the receiver (a project method wrapping the
    module logger, a log function injected into the object), the call writes a log record;
    the stdlib `Logger.log` takes a number there, so a level *name* marks a wrapper."""
    return last in ("log", "log_fn", "logfn", "_log") and isinstance(first, str) and first.lower() in LEVEL_NAMES
