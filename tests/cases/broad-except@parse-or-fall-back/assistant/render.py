"""Rendering values for the audit trail."""
import logging

logger = logging.getLogger(__name__)


def audit_line(store, value: object) -> str:
    try:
        return repr(store.lookup(value))
    except Exception as exc:  # expect: broad-except
        logger.warning("cannot render %s: %s", type(value).__name__, exc)
        return "<unreadable>"


def shown(value: object) -> str:
    try:
        return repr(value)
    except Exception as exc:
        logger.warning("cannot render %s: %s", type(value).__name__, exc)
        return "<unreadable>"
