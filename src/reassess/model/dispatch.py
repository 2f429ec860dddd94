"""Handlers looked up in a dict: `HANDLERS[kind](payload)`, `self._handlers[kind](event)`,
`HANDLERS.get(kind)(payload)`, or the same through a local (`handler = HANDLERS[kind]`).

The call runs one of the dict's values, and which one depends on data the model cannot know, so
the call reaches every value that names a project function. The dict is a literal the per-file
facts already record: a module-level assignment (here or imported), a class attribute, or a
`self.<attr>` a method of the class (or of a base) assigns (`__init__`). Its values are resolved
in the scope that wrote them (`self.on_created` in `__init__`, `handle_created` at module level).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterator

from .edges import Edge
from .resolve import Target

if TYPE_CHECKING:
    from ..facts.types import CallSite, FunctionFacts, ModuleFacts
    from .project import ProjectModel

_MAX_HANDLERS = 64


def link_dispatch(model: "ProjectModel") -> dict[str, list["Edge"]]:
    """caller fq -> an edge per project function a dict-dispatched call of it may run (the call's
    own site, the value as target). Added to `model.callers` too, like the other links the code
    does not write as a call of the function (`model.passed`, `model.depends`)."""
    out: dict[str, list[Edge]] = {}
    for fq, (facts, func) in model.functions.items():
        for index, site in enumerate(func.calls):
            literals = dispatched_literals(model, facts, func, site, index)
            for target in _handlers(model, literals) if literals else ():
                if target == fq:
                    continue
                edge = Edge(fq, site, Target("function", target))
                out.setdefault(fq, []).append(edge)
                model.callers[target].append(edge)
    return out


def looked_up_in(func: "FunctionFacts", site: "CallSite", index: int) -> tuple[str, ...] | None:
    """The dotted dict a call looks its callee up in, None when it calls something else."""
    chain = site.func
    if chain and len(chain) >= 2 and chain[-1] == "[]" and "[]" not in chain[:-1]:
        return chain[:-1]  # HANDLERS[kind](...), self._handlers[kind](...)
    if chain is None:  # HANDLERS.get(kind)(...): the inner call starts where the outer one does
        inner = inner_call(func, site, index)
        return _looked_up(inner.name) if inner is not None else None
    if len(chain) == 1:  # handler = HANDLERS[kind] / HANDLERS.get(kind); handler(...)
        bound = func.local_types.get(chain[0])
        if isinstance(bound, dict):
            if isinstance(bound.get("ref"), str) and bound["ref"].endswith(".[]"):
                return tuple(bound["ref"][:-3].split("."))
            if isinstance(bound.get("call"), str):
                return _looked_up(bound["call"])
    return None


def dispatched_literals(model: "ProjectModel", facts: "ModuleFacts", func: "FunctionFacts", site: "CallSite",
                        index: int) -> list[tuple["ModuleFacts", "FunctionFacts | None", dict[str, Any], str]]:
    """The registry literals a call looks its callee up in (see `registry_literals`): a dict the model
    knows by name (`HANDLERS[kind](...)`, through a local too), or the dict a project function builds
    and returns (`_jobs()[name](ctx)`, or `job = _jobs()[name]` then `job(ctx)`)."""
    receiver = looked_up_in(func, site, index)
    if receiver is not None:
        return registry_literals(model, facts, func, receiver)
    if site.func is None:
        inner = inner_call(func, site, index)
        made = returned_dict(model, facts, func, inner.func) if inner is not None and inner.func else None
        return [(*made, "")] if made else []
    if site.func and len(site.func) == 1:
        return picked_literals(model, facts, func, func.local_types.get(site.func[0]))
    return []


def picked_literals(model: "ProjectModel", facts: "ModuleFacts", func: "FunctionFacts", bound: Any
                    ) -> list[tuple["ModuleFacts", "FunctionFacts | None", dict[str, Any], str]]:
    """The registry literals a local's value was picked from, as the facts bind it: `WORKERS.[]` or
    `JOBS.get` (a dict known by name) or {"picked": "_registry"} (an item of what a call returns), or
    either of two such values (`_stream if name == "stream" else WORKERS[name]`)."""
    if not isinstance(bound, dict):
        return []
    if "either" in bound:
        return [found for branch in bound["either"] for found in picked_literals(model, facts, func, branch)]
    if "element_of" in bound:  # `job, interval = JOBS[name]`: one element of each value
        return [(scope_facts, scope_func, part, owner) for scope_facts, scope_func, literal, owner
                in picked_literals(model, facts, func, bound["element_of"])
                if (part := element_literal(literal, bound.get("element", 0))) is not None]
    made = bound.get("picked")
    if isinstance(made, str):
        found = returned_dict(model, facts, func, tuple(made.split(".")))
        return [(*found, "")] if found else []
    receiver = registry_of(bound.get("call") or bound.get("ref") or "")
    return registry_literals(model, facts, func, receiver) if receiver else []


def lambda_picked_name(func: "FunctionFacts", value: Any) -> str:
    """The local a `lambda: job(ctx)` argument calls when that local was picked from a registry
    (`job = JOBS[name]`, `job, interval = JOBS[name]`): handing the lambda hands whichever value was
    picked. Its body's call is the first call right of the lambda on its line; "" for any other value."""
    if not isinstance(value, dict) or "lambda" not in value:
        return ""
    line, col = value["lambda"], value.get("col", -1)
    right = sorted((site for site in func.calls if site.line == line and site.col > col), key=lambda s: s.col)
    site = right[0] if right else None
    name = site.func[0] if site is not None and site.func and len(site.func) == 1 else ""
    bound = func.local_types.get(name) if name else None
    return name if isinstance(bound, dict) and (bound.keys() & {"element_of", "picked", "ref", "call"}) else ""


def element_literal(literal: dict[str, Any], index: int) -> dict[str, Any] | None:
    """The registry literal as seen through an unpacking of its values (`job, interval = JOBS[name]`):
    each key with the element `index` of its tuple value (the facts keep a short tuple's "parts");
    None when no value is such a tuple."""
    items = [[key, value["parts"][index]] for key, value in
             (item for item in literal.get("items") or () if isinstance(item, (list, tuple)) and len(item) == 2)
             if isinstance(value, dict) and index < len(value.get("parts") or ())]
    return {"literal": "dict", "size": len(items), "items": items} if items else None


def returned_dict(model: "ProjectModel", facts: "ModuleFacts", func: "FunctionFacts", callee: tuple[str, ...]
                  ) -> tuple["ModuleFacts", "FunctionFacts", dict[str, Any]] | None:
    """The dict literal the project function `callee` returns (`def _registry(): from .a import run_a;
    return {"a": run_a}`), with that function's scope to read its values in (its own imports)."""
    target = model.resolver.project_function(facts, func, callee)
    if not target:
        return None
    callee_facts, callee_func = model.functions[target]
    literal = next((v for v in callee_func.returns_values if _is_dict(v)), None)
    return (callee_facts, callee_func, literal) if literal else None


def inner_call(func: "FunctionFacts", site: "CallSite", index: int) -> "CallSite | None":
    """The call whose result `site` calls (`HANDLERS.get(kind)(...)`, `_jobs()[name](ctx)`): it
    starts where the outer one does, and the facts list it beside the outer call (`index`)."""
    return next((other for other in func.calls[max(0, index - 2):index + 2]
                 if other is not site and other.line == site.line and other.col == site.col), None)


def registry_of(name: str) -> tuple[str, ...] | None:
    """The dotted dict a local's value was looked up in, as the facts write the lookup:
    `WORKERS.[]` (`WORKERS[name]`, `WORKERS[name](res)`) or `JOBS.get` (`JOBS.get(name)`)."""
    if name.endswith(".[]") and "[]" not in name[:-3]:
        return tuple(name[:-3].split("."))
    return _looked_up(name)


def _looked_up(name: str) -> tuple[str, ...] | None:
    head, _, last = name.rpartition(".")
    return tuple(head.split(".")) if last == "get" and head and "[]" not in head and "()" not in head else None


def _handlers(model: "ProjectModel",
              literals: list[tuple["ModuleFacts", "FunctionFacts | None", dict[str, Any], str]]) -> list[str]:
    """The project functions the values of the registry literals resolve to (at most
    `_MAX_HANDLERS`, in the order written)."""
    found: dict[str, None] = {}
    for scope_facts, scope_func, literal, owner in literals:
        for item in literal.get("items") or ():
            target = _handler(model, scope_facts, scope_func, owner, item)
            if target:
                found[target] = None
            if len(found) >= _MAX_HANDLERS:
                return list(found)
    return list(found)


def _handler(model: "ProjectModel", facts: "ModuleFacts", func: "FunctionFacts | None", owner: str,
             item: Any) -> str:
    """The project function one `key: value` item's value names ("" when it names none)."""
    value = item[1] if isinstance(item, (list, tuple)) and len(item) == 2 else None
    ref = value.get("ref") if isinstance(value, dict) and set(value) <= {"ref"} else None
    if not isinstance(ref, str):
        return ""
    target = model.resolver.project_function(facts, func, tuple(ref.split(".")))
    if not target and owner and "." not in ref:  # a class body's `{"a": on_a}` names its own method
        target = f"{owner}.{ref}" if f"{owner}.{ref}" in model.functions else ""
    return target


def registry_literals(model: "ProjectModel", facts: "ModuleFacts", func: "FunctionFacts", receiver: tuple[str, ...]
                      ) -> list[tuple["ModuleFacts", "FunctionFacts | None", dict[str, Any], str]]:
    """The dict literals a receiver names, each with the scope its values are read in (module facts,
    function facts or None) and the class owning it when it is a class attribute."""
    if len(receiver) == 1:
        found = _module_dict(model, facts.module, receiver[0])
        return [(found[0], None, found[1], "")] if found else []
    if len(receiver) == 2 and receiver[0] in ("self", "cls") and func.class_name:
        out = []
        for cls in model.mro(f"{facts.module}.{func.class_name}"):
            cls_facts, cls_info = model.classes[cls]
            value = cls_info.class_attrs.get(receiver[1])
            if _is_dict(value):
                out.append((cls_facts, None, value, cls))
            for _fq, writer_facts, writer in model.self_attr_writers(cls).get(receiver[1], ()):
                value = writer.self_attrs.get(receiver[1])
                if _is_dict(value):
                    out.append((writer_facts, writer, value, ""))
            if out:
                return out
    return []


def literal_values(model: "ProjectModel", facts: "ModuleFacts", func: "FunctionFacts | None", literal: dict[str, Any],
                   owner: str) -> Iterator[tuple[str, str]]:
    """("function" or "class", fq) of each value of a registry literal that names a project function
    or class, read in the scope that wrote it (a class body's own method names included)."""
    for item in literal.get("items") or ():
        value = item[1] if isinstance(item, (list, tuple)) and len(item) == 2 else None
        ref = value.get("ref") if isinstance(value, dict) and set(value) <= {"ref"} else None
        if not isinstance(ref, str):
            continue
        found = model.resolver.type_of_chain(facts, func, tuple(ref.split(".")))
        if found is None and owner and f"{owner}.{ref}" in model.functions:
            found = ("function", f"{owner}.{ref}")
        if found is not None and found[0] == "function" and found[1] in model.functions:
            yield "function", found[1]
        elif found is not None and found[0] == "class" and found[1] in model.classes:
            yield "class", found[1]


def _module_dict(model: "ProjectModel", module: str, name: str,
                 depth: int = 0) -> tuple["ModuleFacts", dict[str, Any]] | None:
    binding = model.bindings.get(module, {}).get(name)
    if binding is None or depth > 4:
        return None
    if binding.kind == "import":
        target_module, _, target = binding.target.rpartition(".")
        return _module_dict(model, target_module, target, depth + 1) if target_module in model.modules else None
    facts = model.modules[module]
    assign = facts.assigns.get(name)
    return (facts, assign.value) if assign is not None and _is_dict(assign.value) else None


def _is_dict(value: Any) -> bool:
    return isinstance(value, dict) and value.get("literal") == "dict" and bool(value.get("items"))
