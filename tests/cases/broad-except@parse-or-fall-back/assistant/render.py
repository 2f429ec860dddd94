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


def filled_in(template: str, *, limit: int | None) -> str:
    """A template from settings: a field it names that is not passed leaves it as written."""
    try:
        return template.format(limit=limit)
    except Exception:
        return template


def filled_in_from_store(store, template: str) -> str:
    try:
        return template.format(limit=store.current_limit())
    except Exception:  # expect: broad-except
        return template
