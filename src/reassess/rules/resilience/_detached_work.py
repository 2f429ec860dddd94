"""Remote calls made by work nobody waits for or puts back: workers of in-process queues and
detached one-shot tasks or jobs, where a failed call loses the item or the work."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ...model.app import EntryPoint
from ...model.resilience.calls import ExternalCall
from ...model.app import is_test_path
from ...model.resilience.triggers import queue_workers, worker_reach
from ._caught_failures import caught_at

if TYPE_CHECKING:
    from ...model.project import ProjectModel


@dataclass
class QueueUse:
    """A remote call made by a worker that takes items from an in-process queue."""

    worker: str  # the worker function
    channel: dict  # the queue (model.app.channels entry)
    call: ExternalCall


def queue_uses(model: "ProjectModel", calls: list[ExternalCall]) -> list[QueueUse]:
    """The calls that workers consuming an in-process queue make for each item, when the
    worker never puts an item back: a failure loses the item, and a slow call holds up every
    item queued behind it."""
    out = []
    for worker, channels in sorted(queue_workers(model).items()):
        reached = worker_reach(model, worker)
        if any(use["function"] in reached for channel in channels for use in channel.get("producers", ())):
            continue  # it re-queues what failed
        out += [QueueUse(worker, channels[0], call) for call in calls if call.fq in reached]
    return out


# job queues that run a job once unless the job asks again (arq `Retry`) or a retry policy is
# configured (RQ `Retry`): a plain exception fails the job for good
_ONE_SHOT_JOBS = frozenset({"arq", "rq"})
_RETRY_REQUEST = frozenset({"Retry", "arq.Retry", "arq.worker.Retry"})


def detached_uses(model: "ProjectModel", calls: list[ExternalCall]) -> list[tuple[ExternalCall, EntryPoint]]:
    """HTTP calls made by detached one-shot work: a task spawned with `create_task` (or handed to
    background tasks) by code that goes on without it, or an arq/RQ job run on demand, when the
    call sends something (a write, not a read). Nothing
    retries that work or puts it back: when the call fails, the task dies with the error and the
    work (a receipt, a webhook) is lost. Scheduled jobs are left out (the next run does the work
    again), as are jobs that ask the queue to run them again and work that catches the failure
    on the way and goes on (it chose to give up)."""
    sending = [c for c in calls if c.kind == "http-client" and not c.handled and _sends(c)]
    entries = [e for e in model.app.of_kind("task", "job") if _one_shot(e) and not is_test_path(e.path)]
    if not sending or not entries:
        return []
    library = sending[0].library
    # where the failure travels uncaught: a caller that catches it and goes on chose to give up
    uncaught = model.reach({c.fq: None for c in sending}, lambda edge: not caught_at(model, edge, library))
    out = []
    for entry in entries:
        if entry.function not in uncaught:
            continue
        reached = worker_reach(model, entry.function)
        if entry.kind == "job" and _requests_retry(model, reached):
            continue
        out += [(c, entry) for c in sending if c.fq in reached]
    return out


def _sends(call: ExternalCall) -> bool:
    """The call delivers something (a write): a failed read in detached work (a cache refresh) loses
    nothing the next run does not fetch again."""
    return call.method not in ("get", "head", "options") and not call.operation.endswith(".get")


def _one_shot(entry: EntryPoint) -> bool:
    details = entry.details
    if entry.kind == "task":
        return not details.get("at_startup") and not details.get("loop")
    return details.get("framework") in _ONE_SHOT_JOBS and not details.get("schedule") and not details.get("trigger")


def _requests_retry(model: "ProjectModel", reached: set[str]) -> bool:
    return any(b["kind"] == "raise" and b.get("exc", "").split("(")[0] in _RETRY_REQUEST
               for fq in reached for b in model.functions[fq][1].extra.get("blocks", ()))
