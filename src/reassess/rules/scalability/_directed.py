"""Directed sends through a process-local socket registry: one client's socket looked up by key.

A request (or another client's message) that wants to reach a *particular* client looks its
socket up in this process's registry (`socket = SESSIONS.get(device_id)`, `registry.candidates
.get(attempt_id)`, `self._connections.for_user(user_id)`) and sends to it. The client may be
connected to any replica, so the lookup fails (or finds nothing) whenever it is not this one.
Shared by the horizontal-scaling rules; the model knows nothing of it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from ...facts.types import FunctionFacts, ModuleFacts
from ...model.app import is_test_path
from ...model.project import ProjectModel
from ...model.resilience.components import InstanceState, instance_state

SOCKET_SENDS = frozenset({"send_json", "send_text", "send_bytes", "send", "send_str"})  # a send on one socket
_LOOKUPS = frozenset({"get"})


@dataclass
class DirectedLookup:
    """`local = <registry lookup>(key)` in `fq` at `line`, then a send on `local` at `send`."""

    fq: str
    line: int
    send: int
    registry: str  # how the registry is shown (`KIOSK_SESSIONS`, `ConnectionRegistry.candidates`)
    declared: tuple[str, int]  # where the registry is created (path, line)


def directed_lookups(model: ProjectModel, socket_text) -> Iterator[DirectedLookup]:
    """Every lookup of one socket (or one key's sockets) in a process-local registry that the
    function then sends to. `socket_text(text)` tells a declaration holding sockets."""
    for fq, facts, func in model.iter_functions():
        if is_test_path(facts.path) or not any(_a_send(site) for site in func.calls):
            continue
        for local, bound in func.local_types.items():
            call = bound.get("call") if isinstance(bound, dict) else None
            if not call or "line" not in bound:
                continue
            send = _sent_to(model, facts.path, func, local, bound["line"])  # cheap: before resolving the registry
            found = _registry(model, facts, func, tuple(call.split(".")), socket_text) if send else None
            if found:
                yield DirectedLookup(fq, bound["line"], send, *found)


def _registry(model: ProjectModel, facts: ModuleFacts, func: FunctionFacts, chain: tuple[str, ...],
              socket_text) -> tuple[str, tuple[str, int]] | None:
    """The registry a lookup chain reads: a module-level container of sockets (`NAME.get`), a
    socket-holding attribute of a module-level object (`registry.candidates.get`), or a method of a
    project class returning from such an attribute (`self._connections.for_user`)."""
    if len(chain) == 2 and chain[1] in _LOOKUPS:
        declared = _module_container(model, facts, func, chain[0])
        if declared and socket_text(model.line_text(*declared)):
            return chain[0], declared
    if len(chain) == 3 and chain[2] in _LOOKUPS and chain[0] not in ("self", "cls"):
        attr = _attribute(model, facts, func, chain[:1], chain[1])
        if attr is not None and socket_text(model.line_text(attr.init_path, attr.init_line)):
            return f"{attr.class_fq.rsplit('.', 1)[-1]}.{attr.attr}", (attr.init_path, attr.init_line)
    if len(chain) >= 3:
        return _returning_method(model, facts, func, chain, socket_text)
    return None


def _module_container(model: ProjectModel, facts: ModuleFacts, func: FunctionFacts,
                      name: str) -> tuple[str, int] | None:
    """(path, line) of the module-level assignment `name` stands for: in the function's own module,
    imported at module level, or imported inside the function (`from app.ws import SESSIONS`)."""
    bound = func.local_types.get(name)
    if isinstance(bound, dict) and "import" in bound:
        target = f"{bound['import']}.{bound.get('name', '')}"
    elif name in func.local_types or any(p.name == name for p in func.params):
        return None
    else:
        binding = model.bindings.get(facts.module, {}).get(name)
        target = binding.target if binding is not None else ""
    module, _, var = target.rpartition(".")
    owner = model.modules.get(module)
    assign = owner.assigns.get(var) if owner is not None else None
    return (owner.path, assign.line) if assign is not None else None


def _attribute(model: ProjectModel, facts: ModuleFacts, func: FunctionFacts, receiver: tuple[str, ...],
               attr: str) -> InstanceState | None:
    """The instance attribute `receiver.attr` of a project class the receiver resolves to."""
    found = model.resolver.type_of_chain(facts, func, receiver)
    if not found or found[1] not in model.classes:
        return None
    return next((s for cls in model.mro(found[1]) for s in instance_state(model, cls)
                 if s.attr == attr and s.init_line), None)


def _returning_method(model: ProjectModel, facts: ModuleFacts, func: FunctionFacts, chain: tuple[str, ...],
                      socket_text) -> tuple[str, tuple[str, int]] | None:
    """`self._connections.for_user(user_id)`: a method of the receiver's class that returns what it
    reads from one of its socket-holding attributes (`return list(self._by_user.get(user_id, ()))`)."""
    found = model.resolver.type_of_chain(facts, func, chain[:-1])
    if not found or found[1] not in model.classes:
        return None
    method = next((f"{cls}.{chain[-1]}" for cls in model.mro(found[1]) if f"{cls}.{chain[-1]}" in model.functions),
                  None)
    if method is None or not model.functions[method][1].params[1:]:
        return None
    helper = model.functions[method][1]
    for state in instance_state(model, found[1]):
        if method in state.readers and state.init_line and _returns_attr(model, method, helper, state.attr) \
                and socket_text(model.line_text(state.init_path, state.init_line)):
            return f"{found[1].rsplit('.', 1)[-1]}.{state.attr}", (state.init_path, state.init_line)
    return None


def _returns_attr(model: ProjectModel, fq: str, helper: FunctionFacts, attr: str) -> bool:
    """The method's return statement reads `self.<attr>` (a lookup by the key it is given)."""
    path = model.functions[fq][0].path
    pattern = re.compile(rf"^\s*return\b.*\bself\.{re.escape(attr)}\b")
    return any(pattern.search(model.line_text(path, line)) for line in range(helper.line, helper.end_line + 1))


def _sent_to(model: ProjectModel, path: str, func: FunctionFacts, local: str, after: int) -> int:
    """The line of a send on the socket looked up (`await socket.send_json(...)`), or on each socket
    of the list looked up (`for s in sockets: await s.send_json(...)`); 0 when there is none."""
    for site in func.calls:
        if site.line <= after or not _a_send(site):
            continue
        if site.func[0] == local:
            return site.line
        loop = model.line_text(path, site.loop_line) if site.loop_line else ""
        if re.search(rf"\bfor\s+{re.escape(site.func[0])}\s+in\s+(?:list\()?{re.escape(local)}\b", loop):
            return site.line
    return 0


def _a_send(site) -> bool:
    """`<name>.send_json(...)`: a send on one socket held in a name."""
    return bool(site.func) and len(site.func) == 2 and site.func[1] in SOCKET_SENDS
