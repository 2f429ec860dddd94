"""Turn expressions into the small literal forms stored in facts."""
from __future__ import annotations

import ast
from typing import Callable, Iterator

from .types import ArgValue, Dotted

_LITERALS = (str, int, float, bool, type(None))


# Exact node types, compared with `is` on the hot paths (the parser makes no subclasses).
_Attribute, _Name, _Subscript, _Constant, _Call = ast.Attribute, ast.Name, ast.Subscript, ast.Constant, ast.Call


def dotted(node: ast.AST) -> Dotted | None:
    """`self.dm.get` -> ("self", "dm", "get"); subscripts become "[]"; anything else None."""
    kind = type(node)
    if kind is _Name:  # the most common case, without the loop
        return (node.id,)
    parts: list[str] = []
    while True:
        if kind is _Attribute:
            parts.append(node.attr)
            node = node.value
        elif kind is _Name:
            parts.append(node.id)
            parts.reverse()
            return tuple(parts)
        elif kind is _Subscript:
            parts.append("[]")
            node = node.value
        else:
            return None
        kind = type(node)


def dotted_str(node: ast.AST) -> str:
    parts = dotted(node)
    return ".".join(parts) if parts else ""


_MAX_ITEMS = 64


def value_of(node: ast.AST | None, deep: bool = True) -> ArgValue:
    """A literal form of an expression: constants, refs, calls, f-strings; None otherwise.

    Containers that are not all literals keep their elements (first 64) under "items" when
    `deep` ({"literal": "list", "size": 2, "items": [{"ref": "a"}, {"call": "Route", ...}]};
    dicts as [key, value] pairs); `a or b` becomes {"or": [a, b]}."""
    kind = type(node)
    if kind is _Name or kind is _Attribute:  # the common cases first, compared by exact type
        name = dotted_str(node)
        return {"ref": name} if name else None
    if kind is _Constant:
        return node.value if isinstance(node.value, _LITERALS) else None
    if node is None:
        return None
    if kind is ast.Await:  # the awaited expression (only one `await` is looked through)
        return value_of(node.value, deep) if type(node.value) is not ast.Await else None
    if kind is _Subscript:
        if dotted_str(node.value).rsplit(".", 1)[-1] == "Annotated":
            return {"ann": annotation_text(node)}  # a type alias such as `SessionDep = Annotated[Session, ...]`
        name = dotted_str(node)
        return {"ref": name} if name else None
    if kind is _Call:
        return {"call": dotted_str(node.func), "line": node.lineno}
    return _other_value(node, deep)


def _other_value(node: ast.AST, deep: bool) -> ArgValue:
    """`value_of` for the rarer expressions: containers, `or`, f-strings, negative numbers."""
    if isinstance(node, _CONTAINERS):
        return _container_value(node, deep)
    if isinstance(node, ast.BoolOp) and isinstance(node.op, ast.Or) and deep:
        return {"or": [value_of(v, deep=False) for v in node.values[:_MAX_ITEMS]]}
    if isinstance(node, ast.JoinedStr):
        return {"fstring": joined_text(node)}
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub) and isinstance(node.operand, ast.Constant):
        value = node.operand.value
        return -value if isinstance(value, (int, float)) else None
    if isinstance(node, ast.Lambda):
        return {"lambda": node.lineno, "col": node.col_offset}
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div) and _divisions(node) <= _MAX_DIVISIONS:
        return {"div": value_of(node.left, deep=False), "by": value_of(node.right, deep=False)}  # a pathlib join
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _text_joined(node)
    return None


def _text_joined(node: ast.BinOp) -> ArgValue:
    """`base_url + "/items?page=" + str(page)`: text built onto a leading value, kept as {"plus":
    <that value>} (a name chain or a string) so an address can be named after its base. Only
    when some operand is written text; sums of numbers stay unknown."""
    parts: list[ast.expr] = []
    while isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add) and len(parts) < _MAX_JOINED_TERMS:
        parts.append(node.right)
        node = node.left
    texty = any(isinstance(p, ast.JoinedStr) or isinstance(p, ast.Constant) and isinstance(p.value, str)
                for p in [node, *parts])
    head = value_of(node, deep=False)
    if not texty or not (isinstance(head, str) or isinstance(head, dict) and set(head) == {"ref"}):
        return None
    return {"plus": head}


_CONTAINERS = (ast.List, ast.Tuple, ast.Set, ast.Dict, ast.ListComp, ast.DictComp, ast.SetComp)


def _container_value(node: ast.AST, deep: bool) -> ArgValue:
    """A literal list/tuple/set of literals as itself; other containers as their kind and size
    (with the items, or a comprehension's first iterable, when `deep`)."""
    if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
        items = [_element(elt) for elt in node.elts]
        members = _members(node.elts) if deep else {}
        if all(isinstance(i, _LITERALS) for i in items) and not members:
            return items
        kept = {"items": [_with_parts(elt, item) for elt, item in zip(node.elts, items[:_MAX_ITEMS])],
                **members} if deep else {}
        return {"literal": type(node).__name__.lower(), "size": len(node.elts), **kept}
    if isinstance(node, ast.Dict):
        pairs = {"items": [[value_of(k, deep=False), _dict_value(v)]
                           for k, v in zip(node.keys[:_MAX_ITEMS], node.values[:_MAX_ITEMS])],
                 **_members(node.values)} if deep else {}
        return {"literal": "dict", "size": len(node.keys), **pairs}
    # a comprehension: its first iterable (`[r["id"] for r in await conn.fetch(...)]`), as long as the result
    over = value_of(node.generators[0].iter, deep=False) if deep else None  # type: ignore[attr-defined]
    # and what it collects, when that is a name chain (`[self._queues[ws] for ws in peers]`: the queues)
    each = value_of(node.elt, deep=False) if deep and isinstance(node, (ast.ListComp, ast.SetComp)) else None
    return {"literal": type(node).__name__.lower(), "size": -1, **({"over": over} if over is not None else {}),
            **({"each": each} if isinstance(each, dict) and set(each) == {"ref"} else {})}


def _element(node: ast.expr) -> ArgValue:
    """A container element; a spread (`[*health.routes, Mount(...)]`) as {"star": <its value>}
    so that a reader can follow the spread list."""
    if type(node) is ast.Starred:
        inner = value_of(node.value, deep=False)
        return {"star": inner} if inner is not None else None
    return value_of(node, deep=False)


_MAX_PARTS = 4


def _dict_value(node: ast.AST) -> ArgValue:
    """A dict literal's value; a short tuple of callables and settings (`"kpi": (compute_kpis, 900)`)
    also keeps its elements under "parts", so that a local unpacked from a lookup (`job, interval =
    JOBS[name]`) can be followed to the callable it holds."""
    return _with_parts(node, value_of(node, deep=False))


def _with_parts(node: ast.AST, value: ArgValue) -> ArgValue:
    """A list's item; a short tuple (`(r"/users", UserHandler)`, a route table's row) also keeps its
    elements under "parts", as a dict's value does, so what the row names can be followed."""
    if type(node) is ast.Tuple and isinstance(value, dict) and len(node.elts) <= _MAX_PARTS:
        return {**value, "parts": [value_of(elt, deep=False) for elt in node.elts]}
    return value


def _members(elts: list[ast.expr]) -> dict[str, list]:
    """{"members": [[index, {"member": "run", "of": {"call": "Sweeper", ...}}], ...]} for the items
    that name an attribute of an object built in place (`Sweeper(redis).run`; the item itself stays
    None), so a registry of jobs names what it runs; {} when there are none."""
    found = []
    for index, node in enumerate(elts[:_MAX_ITEMS]):
        if type(node) is _Attribute and type(node.value) is _Call:
            made = value_of(node.value, deep=False)
            if isinstance(made, dict) and made.get("call"):
                found.append([index, {"member": node.attr, "of": made}])
    return {"members": found} if found else {}


_MAX_DIVISIONS = 16  # `root / "a" / "b"` chains; long arithmetic stays unknown (and the recursion short)
_MAX_JOINED_TERMS = 16  # `base + "/a/" + key` terms read for written text; longer sums stay unknown


def _divisions(node: ast.BinOp) -> int:
    count = 0
    while isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div):
        count, node = count + 1, node.left
    return count


def joined_text(node: ast.JoinedStr, known: Callable[[str], str | None] | None = None) -> str:
    """The constant parts of an f-string with `{}` where values go; `known(name)` gives the
    text of a plain `{NAME}` whose value is a string constant (a module's column list)."""
    out = []
    for part in node.values:
        if isinstance(part, ast.Constant) and isinstance(part.value, str):
            out.append(part.value)
        else:
            text = _known_hole(part, known) if known is not None else None
            out.append("{}" if text is None else text)
    return "".join(out)


def _known_hole(part: ast.expr, known: Callable[[str], str | None]) -> str | None:
    if isinstance(part, ast.FormattedValue) and isinstance(part.value, ast.Name) \
            and part.conversion == -1 and part.format_spec is None:
        return known(part.value.id)
    return None


def annotation_text(node: ast.AST | None) -> str:
    if node is None:
        return ""
    name = dotted_str(node) if not isinstance(node, ast.Subscript) else ""
    if name:
        return name
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    try:
        return unparse(node)
    except (ValueError, RecursionError):  # pragma: no cover - exotic annotations
        return "?"


def unparse(node: ast.AST) -> str:
    """`ast.unparse`, done directly for the common annotation shapes (the same text, faster)."""
    text = _plain_annotation(node)
    return text if text is not None else ast.unparse(node)


def _plain_annotation(node: ast.AST) -> str | None:
    """`ast.unparse` of the common annotation shapes (`None`, `Optional[X]`, `dict[str, list[int]]`,
    `X | None`, `Callable[[A], B]`) without its general machinery, which is slow; None for any
    other shape (left to `ast.unparse`), so the text is always exactly what unparse gives."""
    kind = type(node)
    if kind is _Name:
        return node.id
    if kind is _Attribute:
        parts = dotted(node)
        return ".".join(parts) if parts and "[]" not in parts else None
    if kind is _Constant:
        return "None" if node.value is None else "..." if node.value is Ellipsis else None
    if kind is _Subscript:
        base = node.value
        head = _plain_annotation(base) if type(base) is _Name or type(base) is _Attribute else None
        inner = _plain_items(node.slice.elts, 2) if type(node.slice) is ast.Tuple else _plain_annotation(node.slice)
        return f"{head}[{inner}]" if head is not None and inner is not None else None
    if kind is ast.BinOp and type(node.op) is ast.BitOr and type(node.right) is not ast.BinOp:
        left, right = _plain_annotation(node.left), _plain_annotation(node.right)
        return f"{left} | {right}" if left is not None and right is not None else None
    if kind is ast.List:
        inner = _plain_items(node.elts, 0)
        return f"[{inner}]" if inner is not None else None
    return None


def _plain_items(items: list[ast.expr], at_least: int) -> str | None:
    """Items joined as unparse joins them, or None (fewer than `at_least`, or one not plain)."""
    if len(items) < at_least:
        return None
    texts = [_plain_annotation(item) for item in items]
    return None if None in texts else ", ".join(texts)  # type: ignore[arg-type]


def is_mutable_value(node: ast.AST) -> bool:
    if isinstance(node, (ast.List, ast.Dict, ast.Set, ast.ListComp, ast.DictComp, ast.SetComp)):
        return True
    if isinstance(node, ast.Call):
        name = dotted_str(node.func)
        return name.split(".")[-1] in {
            "dict", "list", "set", "defaultdict", "OrderedDict", "deque", "Counter", "WeakValueDictionary",
        }
    return False


def value_refs(value: object) -> Iterator[str]:
    """Every name a recorded value refers to (`{"ref": "rows"}`, inside a call's arguments, a
    literal's items or a comprehension: `[r.id for r in rows]` -> "r.id", "rows")."""
    if isinstance(value, dict):
        ref = value.get("ref")
        if isinstance(ref, str):
            yield ref
        for item in value.values():
            yield from value_refs(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from value_refs(item)
