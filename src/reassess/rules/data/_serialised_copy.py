"""Whether a deep copy is only ever serialised: handed to an encoder (`json.dumps(...)`) directly,
or inside a dict or list literal (`frame = {"type": "positions", "items": copy.deepcopy(self._items)}`)
bound to a local whose every use is such an encoder. Encoding the original at the copy gives the
same text (a deep copy has the same content), so the copy buys nothing the encoding would not."""
from __future__ import annotations

import ast

from ..concurrency.serialization_in_loop import ENCODERS
from ._filtered_copy import _uses, parents_of

# literals that carry the copy as one of their values
_CARRIERS = (ast.Dict, ast.List, ast.Tuple)


def serialised_only(func: ast.AST, call: ast.Call) -> str | None:
    """The local holding the copy ("" when the copy is encoded on the spot) when every use of it
    is an encoder's argument; None when it is used any other way."""
    parents = parents_of(func)
    node, parent = _outermost_literal(call, parents)
    if _encoded(node, parent):
        return ""
    if node is call:
        return None  # `snapshot = copy.deepcopy(x)` itself: RA229's and RA222's to judge
    if type(parent) is not ast.Assign or len(parent.targets) != 1 or type(parent.targets[0]) is not ast.Name:
        return None
    name = parent.targets[0].id
    stores, reads = _uses(func, name)
    if stores != 1 or not reads:
        return None
    for read in reads:
        node, parent = _outermost_literal(read, parents)
        if not _encoded(node, parent):
            return None
    return name


def _outermost_literal(node: ast.AST, parents: dict[int, ast.AST]) -> tuple[ast.AST, ast.AST | None]:
    """(the outermost dict or list literal holding `node` as a value, or `node`; its parent)."""
    parent = parents.get(id(node))
    while type(parent) in _CARRIERS and not (type(parent) is ast.Dict and node in parent.keys):
        node, parent = parent, parents.get(id(parent))
    return node, parent


def _encoded(node: ast.AST, parent: ast.AST | None) -> bool:
    """`node` is the value an encoder call encodes (its first argument)."""
    if type(parent) is not ast.Call or not parent.args or parent.args[0] is not node:
        return False
    func = parent.func
    dotted = f"{func.value.id}.{func.attr}" if type(func) is ast.Attribute and type(func.value) is ast.Name else ""
    return dotted in ENCODERS
