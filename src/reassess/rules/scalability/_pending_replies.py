"""Replies awaited in one process and delivered to any, for RA502 (process_local_coordination): a request
parks a future in a long-lived object's dict and waits; the reply arrives as another HTTP request."""
from __future__ import annotations

from dataclasses import dataclass

from ...model.project import ProjectModel
from ...model.resilience.components import InstanceState
from ...model.resilience.runtime import entries_reaching

_MAKERS = frozenset({"create_future", "Future"})  # `loop.create_future()`, `asyncio.Future()`
_RESOLVE = frozenset({"set_result", "set_exception"})


@dataclass
class PendingReply:
    waiter: str  # method that parks the future and awaits it
    parked: int  # line of `self._waiters[key] = future`
    resolver: str  # method that looks the future up by key and resolves it
    resolved: int  # line of `.set_result(...)`
    waits_for: list[str]  # the request entries that wait
    delivered_by: list[str]  # the HTTP entries that deliver the reply


def pending_reply(model: ProjectModel, attr: InstanceState) -> PendingReply | None:
    """A method requests reach stores a future it made under a key (`waiter = loop.create_future();
    self._ack_waiters[cid] = waiter`) and another method, which an HTTP route reaches (a webhook),
    looks it up by key and resolves it (`self._ack_waiters.get(cid).set_result(ack)`). The webhook may
    be served by a replica that holds no such future: the reply is lost and the waiter times out. A
    future resolved by the object's own reader loop (a client matching replies on its connection) is
    not reported: the reply comes back to the process that asked."""
    if not attr.container or not attr.init_line:
        return None
    for waiter, parked in attr.writes:
        if not _parks_future(model.functions[waiter][1], attr.attr, parked):
            continue
        waits = [e.name for e, _c in entries_reaching(model, {waiter}, limit=6) if e.kind in ("http", "websocket")]
        if not waits:
            continue
        for resolver in sorted((attr.readers | attr.writers) - {waiter}):
            line = _resolves(model.functions[resolver][1], attr.attr)
            if not line:
                continue
            delivered = [e.name for e, _c in entries_reaching(model, {resolver}, limit=6) if e.kind == "http"]
            if delivered:
                return PendingReply(waiter, parked, resolver, line, waits, delivered)
    return None


def _parks_future(func, attr: str, line: int) -> bool:
    """The store at `line` puts a future the method made (or one made in place) into `self.<attr>`."""
    futures = {name for name, bound in func.local_types.items() if isinstance(bound, dict) and _is_future(bound)}
    for store in func.extra.get("stores", ()):
        value = store.get("value")
        if store["line"] == line and store["target"] == f"self.{attr}" and store.get("item") \
                and isinstance(value, dict) and (value.get("ref") in futures or _is_future(value)):
            return True
    return False


def _is_future(bound: dict) -> bool:
    return str(bound.get("call", "")).rsplit(".", 1)[-1] in _MAKERS or "Future" in str(bound.get("declared", ""))


def _resolves(func, attr: str) -> int:
    """The line where the method resolves a future it took from `self.<attr>` by key (through a local,
    `waiter = self._waiters.get(key)`, or in place, `self._waiters.pop(key).set_result(...)`), 0 if none."""
    looked = {name for name, bound in func.local_types.items() if isinstance(bound, dict)
              and str(bound.get("call", "")).startswith(f"self.{attr}.")}
    for site in func.calls:
        chain = site.func or ()
        if chain and chain[-1] in _RESOLVE and (chain[0] in looked and len(chain) == 2
                                                or chain[:2] == ("self", attr)):
            return site.line
    return 0
