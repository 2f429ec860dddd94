"""Calls through a module-level `functools.partial`: `run = functools.partial(subprocess.run,
check=True)` makes every `run([...])` a call of `subprocess.run`, and it blocks like one."""
from __future__ import annotations

from typing import TYPE_CHECKING

from ...model.project import Edge

if TYPE_CHECKING:
    from ...model.project import ProjectModel

_PARTIAL = ("functools.partial", "functools.partialmethod")
_MAX_HOPS = 6  # import re-exports followed to the module that binds the name


def wrapped_name(model: "ProjectModel", edge: Edge) -> str:
    """The external dotted name a call of a `functools.partial` binding runs ("" when unknown)."""
    if edge.target.kind != "external" or edge.target.name not in _PARTIAL or len(edge.site.func or ()) != 1:
        return ""
    module, name = _defining(model, model.functions[edge.caller][0].module, edge.site.func[0])
    assign = model.modules[module].assigns.get(name) if module else None
    if assign is None:
        return ""
    for bound in model.module_edges.get(module, ()):
        site = bound.site
        if site.line == assign.line and bound.target.name in _PARTIAL and site.args:
            found = model.resolver.type_of_value(model.modules[module], None, site.args[0], 1)
            return found[1] if found and found[0] == "ext" else ""
    return ""


def _defining(model: "ProjectModel", module: str, name: str) -> tuple[str, str]:
    """The module that binds `name` as a variable, following `from x import name`."""
    for _ in range(_MAX_HOPS):
        binding = model.bindings.get(module, {}).get(name)
        if binding is None:
            return "", ""
        if binding.kind == "variable":
            return module, name
        if binding.kind != "import":
            return "", ""
        module, _, name = binding.target.rpartition(".")
        if module not in model.modules:
            return "", ""
    return "", ""
