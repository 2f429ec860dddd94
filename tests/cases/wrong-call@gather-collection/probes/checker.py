"""Which nodes serve which serial of a zone."""
import asyncio

from probes.client import NodeClient


class Checker:
    def __init__(self, client: NodeClient, nodes: list[str]) -> None:
        self._client = client
        self._nodes = nodes

    async def snapshot(self, zone: str) -> dict[str, int | None]:
        serials = await asyncio.gather([self._client.serial(n, zone) for n in self._nodes])  # expect: wrong-call
        return dict(zip(self._nodes, serials))

    async def pair(self, zone: str, first: str, second: str) -> tuple:
        probes = [self._client.serial(first, zone), self._client.serial(second, zone)]
        return await asyncio.gather(probes, return_exceptions=True)  # expect: wrong-call

    async def snapshot_unpacked(self, zone: str) -> dict[str, int | None]:
        serials = await asyncio.gather(*[self._client.serial(n, zone) for n in self._nodes])
        return dict(zip(self._nodes, serials))

    async def tolerant(self, zone: str) -> list:
        probes = [self._client.serial(n, zone) for n in self._nodes]
        return await asyncio.gather(*probes, return_exceptions=True)

    async def first_answers(self, zone: str, timeout: float) -> set[str]:
        tasks = {asyncio.create_task(self._client.serial(n, zone)): n for n in self._nodes}
        done, pending = await asyncio.wait(tasks, timeout=timeout)
        for task in pending:
            task.cancel()
        return {tasks[t] for t in done if not t.exception()}
