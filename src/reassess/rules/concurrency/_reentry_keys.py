"""Whether a per-key lock taken down a call chain is the very lock its caller holds (RA305): the
same key handed on (`self._locks.claim(claim_id)` around `self.outstanding(claim_id)`, whose own
`self._locks.claim(...)` takes the parameter that received `claim_id`), a key built the same way
from the same value (`f"bay:{bay_id}"`, `member_key(member_id)`), or the lock of one object handed
from call to call until a method of it takes its own lock."""
from __future__ import annotations

from typing import TYPE_CHECKING

from ._calls import param_receiving

if TYPE_CHECKING:
    from ...facts.types import FunctionFacts
    from ...model.project import ProjectModel
    from ._lockgraph import Acquire


def same_key_down(model: "ProjectModel", expr: str, acquire: Acquire) -> bool:
    """The per-key lock taken again for the same key one call down: the holder's `with` on
    `self._locks.claim(claim_id)` calls `self.outstanding(claim_id)`, whose parameter receiving
    `claim_id` is the key its own `self._locks.claim(...)` takes again."""
    if len(acquire.via) != 1 or acquire.inner_at is None or acquire.outer_at is None:
        return False
    edge = acquire.via[0]
    callee = model.callee_function(edge.target)
    outer = _lock_key(model.functions[edge.caller][1], acquire.outer_at.start_line, expr)
    inner = _lock_key(model.functions[callee][1], acquire.inner_at.start_line, expr) if callee else None
    if outer is None or inner is None:
        return False
    return outer[0] == inner[0] and _key_received(model.functions[callee][1], edge.site, outer[1]) == inner[1]


def _key_received(callee: "FunctionFacts", site, key: str) -> str:
    """The name the callee knows the caller's key by: the parameter receiving it, or, for a value's
    attribute (`milestone.contract_id`), the same attribute of the parameter receiving that value
    (`release_funds(milestone)` keys on `milestone.contract_id` too). "" when it is not passed on."""
    received = param_receiving(callee, site, key)
    root, dot, attribute = key.partition(".")
    if received or not dot:
        return received
    holder = param_receiving(callee, site, root)
    return f"{holder}.{attribute}" if holder else ""


def same_object_down(model: "ProjectModel", expr: str, acquire: Acquire) -> bool:
    """The lock of one object (`async with room.lock:`) taken again by a method of that same
    object further down: `room` is handed on call by call (`self._broadcast(room)` ->
    `publish_room(room)`) until `room.snapshot()` runs `async with self.lock`."""
    carried, _, _ = expr.rpartition(".")
    if not carried or "." in carried or not acquire.via or acquire.inner_at is None:
        return False
    for edge in acquire.via[:-1]:
        callee = model.callee_function(edge.target)
        carried = param_receiving(model.functions[callee][1], edge.site, carried) if callee else ""
        if not carried:
            return False
    last, taker = acquire.via[-1].site.func, model.callee_function(acquire.via[-1].target)
    return bool(last) and len(last) == 2 and last[0] == carried and bool(taker) and _takes_on_self(
        model.functions[taker][1], acquire.inner_at.start_line)


def _takes_on_self(func: "FunctionFacts", line: int) -> bool:
    """The `with` on `line` takes a lock of `self` (`async with self.lock:`)."""
    return any(w["line"] == line and w["expr"].split(".")[0] == "self" for w in func.extra.get("withs", ()))


def _lock_key(func: "FunctionFacts", line: int, expr: str) -> tuple[str, str] | None:
    """The one name a lock-handing call on `line` is given as key, as ("", name) (`claim_id` of
    `self._locks.claim(claim_id)`); None when it is given anything else. A key built by a plain
    function of one name (`hold(member_key(member_id))`) is (builder, name): the same builder
    given the same value builds the same key; so is an f-string of one name (`get(f"bay:{bay_id}")`),
    its template standing for the builder."""
    for site in func.calls:
        if site.line == line and site.func and ".".join(site.func) + "()" == expr:
            if len(site.args) != 1 or not isinstance(site.args[0], dict):
                return None
            ref, built = site.args[0].get("ref"), site.args[0].get("call")
            if "fstring" in site.args[0]:
                return _templated_key(func, line, expr, site.args[0]["fstring"])
            if ref:  # a name or a value's attribute (`env.id`), not a lock object's own state
                return ("", ref) if not ref.startswith(("self.", "cls.")) else None
            return _built_key(func, line, built) if built else None
    return None


def _templated_key(func: "FunctionFacts", line: int, expr: str, template: str) -> tuple[str, str] | None:
    """(template, name) for `self._locks.get(f"stand:{stand_id}")`, an f-string key with one name
    in it: the same template filled with the same value names the same lock."""
    names = next((w.get("key_names") for w in func.extra.get("withs", ()) if w["line"] == line and w["expr"] == expr),
                 None)
    if not names or len(names) != 1 or names[0].split(".")[0] in ("self", "cls"):
        return None
    return f"f{template!r}", names[0]


def _built_key(func: "FunctionFacts", line: int, builder: str) -> tuple[str, str] | None:
    """(builder, name) for `member_key(member_id)`, a call of a module-level function (no attribute:
    not a method whose result may depend on its object) given one name on `line`; None otherwise."""
    if "." in builder:
        return None
    for site in func.calls:
        if site.line == line and site.func == (builder,) and len(site.args) == 1 and not site.kwargs:
            ref = site.args[0].get("ref") if isinstance(site.args[0], dict) else None
            return (builder, ref) if ref and not ref.startswith("self.") else None
    return None
