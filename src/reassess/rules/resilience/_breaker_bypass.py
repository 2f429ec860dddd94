"""Background work that calls a dependency once per item while bypassing the circuit breaker the
dependency already has: while the service is down, every item of the batch still waits out the
timeout, the cost the breaker on the other call was added to avoid."""
from __future__ import annotations

from dataclasses import dataclass

from ...findings import Location
from ...model.app import is_test_path
from ...model.resilience.runtime import short
from ._deps import Group, entries_of_kind, left_out

_BATCH_KINDS = frozenset({"worker", "job"})


@dataclass
class LoopedBypass:
    edge: object  # the call into the client, made for each item
    call: object  # the client's request it leads to
    guarded: list  # the calls of the dependency behind the breaker
    entries: list  # (background entry, chain) reaching the loop

    def text(self, group: Group, wait: str) -> tuple[str, str, list[Location], str]:
        """(title, description, related locations, recommendation) of the finding."""
        edge, call = self.edge, self.call
        peers = sorted({c.fq: c for c in self.guarded}.values(), key=lambda c: (c.path, c.site.line))
        names = sorted({e.name for e, _c in self.entries})
        each = f"`{edge.site.loop_iter}`" if edge.site.loop_iter else "a collection"
        description = (
            f"`{short(edge.caller)}` calls `{short(call.fq)}` on {group.name} ({group.library}) once for each item "
            f"of {each}, in background work ({', '.join(names[:3])}), with no circuit breaker, while "
            f"{', '.join(f'`{short(c.fq)}`' for c in peers[:3])} calling the same service goes through one "
            f"({peers[0].breaker}). While {group.name} is down every item of the batch still waits out the timeout "
            f"({wait}) before failing, so one outage holds the worker for the whole batch, and these failures "
            "are not counted towards opening the breaker."
        )
        related = [Location(call.path, call.site.line, call.site.end_line, "the request sent for each item")]
        related += [Location(c.path, c.site.line, c.site.end_line, f"{short(c.fq)}, guarded: {c.breaker}")
                    for c in peers[:3]]
        recommendation = (f"Consult the same breaker before each call ({peers[0].breaker}) and stop the batch "
                          "while it is open, leaving the remaining items for the next run.")
        return (f"{short(edge.caller)} bypasses the circuit breaker for {group.name} for each item", description,
                related, recommendation)


def looped_bypass(model, group: Group) -> LoopedBypass | None:
    """A request to the dependency left out of its breaker (one guarded function, not outnumbered by
    those bypassing it: a breaker tracks the whole service), called from outside the client class once
    for each item of a loop (`for row in rows: await self.client.post_event(...)`) that a background
    worker or job runs."""
    calls = group.calls
    guarded = [c for c in calls if c.breaker]
    for call in left_out(calls, lambda c: c.breaker, shared_state=True):
        owner = f"{call.facts.module}.{call.func.class_name}." if call.func.class_name else call.fq
        for edge in sorted(model.callers.get(call.fq, ()), key=lambda e: (e.caller, e.site.line)):
            if not edge.site.loop_line or edge.caller.startswith(owner) \
                    or is_test_path(model.functions[edge.caller][0].path):
                continue
            entries = entries_of_kind(model, {edge.caller}, _BATCH_KINDS)
            if entries:
                return LoopedBypass(edge, call, guarded, entries)
    return None
