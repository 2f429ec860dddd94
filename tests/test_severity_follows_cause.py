"""Severity the inline-expectation cases cannot check: symptoms weigh no more than their cause,
and sign-in paths are not hot paths."""
from __future__ import annotations

from pathlib import Path

from conftest import assess

CASES = Path(__file__).parent / "cases"


def _of(case: str, category: str) -> dict[str, object]:
    found = assess(CASES / case).findings
    return {f"{f.location.path}:{f.location.start_line}": f for f in found if f.category == category}


def test_acquire_on_a_pool_without_statement_timeout_is_medium() -> None:
    found = _of("missing-timeout@caller-deadline", "missing-timeout")
    acquire, pool = found["feeds/prices.py:35"], found["feeds/prices.py:34"]
    assert pool.severity == "LOW" and acquire.severity == "MEDIUM"
    assert "`command_timeout`" in acquire.description


def test_clients_built_only_for_sign_in_are_low() -> None:
    (finding,) = _of("connection-management@login-clients", "connection-management").values()
    assert finding.severity == "LOW"
    assert "once per login" in finding.description


def test_child_process_wait_names_the_child_and_weighs_callers() -> None:
    found = _of("missing-timeout@caller-deadline", "missing-timeout")
    called, uncalled = found["feeds/tools.py:7"], found["feeds/tools.py:13"]
    assert called.severity == "HIGH" and uncalled.severity == "MEDIUM"
    assert "child process that hangs" in called.description and "peer" not in called.description
    assert "No call the analysis could resolve reaches `run_command`" in uncalled.description
    assert "gateway" not in called.impact and "SYN" not in called.impact and "child process" in called.impact
    assert "proc.kill()" in called.recommendation


def test_client_cache_keyed_by_credentials_is_low() -> None:
    found = _of("unbounded-cache@client-per-key", "unbounded-cache")
    per_key, per_conversation = found["assistant/llm.py:4"], found["assistant/history.py:3"]
    assert per_key.severity == "LOW" and "credentials the deployment configures" in per_key.description
    assert per_conversation.severity != "LOW" and "every distinct key" in per_conversation.description


def test_millisecond_literal_sleep_is_low() -> None:
    found = _of("sync-io-in-async@tiny-sleep", "sync-io-in-async")
    tiny, long = found["feed/events.py:11"], found["feed/events.py:19"]
    assert tiny.severity == "LOW" and long.severity == "HIGH"


def test_blocking_work_behind_a_stored_result_is_low() -> None:
    found = _of("sync-io-in-async@memo-miss", "sync-io-in-async")
    behind_hit, memoised, every_call = (found["pages/assets.py:13"], found["pages/assets.py:29"],
                                        found["pages/assets.py:33"])
    assert behind_hit.severity == "LOW" and "only on a cache miss" in behind_hit.description
    assert "`bundle_for` serves a stored result" in behind_hit.description
    assert memoised.severity == "LOW" and "`manifest_text` serves a stored result" in memoised.description
    assert every_call.severity == "MEDIUM" and "cache miss" not in every_call.description
