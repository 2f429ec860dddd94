"""Which retries count as a policy a project chose (a decorator, a retrying block, a loop counting
attempts), and which calls a module's or a class's policy leaves out."""
from __future__ import annotations

from ...model.app import is_test_path
from ...model.overrides import invoked_indirectly
from ...model.resilience.calls import ExternalCall
from ...model.resilience.guards import handed_over, retry_loop_line
from ...model.project import ProjectModel
from ._deps import Group, fetches, left_out, retry_safe, single_use_request


def declared_policy(retry: str) -> bool:
    """A declared retry policy (a decorator, a retrying block or wrapper), not a hand-written loop,
    which is as often a stream's reconnect."""
    return bool(retry) and not retry_loop_line(retry)


def attempts_loop(call: ExternalCall) -> bool:
    """A hand-written retry counted in attempts (`for attempt in range(4): try: ... except: sleep`):
    a bounded loop that tries one request again is a retry policy its author chose, not the
    reconnect loop of a stream (which runs until shutdown)."""
    line = retry_loop_line(call.retry)
    iterable = call.func.extra.get("loops", {}).get(line, {}).get("iter") if line else None
    return isinstance(iterable, dict) and iterable.get("call") in ("range", "itertools.count")


def send_attempts(call: ExternalCall) -> bool:
    """A loop counting attempts around a send (`for attempt in range(5): try: await post(...)` /
    `except TransportError: sleep`): a stream's reconnect or a poll reads again, it does not send
    again, so this is a retry policy the author chose for the dependency."""
    return call.method not in ("get", "head") and attempts_loop(call)


def used_by_project(model: ProjectModel, call: ExternalCall) -> bool:
    """Project code calls the call's function, hands it to a forwarder to run, or runs it without naming
    it (an override called through its base, a callback handed over: `invoked_indirectly`)."""
    return bool(model.callers.get(call.fq)) or call.fq in handed_over(model) or invoked_indirectly(model, call.fq)


def module_policies(found: list[Group]) -> dict[str, list[tuple[Group, ExternalCall]]]:
    """path -> the calls made there that a declared policy retries (a decorator, a retrying block;
    not a hand-written loop, which is as often a stream's reconnect)."""
    out: dict[str, list[tuple[Group, ExternalCall]]] = {}
    for group in found:
        for call in group.calls:
            if declared_policy(call.retry) and not is_test_path(call.path):
                out.setdefault(call.path, []).append((group, call))
    return out


def alike(peer: ExternalCall, call: ExternalCall) -> bool:
    """A request the peer's retry vouches for: a read beside any retried read (a rate lookup POSTed to
    one provider, fetched with a GET from the other) or a retried send of its verb; a send only beside
    a retried send of its verb (a retried read says nothing about repeating a send)."""
    if fetches(call):
        return fetches(peer) or peer.method == call.method
    return peer.method == call.method and not fetches(peer)


def left_out_in_module(calls: list[ExternalCall]) -> list[ExternalCall]:
    """The calls that are safe to repeat but not retried, in a module whose other functions
    calling the same dependency retry it with a declared policy (a decorator, a tenacity block)
    and are at least as many: one client module that retries `similar_courses` but not
    `ranked_courses` forgot the second. A hand-written loop does not count: it is as often the
    reconnect loop of a stream as a retry of one request, so it neither counts as the module's
    policy nor leaves its call unretried."""
    by_module: dict[str, list[ExternalCall]] = {}
    for call in calls:
        by_module.setdefault(call.path, []).append(call)
    for _path, group in sorted(by_module.items()):
        declared = [c for c in group if not c.retry or declared_policy(c.retry)]
        missing = left_out(declared, lambda c: c.retry, shared_state=True)
        if missing:
            return missing
    return []


def worth_retrying(call: ExternalCall, peers: list[ExternalCall]) -> bool:
    """Safe to send again, or left out of the retry decorator its class's sibling methods carry."""
    return retry_safe(call) or left_out_of_class_policy(call, peers)


def left_out_of_class_policy(call: ExternalCall, peers: list[ExternalCall]) -> bool:
    """A sibling method of the same class, on the same client, is retried by a decorator and this one is
    not (a call in a helper nested in a method, `async def _send()`, belongs to that method's class); a request
    spending a single-use credential (an OAuth authorization code) cannot be sent twice whatever the class does."""
    owner = owner_class(call.fq) if call.func.class_name or call.func.is_nested else ""
    if call.retry or not owner or single_use_request(call):
        return False
    return any(p.retry.startswith("@") and p.path == call.path and owner_class(p.fq) == owner
               and p.fq != call.fq and p.client is not None and p.client == call.client for p in peers if p.retry)


def owner_class(fq: str) -> str:
    """The dotted prefix naming the class of a method, or of the method a nested function sits in."""
    return fq.split(".<locals>.", 1)[0].rsplit(".", 1)[0]


def class_left_out(model: ProjectModel, calls: list[ExternalCall]) -> tuple[ExternalCall, ExternalCall] | None:
    """A call retried nowhere, made by a method of a client class whose sibling methods send the same kind
    of request on the same client through a retry they chose (a decorator, a retrying wrapper, a loop counting the
    attempts of a send) and are not outnumbered by the methods left out: `capture()` retries its POST four times and
    `refund()` beside it posts once. The class settled that this service's failures of such a request are
    worth another attempt; a retried read says nothing about repeating a send (`alike`), and one retried read
    among three is no policy. Calls caught where they are made, methods nothing calls, and steps the retried
    method itself takes before its retry (a token fetch) are left."""
    for call in calls:
        if call.retry or call.handled or call.client is None or not _owner(call) or not used_by_project(model, call):
            continue
        peers = [p for p in calls if p.retry and p.fq != call.fq and _chosen_retry(p) and _sibling(p, call)
                 and not _step_of(model, call, p)]
        bare = {c.fq for c in calls if not c.retry and _sibling(c, call) and used_by_project(model, c)
                and not any(_step_of(model, c, p) for p in peers)}
        if peers and len({p.fq for p in peers}) >= len(bare):
            return call, peers[0]
        peer = _send_beside_retried_reads(model, call, calls)
        if peer is not None:
            return call, peer
    return None


def _send_beside_retried_reads(model: ProjectModel, call: ExternalCall,
                               calls: list[ExternalCall]) -> ExternalCall | None:
    """For a send with no retried send beside it: a read of the same class on the same client retried by a
    declared policy (a decorator, a retrying wrapper; not a loop, as often a poll), where that send is the
    only request of the class's methods the project calls that is sent once (`fetch_result` is wrapped in
    tenacity, `submit_order` posts once). Retrying reads and not sends is often a deliberate choice, so
    this says only that the send has no retry at all, where a failure to connect (raised before the request
    reached the service) could be retried safely even for a POST. A
    request spending a single-use credential (an OAuth authorization code) is left: it cannot be sent twice."""
    if fetches(call) or single_use_request(call):
        return None
    peers = [p for p in calls if declared_policy(p.retry) and fetches(p) and p.fq != call.fq
             and _owner(p) == _owner(call) and p.path == call.path and p.client == call.client
             and not _step_of(model, call, p)]
    bare = [c for c in calls if not c.retry and c.fq != call.fq and _owner(c) == _owner(call) and c.path == call.path
            and c.client == call.client and used_by_project(model, c)]
    return peers[0] if peers and not bare else None


def _chosen_retry(call: ExternalCall) -> bool:
    """A retry the author chose for this request: a declared policy, or a loop counting a send's attempts."""
    return bool(declared_policy(call.retry) or send_attempts(call))


def _sibling(other: ExternalCall, call: ExternalCall) -> bool:
    """Another method of the same class, in the same file, sending an alike request on the same client."""
    return _owner(other) == _owner(call) and other.path == call.path and other.client == call.client \
        and alike(other, call)


def _owner(call: ExternalCall) -> str:
    """The class of the method making the call ('' for a module function)."""
    return owner_class(call.fq) if call.func.class_name or call.func.is_nested else ""


def _step_of(model: ProjectModel, call: ExternalCall, peer: ExternalCall) -> bool:
    """The call's function is called by the retried one (`capture()` fetches its bearer token, then retries
    the capture): a step of that method outside its retry, not a sibling operation left out."""
    return any(edge.caller == peer.fq for edge in model.callers.get(call.fq, ()))
