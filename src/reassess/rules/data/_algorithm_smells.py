"""The algorithm smells of the shared walk: work a loop repeats on every pass that one pass
(or a set, a dict, a sort after the loop) would do, and the local facts that tell them apart
from look-alikes (a list the loop changes, a loop that runs once, a collection the code fixes).
"""
from __future__ import annotations

import ast
from typing import Any

from ...facts.values import unparse
from ...facts.visitor import descendants
from ._filtered_copy import parents_of
from ._scan_state import _LIST_CALLS, ScanState, Smell, _call_name, _is_data_iter, _Loop, _names, _self_attr

# redis commands whose reply redis-py returns as a list (names no other common library uses)
_GROUP_MAKERS = frozenset({"defaultdict", "collections.defaultdict"})
_REDIS_LIST_REPLIES = frozenset({"lrange", "zrange", "zrevrange", "zrangebyscore", "zrevrangebyscore", "hkeys",
                                 "hvals"})


def _list_builders(facts: Any) -> set[str]:
    """Functions of this file whose every `return` builds a list from data (`[r.id for r in rows]`,
    `list(...)`, `sorted(...)`): a local bound to their result is a list sized by that data, so a
    membership test on it scans it (a written-out `[a, b]` is as short as the code and left out)."""
    found: set[str] = set()
    for qualname, func in facts.functions.items():
        values = func.returns_values
        if values and all(isinstance(v, dict) and (v.get("literal") == "listcomp" or v.get("call") in _LIST_CALLS)
                          for v in values):
            found.add(qualname)
    return found


def _list_attributes(facts: Any) -> dict[str, frozenset[str]]:
    """Class qualname -> the `self` attributes every method binds to a list (`self.x = []`,
    `self.x: list[T] = []`, `self.x = list(...)`); one binding to anything else drops it."""
    seen: dict[str, dict[str, bool]] = {}
    for func in facts.functions.values():
        if not func.class_name:
            continue
        attrs = seen.setdefault(func.class_name, {})
        for attr, value in func.self_attrs.items():
            attrs[attr] = attrs.get(attr, True) and _list_value(value)
    return {cls: frozenset(a for a, is_list in attrs.items() if is_list) for cls, attrs in seen.items()}


def _list_value(value: Any) -> bool:
    if isinstance(value, list):  # a list display of literals, `[]` included
        return True
    if not isinstance(value, dict):
        return False
    if "ann" in value:
        return value["ann"].split("[", 1)[0] in ("list", "List", "typing.List")
    return value.get("literal") == "list" or value.get("call", "") == "list"


def _grouped_items(call: ast.expr) -> ast.expr | None:
    """The mapping of `mapping.get(key, [])`: a list default for a key with no items, where the
    mapping may hold lists grouped by key (the caller tells)."""
    if type(call) is ast.Call and type(call.func) is ast.Attribute and call.func.attr == "get" \
            and len(call.args) == 2 and not call.keywords and type(call.args[1]) is ast.List and not call.args[1].elts:
        return call.func.value
    return None


def _group_results(facts: Any) -> set[str]:
    """Functions of this file declared to return lists grouped by key (`-> dict[str, list[str]]`)."""
    return {qualname for qualname, func in facts.functions.items() if _groups_annotation(func.returns)}


def _groups_annotation(text: str) -> bool:
    head, _, rest = text.partition("[")
    return head in ("dict", "Dict", "defaultdict", "DefaultDict") and rest.split(",", 1)[-1].strip().startswith(("list[", "List["))


def _str_value(value: ast.expr) -> bool:
    """A string built from literals: `"..."`, f-strings, `",".join(cols) + "\\n"`, `"{}".format(x)`."""
    if isinstance(value, ast.JoinedStr) or (isinstance(value, ast.Constant) and isinstance(value.value, str)):
        return True
    if isinstance(value, ast.BinOp) and isinstance(value.op, (ast.Add, ast.Mod)):
        return _str_value(value.left) or (isinstance(value.op, ast.Add) and _str_value(value.right))
    return isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute) and \
        value.func.attr in ("join", "format") and isinstance(value.func.value, ast.Constant) and \
        isinstance(value.func.value.value, str)


def _repeat_loop(node: ast.For | ast.AsyncFor) -> bool:
    """`for _ in range(n)`: a count of repetitions (padding, a random suffix), not data rows."""
    return isinstance(node.target, ast.Name) and node.target.id == "_" and isinstance(node.iter, ast.Call) \
        and _call_name(node.iter) == "range"


def _reset_in(body: list[ast.stmt], name: str) -> bool:
    """Whether `name` is assigned afresh (`name = ...`) in the loop body: a string started anew
    on every pass is short, and `+=` on it is not quadratic in the loop's output; one cut from
    (`event, buffer = buffer.split(END, 1)`) holds only what is not consumed yet."""
    for node in descendants(body):
        if type(node) is ast.Assign and any(name in _names(t) for t in node.targets
                                            if type(t) in (ast.Name, ast.Tuple)):
            return True
        if type(node) is ast.AnnAssign and node.value is not None and type(node.target) is ast.Name \
                and node.target.id == name:
            return True
    return False


def _joins(test: ast.expr, outer: frozenset[str] | set[str], inner: frozenset[str] | set[str]) -> bool:
    """`a.k == b.k`: an equality with the outer loop's item on one side and the inner one's on the other."""
    if not (isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], ast.Eq)):
        return False
    sides = [_names(test.left), _names(test.comparators[0])]
    return any(s & outer for s in sides) and any(s & inner for s in sides) and \
        not (sides[0] & outer and sides[0] & inner)


def _positions(loop: ast.AST) -> frozenset[str]:
    """The counter of `for i, line in enumerate(lines)`: a test on it (`i == len(lines) - 1`) picks a
    position, it matches no item of the other loop."""
    iterated = getattr(loop, "iter", None)
    target = getattr(loop, "target", None)
    if type(iterated) is ast.Call and type(iterated.func) is ast.Name and iterated.func.id == "enumerate" and \
            type(target) is ast.Tuple and target.elts and type(target.elts[0]) is ast.Name:
        return frozenset({target.elts[0].id})
    return frozenset()


def _matches_item(test: ast.expr, mine: frozenset[str] | set[str], targets: frozenset[str]) -> bool:
    """`r.id == p.rid` / `r.meter_id in ids`: an equality or membership test with the outer item's
    values (`mine`) on one side and the searched item's on the other."""
    if type(test) is not ast.Compare or len(test.ops) != 1 or type(test.ops[0]) not in (ast.Eq, ast.In):
        return False
    sides = [_names(test.left), _names(test.comparators[0])]
    if type(test.ops[0]) is ast.In and not sides[1] & mine:
        return False  # `r.kind in KINDS`: a filter on constants, not a match with the item
    if type(test.ops[0]) is ast.In and type(test.left) is ast.Name and type(test.comparators[0]) is ast.Name:
        return False  # `word in token`: one item searched inside the other (a substring), not a key to look up
    return any(s & mine for s in sides) and any(s & targets for s in sides) and \
        not any(s & mine and s & targets for s in sides)


def _conjuncts(tests: list[ast.expr]) -> list[ast.expr]:
    """The tests with every `a and b` split into its conditions (a join on a composite key)."""
    out: list[ast.expr] = []
    for test in tests:
        if type(test) is ast.BoolOp and type(test.op) is ast.And:
            out.extend(_conjuncts(test.values))
        else:
            out.append(test)
    return out


def _mapping_view(node: ast.expr) -> bool:
    """`d.values()` / `d.keys()` / `d.items()` of a name or attribute: the mapping's own contents."""
    return isinstance(node, ast.Call) and not node.args and isinstance(node.func, ast.Attribute) \
        and node.func.attr in ("values", "keys", "items") and isinstance(node.func.value, (ast.Name, ast.Attribute))


def _grown_in(loop: ast.AST, name: str) -> bool:
    """The loop appends to, extends, inserts into or `+=`s the list `name`."""
    for node in ast.walk(loop):
        if type(node) is ast.Attribute and node.attr in ("append", "extend", "insert") \
                and type(node.value) is ast.Name and node.value.id == name:
            return True
        if type(node) is ast.AugAssign and type(node.target) is ast.Name and node.target.id == name:
            return True
    return False


def _rebuilt_from_data(right: ast.expr, loops: list[_Loop]) -> bool:
    """`x in [r.id for r in rows]` in a loop: the same list of data built again on every pass. (Not
    one built from the loop's own item, `[t.name for t in client.tools]` per client: each pass scans
    another list once; but when an outer loop over data leaves that item's list unchanged,
    `for bet in bets: for c in campaigns: ... in [u.id for u in c.users]`, every list is rebuilt
    once per bet.)"""
    if not (isinstance(right, ast.ListComp) and _is_data_iter(right.generators[0].iter)):
        return False
    data = [loop for loop in loops if loop.data]
    deps, inner = _names(right.generators[0].iter), set()
    for depth, loop in enumerate(reversed(data)):
        varying = loop.targets if depth == 0 else (loop.targets | loop.rebound) - inner
        if not deps & varying:
            return True
        deps |= _names(_loop_iter(loop.node))
        inner |= loop.targets
    return False


def _rebuilt_local(loop: _Loop, name: str, test: ast.Compare, loops: list[_Loop]) -> ast.Assign | None:
    """`existing = [l["id"] for l in lines]` then `x not in existing`, both on every pass of a loop
    over data: the named form of `x in [r.id for r in rows]`, the list built again and scanned per
    item. The assignment (the last one before the test) is the line to change."""
    body = getattr(loop.node, "body", None)
    if not isinstance(body, list):
        return None
    assigns = [stmt for stmt in body if type(stmt) is ast.Assign and stmt.lineno < test.lineno
               and [unparse(t) for t in stmt.targets] == [name]]
    return assigns[-1] if assigns and _rebuilt_from_data(assigns[-1].value, loops) else None


def _loop_iter(node: ast.AST) -> ast.AST:
    """What a loop or comprehension iterates (the loop itself for a `while`)."""
    generators = getattr(node, "generators", None)
    return generators[0].iter if generators else getattr(node, "iter", node)


def _grown_by_append(loop: _Loop, right: ast.expr) -> bool:
    """`if key not in bucket["seen"]: bucket["seen"].append(key)` in a loop over data: a per-key list
    of an aggregation (a list or deque, it has `.append`) the loop grows, scanned on every pass. (Not
    one that depends on the loop's own item, a different list per pass; an attribute's ordered list
    of names, `self.pairs`, `rel.entities`, is typically short and kept in order on purpose.)"""
    if type(right) is not ast.Subscript or _names(right) & loop.targets:
        return False
    text = unparse(right)
    return any(type(sub) is ast.Call and type(sub.func) is ast.Attribute and sub.func.attr == "append"
               and unparse(sub.func.value) == text for sub in descendants(getattr(loop.node, "body", [])))


def _is_list(kinds: dict[str, str], name: str, owner: str, at_front: bool, loop: _Loop) -> bool:
    """`owner` is a list: bound to one, or drained from the front by `while pending: pending.pop(0)`
    (a dict would never empty this way and `deque.pop()` takes no index)."""
    return kinds.get(owner) == "list" or name == "pop" and at_front and _drains(loop.node, owner)


def _steady_local(kinds: dict[str, str], owner: str, loop: _Loop) -> bool:
    """`owner` is a local of known kind that the loop neither iterates with nor rebinds."""
    return owner not in loop.assigned and owner not in loop.targets and owner in kinds


_END_METHODS = frozenset({"sort", "pop", "remove", "append"})
_GROW_METHODS = frozenset({"sort", "append", "extend"})
_SAME_ITEMS = frozenset({"set", "frozenset", "sorted", "list", "reversed", "tuple"})


def _seeks_own_item(node: ast.Call, owner: str, loop: _Loop) -> bool:
    """`for w in set(words): words.count(w)`: the loop looks up each of `owner`'s own items in
    `owner`; `.count`/`.index` scan a list, tuple or str alike, so n lookups cost n x n."""
    generators = getattr(loop.node, "generators", None)
    source = generators[0].iter if generators else getattr(loop.node, "iter", None)
    while type(source) is ast.Call and type(source.func) is ast.Name and source.func.id in _SAME_ITEMS \
            and len(source.args) == 1:
        source = source.args[0]
    return type(source) is ast.Name and source.id == owner and len(node.args) == 1 \
        and type(node.args[0]) is ast.Name and node.args[0].id in loop.targets


def _bucket_binding(loop: ast.AST, owner: str) -> ast.Name | None:
    """The one binding of `owner` in the loop, when it takes a dict's list for this pass's key
    (`lane = lanes.setdefault(key, [])`): the list outlives the pass, so it grows over the loop."""
    found = [node for node in ast.walk(loop) if type(node) is ast.Name and node.id == owner
             and type(node.ctx) is ast.Store]
    if len(found) != 1:
        return None
    parent = parents_of(loop).get(id(found[0]))
    value = parent.value if type(parent) is ast.Assign and parent.targets == [found[0]] else None
    if type(value) is ast.Call and type(value.func) is ast.Attribute and value.func.attr == "setdefault" \
            and len(value.args) == 2 and type(value.args[1]) is ast.List and not value.args[1].elts:
        return found[0]
    return None


def _grown_bucket(loop: ast.AST, owner: str) -> str:
    """The dict (`lanes`) whose list for this pass's key `owner` is, when the loop appends to it and
    re-sorts it and reads it nowhere else; "" otherwise."""
    bucket = _bucket_binding(loop, owner)
    if bucket is None or not _only_grown(loop, owner, bucket):
        return ""
    return unparse(parents_of(loop)[id(bucket)].value.func.value)[:60]


def _only_grown(loop: ast.AST, owner: str, bucket: ast.Name | None = None) -> bool:
    """Each pass appends to `owner` and re-sorts it, and nothing in the loop reads it: the
    order is only seen after the loop, so one sort there does the work of all of them. (A loop
    that only sorts, once per key in reverse priority, is the stable multi-key sort idiom.) With
    `bucket`, the binding of `owner` to a dict's list for the pass (see `_bucket_binding`) is the
    one other use allowed: each list is re-sorted after each item it gets."""
    parents = parents_of(loop)
    methods = set()
    for node in ast.walk(loop):
        if node is bucket:
            continue
        if type(node) is ast.Name and node.id == owner:
            parent = parents.get(id(node))
            if not (type(parent) is ast.Attribute and parent.attr in _GROW_METHODS):
                return False
            methods.add(parent.attr)
    return bool(methods - {"sort"})


def _picks_one_end(loop: ast.AST, owner: str) -> bool:
    """Each pass re-sorts `owner` only to take its first or last item (`owner[0]`, `owner.pop()`):
    every read of `owner` in the loop is that, the sort, an append/remove, `len()` or a test."""
    parents = parents_of(loop)
    ends = 0
    for node in ast.walk(loop):
        if type(node) is not ast.Name or node.id != owner:
            continue
        parent = parents.get(id(node))
        if type(parent) is ast.Subscript and parent.value is node and _end_index(parent.slice):
            ends += 1
        elif type(parent) is ast.Attribute and parent.attr in _END_METHODS:
            call = parents.get(id(parent))
            if parent.attr == "pop" and type(call) is ast.Call and (not call.args or _end_index(call.args[0])):
                ends += 1
        elif not (type(parent) is ast.Call and type(parent.func) is ast.Name and parent.func.id == "len"
                  or parent is loop or type(parent) in (ast.BoolOp, ast.UnaryOp, ast.Compare)):
            return False
    return ends > 0


def _end_index(node: ast.expr) -> bool:
    """`0` or `-1`."""
    return _is_zero(node) or type(node) is ast.UnaryOp and type(node.op) is ast.USub \
        and type(node.operand) is ast.Constant and node.operand.value == 1


def _drains(loop: ast.AST, owner: str) -> bool:
    """`while owner:` (or `while len(owner)`/`while owner and ...`): the loop runs until `owner` is empty."""
    if type(loop) is not ast.While:
        return False
    test = loop.test
    parts = test.values if type(test) is ast.BoolOp and type(test.op) is ast.And else [test]
    return any(type(p) is ast.Name and p.id == owner or type(p) is ast.Call and type(p.func) is ast.Name
               and p.func.id == "len" and len(p.args) == 1 and type(p.args[0]) is ast.Name and p.args[0].id == owner
               for p in parts)


_WAITS = frozenset({"get", "sleep", "wait", "recv", "receive", "join"})


def _shared_while_waiting(value: ast.expr, loop: _Loop) -> bool:
    """`sorted(self._subscribers)` in a `while` loop that waits on each pass (`await`,
    `queue.get(timeout=...)`, `sleep`): while it waits, other tasks or threads run the object's
    other methods (`subscribe`) and change the attribute, so it is read anew on purpose."""
    if not isinstance(loop.node, ast.While) or not any(
            isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name) and n.value.id == "self"
            for n in descendants([value])):
        return False
    return any(isinstance(n, ast.Await) or isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
               and n.func.attr in _WAITS for n in descendants(loop.node.body))


def _is_zero(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and node.value == 0


class AlgorithmSmells(ScanState):
    """Work repeated on every pass of a loop over data: sorts, list scans, pops from the front,
    nested-loop joins and concatenations that copy what was gathered so far."""

    @staticmethod
    def _value_kind(value: ast.expr) -> str:
        if isinstance(value, (ast.List, ast.ListComp)):
            return "list"
        if isinstance(value, ast.Call) and _call_name(value) in _LIST_CALLS and isinstance(value.func, ast.Name):
            return "list"
        call = value.value if type(value) is ast.Await else value
        if type(call) is ast.Call and type(call.func) is ast.Attribute and call.func.attr in _REDIS_LIST_REPLIES:
            return "list"  # `await redis.lrange(key, 0, -1)` returns a Python list
        if _str_value(value):
            return "str"
        return "bytes" if type(value) is ast.Constant and type(value.value) is bytes else ""

    def _result_kind(self, value: ast.expr) -> str:
        """"list" for the result of a function of this file that builds a list from data, or for the
        lists a local grouped by key holds under one key; "groups" for such a local (`defaultdict(list)`,
        a function of this file declared to return `dict[K, list[V]]`)."""
        target = self._local_target(value)
        if target in self.list_results or self._holds_groups(_grouped_items(value)):
            return "list"
        if target in self.group_results or type(value) is ast.Call and _call_name(value) in _GROUP_MAKERS \
                and len(value.args) == 1 and type(value.args[0]) is ast.Name and value.args[0].id == "list":
            return "groups"
        return ""

    def _holds_groups(self, mapping: ast.expr | None) -> bool:
        """`mapping` holds lists grouped by key: a local noted so, or a call to such a function."""
        if type(mapping) is ast.Name:
            return self.scope.kinds.get(mapping.id) == "groups"
        return mapping is not None and self._local_target(mapping) in self.group_results

    def _note_result(self, name: str, node: ast.Assign, kind: str) -> None:
        """`names = await self._repo.active_ids(site)`: a local bound once, outside loops, to what a
        method of another file returns; whether that is a list the project decides (a membership
        test on it is reported on that condition). Bound again, or inside a loop, it is dropped."""
        value = node.value.value if type(node.value) is ast.Await else node.value
        other = type(value) is ast.Call and type(value.func) is ast.Attribute and not kind \
            and not self._local_target(node.value)
        if name in self.scope.results or self.loops or not other:
            self.scope.results[name] = 0
        else:
            self.scope.results[name] = node.lineno

    def _sorted_per_call(self) -> None:
        """A helper of this file that sorts a parameter (`ranked = sorted(all_mmrs)`), called in a
        loop with the same, unchanged collection each time: the sort is repeated per pass."""
        seen: set[tuple[str, int]] = set()
        for callee, index, arg, line, loop_line in self.steady_args:
            sort = self.param_sorts.get((callee, index))
            if sort is not None and (callee, index) not in seen:
                seen.add((callee, index))
                self.found.append(Smell("sort-in-loop", sort.lineno, sort.end_lineno or sort.lineno, callee,
                                        {"name": unparse(sort.args[0])[:60], "loop_line": loop_line,
                                         "call_line": line, "arg": arg}))

    def _note_param_sort(self, node: ast.Call) -> None:
        """`sorted(param)` outside loops, in a function: recorded by the parameter's position."""
        arg = node.args[0] if node.args else None
        if type(arg) is ast.Name and arg.id in self.scope.positional and not self.loops:
            self.param_sorts.setdefault((self.scope.name, self.scope.positional.index(arg.id)), node)

    def _note_steady_args(self, node: ast.Call, loop: _Loop) -> None:
        """`self._rank(x, table)` / `rank(x, table)` in a loop, passing a collection the loop does not change."""
        func = node.func
        owner = ".".join(self.scope.name.split(".")[:-1])
        callee = func.id if type(func) is ast.Name else f"{owner}.{func.attr}" if type(func) is ast.Attribute \
            and type(func.value) is ast.Name and func.value.id in ("self", "cls") and owner else ""
        for index, arg in enumerate(node.args if callee else ()):
            if type(arg) is ast.Name and arg.id not in loop.assigned | loop.targets \
                    and not self._inside_loop_only({arg.id}):
                self.steady_args.append((callee, index, arg.id, node.lineno, loop.line))

    def _nested_join(self, outer: _Loop, inner: _Loop) -> None:
        """`for a in A: for b in B: if a.k == b.k:` -> an O(len(A) * len(B)) join."""
        node = inner.node
        for stmt in node.body:
            if not isinstance(stmt, ast.If):
                continue
            # the test itself, or one of the conditions `and`-ed in it (a join on a composite key)
            tests = stmt.test.values if isinstance(stmt.test, ast.BoolOp) and isinstance(stmt.test.op, ast.And) \
                else [stmt.test]
            if any(_joins(test, outer.targets - _positions(outer.node), inner.targets - _positions(node))
                   for test in tests):
                self.add("nested-join", node, outer_line=outer.line, test_line=stmt.lineno,
                         outer=ast.unparse(outer.node.iter)[:60], inner=ast.unparse(node.iter)[:60])
                return

    def _search_join(self, outer: _Loop, node: ast.ListComp | ast.SetComp | ast.GeneratorExp | ast.DictComp,
                     targets: frozenset[str]) -> None:
        """`for p in payouts: next(r for r in restaurants if r["id"] == p["restaurant_id"])`: a linear
        search of another collection for each item, the nested-loop join written as a comprehension.
        Not when the searched collection comes from the item or is rebuilt on each pass."""
        source = node.generators[0].iter
        if _names(source) & (outer.targets | outer.rebound):
            return
        outer_iter = outer.node.generators[0].iter if hasattr(outer.node, "generators") else \
            getattr(outer.node, "iter", None)
        if any(type(side) is ast.Name and side.id[:1].isupper() for side in (source, outer_iter)):
            return  # the members of an enum or a constant: a handful of items, not data
        if type(source) is ast.Attribute and type(source.value) is ast.Name and source.value.id not in ("self", "cls"):
            return  # `trade.orders`: the children of one object, a few items
        tests = [cond for gen in node.generators for cond in gen.ifs]
        if type(node) is ast.GeneratorExp:
            tests.append(node.elt)  # `any(r.id == p.rid for r in rows)`
        # the item's own values: the loop variables and what the body computes from them on each pass
        # (`ids = {m.id for m in account.meters}`, then `[r for r in rows if r.meter_id in ids]`)
        mine = outer.targets | (outer.rebound - targets)
        test = next((t for t in _conjuncts(tests) if _matches_item(t, mine, targets)), None)
        if test is not None:
            self.add("nested-join", node, outer_line=outer.line, test_line=test.lineno,
                     outer=unparse(outer_iter)[:60] if outer_iter is not None else "items",
                     inner=unparse(source)[:60], search=True)

    def _call_in_loop(self, node: ast.Call, name: str, loop: _Loop) -> None:
        """pop(0)/insert(0), list.index/count and sort/sorted on every pass of a loop."""
        func = node.func
        if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
            self._list_method_in_loop(node, name, func.value.id, loop)
        elif isinstance(func, ast.Attribute) and _self_attr(func.value) in self.scope.self_lists:
            self._self_list_front(node, name, _self_attr(func.value), loop)
        elif type(func) is ast.Attribute and name in ("count", "index") and node.args \
                and _rebuilt_from_data(func.value, self.loops):
            # `[x.name for x in rows].count(r.name)` per row: the list built and scanned per pass
            self.add("list-membership", node, name=unparse(func.value)[:60], loop_line=loop.line, method=name,
                     rebuilt=True)
        if name == "sorted" and isinstance(func, ast.Name) and node.args and \
                (isinstance(node.args[0], (ast.Name, ast.Attribute)) or _mapping_view(node.args[0])):
            self._sorted_in_loop(node, loop)
        if node.args and loop.node is not None and type(loop.node) in (ast.For, ast.AsyncFor, ast.While):
            self._note_steady_args(node, loop)

    def _self_list_front(self, node: ast.Call, name: str, attr: str, loop: _Loop) -> None:
        """`self.queue.pop(0)` / `.insert(0, x)` on an attribute that is always a list."""
        if name in ("pop", "insert") and node.args and _is_zero(node.args[0]) and not loop.runs_once(node):
            self.add("pop-front", node, name=f"self.{attr}", method=name, loop_line=loop.line)

    def _sorted_in_loop(self, node: ast.Call, loop: _Loop) -> None:
        """`sorted(x)` of something the loop does not change, on every pass."""
        used = _names(node.args[0])
        if not used & (loop.assigned | loop.targets) and not self._inside_loop_only(used) \
                and not loop.runs_once(node) and not _shared_while_waiting(node.args[0], loop):
            self.add("sort-in-loop", node, name=ast.unparse(node.args[0])[:60], loop_line=loop.line)

    def _list_method_in_loop(self, node: ast.Call, name: str, owner: str, loop: _Loop) -> None:
        at_front = name in ("pop", "insert") and bool(node.args) and _is_zero(node.args[0])
        is_list = _is_list(self.scope.kinds, name, owner, at_front, loop)
        if is_list and at_front:
            if not loop.runs_once(node):
                self.add("pop-front", node, name=owner, method=name, loop_line=loop.line)
        elif is_list and name in ("index", "count") and owner not in loop.targets and node.args:
            self.add("list-membership", node, name=owner, loop_line=loop.line, method=name)
        elif name in ("index", "count") and owner not in loop.targets and _seeks_own_item(node, owner, loop):
            self.add("list-membership", node, name=owner, loop_line=loop.line, method=name, own=True)
        elif name == "sort":
            self._sort_method_in_loop(node, owner, loop)

    def _sort_method_in_loop(self, node: ast.Call, owner: str, loop: _Loop) -> None:
        """`owner.sort()` on every pass: of a local the loop leaves alone, of a list re-sorted only to
        take one end, or of one the loop only grows and reads after it."""
        if _steady_local(self.scope.kinds, owner, loop) and not loop.runs_once(node):
            self.add("sort-in-loop", node, name=owner, loop_line=loop.line)
        elif self.scope.kinds.get(owner) == "list" and _picks_one_end(loop.node, owner):
            self.add("sort-in-loop", node, name=owner, loop_line=loop.line, pick=True)
        elif self.scope.kinds.get(owner) == "list" and _only_grown(loop.node, owner) \
                and not loop.runs_once(node):
            self.add("sort-in-loop", node, name=owner, loop_line=loop.line, grown=True)
        elif (bucket := _grown_bucket(loop.node, owner)) and not loop.runs_once(node):
            self.add("sort-in-loop", node, name=owner, loop_line=loop.line, grown=True, bucket=bucket)

    def _membership(self, node: ast.Compare) -> None:
        """`x in names` on every pass of a loop over data, where `names` is a list: a scan per item."""
        loop = self.data_loop()
        if loop is not None:
            for op, right in zip(node.ops, node.comparators):
                if isinstance(op, (ast.In, ast.NotIn)) and isinstance(right, ast.Name) and \
                        self.scope.kinds.get(right.id) == "list" and right.id not in loop.targets and \
                        right.id not in loop.rebound and type(node.left) is not ast.Constant and \
                        not (right.id in self.scope.fixed and not _grown_in(loop.node, right.id)):
                    # `"test" in splits` asks the same question on every pass: not per item;
                    # `exts = [".py", ".md"]` is as short as the code that wrote it
                    self.add("list-membership", node, name=right.id, loop_line=loop.line)
                elif isinstance(op, (ast.In, ast.NotIn)) and type(right) is ast.Name and \
                        self.scope.results.get(right.id) and right.id not in loop.targets | loop.rebound and \
                        type(node.left) is not ast.Constant:
                    self.add("list-membership", node, name=right.id, loop_line=loop.line,
                             callee_line=self.scope.results[right.id])
                elif isinstance(op, (ast.In, ast.NotIn)) and _rebuilt_from_data(right, self.loops):
                    self.add("list-membership", node, name=ast.unparse(right)[:60], loop_line=loop.line,
                             rebuilt=True)
                elif isinstance(op, (ast.In, ast.NotIn)) and type(right) is ast.Name and right.id in loop.rebound \
                        and type(node.left) is not ast.Constant \
                        and (built := _rebuilt_local(loop, right.id, node, self.loops)) is not None:
                    self.add("list-membership", built, name=right.id, loop_line=loop.line, rebuilt=True)
                elif isinstance(op, (ast.In, ast.NotIn)) and type(node.left) is not ast.Constant and \
                        _grown_by_append(loop, right):
                    self.add("list-membership", node, name=ast.unparse(right)[:60], loop_line=loop.line)

    def _concat_copy(self, node: ast.Assign) -> None:
        """`batch = batch + [point]` / `body = body + chunk` in a loop over data, on a list or bytes
        this function started: each pass copies everything gathered so far into a new object."""
        loop, value = self.data_loop(), node.value
        if loop is None or len(node.targets) != 1 or type(node.targets[0]) is not ast.Name \
                or not (type(value) is ast.BinOp and type(value.op) is ast.Add and type(value.left) is ast.Name):
            return
        name = node.targets[0].id
        kind = self.scope.kinds.get(name)
        if value.left.id == name and kind in ("list", "bytes") and not (
                type(loop.node) is ast.For and _repeat_loop(loop.node)):
            self.add("concat-copy", node, name=name, shape=kind, loop_line=loop.line, added=unparse(value.right)[:60])

    def _str_concat(self, node: ast.AugAssign) -> None:
        """`text += part` on every pass of a loop over data: each pass copies the whole string."""
        loop = self.data_loop()
        if loop is not None and isinstance(node.op, ast.Add) and isinstance(node.target, ast.Name) and \
                self.scope.kinds.get(node.target.id) == "str" and isinstance(loop.node, (ast.For, ast.AsyncFor)) \
                and not _reset_in(loop.body, node.target.id) and not _repeat_loop(loop.node):
            self.add("str-concat", node, name=node.target.id, loop_line=loop.line,
                     streamed=type(loop.node) is ast.AsyncFor)

    def _sorted_first(self, node: ast.Subscript) -> None:
        """`sorted(x)[0]` / `sorted(x)[-1]`: a whole sort to take the smallest or largest item."""
        value = node.value
        if isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id == "sorted" and \
                isinstance(node.slice, (ast.Constant, ast.UnaryOp)) and value.args:
            index = node.slice.value if isinstance(node.slice, ast.Constant) else None
            if isinstance(node.slice, ast.UnaryOp) and isinstance(node.slice.operand, ast.Constant):
                index = -node.slice.operand.value
            if index in (0, -1):
                reverse = any(k.arg == "reverse" for k in value.keywords)
                self.add("sorted-first", node, pick="max" if (index == -1) != reverse else "min",
                         arg=ast.unparse(value.args[0])[:60],
                         key=next((ast.unparse(k.value) for k in value.keywords if k.arg == "key"), ""))
