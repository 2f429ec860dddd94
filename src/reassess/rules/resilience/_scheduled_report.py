"""The words and the citation of RA410's finding on a call a long-period run makes once: cited at
the call, or where the run's own code catches its failure and skips the item (where the loss is)."""
from __future__ import annotations

from ...findings import Location
from ...model.resilience.runtime import short
from ...model.project import ProjectModel
from ._deps import TRANSIENT_ERRORS, Group, retry_safe
from ._retry_advice import CONNECT_ERRORS, MAX_RELATED, not_retried, tenacity_example
from ._retry_policies import left_out_of_class_policy
from ._scheduled_runs import calendar_gates, skipped_for_the_period, sleeps_long


def scheduled_report(model: ProjectModel, group: Group, uses: list) -> tuple[Location, str, str, list, str]:
    """(location, title, description, related locations, recommendation) for the first of `uses`,
    (call, worker entry) pairs from `scheduled_reads`."""
    call, entry = uses[0]
    loop = entry.details["loop"]
    skip = skipped_for_the_period(model, call, entry)
    safe = retry_safe(call)
    gate = None if sleeps_long(model, loop) else next(iter(calendar_gates(model, loop)), None)
    when = (f"a background loop that does this work only when the clock test at {loop['path']}:{gate['line']} "
            "holds, once a day or a month," if gate else
            f"a background loop that runs again only after `sleep({loop['sleep']})` "
            f"({loop['path']}:{loop['sleep_line']}),")
    description = (
        f"`{short(call.fq)}` sends `{call.method.upper()}` to {group.name} ({group.library}) once per run of "
        f"`{short(entry.function)}`, {when} and nothing retries the call: one connection reset or 502 "
        "while the provider deploys loses that whole run (and the error ends the loop if nothing catches it), "
        + ("although the request is safe to send again." if safe else
           f"although the other methods of `{call.func.class_name}` calling the same client are retried."
           if left_out_of_class_policy(call, group.calls) else
           "although a retry limited to connection errors (raised before the request reached the service) "
           "is safe even for this request, which is not idempotent.")
    )
    related = not_retried([c for c, _e in uses[1:MAX_RELATED]])
    if gate:
        related.append(Location(loop["path"], gate["line"], gate["line"], "the work only runs when this holds"))
    else:
        related.append(Location(loop["path"], loop["sleep_line"], loop["sleep_line"],
                                "the next run only starts after this"))
    where = Location(call.path, call.site.line, call.site.end_line)
    if skip is not None:
        description += (f" `{short(skip.caller)}` catches the failure and goes on to the next item: that item "
                        "is skipped until a later run, if any run takes it again.")
        related.insert(0, Location(call.path, call.site.line, call.site.end_line, "the request, sent once"))
        where = Location(model.site_path(skip), skip.site.line, skip.site.end_line)
    recommendation = (
        f"Retry transient failures inside `{call.func.name}` with backoff before the run gives up (a scheduled "
        "run has minutes to spare, a lost one waits for the next period)"
        + (":\n\n" if safe else ", limited to errors raised before the request reached the "
           "service, since the request is not idempotent:\n\n")
        + tenacity_example(TRANSIENT_ERRORS.get(group.library, "ConnectionError") if safe else
                           CONNECT_ERRORS.get(group.library, "ConnectionError"), call.func.name,
                           call.func.is_async, initial=1, cap=30, attempts=5, reraise=True)
    )
    title = f"{short(call.fq)} is never retried in a run that comes back only " + (
        "the next day or month" if gate else "after a long sleep")
    return where, title, description, related, recommendation
