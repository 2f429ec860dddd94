from dataclasses import dataclass

from .repository import StateRepository


@dataclass
class Result:
    monitor_id: int
    ok: bool


class IngestService:
    def __init__(self, repo: StateRepository) -> None:
        self._repo = repo

    async def ingest(self, batch: list[Result]) -> None:
        states = await self._repo.get_states({r.monitor_id for r in batch})
        rows: list[tuple[int, str, int]] = []
        for result in batch:
            state = states.get(result.monitor_id)
            if state is None:
                continue
            previous = state["failures"]
            failures = 0 if result.ok else previous + 1
            rows.append((result.monitor_id, "up" if result.ok else "down", failures))
        await self._repo.write_states(rows)  # expect: race-condition

    async def ingest_deltas(self, batch: list[Result]) -> None:
        # correct: the database adds each failure to the value it holds
        rows = [(r.monitor_id, 0 if r.ok else 1) for r in batch]
        await self._repo.add_failures(rows)

    async def preview(self, batch: list[Result]) -> list[tuple[int, int]]:
        # correct: the stepped values are only shown, never written back
        states = await self._repo.get_states({r.monitor_id for r in batch})
        shown: list[tuple[int, int]] = []
        for monitor_id, state in states.items():
            projected = state["failures"] + 1
            shown.append((monitor_id, projected))
        return shown
