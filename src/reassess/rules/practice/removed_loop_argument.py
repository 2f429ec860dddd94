"""RA882 asyncio-practice: the `loop=` argument that asyncio removed in Python 3.10."""
from __future__ import annotations

from typing import Iterator

from ...findings import Finding, Location
from .._scope import reviewed_modules
from ..api import ProjectContext, Rule, register

# High-level asyncio APIs whose `loop` parameter was removed in 3.10 (TypeError when passed).
REMOVED = frozenset({
    "asyncio.sleep", "asyncio.gather", "asyncio.shield", "asyncio.wait_for", "asyncio.wait", "asyncio.as_completed",
    "asyncio.Queue", "asyncio.LifoQueue", "asyncio.PriorityQueue", "asyncio.Lock", "asyncio.Event",
    "asyncio.Condition", "asyncio.Semaphore", "asyncio.BoundedSemaphore", "asyncio.open_connection",
    "asyncio.start_server", "asyncio.open_unix_connection", "asyncio.start_unix_server",
    "asyncio.create_subprocess_exec", "asyncio.create_subprocess_shell",
})


@register
class RemovedLoopArgument(Rule):
    """`loop=` passed to an asyncio API that no longer accepts it.

    What it finds:
        Calls such as `asyncio.Queue(loop=loop)`, `asyncio.sleep(1, loop=loop)`,
        `asyncio.gather(*aws, loop=loop)` or `asyncio.Lock(loop=loop)`: the `loop`
        parameter of these functions and classes was deprecated in Python 3.8 and removed
        in 3.10. `loop.create_task`, `ensure_future(loop=...)` and `asyncio.Future(loop=...)`
        still accept it and are left alone.

    Why it matters:
        On Python 3.10 and later the call raises `TypeError: ... got an unexpected keyword
        argument 'loop'` the first time it runs, which for a queue or lock built at
        start-up means the service does not start, and for one built on a rare path means a
        crash in production.

    Example:
        self.queue = asyncio.Queue(maxsize=100, loop=self.loop)

    Instead:
        self.queue = asyncio.Queue(maxsize=100)  # binds to the running loop on first use
    """

    id = "RA882"
    name = "removed-loop-argument"
    category = "asyncio-practice"
    severity = "HIGH"
    scope = "project"
    base_effort = 0.25
    effort_per_location = 0.1

    def check(self, ctx: ProjectContext) -> Iterator[Finding]:
        model = ctx.model
        for facts in reviewed_modules(model):
            edges = list(model.module_edges.get(facts.module, ()))
            for qualname in facts.functions:
                edges += model.edges.get(f"{facts.module}.{qualname}", ())
            for edge in sorted(edges, key=lambda e: (e.site.line, e.site.col)):
                if "loop" in edge.site.kwargs and edge.target.kind == "external" and edge.target.name in REMOVED:
                    name = edge.target.name
                    yield self.finding(
                        Location(facts.path, edge.site.line, edge.site.end_line),
                        f"`{name}(loop=...)` raises TypeError on Python 3.10+",
                        f"`{facts.path}` line {edge.site.line} passes `loop=` to `{name}`, whose `loop` parameter was "
                        "removed in Python 3.10: the call raises `TypeError` there.",
                        recommendation=(f"Drop the argument; `{name}` uses the running loop:\n\n```python\n"
                                        f"{edge.site.name}(...)  # without loop=\n```"),
                    )
