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
    call is anything else, or the inner call is a project function's)."""
    site = edge.site
    if edge.target.kind != "unresolved" or not site.callee_is_call or len(site.func or ()) != 2 \
            or site.func[0] != "()" or edge.caller not in model.functions:
        return ""
    facts, func = model.functions[edge.caller]
    resolver = model.resolver
    inner = resolver.type_of_chain(facts, func, tuple(site.callee_is_call.split(".")))
    if inner is None or inner[0] not in _LIBRARY:
        return ""
    found = resolver.attribute_type(resolver.call_result(inner, 2), site.func[1])
    if found is None or found[0] not in _LIBRARY or found[1].startswith("builtins."):
        return ""
    return found[1]
