"""An error answer (a 503, a 429) that the sending function tests for and only logs: the
transient failure is treated as final."""
from __future__ import annotations

from typing import TYPE_CHECKING

from ...model.resilience import blocks as blk
from ...model.resilience.calls import ExternalCall
from ...model.resilience.guards import handed_over
from ...model.project import ProjectModel
from ._failure_handlers import reports_failure
from ._lost_work import delivers

if TYPE_CHECKING:
    from ...facts.types import FunctionFacts


# Response attributes that tell a failed answer from a good one.
_STATUS_ATTRS = ("status_code", "status", "is_error", "is_success", "ok", "is_server_error")


def error_answer_dropped(model: ProjectModel, call: ExternalCall) -> dict | None:
    """The `if` after an unretried HTTP send that tests the response's status and only logs (no
    raise, no `raise_for_status`), in a function no retry wrapper is handed: the error answer
    ends there."""
    name = _unchecked_response(model, call)
    if not name:
        return None
    func = call.func
    tests = {f"{name}.{attr}" for attr in _STATUS_ATTRS}
    for block in blk.blocks(func, "if"):
        if block["line"] > call.site.line and tests & set(block.get("chains", ())):
            if blk.raises_in(func, block["line"], block["end"]) or reports_failure(func, block) \
                    or not _logs_failure(func, block):
                return None
            return block
    return None


def _unchecked_response(model: ProjectModel, call: ExternalCall) -> str:
    """The local an unretried HTTP send's response is bound to, when nothing checks it by raising, hands it
    to a checking helper or returns data read from it; "" otherwise."""
    if call.retry or call.kind != "http-client" or not delivers(call) or call.fq in handed_over(model):
        return ""
    func, name = call.func, _response_name(call)
    if not name or any(site.func == (name, "raise_for_status") or {"ref": name} in site.args for site in func.calls):
        return ""  # checked by raising, or handed to a helper that checks it
    if _hands_back_answer(func, name):
        return ""  # a lookup: its caller gets nothing back on an error answer and chooses what to do
    return name


def _hands_back_answer(func, name: str) -> bool:
    """A `return` hands back what the answer holds (`return await response.json()`, `return
    response.text`; not only its status code): the function reads data, it does not deliver any."""
    def from_answer(value) -> bool:
        text = value.get("call") or value.get("ref") if isinstance(value, dict) else None
        return isinstance(text, str) and (text == name or text.startswith(f"{name}.")) \
            and text.split(".", 1)[-1] not in _STATUS_ATTRS
    return any(from_answer(value) for value in func.returns_values)


def answers_data(func: FunctionFacts) -> bool:
    """A `return` hands back a collection (`return query, results`, `return {}`), not a status
    (`return False`, `return resp.status_code`): a read that answers empty on an error answer,
    not a delivery that is lost."""
    return any(isinstance(value, dict) and value.get("literal") in ("tuple", "list", "dict", "set")
               for value in func.returns_values)


def _response_name(call: ExternalCall) -> str:
    """The local the call's response is bound to (`resp = await client.post(...)`), "" when none."""
    return next((n for n, v in call.func.bound_on(call.site.line) if "call" in v), "")


def _logs_failure(func, block: dict) -> bool:
    """A warning or error is logged inside the block (not a success or debug line)."""
    return any(site.func and len(site.func) >= 2 and site.func[-1] in _FAILURE_LOGS
               for site in blk.calls_in(func, block["line"], block["end"]))


_FAILURE_LOGS = frozenset({"warning", "warn", "error", "exception", "critical"})
