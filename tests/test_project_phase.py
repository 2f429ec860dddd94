"""The project phase gives the same result in forked workers as in one process."""
from __future__ import annotations

import multiprocessing
from pathlib import Path

import pytest

from reassess.config import load_config
from reassess.discovery import discover, module_names
from reassess.model.project import ProjectModel
from reassess.project_phase import run_phase
from reassess.rules.api import ProjectContext, Rule, rule_classes
from reassess.worker import FileTask, analyse, init_worker

SAMPLE = Path(__file__).resolve().parent.parent / "examples" / "trading_backend"
needs_fork = pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="no fork here")


class _Broken(Rule):
    """What it finds:
        nothing: it fails, to show a failing rule leaves a note.
    """

    id = "RA999"
    name = "broken"
    category = "logic-error"
    severity = "LOW"
    scope = "project"

    def check(self, ctx):
        raise ValueError("boom")


def _phase(jobs: int, extra_rules: tuple = ()):
    config = load_config(SAMPLE, {"use_cache": False})
    files = discover(config).files
    names = module_names(files)
    init_worker(config)
    results = [analyse(FileTask(rel, *names[rel], (SAMPLE / rel).read_bytes())) for rel in files]
    sources = {rel: (SAMPLE / rel).read_bytes() for rel in files}
    model = ProjectModel([r.facts for r in results if r.facts], sources, config.root)
    ctx = ProjectContext(model, config, extra={"other_files": [], "root": config.root})
    rules = [cls(config) for cls in rule_classes("project")] + [cls(config) for cls in extra_rules]
    seen: list[tuple[int, int]] = []
    phase = run_phase(model, ctx, rules, results, jobs, lambda stage, done, total: seen.append((done, total)))
    return phase, seen


@needs_fork
def test_forked_workers_give_the_in_process_result() -> None:
    serial, _ = _phase(1)
    forked, progress = _phase(2)
    assert serial.findings, "the sample has project findings"
    assert [f.to_dict() for f in forked.findings] == [f.to_dict() for f in serial.findings]
    assert forked.notes == serial.notes
    assert forked.examined == serial.examined and serial.examined
    assert forked.metrics == serial.metrics and serial.metrics["files"]["count"] > 0
    assert forked.system == serial.system and serial.system["flows"]
    assert progress[-1][0] == progress[-1][1], "progress reaches the total"


@needs_fork
def test_a_failing_rule_leaves_a_note_in_a_worker() -> None:
    phase, _ = _phase(2, (_Broken,))
    assert "rule RA999 failed (ValueError: boom); its findings are missing" in phase.notes
    assert phase.findings, "the other rules still ran"
