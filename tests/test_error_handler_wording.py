"""Severity and wording of the error-handling findings where the handler already keeps the
traceback or answers the caller: the rule still fires, but must not over-state the loss."""
from __future__ import annotations

from pathlib import Path

from conftest import assess

CASES = Path(__file__).parent / "cases"


def _by_line(case: str, rule: str) -> dict[int, object]:
    result = assess(CASES / case)
    return {f.location.start_line: f for f in result.findings if f.rule == rule}


def test_response_raised_after_logging_the_traceback_is_low() -> None:
    found = _by_line("exception-without-cause@logged-first", "RA104")
    logged, silent = found[21], found[30]
    assert logged.severity == "LOW" and "traceback are lost" not in logged.description
    assert "logs the original error with its traceback" in logged.description
    assert silent.severity == "MEDIUM" and "traceback are lost" in silent.description


def test_error_text_returned_to_the_caller_is_low() -> None:
    found = {f.title.split("`")[3]: f for f in _by_line("broad-except@handler-contracts", "RA103").values()}
    assert found["Feed.leverage"].severity == "LOW" and "returns the error's text" in found["Feed.leverage"].description
    assert found["Feed.poll_fills"].severity == "MEDIUM"
    assert found["describe"].severity == "MEDIUM"  # an answer built for a client: no server log
    assert found["Job.run"].severity == "LOW" and "records the error's text" in found["Job.run"].description


def test_log_wrapper_and_carried_text_are_low() -> None:
    """`self.log("error", ...)` logs; text returned, built into the answer, collected for the
    response, or the work redone another way is seen: LOW. A client response built from the
    error and a status reported elsewhere keep MEDIUM."""
    runner = _by_line("broad-except@text-carried", "RA103")
    assert runner[42].severity == "LOW" and "logs a message" in runner[42].description
    assert runner[49].severity == "LOW" and "returns the error's text" in runner[49].description
    assert runner[57].severity == "LOW" and "returns the error's text" in runner[57].description
    assert runner[73].severity == "MEDIUM"
    assert runner[19].severity == "LOW" and "returns the error's text" in runner[19].description
    assert runner[29].severity == "MEDIUM"
    assert runner[41].severity == "LOW" and "another way" in runner[41].description


def test_none_check_after_a_lookup_answering_the_same_is_low() -> None:
    """A caller's dead `is None` branch raising the exception class the callee already raises for
    the absence (`HTTPException` both sides) loses nothing but the dead check: LOW, worded so. A
    callee raising a domain error the caller never catches keeps MEDIUM and the escape."""
    folder = "inconsistent-error-handling@none-check-same-answer"
    found = _by_line(folder, "RA109")
    same, other = found[23], found[31]
    assert same.severity == "LOW" and "dead code" in same.description
    assert "escapes the caller" not in same.description and same.recommendation.startswith("Drop")
    assert other.severity == "MEDIUM" and "escapes the caller" in other.description
