"""Turn expressions into the small literal forms stored in facts."""
from __future__ import annotations

import ast

from .types import ArgValue, Dotted

_LITERALS = (str, int, float, bool, type(None))


def dotted(node: ast.AST) -> Dotted | None:
    """`self.dm.get` -> ("self", "dm", "get"); subscripts become "[]"; anything else None."""
    parts: list[str] = []
    while True:
        if isinstance(node, ast.Attribute):
            parts.append(node.attr)
            node = node.value
        elif isinstance(node, ast.Name):
            parts.append(node.id)
            return tuple(reversed(parts))
        elif isinstance(node, ast.Subscript):
            parts.append("[]")
            node = node.value
        else:
            return None


def dotted_str(node: ast.AST) -> str:
    parts = dotted(node)
    return ".".join(parts) if parts else ""


_MAX_ITEMS = 64


def value_of(node: ast.AST | None, deep: bool = True) -> ArgValue:
    """A literal form of an expression: constants, refs, calls, f-strings; None otherwise.

    Containers that are not all literals keep their elements (first 64) under "items" when
    `deep` ({"literal": "list", "size": 2, "items": [{"ref": "a"}, {"call": "Route", ...}]};
    dicts as [key, value] pairs); `a or b` becomes {"or": [a, b]}."""
    if node is None:
        return None
    if isinstance(node, ast.Await):
        node = node.value
    if isinstance(node, ast.Constant):
        return node.value if isinstance(node.value, _LITERALS) else None
    if isinstance(node, ast.Subscript) and dotted_str(node.value).rsplit(".", 1)[-1] == "Annotated":
        return {"ann": annotation_text(node)}  # a type alias such as `SessionDep = Annotated[Session, ...]`
    if isinstance(node, (ast.Name, ast.Attribute, ast.Subscript)):
        name = dotted_str(node)
        return {"ref": name} if name else None
    if isinstance(node, ast.Call):
        return {"call": dotted_str(node.func), "line": node.lineno}
    if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
        items = [value_of(elt, deep=False) for elt in node.elts]
        if all(isinstance(i, _LITERALS) for i in items):
            return items
        kept = {"items": items[:_MAX_ITEMS]} if deep else {}
        return {"literal": type(node).__name__.lower(), "size": len(node.elts), **kept}
    if isinstance(node, ast.Dict):
        pairs = {"items": [[value_of(k, deep=False), value_of(v, deep=False)]
                           for k, v in zip(node.keys[:_MAX_ITEMS], node.values[:_MAX_ITEMS])]} if deep else {}
        return {"literal": "dict", "size": len(node.keys), **pairs}
    if isinstance(node, ast.BoolOp) and isinstance(node.op, ast.Or) and deep:
        return {"or": [value_of(v, deep=False) for v in node.values[:_MAX_ITEMS]]}
    if isinstance(node, ast.JoinedStr):
        return {"fstring": joined_text(node)}
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub) and isinstance(node.operand, ast.Constant):
        value = node.operand.value
        return -value if isinstance(value, (int, float)) else None
    if isinstance(node, ast.Lambda):
        return {"lambda": node.lineno}
    if isinstance(node, (ast.ListComp, ast.DictComp, ast.SetComp)):
        return {"literal": type(node).__name__.lower(), "size": -1}
    return None


def joined_text(node: ast.JoinedStr) -> str:
    """The constant parts of an f-string with `{}` where values go."""
    out = []
    for part in node.values:
        if isinstance(part, ast.Constant) and isinstance(part.value, str):
            out.append(part.value)
        else:
            out.append("{}")
    return "".join(out)


def annotation_text(node: ast.AST | None) -> str:
    if node is None:
        return ""
    name = dotted_str(node) if not isinstance(node, ast.Subscript) else ""
    if name:
        return name
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    try:
        return ast.unparse(node)
    except (ValueError, RecursionError):  # pragma: no cover - exotic annotations
        return "?"


def is_mutable_value(node: ast.AST) -> bool:
    if isinstance(node, (ast.List, ast.Dict, ast.Set, ast.ListComp, ast.DictComp, ast.SetComp)):
        return True
    if isinstance(node, ast.Call):
        name = dotted_str(node.func)
        return name.split(".")[-1] in {
            "dict", "list", "set", "defaultdict", "OrderedDict", "deque", "Counter", "WeakValueDictionary",
        }
    return False
