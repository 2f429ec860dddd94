"""How RA410 words its advice: the tenacity example every recommendation shows, retry advice
for a send made once, and the related locations and phrases its findings share."""
from __future__ import annotations

from typing import TYPE_CHECKING

from ...findings import Location
from ...model.resilience.calls import ExternalCall
from ...model.resilience.runtime import short
from ...model.project import ProjectModel
from ._deps import IDEMPOTENT, TRANSIENT_ERRORS, Group, read_only_post, retry_safe

if TYPE_CHECKING:
    from ...model.app import EntryPoint

MAX_RELATED = 10  # related locations a finding lists at most


# errors raised before a request reached the server: safe to retry even for a POST
CONNECT_ERRORS = {"httpx": "httpx.ConnectError", "aiohttp": "aiohttp.ClientConnectorError"}


def not_retried(calls: list[ExternalCall]) -> list[Location]:
    """Related locations for the other calls a finding is about."""
    return [Location(c.path, c.site.line, c.site.end_line, f"`{c.method}` in {short(c.fq)}, not retried")
            for c in calls]


def why_safe(call: ExternalCall) -> str:
    """Why a call that is not idempotent is still safe to send again, as a phrase for the description."""
    if call.method in IDEMPOTENT:
        return ""
    return " (it only asks for an answer: a ranking, a search)" if read_only_post(call) else \
        " (it carries an idempotency key)"


def detached_name(entry: EntryPoint) -> str:
    """How the detached work is started: a task spawned by a function, or a job of a queue."""
    if entry.kind == "job":
        return f"the {entry.details.get('framework', '')} job `{short(entry.function)}` (no retry on failure)"
    starter = entry.details.get("started_in", "")
    return f"a task spawned by `{short(starter)}`" if starter else f"the task `{short(entry.function)}`"


def tenacity_example(error: str, name: str, is_async: bool, *, initial: float, cap: int, attempts: int,
                     reraise: bool = False) -> str:
    """The tenacity decorator every recommendation of this rule shows, on the function to retry."""
    return (f"    @retry(retry=retry_if_exception_type({error}),\n"
            f"           wait=wait_exponential_jitter(initial={initial}, max={cap}), "
            f"stop=stop_after_attempt({attempts}){', reraise=True' if reraise else ''})\n"
            f"    {'async ' if is_async else ''}def {name}(...):\n        ...")


def callers_at(model: ProjectModel, callers: list, note: str) -> tuple[str, list[Location]]:
    """The callers named in a description, and their call lines as related locations."""
    where = ", ".join(sorted({f"`{short(e.caller)}` (line {e.site.line})" for e in callers}))
    return where, [Location(model.site_path(e), e.site.line, e.site.end_line, note)
                   for e in callers[:MAX_RELATED]]


def send_once_recommendation(group: Group, call: ExternalCall, lead: str, outbox: str, cap: int,
                              attempts: int) -> str:
    """Retry advice for a send made once: without an idempotency key only connect errors are safe to retry."""
    safe = retry_safe(call)
    key = "" if safe else (
        " The request carries no idempotency key, so retry only errors raised before it reached the receiver "
        f"(connection failures) unless the receiver deduplicates, or keep the delivery in {outbox}.")
    error = (TRANSIENT_ERRORS if safe else CONNECT_ERRORS).get(group.library, "ConnectionError")
    return (f"{lead}{key}\n\n"
            + tenacity_example(error, call.func.name, call.func.is_async, initial=0.5, cap=cap, attempts=attempts,
                               reraise=True))
