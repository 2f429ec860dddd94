"""The findings RA411 writes, one builder per situation: kept apart from the rule, which decides
which situation fits, so that each reads on its own."""
from __future__ import annotations

import re

from ...findings import Finding, Location
from ...model.resilience.components import uncalled_methods
from ...model.resilience.runtime import short
from ...model.project import ProjectModel
from ..api import Rule
from ._breaker_entries import MAX_RELATED, entry_hops, entry_names, through_task
from ._breaker_waits import one_service, wait_of
from ._deps import Group, QueueUse, cited_call, client_locations, example_function
from ._read_ways import cited_where_entered


class BreakerFindings(Rule):
    """The finding builders of `DependencyWithoutBreaker`: title, description, related locations and
    recommendation for each situation the rule reports."""

    def _beside_finding(self, model: ProjectModel, group: Group, edge, peer, entries: list) -> Finding:
        """The bare call cited where it sits beside the breaker its caller gives another dependency."""
        names = sorted({e.name for e, _c in entries})
        caller = short(edge.caller)
        description = (
            f"`{caller}` hands one dependency to a circuit breaker (line {peer.site.line}) but calls {group.name} "
            f"({group.library}) at line {edge.site.line} directly, on the path of {', '.join(names[:4])}"
            f"{', ...' if len(names) > 4 else ''}: when {group.name} is slow or down every one of those requests "
            f"still waits out its timeout ({', '.join(sorted({wait_of(c) for c in group.calls}))}) on it, and nothing "
            "fails fast - the pile-up the breaker beside it was added to prevent."
        )
        related = [Location(model.site_path(peer), peer.site.line, peer.site.end_line, "the other dependency, behind a breaker")]
        related += [Location(c.path, c.site.line, c.site.end_line, f"`{c.method}` in {short(c.fq)}") for c in group.calls[:3]]
        related += client_locations(group, "the client this call uses")
        recommendation = (f"Put the call at line {edge.site.line} behind a breaker of its own, as `{caller}` does for "
                          f"the call at line {peer.site.line}, and answer from the fallback while it is open.")
        return self.finding(Location(model.site_path(edge), edge.site.line, edge.site.end_line),
                            f"{group.name} called without the breaker its neighbour has in {caller}", description,
                            related=related, recommendation=recommendation)

    def _sibling_finding(self, model: ProjectModel, group: Group, call, peer, entries: list) -> Finding:
        names = sorted({e.name for e, _c in entries})
        service = call.func.class_name or short(call.fq)
        description = (
            f"`{short(call.fq)}` calls its service ({group.library}) with no circuit breaker, while "
            f"`{short(peer.fq)}` in the same module, on the same request path "
            f"({', '.join(names[:4])}{', ...' if len(names) > 4 else ''}), goes through one ({peer.breaker}). "
            f"When the {service} service is down, every one of those requests still waits out its timeout "
            f"({wait_of(call)}) on it - exactly the cost the breaker next to it was added to avoid."
        )
        related = [Location(peer.path, peer.site.line, peer.site.end_line,
                            f"{short(peer.fq)}, guarded: {peer.breaker}")]
        related += [Location(model.site_path(chain[0]), chain[0].site.line, chain[0].site.end_line,
                             f"{entry.name} reaches it") for entry, chain in entries[:3] if chain]
        recommendation = (
            f"Give `{call.func.name}` a breaker of its own, like its sibling's, and answer from the fallback while "
            f"it is open:\n\n" + same_guard(call, peer.breaker)
        )
        return self.finding(Location(call.path, call.site.line, call.site.end_line),
                            f"no circuit breaker for {service}, unlike its sibling "
                            f"{peer.func.class_name or short(peer.fq)}",
                            description, related=related, recommendation=recommendation)

    def _finding(self, model: ProjectModel, group: Group, calls: list, entries: list) -> Finding:
        names = entry_names(model, entries)
        waits = sorted({wait_of(c) for c in group.calls})
        who = "request (or the task it starts)" if any(through_task(model, c) for _e, c in entries) else "request"
        description = (
            f"{group.name} ({group.library}, {len(group.calls)} call site{'s' if len(group.calls) != 1 else ''}) is "
            f"called for {len(names)} request entry point{'s' if len(names) != 1 else ''} ({', '.join(names[:5])}"
            f"{', ...' if len(names) > 5 else ''}) and no circuit breaker guards it: while it is down or slow each "
            f"{who} still waits for it (effective timeouts: {', '.join(waits)})."
        )
        found = self._no_breaker_finding(group, calls, description, entry_hops(model, entries))
        if any(one_service(c) or c.retry for c in group.calls):
            return found  # (a client retrying on its own is where the breaker wraps the attempts)
        # a client sending once to the address it is handed: the caller picks the receiver, and a
        # breaker kept per receiver belongs there
        return cited_where_entered(model, group, found, entries, calls, from_routes=False)

    def _uncalled_finding(self, model: ProjectModel, group: Group, calls: list, roots: dict) -> Finding:
        """No request path reaches the dependency yet, but two or more public methods of a service
        the app keeps one instance of do, called from outside this code (a queue's handlers
        registered by name, a route module not wired yet): they pile up behind it the same way."""
        reached = {model.callee_function(chain[-1].target) if chain else root for root, chain in roots.items()}
        cited = [c for c in calls if c.fq in reached] or calls
        names = sorted(short(fq) for fq in roots)
        owners = sorted({fq.rsplit(".", 1)[0] for fq in roots})
        where = uncalled_methods(model)
        waits = sorted({wait_of(c) for c in group.calls})
        description = (
            f"{group.name} ({group.library}, {len(group.calls)} call site{'s' if len(group.calls) != 1 else ''}) is "
            f"called by {len(names)} public methods ({', '.join(f'`{n}`' for n in names[:5])}"
            f"{', ...' if len(names) > 5 else ''}) of {', '.join(f'`{short(o)}`' for o in owners[:3])}, kept as one "
            f"instance for the process ({where[next(iter(sorted(roots)))]}) and called from outside this code, and no "
            "circuit breaker guards it: while it is down or slow every caller still waits for it "
            f"(effective timeouts: {', '.join(waits)})."
        )
        return self._no_breaker_finding(group, cited, description)

    def _no_breaker_finding(self, group: Group, cited: list, description: str,
                            reached: list[Location] | tuple = ()) -> Finding:
        """Cites the first of `cited`, with the group's other calls, its client and the request paths'
        first calls towards it (`reached`) as related locations."""
        first = cited[0]
        related = [Location(c.path, c.site.line, c.site.end_line, f"`{c.method}` in {short(c.fq)}")
                   for c in group.calls if c is not first][:MAX_RELATED]
        related += client_locations(group, "the client these calls use") + list(reached)
        return self.finding(Location(first.path, first.site.line, first.site.end_line),
                            f"no circuit breaker for {group.name}", description, related=related,
                            recommendation=breaker_recommendation(group, cited))

    def _left_out_finding(self, group: Group, missing: list, calls: list, entries: list) -> Finding:
        first = missing[0]
        guarded = sorted({c.fq: c for c in calls if c.breaker}.values(), key=lambda c: (c.path, c.site.line))
        names = sorted({e.name for e, _c in entries})
        retried = f" and retries it ({first.retry}), so each attempt waits in turn" if first.retry else ""
        serves = (f"It serves {', '.join(names[:5])}{', ...' if len(names) > 5 else ''}: while" if names else
                  "While")
        description = (
            f"{len(guarded)} of the functions calling {group.name} ({group.library}) go through its circuit breaker "
            f"({', '.join(f'`{short(c.fq)}`: {c.breaker}' for c in guarded[:4])}), but `{short(first.fq)}` calls it "
            f"directly{retried}. {serves} the breaker is open because the service is down, this call still waits "
            "out its timeout" + (", its retries keep hitting the service the breaker is there to spare," if
                                  first.retry else "")
            + " and its failures are not counted towards opening the breaker."
        )
        related = [Location(c.path, c.site.line, c.site.end_line, f"`{c.method}` in {short(c.fq)}, no breaker")
                   for c in missing[1:MAX_RELATED]]
        related += [Location(c.path, c.site.line, c.site.end_line, f"{short(c.fq)}, guarded: {c.breaker}")
                    for c in guarded[:3]]
        recommendation = (
            f"Put the call in `{first.func.name}` behind the same breaker as its siblings ({guarded[0].breaker}), "
            "inside the retry so that an open circuit is not retried:\n\n" + same_guard(first, guarded[0].breaker)
        )
        return self.finding(Location(first.path, first.site.line, first.site.end_line),
                            f"{short(first.fq)} bypasses the circuit breaker for {group.name}", description,
                            related=related, recommendation=recommendation)

    def _retry_finding(self, model: ProjectModel, group: Group, retried: list, entries: list,
                       background: bool = False) -> Finding:
        cited = cited_call(retried)
        names = entry_names(model, entries)
        started = all(through_task(model, c) for _e, c in entries)
        lead = (f"`{short(cited.fq)}` calls {group.name} ({group.library}) for {', '.join(names[:5])}"
                f"{', ...' if len(names) > 5 else ''} and retries")
        if background:
            title = f"background retries of {group.name} with no circuit breaker"
            description = (
                f"{lead} each failure ({cited.retry}), with no circuit breaker: while the receiver is down every "
                f"item still spends all its attempts (timeout per attempt: {wait_of(cited)}), so the worker's "
                "throughput collapses to dead receivers' timeouts and the items for healthy ones wait behind them.")
        else:
            title = f"retried calls to {group.name} with no circuit breaker"
            who = "task a request starts (they pile up with the requests)" if started else "request"
            description = (
                f"{lead} failures ({cited.retry}), but no circuit breaker stops the attempts: while {group.name} is "
                f"down every {who} waits for each attempt in turn (timeout per attempt: {wait_of(cited)}) plus the "
                "back-off between them, and the retries of all callers multiply the load on the dependency as it "
                "tries to recover.")
        related = [Location(c.path, c.site.line, c.site.end_line, f"`{c.method}` in {short(c.fq)}, retried: {c.retry}")
                   for c in retried if c is not cited][:MAX_RELATED]
        related += client_locations(group, "the client these calls use")
        return self.finding(Location(cited.path, cited.site.line, cited.site.end_line), title, description,
                            related=related, recommendation=breaker_recommendation(group, [cited], outer=True))

    def _queue_finding(self, model: ProjectModel, group: Group, uses: list[QueueUse]) -> Finding:
        first = uses[0]
        call, channel = first.call, first.channel
        workers = sorted({short(u.worker) for u in uses})
        description = (
            f"{', '.join(f'`{w}`' for w in workers)} take{'s' if len(workers) == 1 else ''} items one at a time "
            f"from the in-process queue created at {channel['path']}:{channel['line']} and `{short(call.fq)}` calls "
            f"{group.name} ({group.library}) for each of them with no circuit breaker: while the receiver is down "
            f"or slow every item waits out the timeout ({wait_of(call)}) before the next one is taken, so the whole "
            "queue, including items for healthy receivers, backs up behind it."
        )
        others = sorted({(u.call.path, u.call.site.line): u.call for u in uses if u.call is not call}.values(),
                        key=lambda c: (c.path, c.site.line))
        related = [Location(c.path, c.site.line, c.site.end_line, f"`{c.method}` in {short(c.fq)}")
                   for c in others[:MAX_RELATED]]
        related.append(Location(channel["path"], channel["line"], channel["line"], "the queue that backs up"))
        facts, func = model.functions[first.worker]
        related.append(Location(facts.path, func.line, func.line, "the worker that waits on each call"))
        impact = ("One dead or slow receiver delays every item behind it: the queue grows, deliveries to healthy "
                  "receivers arrive minutes late, and items still queued are lost on restart.")
        return self.finding(Location(call.path, call.site.line, call.site.end_line),
                            f"queued calls to {group.name} with no circuit breaker", description, related=related,
                            recommendation=breaker_recommendation(group, [call]), impact=impact)


def breaker_recommendation(group: Group, calls: list, outer: bool = False) -> str:
    name, is_async = example_function(calls)
    var = re.sub(r"\W+", "_", group.name.lower()).strip("_")[:30] or "dependency"
    where = (" Put it inside the retry and keep the retry to transient errors, so that an open circuit fails the "
             "request at once instead of being retried:" if outer else "")
    decorators = (f"    @retry(...)\n    @{var}_breaker\n" if outer else f"    @{var}_breaker\n")
    return (
        "Guard the calls with a circuit breaker that opens after repeated failures and fails fast (serving a "
        f"fallback or a 503) until a trial call succeeds.{where}\n\n"
        f"    {var}_breaker = aiobreaker.CircuitBreaker(fail_max=5, timeout_duration=timedelta(seconds=30))\n\n"
        f"{decorators}    {'async ' if is_async else ''}def {name}(...):\n        ..."
    )


def same_guard(call, breaker: str) -> str:
    """The sibling's breaker applied to `call`'s function, as a decorator or a with-block."""
    prefix = "async " if call.func.is_async else ""
    if breaker.startswith("@"):
        return f"    {breaker}\n    {prefix}def {call.func.name}(...):\n        ..."
    match = re.match(r"`(?:async )?with ([^`]+)`", breaker)
    guard = match.group(1) if match else "breaker"
    return f"    {prefix}def {call.func.name}(...):\n        {prefix}with {guard}:\n            ..."
