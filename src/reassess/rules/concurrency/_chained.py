"""Library calls made on another library call's result, written in one expression:
`ImageOps.exif_transpose(img).convert("L")`, `frame.set_index("ts").resample("5min")`.

The call graph leaves a method of such a result unresolved (what an arbitrary library call
returns is not known), so `convert` above would be invisible though `img.convert("L")` on a
local is not. Here the inner call names the library object, and the method is named below it
(`PIL.ImageOps.exif_transpose.convert`), as a local bound to the inner call would be.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from ...model.project import Edge

if TYPE_CHECKING:
    from ...model.project import ProjectModel

_LIBRARY = ("ext", "ext_instance", "ext_result")


def chained_name(model: "ProjectModel", edge: Edge) -> str:
    """The dotted library name of a method called on a library call's result ("" when the
    call is anything else, or the inner call is a project function's), written in one expression
    or through a local bound to one (`img = Image.open(buf).convert("L")`, then `img.resize(...)`)."""
    site = edge.site
    if edge.target.kind != "unresolved" or len(site.func or ()) != 2 or edge.caller not in model.functions:
        return ""
    if site.callee_is_call and site.func[0] == "()":
        found = _result_type(model, edge)
    else:
        found = _method_type(model, _local_result(model, edge), site.func[1])
    return found[1] if found is not None else ""


def _result_type(model: "ProjectModel", edge: Edge) -> tuple[str, str] | None:
    """The library type of `inner(...).method(...)` for a chained call edge."""
    site = edge.site
    facts, func = model.functions[edge.caller]
    resolver = model.resolver
    inner = resolver.type_of_chain(facts, func, tuple(site.callee_is_call.split(".")))
    if inner is None or inner[0] not in _LIBRARY:
        return None
    return _method_type(model, resolver.call_result(inner, 2), site.func[1])


def _method_type(model: "ProjectModel", held: tuple[str, str] | None, method: str) -> tuple[str, str] | None:
    """The library type of `method` on a library value of type `held`."""
    if held is None:
        return None
    found = model.resolver.attribute_type(held, method)
    if found is None or found[0] not in _LIBRARY or found[1].startswith("builtins."):
        return None
    return found


def _local_result(model: "ProjectModel", edge: Edge) -> tuple[str, str] | None:
    """The library type held by a local bound to a chained library call (`img = Image.open(b).convert("L")`):
    the call graph leaves it unknown, so `img.resize(...)` is named from that one chained call."""
    _, func = model.functions[edge.caller]
    bound = func.local_types.get(edge.site.func[0])
    if not (isinstance(bound, dict) and bound.get("call") == "" and 0 < bound.get("line", 0) < edge.site.line):
        return None
    made = [e for e in model.edges.get(edge.caller, ()) if e.site.line == bound["line"] and e.site.callee_is_call
            and len(e.site.func or ()) == 2 and e.site.func[0] == "()" and e is not edge]
    if len(made) != 1:
        return None
    found = _result_type(model, made[0])
    if found is None:
        return None
    return model.resolver.call_result(found, 2)
