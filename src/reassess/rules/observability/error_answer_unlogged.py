"""RA607 logging-gap: an HTTP error answer turned into `return False` with no log line."""
from __future__ import annotations

from typing import Iterator

from ...findings import Finding, Location
from ...model.app import is_test_path
from ...model.resilience import analysis
from ...model.resilience import blocks as blk
from ...model.resilience.calls import ExternalCall
from ...model.resilience.runtime import short
from ..api import ProjectContext, Rule, register

# Response attributes holding the answer's status code, and flags that say it failed or succeeded.
_STATUS_CODES = ("status", "status_code")
_SUCCESS_FLAGS = ("ok", "is_success")
_FAILURE_FLAGS = ("is_error", "is_client_error", "is_server_error")
# A read answering None or False on an error has chosen "nothing there" as its answer (a lookup).
_READS = frozenset({"get", "head", "options"})
# A function whose False is its answer, not a lost failure: a probe or a predicate.
_PREDICATE_PREFIXES = ("is_", "has_", "can_", "exists", "check", "verify", "validate", "ping", "probe", "health")


@register
class ErrorAnswerUnlogged(Rule):
    """A function that sends an HTTP request and answers an error status with `return False`, leaving no trace.

    What it finds:
        After an HTTP send (httpx, aiohttp, requests; a POST, PUT, PATCH or DELETE, not a read, whose
        None or False on an error is its "nothing there"), an `if` that tests the response for a
        failure - a status other than a success code (`resp.status != 200`), a range of error codes
        (`resp.status_code >= 400`, `400 <= resp.status < 500`), `not resp.ok`, `resp.is_error` - and
        whose only statement is `return False`: the status, the body and the
        request are dropped without a log line, and the caller gets a bare flag. A branch that logs,
        raises, or hands the status or body back is not reported, nor a test for one specific code
        (`== 404` is "not there", an ordinary answer), nor a predicate or probe whose False is the
        answer (`is_reachable`, `exists`, `check_...`, `health...`).

    Why it matters:
        The gateway said why it refused (a 401 after a key rotation, a 422 naming the bad field, a
        429) and nobody will ever know: the caller sees False, logs at best "command failed", and
        on-call cannot tell a bad payload from an expired credential or an outage.

    Example:
        async with self.session.post(f"{self._base}/v2/commands", json=payload) as resp:
            if resp.status != 200:
                return False

    Instead:
        Log what the service answered before giving the flag back:

            if resp.status != 200:
                log.warning("valve command %s rejected: %s %s", valve_id, resp.status, await resp.text())
                return False
    """

    id = "RA607"
    name = "error-answer-unlogged"
    category = "logging-gap"
    severity = "LOW"
    scope = "project"
    base_effort = 0.1

    def check(self, ctx: ProjectContext) -> Iterator[Finding]:
        seen: set[tuple[str, int]] = set()
        for dep in analysis(ctx.model).dependencies:
            for call in dep.calls:
                if call.kind != "http-client" or call.method in _READS or is_test_path(call.path) \
                        or _predicate(call.func.name):
                    continue
                block = _silent_error_branch(call)
                if block is None or (call.path, block["line"]) in seen:
                    continue
                seen.add((call.path, block["line"]))
                yield self._finding(call, block)

    def _finding(self, call: ExternalCall, block: dict) -> Finding:
        name = short(call.fq)
        description = (
            f"`{name}` sends `{call.method.upper()}` (line {call.site.line}) and, when the answer is an error "
            f"(line {block['line']}), returns a bare flag: the status code and the body the service sent are "
            "dropped without a log line, so a rejected request, an expired credential and an outage all look "
            "the same to whoever reads the logs."
        )
        return self.finding(
            Location(call.path, block["line"], block["line"]), f"{name} drops an error answer without logging it",
            description, related=[Location(call.path, call.site.line, call.site.end_line, "the request")],
            recommendation="Log the status (and a bounded part of the body) before returning the flag:\n\n"
                           "    if resp.status != 200:\n"
                           "        log.warning(\"request rejected: %s %s\", resp.status, (await resp.text())[:200])\n"
                           "        return False")


def _predicate(name: str) -> bool:
    return name.lstrip("_").lower().startswith(_PREDICATE_PREFIXES)


def _silent_error_branch(call: ExternalCall) -> dict | None:
    """The first `if` after the call that tests its response for a failure and only returns a
    bare False (no call in the branch: no log, no `raise_for_status`, no body read): the success
    flag of a send, with the reason gone."""
    func = call.func
    response = next((n for n, v in func.bound_on(call.site.line) if "call" in v), "")
    if not response:
        return None
    for block in blk.blocks(func, "if"):
        if block["line"] <= call.site.line or not _error_test(block, response):
            continue
        if block["end"] == block["line"] + 1 and block.get("exits") and not block.get("else_line") \
                and not blk.calls_in(func, block["line"], block["end"]) \
                and _returned_at(func, block["end"]) is False:
            return block
    return None


def _error_test(block: dict, response: str) -> bool:
    """The test lets only a failed answer through: a status other than one success code, a range
    from 3xx up, `not resp.ok`, `resp.is_error`; never one that names a specific code (`== 404`)."""
    codes = {f"{response}.{attr}" for attr in _STATUS_CODES}
    bounds = [b for b in block.get("bounds", ()) if b[0] in codes]
    if bounds:
        if any(op == "Eq" for _chain, op, _value in bounds):
            return False
        return all(op == "NotEq" and 200 <= value < 300 or op in ("GtE", "Gt") and value >= 299
                   or op in ("Lt", "LtE") and value >= 400 for _chain, op, value in bounds) \
            and any(op != "Lt" and op != "LtE" for _chain, op, _value in bounds)
    absent = {f"{response}.{attr}" for attr in _SUCCESS_FLAGS}
    present = {f"{response}.{attr}" for attr in _FAILURE_FLAGS}
    return bool(absent & set(block.get("absent", ())) or present & set(block.get("present", ())))


def _returned_at(func, line: int) -> object:
    """The value of the `return` on `line` as the facts keep it; a marker when there is none."""
    for value, at in zip(func.returns_values, func.extra.get("return_lines", ())):
        if at == line:
            return value
    return _NO_RETURN


_NO_RETURN = object()
