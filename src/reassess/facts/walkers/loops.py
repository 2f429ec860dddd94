"""Loops and comprehensions: extra["loops"] (kind, iterable, target, how the loop ends), the
loop context of calls inside, and reads of a loop item's attributes.
"""
from __future__ import annotations

import ast

from .. import loopexit, memo
from ..types import FunctionFacts
from ..values import dotted_str, value_of
from ..visitor import descendants, walk
from .state import WalkState


# attributes that say whether a connection (socket, stream, websocket, channel) is still open
_LIVENESS = frozenset({"closed", "is_closed", "is_open", "open", "is_closing", "connected", "is_connected",
                       "client_state", "application_state"})

_TAKES = frozenset({"pop", "popleft", "popitem", "get_nowait"})


class LoopFacts(WalkState):
    """Records loops and sets the loop context the calls inside them carry."""

    def _loop(self, node: ast.For | ast.AsyncFor | ast.While) -> None:
        if isinstance(node, ast.While):
            self.visit(node.test)
            iter_name = ""
        else:
            if isinstance(node.iter, ast.Call) and isinstance(node, ast.For):
                self.used_as[id(node.iter)] = "for"
            self.visit(node.iter)
            iter_name = dotted_str(node.iter)
        if self.frame.facts is not None:
            self.frame.facts.loops += 1
            self._loop_info(node)
            self._block("loop", node, forever=isinstance(node, ast.While) and _always_true(node.test),
                        ends_on_success=not isinstance(node, ast.While) or _ends_on_success(node))
        self._decision(1 + bool(node.orelse))
        saved = (self.frame.loop_line, self.frame.loop_iter)
        self.frame.loop_line, self.frame.loop_iter = node.lineno, iter_name
        if not isinstance(node, ast.While):
            self.visit(node.target)
            _loop_value(self.frame.facts, node)
        self._nested(node.body)
        self.frame.loop_line, self.frame.loop_iter = saved
        self._nested(node.orelse)

    visit_For = visit_While = _loop  # visit_AsyncFor (below) counts the await first

    def _comprehension(self, node: ast.ListComp | ast.SetComp | ast.GeneratorExp | ast.DictComp) -> None:
        first, *rest = node.generators
        self._cc(sum(1 + len(gen.ifs) for gen in node.generators))
        for gen in node.generators:
            self.visit(gen.target)
        for gen in node.generators:
            if isinstance(gen.iter, ast.Call):
                self.used_as[id(gen.iter)] = "async-for" if gen.is_async else "for"
        self.visit(first.iter)
        if self.frame.facts is not None:
            self._loop_info(node)
        saved = (self.frame.loop_line, self.frame.loop_iter)
        self.frame.loop_line, self.frame.loop_iter = node.lineno, dotted_str(first.iter)
        for cond in first.ifs:
            self.visit(cond)
        for gen in rest:
            self.visit(gen.iter)
            for cond in gen.ifs:
                self.visit(cond)
        if isinstance(node, ast.DictComp):
            self.visit(node.key)
            self.visit(node.value)
        else:
            self.visit(node.elt)
        self.frame.loop_line, self.frame.loop_iter = saved

    visit_ListComp = visit_SetComp = visit_GeneratorExp = visit_DictComp = _comprehension

    def _loop_info(self, node: ast.AST) -> None:
        """`extra["loops"][line]`: the loop's kind ("for", "while", "comp"), its iterable (or
        while-test) in literal form and its target, so rules can tell a loop over a constant
        from a loop over rows; "once": the blocks that end the loop (`loopexit.once_spans`)."""
        if isinstance(node, ast.While):
            info = {"kind": "while", "iter": value_of(node.test), "target": ""}
            if _walks_chain(node):
                info["walks"] = True
            live = _liveness_tested(node.test)
            if live:
                info["alive"] = live
            if _drains(node):
                info["drains"] = True
            if _reruns_on_request(node):
                info["rerun"] = True
        elif isinstance(node, (ast.For, ast.AsyncFor)):
            info = {"kind": "for", "iter": value_of(node.iter), "target": _target_text(node.target)}
            if isinstance(node, ast.AsyncFor):  # `async for m in client.messages:` keeps no call site
                info["async"] = True
            if _counts_unread(node):
                info["unused"] = True
            if _capped(node):
                info["capped"] = True
        else:
            first = node.generators[0]
            info = {"kind": "comp", "iter": value_of(first.iter), "target": _target_text(first.target)}
        info["end"] = node.end_lineno or node.lineno
        if not isinstance(node, ast.expr):
            once = loopexit.once_spans(node)  # blocks that end the loop: they run once per loop
            if once:
                info["once"] = once
            if loopexit.retries_on_collision(node):  # `except IntegrityError: continue`: next candidate
                info["retry"] = True
            memoised = memo.memo_spans(node, set(info["target"].split(","))) if info["kind"] == "for" else []
            if memoised:  # blocks run once per distinct key (`if key not in cache: cache[key] = ...`)
                info["memo"] = memoised
        loops = self.frame.facts.extra.setdefault("loops", {})
        known = loops.get(node.lineno)
        if known is None or info["end"] > known["end"]:  # `for k in sorted({...for...}):` keeps the for
            loops[node.lineno] = info

    def visit_AsyncFor(self, node: ast.AsyncFor) -> None:
        if isinstance(node.iter, ast.Call):
            self.awaited.add(id(node.iter))
            self.used_as[id(node.iter)] = "async-for"
        if self.frame.facts is not None:
            self.frame.facts.awaits += 1
            for use in self.frame.lock_stack:
                use.awaits_inside += 1
        self._loop(node)


def _always_true(test: ast.expr) -> bool:
    return isinstance(test, ast.Constant) and bool(test.value)


def _target_text(target: ast.expr) -> str:
    """`row` -> "row"; `(key, value)` -> "key,value"; anything else ""."""
    if isinstance(target, (ast.Tuple, ast.List)):
        return ",".join(dotted_str(elt) for elt in target.elts)
    return dotted_str(target)


def _walks_chain(node: ast.While) -> bool:
    """`while folder and ...: folder = await get(folder.parent_id)`: the test reads a local that
    the body rebinds to a computed value, so the loop follows a chain (ancestors, pages, a
    cursor) and ends with it: it does not run until stopped."""
    tested = {n.id for n in descendants([node.test]) if type(n) is ast.Name}
    if not tested:
        return False
    for inner in descendants(node.body):
        if type(inner) is ast.Assign and type(inner.value) is not ast.Constant and \
                any(type(t) is ast.Name and t.id in tested for t in inner.targets):
            return True
    return False


def _liveness_tested(test: ast.expr) -> str:
    """`while not ws.closed:`, `while channel.is_open:`, `while not writer.is_closing():`: the dotted
    object whose liveness the loop tests, so the loop lives as long as that connection. A flag on
    `self` itself (`while not self._closed`) is the object's own stop switch, not a connection."""
    for node in walk(test):  # breadth-first: the outermost such attribute
        if type(node) is ast.Attribute and node.attr in _LIVENESS:
            owner = dotted_str(node.value)
            if owner and owner != "self":
                return owner
    return ""


def _ends_on_success(node: ast.While) -> bool:
    """A `while` loop that can end from its body: a `break` or `return` of its own, or a test on a
    local the body rebinds (`while attempt < 3`, `while not done`) or the test binds itself (`while
    chunk := reader.read(n)`, done once the read hands back nothing). A loop that only stops when a
    flag outside it is set (`while not self._stopping.is_set()`) serves until shut down: it is
    no retry of the calls inside it."""
    if _rebinds_tested(node) or any(type(n) is ast.NamedExpr for n in descendants([node.test])):
        return True
    stop = _stop_event(node.test)
    stack: list[ast.AST] = list(node.body)
    while stack:
        stmt = stack.pop()
        kind = type(stmt)
        if kind in (ast.Break, ast.Return):
            return True
        if stop and kind is ast.If and _on_stop(stmt, stop):
            stack.extend(stmt.orelse)  # `if await sleep_or_stop(stop, 60): break`: the same stop as the test
            continue
        if kind in (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda):
            continue
        if kind in (ast.While, ast.For, ast.AsyncFor):  # a nested loop's break is its own; a return is not
            stack.extend(n for n in descendants([stmt]) if type(n) is ast.Return)
            continue
        stack.extend(child for child in ast.iter_child_nodes(stmt)
                     if isinstance(child, ast.stmt) or type(child) in (ast.ExceptHandler, ast.match_case))
    return False


def _stop_event(test: ast.expr) -> str:
    """`while not stop.is_set():` -> "stop": the event the loop serves until; "" for any other test."""
    if type(test) is ast.UnaryOp and type(test.op) is ast.Not and type(test.operand) is ast.Call:
        func = test.operand.func
        if type(func) is ast.Attribute and func.attr == "is_set" and not test.operand.args:
            return dotted_str(func.value)
    return ""


def _on_stop(stmt: ast.If, stop: str) -> bool:
    """`if stop.is_set(): break`, `if await sleep_or_stop(stop, 60): return`: a branch that only
    leaves, taken on a test of the loop's own stop event (read, or handed to a pausing helper)."""
    if not stmt.body or not all(type(s) in (ast.Break, ast.Return) for s in stmt.body):
        return False
    return any(dotted_str(n) == stop for n in descendants([stmt.test]) if type(n) in (ast.Name, ast.Attribute))


def _drains(node: ast.While) -> bool:
    """`while True:` that takes items off a buffer and leaves once it is empty (`if not self._buffer:
    return`), or `while queue: queue.popleft()`: a drain that ends by itself when the work is done,
    not a loop kept alive."""
    emptied: set[str] = {dotted_str(node.test)}  # `while queue: queue.popleft()` leaves once it is empty
    taken: set[str] = set()
    for n in descendants([node]):
        if type(n) is ast.If and type(n.test) is ast.UnaryOp and type(n.test.op) is ast.Not \
                and len(n.body) == 1 and type(n.body[0]) in (ast.Return, ast.Break):
            emptied.add(dotted_str(n.test.operand))
        elif type(n) is ast.Call and type(n.func) is ast.Attribute and n.func.attr in _TAKES:
            taken.add(dotted_str(n.func.value))
    return bool(emptied & taken - {""})


def _reruns_on_request(node: ast.While) -> bool:
    """`while True: self._rerun = False; ...; if not self._rerun: break`: the pass leaves unless a
    flag asks for one more, and each pass clears that flag before it tests it: the loop runs once per
    request (and once more per request made meanwhile), it is no worker kept alive until stopped. A
    worker that leaves on a stop flag only others set (`if not self._running: break`), or on a
    sentinel it reads (`if item is None: break`), is not this shape."""
    for index, stmt in enumerate(node.body):
        flag = _left_unless(stmt)
        if flag and any(_clears(earlier, flag) for earlier in node.body[:index]):
            return True
    return False


def _left_unless(stmt: ast.stmt) -> str:
    """`if not flag: break` (or `return`): the flag whose absence ends the loop, else ""."""
    if type(stmt) is not ast.If or stmt.orelse or len(stmt.body) != 1 or type(stmt.body[0]) not in (ast.Break, ast.Return):
        return ""
    test = stmt.test
    return dotted_str(test.operand) if type(test) is ast.UnaryOp and type(test.op) is ast.Not else ""


def _clears(stmt: ast.stmt, flag: str) -> bool:
    """`flag = False` (or None, 0, ""): the statement resets `flag` to a false constant."""
    if type(stmt) is ast.Assign:
        targets, value = stmt.targets, stmt.value
    elif type(stmt) is ast.AnnAssign and stmt.value is not None:
        targets, value = [stmt.target], stmt.value
    else:
        return False
    return type(value) is ast.Constant and not value.value and any(dotted_str(t) == flag for t in targets)


def _rebinds_tested(node: ast.While) -> bool:
    """The body assigns a name the test reads (`done = True`, `attempt += 1`)."""
    tested = {n.id for n in descendants([node.test]) if type(n) is ast.Name}
    for n in descendants(node.body):
        targets = n.targets if type(n) is ast.Assign else [n.target] if type(n) is ast.AugAssign else []
        if any(type(t) is ast.Name and t.id in tested for t in targets):
            return True
    return False


def _counts_unread(node: ast.For | ast.AsyncFor) -> bool:
    """`for _ in range(n):` whose variable the body never reads: the loop counts turns (a
    poll, a retry), it does not walk items."""
    iterable, target = node.iter, node.target
    if type(iterable) is not ast.Call or type(iterable.func) is not ast.Name or iterable.func.id != "range" \
            or type(target) is not ast.Name:
        return False
    if target.id == "_":
        return True
    return not any(type(n) is ast.Name and n.id == target.id for n in descendants(node.body))


def _capped(node: ast.For | ast.AsyncFor) -> bool:
    """`for step in range(max_steps): ...; if done: break`: a count of turns the body ends on its
    own condition, a `while` loop with a cap. The count is no collection's length (`range(len(rows))`)
    and the turn number indexes nothing (`rows[step]`), so each turn is a step or an attempt, not an
    item of data."""
    iterable, target = node.iter, node.target
    if type(iterable) is not ast.Call or type(iterable.func) is not ast.Name or iterable.func.id != "range" \
            or type(target) is not ast.Name:
        return False
    if any(type(n) is ast.Call and type(n.func) is ast.Name and n.func.id == "len" for n in descendants(iterable.args)):
        return False
    if any(type(n) is ast.Subscript and any(type(m) is ast.Name and m.id == target.id for m in descendants([n.slice]))
           for n in descendants(node.body)):
        return False
    return loopexit.can_leave(node)


def loop_attr(func: FunctionFacts, chain: tuple[str, ...], line: int) -> None:
    """`extra["loop_attrs"]`: `item.attr` read inside a loop over `item` (ORM lazy loads),
    as [loop line, "item.attr", line], once per loop and attribute."""
    loops = func.extra.get("loops", {})
    for start, info in loops.items():
        if start <= line <= info.get("end", start) and chain[0] in info.get("target", "").split(","):
            # `item.awaitable_attrs.rel` (SQLAlchemy AsyncAttrs) names the relationship third
            attr = ".".join(chain[1:3]) if chain[1] == "awaitable_attrs" and len(chain) > 2 else chain[1]
            key = [start, f"{chain[0]}.{attr}", line]
            seen = func.extra.setdefault("loop_attrs", [])
            if not any(k[0] == start and k[1] == key[1] for k in seen):
                seen.append(key)
            return


def _loop_value(func: FunctionFacts | None, node: ast.For | ast.AsyncFor) -> None:
    """`for router in ROUTERS:` keeps what the name iterates over (extra["loop_values"]), so
    that origins can follow `app.include_router(router)` to each element of the list."""
    if func is not None and isinstance(node, ast.For) and isinstance(node.target, ast.Name):
        value = value_of(node.iter)
        if isinstance(value, dict) and ("ref" in value or "items" in value):
            func.extra.setdefault("loop_values", {}).setdefault(node.target.id, value)
