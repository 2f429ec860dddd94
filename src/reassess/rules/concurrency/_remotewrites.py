"""Awaited calls that change something in another service, directly or through project coroutines,
found once per run. Doing such a call twice is not harmless the way filling a cache twice is: two
payment intents, two bookings, two messages. A PUT, PATCH or DELETE changes state by definition; a
POST is also how many APIs run queries (quotes, searches), so it counts only when the call says it
creates something: it is given an idempotency key, or its name starts with a verb of creation."""
from __future__ import annotations

from typing import TYPE_CHECKING

from ...model.project import Edge
from ...model.resilience import analysis

if TYPE_CHECKING:
    from ..api import ProjectContext

_KEY = "concurrency.remotewrites"
_WRITE_VERBS = frozenset({"put", "patch", "delete"})
_CREATING = frozenset({"create", "open", "place", "book", "reserve", "charge", "capture", "submit", "issue",
                       "send", "transfer", "pay", "refund", "cancel"})


class _Reach:
    """(fq, line) of each awaited HTTP call with one of `verbs`, and the coroutines awaiting one."""

    def __init__(self, model, verbs: frozenset[str]) -> None:
        self.model = model
        self.calls = {(call.fq, call.site.line) for call in analysis(model).calls
                      if call.kind == "http-client" and call.site.used_as in ("await", "async-with")
                      and call.operation.rsplit(".", 1)[-1].lower() in verbs}
        self._chains: dict[str, list[Edge]] | None = None

    def __call__(self, edge: Edge) -> bool:
        if (edge.caller, edge.site.line) in self.calls:
            return True
        callee = self.model.callee_function(edge.target)
        if not callee or not edge.site.awaited or not self.calls:
            return False
        if self._chains is None:
            seeds = dict.fromkeys(fq for fq, _line in self.calls)
            self._chains = self.model.reach(seeds, lambda e: e.site.used_as == "await")
        return callee in self._chains


class RemoteWrites:
    """Whether an awaited call changes state in another service."""

    def __init__(self, model) -> None:
        self._writes = _Reach(model, _WRITE_VERBS)
        self._posts = _Reach(model, frozenset({"post"}))

    def made_by(self, edge: Edge) -> bool:
        """A PUT/PATCH/DELETE made by the call (or further down), or a POST by a call that creates."""
        return self._writes(edge) or _creating(edge) and self._posts(edge)


def _creating(edge: Edge) -> bool:
    """`create_intent(..., idempotency_key=...)`, `open_hold(...)`: named or keyed as a creation."""
    site = edge.site
    verb = site.func[-1].lstrip("_").split("_", 1)[0].lower() if site.func else ""
    return verb in _CREATING or any("idempotency" in key.lower() for key in site.kwargs)


def remote_writes(ctx: "ProjectContext") -> RemoteWrites:
    """The run's index of remote writes, built on first use."""
    if _KEY not in ctx.extra:
        ctx.extra[_KEY] = RemoteWrites(ctx.model)
    return ctx.extra[_KEY]
