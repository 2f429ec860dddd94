"""Severity and wording where the analysed code cannot fail as the rule first assumes: a method
nothing calls (LOW, and said so), a default every concrete subclass replaces (silent, see the
case), an import cycle no module needs while loading, a client never closed on any path."""
from __future__ import annotations

from pathlib import Path

from conftest import assess

CASES = Path(__file__).parent / "cases"


def _by_line(case: str, rule: str) -> dict[tuple[str, int], object]:
    result = assess(CASES / case)
    return {(f.location.path, f.location.start_line): f for f in result.findings if f.rule == rule}


def test_gather_in_uncalled_method_is_low() -> None:
    found = _by_line("backpressure@overridden-default", "RA312")
    live, dead = found[("ledger/stores.py", 54)], found[("ledger/stores.py", 73)]
    assert live.severity == "MEDIUM" and "Nothing in the project calls" not in live.description
    assert dead.severity == "LOW" and "Nothing in the project calls" in dead.description


def test_thread_lock_in_uncalled_coroutine_is_low() -> None:
    found = _by_line("deadlock@uncalled-method", "RA304")
    assert found[("agent/runtime.py", 16)].severity == "CRITICAL"
    assert found[("agent/runtime.py", 21)].severity == "LOW"


def test_large_cycle_used_only_inside_functions_is_medium() -> None:
    found = _by_line("circular-import@late-bound-names", "RA805")
    assert found[("feed/bus.py", 1)].severity == "MEDIUM"


def test_client_never_closed_says_so() -> None:
    finding = _by_line("connection-management@never-released-client", "RA510")[("warmup/servers.py", 10)]
    assert finding.title.endswith("is never released") and finding.severity == "MEDIUM"
    assert "reference counting" in finding.description
