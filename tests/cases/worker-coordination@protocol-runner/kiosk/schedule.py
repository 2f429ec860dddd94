"""Nightly jobs, each handed to the runner as a field of its schedule entry."""
import asyncio
from dataclasses import dataclass
from typing import Protocol


class Nightly(Protocol):
    async def perform(self) -> None: ...


@dataclass
class At:
    hour: int
    task: Nightly


async def nightly(entry: At) -> None:
    while True:
        await asyncio.sleep(3600)
        await entry.task.perform()
