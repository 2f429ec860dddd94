"""RA317's per-message checks that some messages skip: a websocket handler whose only credential
check runs on a received frame (`await kiosk.verify_pin(device, employee, frame["pin"])`) inside
its receive loop, while an earlier branch of that loop answers a message with looked-up data and
moves on (`continue`) before the check is reached. The check vouches for the frames that pass it;
the branch serves any client that connects."""
from __future__ import annotations

from typing import Callable

from ...facts.types import CallSite
from ...model.data import DataModel
from ...model.project import Edge, ProjectModel
from ._ws import RECEIVE, Handler

_READ_KINDS = frozenset({"orm", "sql", "mongo", "cache"})


def unchecked_branch(model: ProjectModel, data: DataModel, handler: Handler, checks: list[Edge],
                     reach: Callable[..., dict[str, Edge | None]]) -> tuple[CallSite, CallSite] | None:
    """(the send, the lookup it sends) of the branch answering a message before the loop's check;
    None unless every check is the handler's own call in the loop of its first receive."""
    calls = handler.func.calls
    receive = next((s for s in calls if s.func and s.func[0] == handler.socket and s.func[-1] in RECEIVE
                    and s.loop_line), None)
    if receive is None or not checks or any(e.site.loop_line != receive.loop_line or e.site.line < receive.line
                                            for e in checks):
        return None
    first_check = min(e.site.line for e in checks)
    for block in handler.func.extra.get("blocks", ()):
        if block.get("kind") != "if" or not block.get("skips") or not receive.line < block["line"] < first_check:
            continue
        found = _answer(model, data, handler, block["line"], block["end"], reach)
        if found is not None:
            return found
    return None


def _answer(model: ProjectModel, data: DataModel, handler: Handler, start: int, end: int,
            reach: Callable[..., dict[str, Edge | None]]) -> tuple[CallSite, CallSite] | None:
    """A send on the socket in lines `start`..`end` carrying an awaited project call that reads data."""
    sends = [s for s in handler.func.calls if s.func and s.func[0] == handler.socket
             and s.func[-1].startswith("send") and start <= s.line <= end]
    for send in sends:
        for edge in model.edges.get(handler.fq, ()):
            site = edge.site
            if site is send or not site.awaited or not send.line <= site.line <= send.end_line:
                continue
            callee = model.callee_function(edge.target)
            if callee and any(t.trip.kind in _READ_KINDS for fq in [callee, *reach(model, [edge], 3)]
                              for t in data.trips.get(fq, ())):
                return send, site
    return None
