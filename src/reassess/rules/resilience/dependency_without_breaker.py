"""RA411 no-circuit-breaker: request paths that keep calling a failing dependency."""
from __future__ import annotations

import re
from typing import Iterator

from ...findings import Finding, Location
from ...knowledge import clients as lib
from ...model.resilience.runtime import short
from ..api import ProjectContext, Rule, register
from ._deps import Group, example_function, groups, request_entries

_MAX_RELATED = 10


@register
class DependencyWithoutBreaker(Rule):
    """A remote dependency called on request paths with nothing to stop calls piling up when it fails.

    What it finds:
        One finding per remote dependency (sibling implementations of one interface grouped)
        that HTTP or WebSocket requests call and that no circuit breaker guards: no pybreaker /
        aiobreaker / purgatory / circuitbreaker decorator or wrapper on the way, and no
        hand-written breaker (a `breaker`/`circuit` object consulted before the call). The
        description gives the effective timeout each request waits before failing.

    Why it matters:
        When the dependency slows down or fails, every request still waits the full timeout for
        it: in-flight requests, pool connections and worker slots pile up, latency climbs for
        unrelated endpoints, and the retries and reconnects of all callers keep hammering the
        dependency while it tries to recover.

    Example:
        response = await self._client.get(f"/v1/quotes/{symbol.upper()}")  # every request waits 5 s

    Instead:
        Wrap the client's calls in a breaker that opens after repeated failures and fails fast
        (serving a fallback) until a trial call succeeds:

            quotes_breaker = aiobreaker.CircuitBreaker(fail_max=5, timeout_duration=timedelta(seconds=30))

            @quotes_breaker
            async def get_quote(self, symbol: str) -> QuoteOut:
                ...
    """

    id = "RA411"
    name = "dependency-without-breaker"
    category = "no-circuit-breaker"
    severity = "LOW"
    scope = "project"
    base_effort = 3.0

    def check(self, ctx: ProjectContext) -> Iterator[Finding]:
        model = ctx.model
        for group in groups(model):
            calls = group.calls
            if not calls or any(c.breaker for c in calls):
                continue
            entries = request_entries(model, calls)
            if len({e.function for e, _c in entries}) >= 2 and (group.shared or len(calls) >= 3):
                yield self._finding(group, calls, entries)

    def _finding(self, group: Group, calls: list, entries: list) -> Finding:
        path, line, end = group.anchor()
        names = sorted({e.name for e, _c in entries})
        waits = sorted({_wait(c) for c in calls})
        description = (
            f"{group.name} ({group.library}, {len(calls)} call site{'s' if len(calls) != 1 else ''}) is called for "
            f"{len(names)} request entry point{'s' if len(names) != 1 else ''} ({', '.join(names[:5])}"
            f"{', ...' if len(names) > 5 else ''}) and no circuit breaker guards it: while it is down or slow each "
            f"request still waits for it (effective timeouts: {', '.join(waits)})."
        )
        related = [Location(c.path, c.site.line, c.site.end_line, f"`{c.method}` in {short(c.fq)}")
                   for c in calls[:_MAX_RELATED]]
        name, is_async = example_function(calls)
        var = re.sub(r"\W+", "_", group.name.lower()).strip("_")[:30] or "dependency"
        recommendation = (
            "Guard the calls with a circuit breaker that opens after repeated failures and fails fast (serving a "
            "fallback or a 503) until a trial call succeeds:\n\n"
            f"    {var}_breaker = aiobreaker.CircuitBreaker(fail_max=5, timeout_duration=timedelta(seconds=30))\n\n"
            f"    @{var}_breaker\n    {'async ' if is_async else ''}def {name}(...):\n        ..."
        )
        return self.finding(Location(path, line, end), f"no circuit breaker for {group.name}", description,
                            related=related, recommendation=recommendation)


def _wait(call) -> str:
    if call.bounded_by:
        return "bounded by its caller"
    if call.timeout == lib.UNKNOWN:
        return "set from configuration"
    return lib.describe_seconds(call.timeout)
