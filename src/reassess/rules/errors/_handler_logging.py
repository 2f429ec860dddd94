"""What a call inside a handler says about the failure: a log line, a kept traceback.

Kept apart from the handler walk, which asks it of every call it meets.
"""
from __future__ import annotations

import ast
import re

from ...facts.values import dotted_str
from ...knowledge.logs import LOG_METHODS, level_wrapper_call, names_logger


TRACEBACK_CALLS = frozenset({
    "traceback.print_exc", "traceback.format_exc", "traceback.print_exception", "traceback.format_exception",
    "sentry_sdk.capture_exception", "capture_exception",
})


def is_log_call(node: ast.Call) -> bool:
    func = node.func
    first = node.args[0].value if node.args and isinstance(node.args[0], ast.Constant) else None
    if isinstance(func, ast.Name):
        return func.id == "print" or level_wrapper_call(func.id, first)
    if not isinstance(func, ast.Attribute):
        return False
    receiver = func.value
    text = (dotted_str(receiver) or (dotted_str(receiver.func) if isinstance(receiver, ast.Call) else "")).lower()
    if func.attr in ("print", "write"):
        return "console" in text or "stderr" in text  # a CLI reporting to its user
    if dotted_str(func) == "warnings.warn":  # `warn` is also a logger method: the module decides
        return True
    if func.attr not in LOG_METHODS:
        return False
    return names_logger(text) or level_wrapper_call(func.attr, first)


def logs_traceback(node: ast.Call) -> bool:
    name = dotted_str(node.func)
    if name in TRACEBACK_CALLS or name.endswith(".capture_exception"):
        return True
    if not is_log_call(node):
        return False
    if isinstance(node.func, ast.Attribute) and node.func.attr == "exception":
        return True
    return keeps_exc_info(node)


def logger_method(value: ast.expr) -> bool:
    """`logger.warning`, or a choice between logger methods (`logger.warning if n == 1 else logger.debug`)."""
    if isinstance(value, ast.IfExp):
        return logger_method(value.body) and logger_method(value.orelse)
    return isinstance(value, ast.Attribute) and value.attr in LOG_METHODS \
        and names_logger(dotted_str(value.value) or "")


def keeps_exc_info(node: ast.Call) -> bool:
    """A log call given `exc_info=` (anything but a false constant)."""
    for keyword in node.keywords:
        if keyword.arg == "exc_info":
            value = keyword.value
            return not (isinstance(value, ast.Constant) and not value.value)
    return False


# Error hooks of frameworks (`Handler.handleError`, `on_error`, Sentry's `capture_*`).
ERROR_HOOK = re.compile(r"^(handle_?error|on_?error|report_?error|capture_\w+|\w*traceback\w*|print_exc)$",
                         re.IGNORECASE)
