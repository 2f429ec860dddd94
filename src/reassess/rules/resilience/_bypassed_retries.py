"""Calls that go around a retry the project set up for the same request: a method sending
directly where its class's siblings send through the class's retrying helper, and a client
method retried at some ways in and called once at another."""
from __future__ import annotations

from ...model.resilience.calls import ExternalCall
from ...model.overrides import protocol_classes, protocol_implementations
from ...model.project import ProjectModel
from ._deps import fetches, groups, retry_safe
from ._retry_policies import declared_policy, owner_class, used_by_project


def twin_left_out(model: ProjectModel, calls: list[ExternalCall]) -> tuple[ExternalCall, list] | None:
    """(call left out, the retried ways) for a client method reached from several project
    functions, some through a declared retry policy and no more of them without one; a way whose
    failure is answered where it is made, or that no project code uses, is not counted."""
    for _helper, ways in sorted(_ways_by_helper(calls).items()):
        retried = [c for c in ways if declared_policy(c.retry)]
        bare = [c for c in ways if not c.retry and not c.handled and used_by_project(model, c)]
        bare_fqs, retried_fqs = {c.fq for c in bare}, {c.fq for c in retried}
        if bare and retried and len(bare_fqs) <= len(retried_fqs) and bare_fqs.isdisjoint(retried_fqs):
            return bare[0], retried
    return None


def implementation_left_out(model: ProjectModel, calls: list[ExternalCall]) -> tuple[ExternalCall, list] | None:
    """(call left out, the retried calls) for a call of a class implementing a project protocol
    structurally (`AwsBillingClient` beside `BillingApi(Protocol)`) when two or more other
    implementations (among the calls of all dependencies), outnumbering those left out,
    retry every one of their calls with a declared policy while this class retries none: the same
    operation on another backend, and the project judged its failures worth another attempt. The
    call must be safe to send again or use a verb a twin retries (the twins' POST of the same query),
    and be neither caught where it is made nor unused."""
    for call in calls:
        if call.retry or call.handled:
            continue
        for proto in _protocols_of(model, owner_class(call.fq)):
            by_class = _calls_by_protocol(model).get(proto, {})
            retried = [ways for ways in by_class.values() if all(declared_policy(c.retry) for c in ways)]
            bare = [ways for ways in by_class.values() if not any(c.retry for c in ways)]
            if len(retried) < 2 or len(retried) <= len(bare):
                continue
            twins = [c for ways in retried for c in ways]
            if (retry_safe(call) or call.method in {c.method for c in twins}) \
                    and (used_by_project(model, call) or _implements_protocol(model, call.fq)):
                return call, twins
    return None


def _protocols_of(model: ProjectModel, owner: str) -> list[str]:
    """The project protocols the class implements structurally: it defines all of their methods
    without naming them as a base (kept per run: every call of every dependency asks)."""
    known = model.memo("resilience.protocols_of", dict)
    if owner not in known:
        cls = model.classes.get(owner)
        defined = set(cls[1].methods) if cls else set()
        known[owner] = sorted(p for p, methods in protocol_classes(model).items()
                              if p != owner and defined and methods <= defined)
    return known[owner]


def _calls_by_protocol(model: ProjectModel) -> dict[str, dict[str, list[ExternalCall]]]:
    """protocol -> implementing class -> its external calls (all dependencies, in their order):
    built once per run, not once per dependency group that asks."""
    def build() -> dict[str, dict[str, list[ExternalCall]]]:
        found: dict[str, dict[str, list[ExternalCall]]] = {}
        for peer in (c for group in groups(model) for c in group.calls):
            owner = owner_class(peer.fq)
            for proto in _protocols_of(model, owner):
                found.setdefault(proto, {}).setdefault(owner, []).append(peer)
        return found
    return model.memo("resilience.calls_by_protocol", build)


def _implements_protocol(model: ProjectModel, fq: str) -> bool:
    """The method is one of a project protocol's (`BillingApi.fetch_daily_costs`): the interface
    exists to be called, through a factory or a registry the call graph does not follow."""
    return any(fq in subs for subs in protocol_implementations(model).values())


def _ways_by_helper(calls: list[ExternalCall]) -> dict[str, list[ExternalCall]]:
    """helper fq -> the calls made through it, one per way in."""
    by_helper: dict[str, list[ExternalCall]] = {}
    for call in calls:
        if call.details.get("helper"):
            by_helper.setdefault(call.details["helper"], []).append(call)
    return by_helper


def bypasses_retrying_helper(model: ProjectModel, calls: list[ExternalCall],
                              lifted: list[ExternalCall]) -> ExternalCall | None:
    """The first call, safe to send again and not caught where it is made, made directly by a method
    of a class two or more of whose own methods send the same verb to the same client through a shared
    helper of the class that retries (its own loop or decorator): the helper is the class's retry
    policy for that verb. (A hand-written loop in a helper many methods share is a policy, not a
    stream's reconnect.)"""
    via_helper = [c for c in lifted if c.retry and c.details.get("helper")]
    return next((call for call in calls if _bypass_candidate(model, call)
                 and len(_helper_peers(call, via_helper) or _closure_peers(model, call, calls)) >= 2), None)


def _closure_peers(model: ProjectModel, call: ExternalCall, calls: list[ExternalCall]) -> set[str]:
    """For a read: the methods of its class calling a retried helper of that class whose request is
    made by a function nested in it (`@with_retry async def _post(...)` defining `send()` for its
    breaker): the helper is the class's retry policy even though its call sits in the closure."""
    if not fetches(call):
        return set()
    owner = owner_class(call.fq)
    helpers = {c.fq.split(".<locals>.", 1)[0] for c in calls if c.retry and c.client is not None
               and c.client == call.client and ".<locals>." in c.fq and owner_class(c.fq) == owner}
    return {e.caller for helper in helpers for e in model.callers.get(helper, ())
            if e.caller != helper and owner_class(e.caller) == owner and e.caller != call.fq}


def _bypass_candidate(model: ProjectModel, call: ExternalCall) -> bool:
    """A used method's own call, not retried, not caught where it is made, and safe to send again."""
    return not call.retry and not call.handled and bool(call.func.class_name) and retry_safe(call) \
        and used_by_project(model, call)


def _helper_peers(call: ExternalCall, via_helper: list[ExternalCall]) -> set[str]:
    """The methods of the call's class sending its verb to its client through a retrying helper of that
    class; for a read, any verb: a class that retries its sends (`@with_retry` on `_post`) has settled
    that this service's transient failures are worth another attempt, and a read is the safest to repeat."""
    owner = owner_class(call.fq)
    return {c.fq for c in via_helper if (c.method == call.method or fetches(call)) and c.client is not None
            and c.client == call.client and owner_class(c.details["helper"]) == owner_class(c.fq) == owner
            and c.details["helper"] != call.fq}
