"""Calls that run a coroutine to completion on a new event loop: a program's `asyncio.run(main())`."""
from __future__ import annotations

# asyncio's own runners, which raise RuntimeError when this thread's loop is already running
ASYNCIO_RUNNERS = frozenset({"asyncio.run", "asyncio.Runner.run"})
# the runners, by the name a call resolves to
LOOP_RUNNERS = frozenset({*ASYNCIO_RUNNERS, "uvloop.run", "anyio.run", "trio.run", "asyncio.runners.run"})
# libraries whose module-level `run` is a runner, as written (`asyncio.run`, `trio.run`)
_RUNNER_MODULES = (("asyncio",), ("uvloop",), ("anyio",), ("trio",))


def runs_loop(target: str, chain: tuple[str, ...]) -> bool:
    """A call (resolved to `target`, written as the name chain `chain`) that runs a coroutine to
    completion on a new event loop: a runner, `loop.run_until_complete(...)`, or `asyncio.run`
    written through an import alias the resolution did not follow."""
    last = chain[-1] if chain else ""
    return target in LOOP_RUNNERS or last == "run_until_complete" or last == "run" and chain[:-1] in _RUNNER_MODULES
