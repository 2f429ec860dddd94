"""Worker programs started through the project's own runner or base class (model/handed_programs.py):
`run_program("settlement", main)` hands a loop to a runner that `asyncio.run`s it, and
`main(TatStatsWorker)` runs a base class's loop that calls the subclass's `tick`. Each is a worker;
a one-shot command handed to the same runner is not."""
from __future__ import annotations

from pathlib import Path

from test_app_model import build_model

PROJECTS = Path(__file__).parent / "projects" / "handed_programs"


def _workers(name: str) -> dict[str, dict]:
    model = build_model(PROJECTS / name)
    return {e.function: e.details for e in model.app.of_kind("worker")}


def test_mains_handed_to_a_runner_are_workers_and_a_one_shot_is_not() -> None:
    workers = _workers("ledgerd")
    assert set(workers) == {"ledgerd.workers.payouts.main", "ledgerd.workers.settlement.main"}
    assert workers["ledgerd.workers.settlement.main"]["started_in"] == "ledgerd.workers.settlement"


def test_subclass_hooks_run_by_a_base_class_loop_are_workers_with_its_pause() -> None:
    workers = _workers("tatstats")
    assert set(workers) == {"tatstats.workers.escalations.EscalationWorker.tick",
                            "tatstats.workers.tat_stats.TatStatsWorker.tick"}
    loop = workers["tatstats.workers.tat_stats.TatStatsWorker.tick"]["loop"]
    assert loop["function"] == "tatstats.workers.base.Worker.run" and loop["forever"]
    assert loop["sleep"] == "60.0 (self.interval)"
