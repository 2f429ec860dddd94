"""Whether a value is only ever read in a function: iterated, measured, compared, serialised, its
items' fields read or logged; never changed, stored, returned or handed to code that might keep or
change it. A value passed to another function is a hand-off (the call's line, column and argument
position): the project model decides whether that function only reads the parameter in turn.

Two per-function facts come from here, both cheap (only functions that need them are walked):
`extra["read_params"]` (container parameters only read, with their hand-offs) and
`extra["deep_copies"]` (deep copies only read while nothing else can change the original)."""
from __future__ import annotations

import ast

from ..knowledge.logs import names_logger
from .visitor import LEAVES, child_fields

# Calls that read a value and keep no reference to it.
_READERS = frozenset({"len", "str", "int", "float", "bool", "repr", "isinstance", "abs", "round", "hash", "sum",
                      "any", "all", "print", "format"})
# Serialisers: they read the whole value and keep nothing of it.
_DOTTED_READERS = frozenset({"copy.deepcopy", "deepcopy", "json.dumps", "json.dump", "orjson.dumps", "ujson.dumps",
                             "pickle.dumps", "msgpack.packb", "yaml.safe_dump", "yaml.dump"})
# Methods that serialise their argument out (csv writers, `pickle.dump`-like writers) and keep nothing of it.
_WRITER_METHODS = frozenset({"writerow", "writerows", "dumps"})
# Calls whose result holds the same items (or one of them): followed like the value itself.
_PASS_THROUGH = frozenset({"min", "max", "sorted", "list", "tuple", "set", "frozenset", "enumerate", "zip",
                           "reversed", "iter", "next", "filter"})
_READ_METHODS = frozenset({"get", "keys", "values", "items", "count", "index", "startswith", "endswith", "lower",
                           "upper", "strip", "isoformat", "hex", "decode", "encode", "format",
                           "date", "timestamp", "strftime", "total_seconds"})  # datetime reads
# read methods whose result is a new immutable value (a str, a number, a date), not a part of the value;
# `keys()` too: a dict's keys are hashable, nobody changes them in place (`fieldnames=list(rows[0].keys())`)
_DERIVING_METHODS = _READ_METHODS - {"get", "values", "items"}
_LOGGERS = frozenset({"debug", "info", "warning", "warn", "error", "exception", "critical", "log"})
_MAX_ROUNDS = 8  # hand-offs followed (copy -> loop variable -> filtered list -> ...)
# Parameter annotations of containers a callee could change in place (`Any`: a serialiser's
# `def dumps(value: Any)` is handed whole documents).
_CONTAINERS = ("list", "dict", "set", "Sequence", "Mapping", "Iterable", "Collection", "MutableSequence",
               "MutableMapping", "List", "Dict", "Set", "tuple", "Tuple", "Any")
_SUSPENDS = (ast.Await, ast.Yield, ast.YieldFrom, ast.AsyncFor, ast.AsyncWith)

_SHORT = 40  # lines of a function whose parameters are judged
HandOff = list  # [line, col, position (int) or keyword (str)]


class Uses:
    """The parent links and name loads of one function, built once and shared by its questions."""

    def __init__(self, func: ast.AST) -> None:
        self.parents: dict[int, ast.AST] = {}
        self.loads: dict[str, list[ast.Name]] = {}
        self.aug: set[str] = set()
        self.stores: dict[str, int] = {}
        self.tainted: set[str] = set()
        # tainted names bound only by comprehensions: the comprehension nodes whose loads count
        self.scopes: dict[str, list[ast.AST]] = {}
        # tainted names bound both in the function and by a comprehension over the value: every load counts
        self.widened: set[str] = set()
        self.whole_out = False  # `read_uses(whole_out=True)`: the value itself may be returned
        parents, stack = self.parents, [func]
        while stack:  # one walk over the fields that can hold nodes (see visitor.child_fields)
            node = stack.pop()
            for field_name in child_fields(type(node)):
                value = getattr(node, field_name, None)
                for child in (value if type(value) is list else (value,)):
                    if not isinstance(child, ast.AST):
                        continue
                    parents[id(child)] = node
                    if type(child) is ast.Name:
                        self._name(child, node)
                    elif not isinstance(child, LEAVES):
                        stack.append(child)
        for names in self.loads.values():
            names.sort(key=lambda n: (n.lineno, n.col_offset))

    def _name(self, node: ast.Name, parent: ast.AST) -> None:
        if type(node.ctx) is ast.Load:
            self.loads.setdefault(node.id, []).append(node)
        elif type(node.ctx) is ast.Store:
            self.stores[node.id] = self.stores.get(node.id, 0) + 1
            if type(parent) is ast.AugAssign:
                self.aug.add(node.id)

    def read_uses(self, name: str, handoffs: bool = True, items_out: list[int] | None = None,
                  top_changes: list[int] | None = None, whole_out: bool = False) -> list[HandOff] | None:
        """The hand-offs of `name` (and of every value taken from it) when it is otherwise only
        read; None when a use may change it or let it escape. Without `handoffs`, any hand-off
        counts as an escape. With `items_out`, a value taken from it (an item, never `name`
        itself) may be returned: the lines go there. With `top_changes`, changes of `name` itself
        at its top level (`name[key] = v`, `name.update(...)`) are allowed: their lines go there.
        With `whole_out` too, `name` itself may be returned as well (its lines go to `items_out`)."""
        if name in self.aug:
            return None
        tainted, done, found = {name}, set(), []
        self.tainted, self.scopes, self.widened = tainted, {}, set()
        self.whole_out = whole_out
        for _ in range(_MAX_ROUNDS):
            todo = tainted - done
            if not todo:
                return found
            done |= todo
            for current in todo:
                for use in self.loads_of(current):
                    if not self._judge(use, name, current, done, (found if handoffs else None, items_out,
                                                                  top_changes)):
                        return None
        return found if not tainted - done else None

    def _judge(self, use: ast.Name, name: str, current: str, done: set[str],
               out: tuple[list[HandOff] | None, list[int] | None, list[int] | None]) -> bool:
        """One load of a tainted name (`current`): a top-level change of `name` allowed and noted,
        or the names it hands the value to added to the taint; False when the use may change the
        value or let it escape. `out`: (hand-offs, items returned, top-level changes) to note in."""
        found, items_out, top_changes = out
        if top_changes is not None and current == name and _top_level_change(use, self.parents) \
                and _result_dropped(use, self.parents):
            top_changes.append(use.lineno)
            return True
        names = _follow(use, self.parents, found, items_out if current != name or self.whole_out else None)
        if names is None:
            return False
        for taken in names - {name}:
            self._scope(taken, use, self.tainted, done)
        self.tainted |= names
        return True

    def _scope(self, taken: str, use: ast.Name, tainted: set[str], done: set[str]) -> None:
        """Note where a name handed the value is bound: a comprehension's target is its own
        (`[sig(rows[k]) for k in sorted(rows)]`), so a later `for k in other:` is not the value."""
        comp = _binding_comprehension(use, taken, self.parents)
        if comp is None or taken in tainted and taken not in self.scopes:
            if comp is not None:
                self.widened.add(taken)
            if self.scopes.pop(taken, None):
                self.widened.add(taken)
                done.discard(taken)  # widened: its other loads are still to be judged
        else:
            self.scopes.setdefault(taken, []).append(comp)

    def loads_of(self, name: str) -> list[ast.Name]:
        """The loads of a tainted name that can see the tainted value (inside the comprehensions
        binding it, when only comprehensions do)."""
        loads = self.loads.get(name, ())
        scopes = self.scopes.get(name)
        if not scopes:
            if name in self.widened:
                return list(loads)
            # a comprehension binding the same name has its own variable (`for pos, (team_id, pts) in ...`)
            return [load for load in loads if not _shadowed(load, name, self.parents)]
        wanted = {id(scope) for scope in scopes}
        return [load for load in loads if _inside(load, wanted, self.parents)]


def _binding_comprehension(use: ast.AST, name: str, parents: dict[int, ast.AST]) -> ast.AST | None:
    """The comprehension around `use` whose generators bind `name`, if any."""
    node = use
    while id(node) in parents:
        node = parents[id(node)]
        if type(node) in (ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.DictComp) \
                and any(name in _targets(g.target) for g in node.generators):
            return node
        if isinstance(node, (ast.stmt, ast.Lambda)):
            return None
    return None


def _shadowed(load: ast.Name, name: str, parents: dict[int, ast.AST]) -> bool:
    """The load reads a comprehension's own variable of that name, not the function's (the first
    generator's iterable is evaluated outside the comprehension, so a load there is the function's)."""
    comp = _binding_comprehension(load, name, parents)
    return comp is not None and not _inside(load, {id(comp.generators[0].iter)}, parents) \
        and load is not comp.generators[0].iter


def _inside(node: ast.AST, wanted: set[int], parents: dict[int, ast.AST]) -> bool:
    """`node` sits below one of the nodes whose ids are `wanted` (the comprehensions binding a name)."""
    while id(node) in parents:
        node = parents[id(node)]
        if id(node) in wanted:
            return True
    return False


def only_read(func: ast.AST, name: str) -> bool:
    """`name` (bound once to the copy) and every value taken from it are only read in `func`."""
    return Uses(func).read_uses(name, handoffs=False) == []


def read_or_returned(func: ast.AST, name: str) -> list[int] | None:
    """The lines returning `name` or a value taken from it (`sorted(name)`, `[r for r in name if
    ...]`) when everything else only reads them; None when a use may change or keep them."""
    lines: list[int] = []
    return lines if Uses(func).read_uses(name, handoffs=False, items_out=lines, whole_out=True) == [] else None


# Methods that change a dict or list at its top level only (the items themselves stay untouched;
# `sort`/`reverse` only reorder them).
_TOP_LEVEL_CHANGES = frozenset({"setdefault", "update", "pop", "__setitem__", "__delitem__", "append", "extend",
                                "sort", "reverse"})


def changed_at_top_only(func: ast.AST, name: str) -> bool:
    """`name` gets top-level changes (`name[key] = v`, `name.setdefault(...)`, `name.update(...)`)
    whose arguments do not name it, and is otherwise only read: no nested value is ever changed,
    so a shallow copy would protect the original as well as a deep one."""
    uses = Uses(func)
    if name in uses.aug:
        return False
    changed = False
    for use in uses.loads.get(name, ()):
        if _top_level_change(use, uses.parents):
            changed = True
            continue
        taken = _follow(use, uses.parents, None)
        if taken is None or _part_handed_on(use, uses.parents) \
                or any(uses.read_uses(item, handoffs=False) != [] for item in taken - {name}):
            return False  # `for row in name:` is fine while each `row` is only read (same parent links)
    return changed


def _top_level_change(use: ast.Name, parents: dict[int, ast.AST]) -> bool:
    """`use[key] = v`, or `use.update(...)`-style top-level change whose arguments do not name it."""
    parent = parents.get(id(use))
    if type(parent) is ast.Subscript and type(parent.ctx) is ast.Store and parent.value is use:
        return True
    grand = parents.get(id(parent))
    return type(parent) is ast.Attribute and parent.attr in _TOP_LEVEL_CHANGES and type(grand) is ast.Call \
        and grand.func is parent and not any(n.id == use.id for a in (*grand.args, *grand.keywords)
                                             for n in ast.walk(a) if type(n) is ast.Name)


def _result_dropped(use: ast.Name, parents: dict[int, ast.AST]) -> bool:
    """A top-level change whose result nobody keeps (`name.pop(k)` as a statement): an item it
    hands back (`item = name.pop(k)`) is the copied nested value, which the caller may change."""
    parent = parents.get(id(use))
    if type(parent) is ast.Subscript:
        return True
    return type(parents.get(id(parents.get(id(parent))))) is ast.Expr


def _part_handed_on(use: ast.Name, parents: dict[int, ast.AST]) -> bool:
    """A part of the value (`payload["items"]`) passed to a call that is no known reader
    (`store.replace(..., payload["items"])`): the callee may keep or change the copied items."""
    node = use
    while type(parents.get(id(node))) in (ast.Subscript, ast.Attribute) and parents[id(node)].value is node:
        node = parents[id(node)]
    if node is use:
        return False
    parent = parents.get(id(node))
    if type(parent) is ast.keyword:
        parent = parents.get(id(parent))
    if type(parent) is not ast.Call or parent.func is node:
        return False
    func = parent.func
    name = func.id if type(func) is ast.Name else func.attr if type(func) is ast.Attribute else ""
    dotted = f"{func.value.id}.{func.attr}" if type(func) is ast.Attribute and type(func.value) is ast.Name else name
    return not (name in _READERS or dotted in _DOTTED_READERS or name in _LOGGERS or name in _WRITER_METHODS)


def _follow(node: ast.expr, parents: dict[int, ast.AST], handoffs: list | None,
            items_out: list[int] | None = None) -> set[str] | None:
    """Names a use hands the value on to (loop targets, assigned locals); None when the use may
    change it or let it escape (a method call, a store, a return, an unknown argument). A value
    taken from the copy that is returned goes to `items_out` when given."""
    while True:
        parent = parents.get(id(node))
        kind = type(parent)
        if kind in _CARRIERS:
            node = parent  # the value inside a bigger expression: what happens to that
            continue
        if kind in (ast.Attribute, ast.Subscript) and parent.value is node:
            found = _access(parent, parents, handoffs)
            if found is _FURTHER:
                node = parent
                continue
            return found
        return _use(node, parent, parents, handoffs, items_out)


# expressions whose value carries the value inside them on; reading them only reads it
_CARRIERS = (ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.DictComp, ast.Tuple, ast.List, ast.Set, ast.Dict,
             ast.BinOp, ast.IfExp, ast.Starred)
_READS = (ast.Subscript, ast.Compare, ast.BoolOp, ast.UnaryOp, ast.FormattedValue, ast.JoinedStr, ast.If, ast.While,
          ast.Assert, ast.Expr)  # a subscript here uses the value as its key
_FURTHER = object()  # `_access`: follow the longer expression


def _access(parent: ast.Attribute | ast.Subscript, parents: dict[int, ast.AST],
            handoffs: list | None) -> set[str] | None | object:
    """`value.attr` / `value[key]`: a store (None), a method call, a longer chain or an item to
    follow further (`_FURTHER`), or a field read for its own value (nothing handed on)."""
    if type(parent.ctx) is not ast.Load:
        return None
    grand = parents.get(id(parent))
    if type(grand) is ast.Call and grand.func is parent:
        return _method_call(parent, grand, parents, handoffs)
    if type(grand) in (ast.Attribute, ast.Subscript) and grand.value is parent:
        return _FURTHER  # a longer chain: `row.tags.append(...)` must still be seen
    if type(parent) is ast.Subscript and type(parent.slice) is not ast.Constant:
        return _FURTHER  # `rows[i]`: an item of the copy, followed further
    return set()  # a field read for its own value (`entry.score`)


def _use(node: ast.expr, parent: ast.AST | None, parents: dict[int, ast.AST], handoffs: list | None,
         items_out: list[int] | None) -> set[str] | None:
    """What the statement or expression directly using the value does with it."""
    kind = type(parent)
    if kind in _READS:
        return set()
    if kind is ast.comprehension:
        return _item_targets(parent.target, node) if parent.iter is node else set()
    if kind in (ast.For, ast.AsyncFor):
        return _item_targets(parent.target, node) if parent.iter is node else None
    if kind is ast.Return and items_out is not None:
        items_out.append(parent.lineno)
        return set()
    if kind is ast.Call:
        return _argument(parent, node, parents, handoffs, parent.args.index(node) if node in parent.args else -1,
                         items_out)
    if kind is ast.keyword:
        call = parents.get(id(parent))
        return _argument(call, node, parents, handoffs, parent.arg or -1) if type(call) is ast.Call else None
    if kind in (ast.Assign, ast.AnnAssign):
        targets = parent.targets if kind is ast.Assign else [parent.target]
        if all(type(t) in (ast.Name, ast.Tuple) for t in targets):
            return {n for t in targets for n in _targets(t)}
    return None


def _method_call(attr: ast.Attribute | ast.Subscript, call: ast.Call, parents: dict[int, ast.AST],
                 handoffs: list | None) -> set[str] | None:
    if type(attr) is not ast.Attribute or attr.attr not in _READ_METHODS:
        return None
    return set() if attr.attr in _DERIVING_METHODS else _follow(call, parents, handoffs)


def _argument(call: ast.Call, node: ast.expr, parents: dict[int, ast.AST], handoffs: list | None,
              position: int | str, items_out: list[int] | None = None) -> set[str] | None:
    func = call.func
    name = func.id if type(func) is ast.Name else ""
    if name in _READERS or _dotted(func) in _DOTTED_READERS \
            or type(func) is ast.Attribute and func.attr in _WRITER_METHODS:
        return set()
    if name in _PASS_THROUGH:  # `return sorted(rows)`: the same items returned
        return _follow(call, parents, handoffs, items_out)
    if type(func) is ast.Attribute and func.attr in _LOGGERS and type(func.value) is ast.Name \
            and names_logger(func.value.id):
        return set()
    if handoffs is None or position == -1 or type(node) is ast.Starred or _dotted(func) == "":
        return None
    handoffs.append([call.lineno, call.col_offset, position])
    return set()


def _dotted(node: ast.expr) -> str:
    parts: list[str] = []
    while type(node) is ast.Attribute:
        parts.append(node.attr)
        node = node.value
    if type(node) is not ast.Name:
        return ""
    parts.append(node.id)
    return ".".join(reversed(parts))


def _item_targets(target: ast.expr, iterable: ast.expr) -> set[str]:
    """The loop names bound to items of the value: for `enumerate(value)` not the counter, for
    `value.items()` (also sorted or listed) not the key: keys are hashable, nobody changes them in place."""
    pair = type(target) is ast.Tuple and len(target.elts) == 2
    counted = type(iterable) is ast.Call and type(iterable.func) is ast.Name and iterable.func.id == "enumerate"
    return _targets(target.elts[1]) if pair and (counted or _items_view(iterable)) else _targets(target)


def _items_view(node: ast.expr) -> bool:
    """`d.items()`, or `sorted(d.items())` / `list(d.items())` / `reversed(...)` around it."""
    while type(node) is ast.Call and type(node.func) is ast.Name and node.func.id in ("sorted", "list", "reversed") \
            and len(node.args) == 1:
        node = node.args[0]
    return type(node) is ast.Call and type(node.func) is ast.Attribute and node.func.attr == "items" and not node.args


def _targets(target: ast.expr) -> set[str]:
    return {n.id for n in ast.walk(target) if type(n) is ast.Name}


# ----- per-function facts -------------------------------------------------------------------------
def _container(annotation: str) -> bool:
    head = annotation.removeprefix("typing.").removeprefix("collections.abc.").split("[", 1)[0]
    return head in _CONTAINERS or _record(head)


def _record(head: str) -> bool:
    """A parameter typed as one object of a class (`item: CostLineItem`): a helper handed one
    item of a copied list may change its fields in place, so whether it only reads them counts too."""
    return head.isidentifier() and head[:1].isupper() and head not in ("None", "Optional", "Union")


def annotate(node: ast.FunctionDef | ast.AsyncFunctionDef, extra: dict, annotations: dict[str, str],
             has_deepcopy: bool) -> None:
    """Fill `extra["read_params"]` and `extra["deep_copies"]` for this function (see the module).
    Parameters are judged in short sync functions only: a copy handed to a coroutine may be read
    across its awaits, and the helpers a copy is handed to are small."""
    short = type(node) is ast.FunctionDef and (node.end_lineno or node.lineno) - node.lineno < _SHORT
    wanted = [name for name, text in annotations.items() if short and text and _container(text)]
    if not wanted and not has_deepcopy:
        return
    uses = Uses(node)
    read = {}
    for name in wanted:
        found = uses.read_uses(name)
        if found is not None:
            read[name] = found
    if read:
        extra["read_params"] = read
    if has_deepcopy:
        in_async = type(node) is ast.AsyncFunctionDef
        copies = [copy for stmt, body in _copy_statements(node) if (copy := _deep_copy(uses, stmt, body, in_async))]
        if copies:
            extra["deep_copies"] = copies


def _copy_statements(func: ast.AST):
    """`name = copy.deepcopy(x)` statements outside loops, with the statement list holding them."""
    todo = [func.body]
    while todo:
        body = todo.pop()
        for stmt in body:
            if type(stmt) is ast.Assign and _deepcopy_arg(stmt.value) is not None:
                yield stmt, body
            if type(stmt) in (ast.If, ast.With, ast.AsyncWith, ast.Try):
                todo.extend(b for b in (getattr(stmt, "body", None), getattr(stmt, "orelse", None),
                                        getattr(stmt, "finalbody", None)) if b)
                todo.extend(h.body for h in getattr(stmt, "handlers", ()))


def _deepcopy_arg(value: ast.expr) -> ast.expr | None:
    if type(value) is ast.Call and len(value.args) == 1 and not value.keywords \
            and _dotted(value.func) in ("copy.deepcopy", "deepcopy"):
        return value.args[0]
    return None


def _deep_copy(uses: Uses, stmt: ast.Assign, body: list[ast.stmt], in_async: bool) -> dict | None:
    """A deep copy only read (or handed to functions) while nothing can change the original: no
    suspension and no change of the original's root between the copy and its last use."""
    if len(stmt.targets) != 1 or type(stmt.targets[0]) is not ast.Name:
        return None
    name, source = stmt.targets[0].id, stmt.value.args[0]
    root = _root(source)
    if type(source) is ast.Await or root is None or root == name:
        return None
    if uses.stores.get(name) != 1:
        return None
    items_out: list[int] = []
    top_changes: list[int] = []
    handoffs = uses.read_uses(name, items_out=items_out, top_changes=top_changes)
    if handoffs is None or not uses.loads.get(name):
        return None
    loads = sorted((load for taken in uses.tainted for load in uses.loads_of(taken)),
                   key=lambda n: (n.lineno, n.col_offset))
    window = _window(body, stmt, loads, uses.parents)
    root_handoffs: list[HandOff] = []
    if window is None or not _quiet(window, root, loads[-1], uses.parents, root_handoffs):
        return None
    return {"line": stmt.lineno, "in_async": in_async, "end": stmt.end_lineno or stmt.lineno, "copy": name,
            "source": ast.unparse(source)[:60], "root": root, "source_kind": type(source).__name__,
            "source_loads": len(uses.loads.get(source.id, ())) if type(source) is ast.Name else 0,
            "handoffs": handoffs, "root_handoffs": root_handoffs, "items_returned": items_out,
            "last_use": loads[-1].lineno, "top_changes": top_changes}


def _root(node: ast.expr) -> str | None:
    """The name a source hangs off: `self` for `self._totals` or `self.snapshot()`, `lines` for
    `lines`, `stale` for `[t for t in stale if ...]` (the items are still `stale`'s)."""
    while True:
        if type(node) is ast.Name:
            return node.id
        if type(node) in (ast.Attribute, ast.Subscript):
            node = node.value
        elif type(node) is ast.Call:
            node = node.func
        elif type(node) in (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp) and len(node.generators) == 1:
            node = node.generators[0].iter
        else:
            return None


def _window(body: list[ast.stmt], stmt: ast.stmt, loads: list[ast.Name],
            parents: dict[int, ast.AST]) -> list[ast.stmt] | None:
    """The statements from the copy to the one holding its last use, when every use sits in one of
    them (uses further out, in another branch, are not followed)."""
    position = {id(s): i for i, s in enumerate(body)}
    start = position[id(stmt)]
    tops = []
    for load in loads:
        node: ast.AST = load
        while id(node) in parents and id(parents[id(node)]) not in position:
            node = parents[id(node)]
        top = position.get(id(parents.get(id(node))), -1)
        if top <= start:
            return None
        tops.append(top)
    return body[start + 1:max(tops) + 1]


def _root_call(call: ast.Call, root: str, root_handoffs: list[HandOff]) -> bool:
    """Whether a call before the last use leaves the original alone: not a method of it, and it
    is passed (if at all) whole, as a hand-off."""
    if _root(call.func) == root:
        return False
    if type(call.func) is ast.Name and call.func.id in _READERS | _PASS_THROUGH:
        return True  # `len(plan.order_ids)`: builtins that change nothing they are given
    for position, arg in enumerate(call.args):
        if type(arg) is ast.Name and arg.id == root:
            root_handoffs.append([call.lineno, call.col_offset, position])
        elif _root(arg) == root or _packed(arg, root):
            return False
    return all(_root(k.value) != root and not _packed(k.value, root) for k in call.keywords)


def _packed(arg: ast.expr, root: str) -> bool:
    """`prepare([("n", original)])`: the original handed over inside a list, tuple, set or dict
    literal reaches the callee as it is, which may change it like any argument."""
    return type(arg) in (ast.List, ast.Tuple, ast.Set, ast.Dict) and any(
        type(node) is ast.Name and node.id == root for node in ast.walk(arg))


def _quiet(window: list[ast.stmt], root: str, last: ast.Name, parents: dict[int, ast.AST],
           root_handoffs: list[HandOff]) -> bool:
    """No suspension, and no call on or store into the original's root, before the copy's last
    use; calls that take the last use as an argument run after it and are fine. The original
    passed whole to a function is a hand-off (`root_handoffs`) that must only read it."""
    after = set()
    node: ast.AST = last
    while id(node) in parents:
        node = parents[id(node)]
        if type(node) in (ast.Call, ast.Await):
            after.add(id(node))
    for stmt in window:
        for node in ast.walk(stmt):
            kind = type(node)
            if kind in _SUSPENDS and id(node) not in after:
                return False
            if kind in (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef):
                return False
            if kind is ast.Call and id(node) not in after and not _root_call(node, root, root_handoffs):
                return False
            if kind in (ast.Assign, ast.AugAssign, ast.AnnAssign, ast.Delete):
                targets = node.targets if kind in (ast.Assign, ast.Delete) else [node.target]
                if any(type(t) is not ast.Name and _root(t) == root for t in targets):
                    return False
    return True
