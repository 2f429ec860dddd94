"""Decoding a binary buffer one value per Python iteration: `struct.unpack_from("<h", pcm, i * 2)`
in a loop, `for (v,) in struct.iter_unpack("<f", raw)`, `int.from_bytes(data[i:i + 2], ...)`.

No single call is heavy; the loop around it is. A format of one value (or a slice per
iteration) means the loop runs once per sample of the buffer, and a buffer handed in by the
caller (an upload, an object fetched from storage) is megabytes: millions of interpreted
iterations. A header parsed field by field (`"<4sI"`, one call per chunk) is left alone.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ...knowledge.blocking import PER_VALUE_DECODE, VALUE_DECODERS, Blocking
from ._blocking import target_name

if TYPE_CHECKING:
    from ...model.project import Edge, ProjectModel

_ONE_VALUE = re.compile(r"[@=<>!]?1?[bBhHiIlLqQnNefd]")
_BUFFERS = frozenset({"", "bytes", "bytearray", "memoryview"})


def per_value_decode(model: "ProjectModel", edge: "Edge") -> Blocking | None:
    """PER_VALUE_DECODE when `edge` decodes one value of a buffer parameter per loop iteration."""
    site = edge.site
    name = target_name(edge)
    if name not in VALUE_DECODERS or len(site.args) <= VALUE_DECODERS[name]:
        return None
    per_iteration = site.used_as == "for" if name == "struct.iter_unpack" else bool(site.loop_line)
    if not per_iteration:
        return None
    buffer = site.args[VALUE_DECODERS[name]]
    ref = buffer.get("ref") if isinstance(buffer, dict) else None
    if not isinstance(ref, str):
        return None
    root, _, rest = ref.partition(".")
    if name == "builtins.int.from_bytes":
        one_value = rest == "[]"  # a slice taken per iteration
    else:
        one_value = isinstance(site.args[0], str) and bool(_ONE_VALUE.fullmatch(site.args[0]))
    return PER_VALUE_DECODE if one_value and rest in ("", "[]") and _buffer_param(model, edge.caller, root) else None


def _buffer_param(model: "ProjectModel", fq: str, name: str) -> bool:
    """`name` is a parameter of the function that holds bytes (or is not annotated)."""
    _, func = model.functions[fq]
    param = next((p for p in func.params if p.name == name), None)
    return param is not None and param.annotation.replace(" | None", "") in _BUFFERS
