"""Suppression: our own comment, and another linter's check for the same thing silenced on the line."""
from __future__ import annotations

import json
from pathlib import Path

from reassess.cli import main
from reassess.knowledge.linter_codes import silenced_codes, silenced_here

JOBS = '''import logging

logger = logging.getLogger(__name__)


def refresh(store) -> None:
    try:
        store.reload()
    except Exception:  # noqa: S110
        pass


def rebuild(store) -> None:
    try:
        store.rebuild()
    except Exception:  # noqa
        pass


def warm(store) -> None:
    try:
        store.warm()
    except Exception:  # pylint: disable=broad-except
        logger.warning("warm failed")


def cool(store) -> None:
    try:
        store.cool()
    except Exception:
        logger.warning("cool failed")


def drop(store) -> None:
    try:
        store.drop()
    except Exception:  # noqa: BLE001
        pass
'''


def _cited(tmp_path: Path) -> set[tuple[str, int]]:
    (tmp_path / "svc" / "app").mkdir(parents=True)
    (tmp_path / "svc" / "app" / "jobs.py").write_text(JOBS)
    assert main(["assess", str(tmp_path / "svc"), "--out", str(tmp_path / "out"), "--quiet", "--no-cache",
                 "--format", "json"]) == 0
    findings = json.loads((tmp_path / "out" / "findings.json").read_text())["findings"]
    return {(f["category"], f["location"]["start_line"]) for f in findings
            if f["category"] in ("swallowed-exception", "broad-except")}


def test_a_silenced_check_of_the_same_kind_suppresses_the_finding(tmp_path: Path) -> None:
    cited = _cited(tmp_path)
    assert ("swallowed-exception", 9) not in cited  # S110 is try-except-pass
    assert ("broad-except", 23) not in cited  # pylint's broad-except
    assert ("broad-except", 30) in cited  # nothing silenced
    assert ("swallowed-exception", 16) in cited  # a bare noqa names no check
    assert ("swallowed-exception", 37) in cited  # BLE001 silences the broad catch, not the swallow


def test_codes_are_read_from_each_marker() -> None:
    assert silenced_codes("x = 1  # noqa: E501, BLE001") == {"E501", "BLE001"}
    assert silenced_codes("except:  # pylint: disable=bare-except,W0703") == {"bare-except", "W0703"}
    assert silenced_codes("requests.get(url)  # nosec B113") == {"B113"}
    assert silenced_codes("obj.run()  # type: ignore[attr-defined]") == {"attr-defined"}
    assert silenced_codes("x = 1  # noqa") == set()
    assert silenced_here("missing-timeout", "requests.get(url)  # nosec B113")
    assert not silenced_here("global-mutable-state", "global CACHE  # noqa: PLW0603")
