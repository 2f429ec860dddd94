"""One-time hints printed by the API process, and a tally a status route reports."""
import logging

log = logging.getLogger(__name__)

_welcome_shown = False  # expect: global-mutable-state
_export_hint_shown = False  # look-alike: grouped with line 6
_quota_hint_shown = False  # look-alike: grouped with the other latches of this module (line 6)
_searches_since_hint = 0  # look-alike: grouped too
_slow_calls = 0  # expect: global-mutable-state (read back by a route: MEDIUM, alone)
_last_query = ""  # cited at its rebinding (request data)


def welcome_once(first_visit: bool) -> None:
    global _welcome_shown
    if first_visit and not _welcome_shown:
        _welcome_shown = True
        log.info("welcome to the archive API")


def export_hint_once(rows: int) -> None:
    global _export_hint_shown
    if rows > 10_000 and not _export_hint_shown:
        _export_hint_shown = True
        log.info("exports can be streamed with ?stream=1")


def quota_hint_once(used: int) -> None:
    global _quota_hint_shown
    if used > 90 and not _quota_hint_shown:
        _quota_hint_shown = True
        log.info("close to the quota")


def search_hint(found: int) -> None:
    global _searches_since_hint
    _searches_since_hint += found
    if _searches_since_hint > 1000:
        log.info("try filters to narrow searches")
        _searches_since_hint = 0


def note_slow_call() -> None:
    global _slow_calls
    _slow_calls += 1


def slow_calls() -> int:
    return _slow_calls


def remember_query(text: str) -> None:
    global _last_query
    _last_query = text  # expect: global-mutable-state
