"""A failure path that keeps the row selected by the loop's poll re-queues it (an outbox retry)."""
from __future__ import annotations

import textwrap
from pathlib import Path

from test_app_model import build_model

from reassess.rules.resilience._requeue import literal_conditions, requeues, row_requeued, set_values

POLL = "SELECT id, body FROM outbox WHERE status = 'PENDING' ORDER BY created_at LIMIT $1"
POLLS = literal_conditions(POLL)


def test_set_values_split_at_top_level_commas_only() -> None:
    values = set_values("UPDATE outbox SET attempts = attempts + 1, "
                        "status = CASE WHEN attempts + 1 >= 8 THEN 'DEAD' ELSE 'PENDING' END WHERE id = $1")
    assert sorted(values) == ["attempts", "status"]
    assert [t.text for t in values["status"]][:2] == ["CASE", "WHEN"]


def test_literal_conditions_read_equality_and_in_lists() -> None:
    assert POLLS == {"outbox": [{"status": {"pending"}}]}
    both = literal_conditions("SELECT id FROM jobs WHERE state IN ('queued', 'retry') AND run_at <= now()")
    assert both == {"jobs": [{"state": {"queued", "retry"}}]}


def test_a_conditional_status_that_can_stay_pending_requeues() -> None:
    assert row_requeued("UPDATE outbox SET attempts = attempts + 1, status = CASE WHEN attempts + 1 >= 8 "
                        "THEN 'DEAD' ELSE 'PENDING' END WHERE id = $1", POLLS)
    assert row_requeued("UPDATE outbox SET attempts = attempts + 1, last_error = $2 WHERE id = $1", POLLS)


def test_a_terminal_status_or_another_table_gives_the_row_up() -> None:
    assert not row_requeued("UPDATE outbox SET status = 'FAILED', attempts = attempts + 1 WHERE id = $1", POLLS)
    assert not row_requeued("UPDATE delivery_log SET attempts = attempts + 1 WHERE id = $1", POLLS)
    assert not row_requeued("UPDATE outbox SET status = $2 WHERE id = $1", POLLS)
    assert not row_requeued("UPDATE outbox SET attempts = attempts + 1 WHERE id = $1", {})


def _project(tmp_path: Path, failed_sql: str) -> Path:
    package = tmp_path / "relay"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "worker.py").write_text(textwrap.dedent(f'''
        import httpx


        class Outbox:
            def __init__(self, pool):
                self.pool = pool

            async def pending(self):
                return await self.pool.fetch("{POLL}", 50)

            async def mark_failed(self, row_id):
                await self.pool.execute("{failed_sql}", row_id)


        async def run(outbox: Outbox, http: httpx.AsyncClient):
            while True:
                for row in await outbox.pending():
                    try:
                        await http.post("https://hub.example/messages", content=row["body"])
                    except httpx.HTTPError:
                        await outbox.mark_failed(row["id"])
                        continue
    '''))
    return tmp_path


def _handler_call(model):
    func = model.functions["relay.worker.run"][1]
    return next(site for site in func.calls if site.func and site.func[-1] == "mark_failed")


def test_requeues_follows_the_handler_call_to_its_sql(tmp_path: Path) -> None:
    kept = "UPDATE outbox SET attempts = attempts + 1, status = CASE WHEN attempts + 1 >= 5 THEN 'DEAD' " \
           "ELSE 'PENDING' END WHERE id = $1"
    model = build_model(_project(tmp_path / "kept", kept))
    assert requeues(model, "relay.worker.run", _handler_call(model))


def test_a_mark_failed_that_ends_the_row_is_not_a_requeue(tmp_path: Path) -> None:
    model = build_model(_project(tmp_path / "ended", "UPDATE outbox SET status = 'DEAD' WHERE id = $1"))
    assert not requeues(model, "relay.worker.run", _handler_call(model))
