"""RA410 no-retry: a remote dependency whose idempotent calls are never retried."""
from __future__ import annotations

from typing import Iterator

from ...findings import Finding, Location
from ...model.resilience.runtime import short
from ..api import ProjectContext, Rule, register
from ._deps import IDEMPOTENT, TRANSIENT_ERRORS, Group, example_function, groups, request_entries

_MAX_RELATED = 10


@register
class DependencyWithoutRetry(Rule):
    """A remote service called from request paths with no retry on any of its idempotent calls.

    What it finds:
        One finding per remote dependency (one client, one address, or several implementations of
        one interface grouped together) whose idempotent calls (GET, HEAD, PUT, DELETE) run for
        HTTP or WebSocket requests and are retried nowhere: no tenacity/backoff/stamina decorator
        or retrying block on the way, no hand-written loop that catches and tries again, no
        retrying transport (httpx `retries=`, urllib3 `Retry`, aiohttp-retry). Non-idempotent calls
        (POST) are listed but never counted as missing a retry: retrying them needs an
        idempotency key first.

    Why it matters:
        Connection resets, 502/503 from a restarting upstream and DNS hiccups are routine; a
        single attempt turns each of them into a user-visible error, and during a deploy of the
        dependency every request in flight fails instead of succeeding a few hundred
        milliseconds later.

    Example:
        response = await self._client.get(f"/v1/quotes/{symbol.upper()}")

    Instead:
        Retry transient failures of idempotent calls a few times with exponential backoff and
        jitter, inside the caller's overall timeout:

            @retry(retry=retry_if_exception_type(httpx.TransportError),
                   wait=wait_exponential_jitter(initial=0.2, max=2), stop=stop_after_attempt(3))
            async def get_quote(self, symbol: str) -> QuoteOut:
                ...
    """

    id = "RA410"
    name = "dependency-without-retry"
    category = "no-retry"
    severity = "LOW"
    scope = "project"
    base_effort = 2.0

    def check(self, ctx: ProjectContext) -> Iterator[Finding]:
        model = ctx.model
        found = groups(model)
        ctx.examine("remote dependencies", len(found))
        for group in found:
            calls = group.calls
            if not calls or any(c.retry for c in calls):
                continue
            idempotent = [c for c in calls if c.method in IDEMPOTENT or c.operation.endswith(".get")]
            if not idempotent or not (group.shared or len({c.fq for c in idempotent}) >= 2):
                continue  # a one-off call through a throwaway client: a retry policy is not the issue
            entries = request_entries(model, idempotent)
            if entries:
                yield self._finding(group, idempotent, calls, entries)

    def _finding(self, group: Group, idempotent: list, calls: list, entries: list) -> Finding:
        path, line, end = group.anchor()
        others = len(calls) - len(idempotent)
        names = sorted({e.name for e, _c in entries})
        description = (
            f"{group.name} ({group.library}) is called from {len(calls)} place{'s' if len(calls) != 1 else ''}; "
            f"{len(idempotent)} idempotent call{'s' if len(idempotent) != 1 else ''} "
            f"({', '.join(sorted({short(c.fq) for c in idempotent})[:5])}) serve{'s' if len(idempotent) == 1 else ''} "
            f"{', '.join(names[:5])}{', ...' if len(names) > 5 else ''}, and none is retried: one transient "
            "failure of the dependency becomes an error for the caller."
            + (f" {others} non-idempotent call{'s are' if others != 1 else ' is'} not counted." if others else "")
        )
        related = [Location(c.path, c.site.line, c.site.end_line, f"`{c.method}` in {short(c.fq)}, not retried")
                   for c in idempotent[:_MAX_RELATED]]
        name, is_async = example_function(idempotent)
        error = TRANSIENT_ERRORS.get(group.library, "ConnectionError")
        recommendation = (
            "Retry transient failures of the idempotent calls a few times with exponential backoff and jitter, "
            "inside the caller's overall time budget (tenacity shown):\n\n"
            f"    @retry(retry=retry_if_exception_type({error}),\n"
            "           wait=wait_exponential_jitter(initial=0.2, max=2), stop=stop_after_attempt(3))\n"
            f"    {'async ' if is_async else ''}def {name}(...):\n        ..."
        )
        return self.finding(Location(path, line, end), f"no retry for {group.name}", description, related=related,
                            recommendation=recommendation)
