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


def test_error_raised_inside_the_handler_keeps_its_context() -> None:
    """`except Exception: raise Expected(...)` keeps the caught error as the implicit context: the
    traceback survives under the wrong name. Only `from None` cuts it off."""
    renamed = _by_line("broad-except@same-as-expected", "RA103")[18]
    assert "traceback is lost" not in renamed.description and "misnames it" in renamed.description
    assert "every failure as the expected one" in renamed.title
    cut = _by_line("broad-except@cause-cut", "RA103")[31]
    assert "traceback is lost" in cut.description and "hides the traceback" in cut.title


def test_warning_with_the_error_text_is_seen() -> None:
    """`warnings.warn(f"...: {exc}")` reports the failure (`warn` is also a logger method, but on the
    `warnings` module it is the warning itself): LOW, worded as a message without the traceback."""
    found = _by_line("broad-except@warned-fallback", "RA103")
    assert found[8].severity == "LOW" and "logs a message without the traceback" in found[8].description
    assert found[16].severity == "MEDIUM"


def test_grouped_handlers_say_what_each_does(tmp_path: Path) -> None:
    """Handlers grouped into one finding per file are a plural subject: the outcome, worded for
    one handler ("carries on without logging it"), is said of each."""
    (tmp_path / "feeds.py").write_text(
        "import httpx\nSTATS = {}\n\n\n"
        + "".join(f"async def poll_{n}(client: httpx.AsyncClient) -> None:\n"
                  f"    try:\n        await client.get('https://feed{n}.example.com')\n"
                  f"    except Exception as exc:\n        STATS['error'] = str(exc)\n\n\n" for n in range(12)))
    grouped = [f for f in assess(tmp_path).findings if f.rule == "RA103" and f.related_locations]
    assert grouped and "handlers in this file catch `Exception` and each " in grouped[0].description
