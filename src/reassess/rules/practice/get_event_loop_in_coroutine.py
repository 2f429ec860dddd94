"""RA880 asyncio-practice: `asyncio.get_event_loop()` called inside a coroutine."""
from __future__ import annotations

from typing import Iterator

from ...findings import Finding, Location
from .._scope import reviewed_modules
from ..api import ProjectContext, Rule, register
from ..quality.sizing import plural

MAX_RELATED = 40


@register
class GetEventLoopInCoroutine(Rule):
    """`asyncio.get_event_loop()` inside `async def`.

    What it finds:
        Calls of `asyncio.get_event_loop()` made directly in a coroutine of the served
        code, where the running loop is what is wanted. Calls in synchronous code (where
        it may create a loop) are left to the reader. One finding per module.

    Why it matters:
        Inside a coroutine it happens to return the running loop, but its behaviour
        depends on the event loop policy and on where it is called from: moved into a
        helper that runs in a thread or at import time, the same line silently creates or
        returns a different loop (and warns or fails on Python 3.12+). The asyncio
        documentation prefers `get_running_loop()` in coroutines: it always returns the
        loop that runs the code and fails loudly anywhere else.

    Example:
        async def export(self):
            loop = asyncio.get_event_loop()
            return await loop.run_in_executor(None, self._render)

    Instead:
        async def export(self):
            loop = asyncio.get_running_loop()
            return await loop.run_in_executor(None, self._render)
    """

    id = "RA880"
    name = "get-event-loop-in-coroutine"
    category = "asyncio-practice"
    severity = "LOW"
    scope = "project"
    base_effort = 0.25
    effort_per_location = 0.1

    def check(self, ctx: ProjectContext) -> Iterator[Finding]:
        model = ctx.model
        for facts in reviewed_modules(model):
            sites = []
            for qualname, func in facts.functions.items():
                if not func.is_async:
                    continue
                for edge in model.edges.get(f"{facts.module}.{qualname}", ()):
                    if edge.target.kind == "external" and edge.target.name == "asyncio.get_event_loop":
                        sites.append((edge.site.line, func.qualname))
            if sites:
                sites.sort()
                line, name = sites[0]
                yield self.finding(
                    Location(facts.path, line, line),
                    f"`asyncio.get_event_loop()` in {plural(len(sites), 'coroutine')} of `{facts.path}`",
                    f"{', '.join(f'`{q}` (line {n})' for n, q in sites[:8])} "
                    f"call{'s' if len(sites) == 1 else ''} `asyncio.get_event_loop()` while running on the loop; "
                    "`asyncio.get_running_loop()` returns the same loop here and cannot pick up another one.",
                    recommendation=("Replace each call (the behaviour in a coroutine is unchanged):\n\n```python\n"
                                    "loop = asyncio.get_running_loop()\n```"),
                    related=[Location(facts.path, n, n, f"in `{q}`") for n, q in sites[1:MAX_RELATED]],
                )
