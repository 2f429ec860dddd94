"""Background work that calls one dependency bare right beside a call into a client that guards its own
service with a circuit breaker (`_deliver_channel` sends email through `EmailClient`, whose requests
go through its breaker, and posts to Slack directly): the function's author settled that the services
this path depends on should fail fast, and one of them was left out. The worker handles its items one
at a time, so while that service hangs every item waits out its timeout, the deliveries behind it too."""
from __future__ import annotations

from dataclasses import dataclass

from ...findings import Location
from ...model.app import is_test_path
from ...model.resilience.runtime import short
from ._breaker_callers import owner_of
from ._breaker_entries import BACKGROUND_KINDS
from ._deps import Group, entries_of_kind, groups


@dataclass
class BareBeside:
    edge: object  # the bare call into the unguarded client
    call: object  # the client's request it leads to
    peer: object  # the call beside it, into a client guarding itself
    peer_fq: str  # the client method it calls
    guarded: object  # that client's request, behind its breaker
    entries: list  # (background entry, chain) reaching the function
    peer_path: str  # the module of the call beside it

    def text(self, group: Group, wait: str) -> tuple[str, str, list[Location], str]:
        """(title, description, related locations, recommendation) of the finding."""
        caller, peer = short(self.edge.caller), short(self.peer_fq)
        names = sorted({e.name for e, _c in self.entries})
        description = (
            f"`{caller}` calls `{peer}`, whose requests go through a circuit breaker ({self.guarded.breaker}), and "
            f"at line {self.edge.site.line} calls {group.name} ({group.library}) with none, in background work "
            f"({', '.join(names[:3])}). While {group.name} is down or hanging, every item this path handles still "
            f"waits out the timeout ({wait}) before failing, and the items behind it wait too: the cost the "
            "breaker beside it was added to avoid."
        )
        related = [Location(self.peer_path, self.peer.site.line, self.peer.site.end_line,
                            "the other dependency, behind a breaker"),
                   Location(self.guarded.path, self.guarded.site.line, self.guarded.site.end_line,
                            f"{short(self.guarded.fq)}, guarded: {self.guarded.breaker}"),
                   Location(self.call.path, self.call.site.line, self.call.site.end_line, "the request, unguarded")]
        recommendation = (f"Put {group.name}'s client behind a breaker of its own, as `{peer}` is, and treat an "
                          "open circuit as a failed delivery of that item.")
        return (f"{group.name} called without the breaker its neighbour has in {caller}", description, related,
                recommendation)


def bare_beside_guarded(model, group: Group, sends_to_one_service) -> BareBeside | None:
    """A bare call of this unguarded dependency (a request to one service) from outside its client,
    in a function a background worker reaches that also calls into another client class whose every
    request goes through a circuit breaker."""
    guarded = _self_guarded(model)
    for call in group.calls:
        if call.breaker or not sends_to_one_service(call):
            continue
        owner = owner_of(call.fq)
        others = guarded.keys() - {owner}
        for edge in sorted(model.callers.get(call.fq, ()), key=lambda e: (e.caller, e.site.line)):
            if edge.caller.startswith(owner + ".") or is_test_path(model.functions[edge.caller][0].path):
                continue
            peer = next((e for e in model.edges.get(edge.caller, ()) if e is not edge
                         and owner_of(model.callee_function(e.target)) in others), None)
            if peer is None:
                continue
            entries = entries_of_kind(model, {edge.caller}, BACKGROUND_KINDS)
            if entries:
                target = model.callee_function(peer.target)
                return BareBeside(edge, call, peer, target, guarded[owner_of(target)], entries, model.site_path(peer))
    return None


def _self_guarded(model) -> dict[str, object]:
    """Client class -> one of its requests, for the classes all of whose requests go through a
    circuit breaker (the client guards its own service). Computed once per run."""
    def compute() -> dict[str, object]:
        by_owner: dict[str, list] = {}
        for group in groups(model):
            for call in group.calls:
                if call.func.class_name:
                    by_owner.setdefault(owner_of(call.fq), []).append(call)
        return {owner: calls[0] for owner, calls in by_owner.items() if all(c.breaker for c in calls)}
    return model.memo("resilience.self_guarded_clients", compute)
