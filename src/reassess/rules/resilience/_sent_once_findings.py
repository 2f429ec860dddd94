"""The findings RA410 writes for a call sent once where the project retries its like: on request
paths, beside a retried sibling method, client or twin, or as the one implementation of an interface
not retried. Kept apart from the rule, which decides which situation fits."""
from __future__ import annotations

from ...findings import Finding, Location
from ...model.resilience.calls import ExternalCall
from ...model.resilience.runtime import short
from ...model.project import ProjectModel
from ..api import Rule
from ._bypassed_retries import implementation_left_out, twin_left_out
from ._deps import IDEMPOTENT, TRANSIENT_ERRORS, Group, client_locations, example_function, fetches
from ._retry_advice import (CONNECT_ERRORS, MAX_RELATED, not_retried, send_once_recommendation, tenacity_example,
                            why_safe)
from ._retry_policies import class_left_out, owner_class


class SentOnceFindings(Rule):
    """The finding builders of `DependencyWithoutRetry` for calls left out of a retry their peers
    have, and `_at_call`, which every builder citing the call itself uses."""

    def _at_call(self, call: ExternalCall, title: str, description: str, **fields: object) -> Finding:
        """A finding cited at the call that is sent once."""
        return self.finding(Location(call.path, call.site.line, call.site.end_line), title, description,
                            **fields)  # type: ignore[arg-type]

    def _class_sibling_finding(self, model: ProjectModel, group: Group, calls: list[ExternalCall],
                               cited: set[tuple[str, int]]) -> Finding | None:
        """A method of a client class sending once where a sibling method of the class retries the same
        kind of request on the same client: reported beside the group's other findings, since it is a
        decision of the class (this request is worth repeating) that one method missed."""
        left = class_left_out(model, calls)
        if left is None or (left[0].path, left[0].site.line) in cited:
            return None
        call, peer = left
        method, sibling = (short(c.fq.split(".<locals>.", 1)[0]) for c in (call, peer))
        related = [Location(peer.path, peer.site.line, peer.site.end_line, f"{short(peer.fq)}, retried: {peer.retry}")]
        lead = f"Give `{call.func.name}` the retry its sibling `{sibling.rsplit('.', 1)[-1]}` has."
        if fetches(peer) and not fetches(call):
            title, description = _send_beside_reads_text(group, call, peer, method, sibling)
            lead = f"Retry `{call.func.name}`, at least on failures to connect."
        else:
            title = f"{method} is not retried, unlike {sibling} beside it"
            description = (
                f"`{sibling}` sends its `{peer.method.upper()}` to {group.name} ({group.library}) through a retry "
                f"({peer.retry}), but `{method}`, a method of the same class on the same client, sends its "
                f"`{call.method.upper()}` once: the class judged that this service's transient failures (a "
                "connection reset, a 502/503 while it deploys, a 429) are worth another attempt, and one "
                "connection reset fails the work that calls this method.")
        recommendation = send_once_recommendation(
            group, call, lead, "an outbox a worker retries", cap=5, attempts=3)
        return self._at_call(call, title, description, related=related, recommendation=recommendation)

    def _implementation_finding(self, model: ProjectModel, group: Group, calls: list[ExternalCall]) -> Finding | None:
        """One implementation of an interface sending once where two or more others retry every call with a
        declared policy (the GCP and Azure billing clients go through `retry_async`, the AWS one posts once):
        the same operation, the same failures, and this backend was left out."""
        left = implementation_left_out(model, calls)
        if left is None:
            return None
        call, retried = left
        owners = sorted({short(owner_class(c.fq)) for c in retried})
        description = (
            f"`{short(owner_class(call.fq))}` implements the same interface as {', '.join(f'`{o}`' for o in owners)}, "
            f"whose calls are all retried ({', '.join(c.retry for c in retried[:3])}), but `{short(call.fq)}` sends "
            f"its `{call.method.upper()}` once: the project judged this operation's transient failures (a throttle, "
            "a 503, a connection reset) worth another attempt, and this backend fails its work on the first one."
        )
        return self._at_call(call,
                             f"{short(call.fq)} is the one implementation of its interface not retried",
                             description, related=_retried_at(retried),
                             recommendation=_same_retry(group, call, "the other implementations"))

    def _twin_finding(self, model: ProjectModel, group: Group, calls: list[ExternalCall]) -> Finding | None:
        """A client method the project retries with a declared policy at one way in and calls once at
        another, where the retried ways are not outnumbered (`pay_one_with_retry` wraps
        `bank.transfer` in `retry_async`, `pay_one` next to it does not): the project judged this very
        request safe and worth sending again, and the way left out loses its work to one transient
        failure."""
        twin = twin_left_out(model, calls)
        if twin is None:
            return None
        call, retried = twin
        description = (
            f"`{short(retried[0].fq)}` retries `{short(call.details['helper'])}` ({retried[0].retry}), so the "
            f"project treats that request to {group.name} ({group.library}) as safe to send again, but "
            f"`{short(call.fq)}` makes the same call once: one connection reset or 503 fails its work for good, "
            "where the retried twin would have succeeded on the next attempt."
        )
        return self._at_call(call,
                             f"{short(call.fq)} calls {short(call.details['helper'])} once, unlike its retried twin",
                             description, related=_retried_at(retried),
                             recommendation=_same_retry(group, call,
                                                       f"`{retried[0].func.name}` (or call that function instead)"))

    def _sibling_policy_finding(self, group: Group, call: ExternalCall, peers: list, entries: list) -> Finding:
        peer_group, peer = peers[0]
        names = sorted({e.name for e, _c in entries})
        description = (
            f"`{short(call.fq)}` sends `{call.method.upper()}` to {group.name} ({group.library}) once, while "
            f"`{short(peer.fq)}` in the same module retries its `{peer.method.upper()}` to {peer_group.name} "
            f"({peer.retry}). Nothing retries {group.name}: one connection reset or 503 from the provider fails "
            f"{', '.join(names[:5])}{', ...' if len(names) > 5 else ''}, where the sibling client would have "
            "succeeded on the next attempt."
        )
        related = [Location(peer.path, peer.site.line, peer.site.end_line, f"{short(peer.fq)}, retried: {peer.retry}")]
        related += client_locations(group, "the client this call uses")
        error = TRANSIENT_ERRORS.get(group.library, "ConnectionError") if call.method in IDEMPOTENT else \
            CONNECT_ERRORS.get(group.library, "ConnectionError")
        recommendation = (
            f"Give `{call.func.name}` a retry like its sibling's, limited to errors raised before the request "
            f"reached {group.name} (connection failures) when the request is not idempotent, so a send is never "
            "repeated after it was accepted:\n\n"
            + tenacity_example(error, call.func.name, call.func.is_async, initial=0.5, cap=5, attempts=3,
                               reraise=True)
        )
        return self._at_call(call,
                             f"{short(call.fq)} is not retried, unlike its sibling client", description,
                             related=related, recommendation=recommendation)

    def _finding(self, group: Group, idempotent: list, calls: list, entries: list) -> Finding:
        first = idempotent[0]
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
        related = not_retried(idempotent[1:MAX_RELATED])
        related += client_locations(group, "the client these calls use")
        name, is_async = example_function(idempotent)
        error = TRANSIENT_ERRORS.get(group.library, "ConnectionError")
        recommendation = (
            "Retry transient failures of the idempotent calls a few times with exponential backoff and jitter, "
            "inside the caller's overall time budget (tenacity shown):\n\n"
            + tenacity_example(error, name, is_async, initial=0.2, cap=2, attempts=3)
        )
        return self.finding(Location(first.path, first.site.line, first.site.end_line),
                            f"no retry for {group.name}", description, related=related,
                            recommendation=recommendation)

    def _left_out_finding(self, group: Group, missing: list, calls: list, entries: list) -> Finding:
        first = missing[0]
        retried = sorted({c.fq: c for c in calls if c.retry}.values(), key=lambda c: (c.path, c.site.line))
        names = sorted({e.name for e, _c in entries})
        description = (
            f"{len(retried)} of the functions calling {group.name} ({group.library}) "
            f"retr{'ies' if len(retried) == 1 else 'y'} "
            "transient failures "
            f"({', '.join(f'`{short(c.fq)}`: {c.retry}' for c in retried[:4])}), but `{short(first.fq)}` sends its "
            f"`{first.method.upper()}` once, although it is safe to send again"
            f"{why_safe(first)}. " + (
                f"It serves {', '.join(names[:5])}{', ...' if len(names) > 5 else ''}: one connection reset fails "
                "that request" if names else "One connection reset fails the work that calls it")
            + " while every other call to the same service would have succeeded on the next attempt."
        )
        related = not_retried(missing[1:MAX_RELATED])
        related += [Location(c.path, c.site.line, c.site.end_line, f"{short(c.fq)}, retried: {c.retry}")
                    for c in retried[:3]]
        model_retry = next((c.retry for c in retried if c.retry.startswith("@")), "")
        recommendation = (
            f"Give `{first.func.name}` the same retry as its siblings"
            + (f" ({model_retry}, with the same `retry=` filter for transient errors)" if model_retry else "") + ":\n\n"
            + tenacity_example(TRANSIENT_ERRORS.get(group.library, "ConnectionError"), first.func.name,
                               first.func.is_async, initial=0.2, cap=4, attempts=3, reraise=True)
        )
        return self.finding(Location(first.path, first.site.line, first.site.end_line),
                            f"{short(first.fq)} is the one call to {group.name} that is not retried", description,
                            related=related, recommendation=recommendation)


def _retried_at(retried: list) -> list[Location]:
    """The retried calls a finding points to, as related locations."""
    return [Location(c.path, c.site.line, c.site.end_line, f"{short(c.fq)}, retried: {c.retry}") for c in retried[:3]]


def _same_retry(group: Group, call: ExternalCall, like: str) -> str:
    """A recommendation to send `call` through the retry the project already gives `like`."""
    return (f"Send it through the same retry as {like}:\n\n"
            + tenacity_example(TRANSIENT_ERRORS.get(group.library, "ConnectionError"), call.func.name,
                               call.func.is_async, initial=0.5, cap=5, attempts=3, reraise=True))


def _send_beside_reads_text(group: Group, call: ExternalCall, peer: ExternalCall, method: str,
                            sibling: str) -> tuple[str, str]:
    """Title and description for a send that goes out once beside reads the class retries. Retrying
    reads and not a send is often deliberate (a second POST may act twice), so the text claims only
    what holds for any send: a failure to connect, raised before the request reached the service, can
    be tried again safely; a reset while the answer is read cannot."""
    title = f"{method} sends its {call.method.upper()} once; {sibling}'s reads are retried"
    description = (
        f"`{sibling}` reads from {group.name} ({group.library}) through a retry ({peer.retry}), but `{method}`, "
        f"a method of the same class on the same client, sends its `{call.method.upper()}` once, with no retry "
        "of any kind. A send is not always safe to repeat, but a failure to connect (raised before the request "
        "reached the service) is: retrying only those errors would spare the work that calls this method a "
        "failure on one refused or timed-out connection.")
    return title, description
