"""Calls and their call-site arguments (`CallSite`): awaited, offloaded to a thread, deferred,
discarded, and the ORM query chains they build.
"""
from __future__ import annotations

import ast
from typing import Any

from ..querychain import chain_record
from ..types import CallSite, FunctionFacts
from ..values import dotted, dotted_str, value_of
from .state import WalkState


# Callables that run their callable argument in a thread: name -> index of that argument.
OFFLOADERS = {
    "to_thread": 0,
    "run_in_threadpool": 0,
    "run_sync": 0,  # anyio.to_thread.run_sync
    "run_in_executor": 1,
    "submit": 0,  # executor.submit
}

# Callables that take a coroutine and await or schedule it.
CONSUMERS = {
    "gather", "wait_for", "shield", "create_task", "ensure_future", "run", "wait", "as_completed",
    "run_coroutine_threadsafe", "run_until_complete", "timeout", "start_soon", "add_task",
}

# Callables that register their callable argument to run later, not while they are called
# (Django's `transaction.on_commit(lambda: ...)` runs it once the transaction commits).
DEFERRERS = frozenset({"add_done_callback", "call_soon", "call_soon_threadsafe", "call_later", "call_at",
                       "add_signal_handler", "add_reader", "add_writer", "on_commit"})


class CallFacts(WalkState):
    """Records every call with the context it runs in."""

    def visit_Await(self, node: ast.Await) -> None:
        if isinstance(node.value, ast.Call):
            self.awaited.add(id(node.value))
            self.used_as[id(node.value)] = "await"
        func = self.frame.facts
        if func is not None:
            func.awaits += 1
            for use in self.frame.lock_stack:
                use.awaits_inside += 1
            if not isinstance(node.value, ast.Call):  # `await obj.awaitable_attrs.lines`, `await fut`
                func.extra.setdefault("bare_awaits", []).append(node.lineno)
        self.visit(node.value)

    def visit_Expr(self, node: ast.Expr) -> None:
        if isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
            self.prose.add(id(node.value))
        elif isinstance(node.value, ast.Call):
            self.discarded.add(id(node.value))
        elif isinstance(node.value, ast.Await) and isinstance(node.value.value, ast.Call):
            self.await_dropped.add(id(node.value.value))
        self.visit(node.value)

    def visit_Call(self, node: ast.Call) -> None:
        if isinstance(node.func, ast.Attribute) and id(node) not in self.chained:
            self._query_chain(node)
        chain = dotted(node.func)
        last = chain[-1] if chain else (node.func.attr if isinstance(node.func, ast.Attribute) else "")
        if last in CONSUMERS:
            for arg in node.args:
                target = arg.value if isinstance(arg, ast.Starred) else arg
                if isinstance(target, ast.Call):
                    self.awaited.add(id(target))
                elif (isinstance(target, (ast.ListComp, ast.GeneratorExp, ast.SetComp)) and
                        isinstance(target.elt, ast.Call)):
                    self.awaited.add(id(target.elt))
        offload_index = OFFLOADERS.get(last)
        if offload_index is not None and len(node.args) > offload_index:
            self._offload(node.args[offload_index], node)
        self._record_call(node, chain)
        self.callee_id = id(node.func)
        self.visit(node.func)
        for index, arg in enumerate(node.args):
            if index == offload_index:
                self._visit_offloaded(arg)
            elif last in DEFERRERS and isinstance(arg, ast.Lambda):
                self._visit_deferred(arg)
            else:
                self.visit(arg)
        for keyword in node.keywords:
            self.visit(keyword.value)

    def _visit_deferred(self, arg: ast.Lambda) -> None:
        """A lambda registered as a callback (`future.add_done_callback(lambda _: self.shutdown())`)
        runs later, from the loop or the thread that completes the future: the locks held where it
        is registered are not held around its calls."""
        locks, self.frame.locks = self.frame.locks, ()
        self.visit(arg)
        self.frame.locks = locks
        if self.frame.facts is not None:  # extra["deferred"]: where no `with` around the lambda holds
            self.frame.facts.extra.setdefault("deferred", []).append((arg.lineno, arg.end_lineno or arg.lineno))

    def _query_chain(self, node: ast.Call) -> None:
        """`extra["orm_chains"]`: ORM query chains (see facts/querychain.py), one per chain."""
        found = chain_record(node)
        if found is None:
            return
        record, inner = found
        self.chained.update(id(call) for call in inner)
        owner = self.frame.facts.extra if self.frame.facts is not None else self.facts.extra
        owner.setdefault("orm_chains", []).append(record)

    def _offload(self, callee: ast.expr, call: ast.Call) -> None:
        """Record the callable handed to a thread as an offloaded call of it. A call in that place
        (`partial(f, x)`, a call-object builder `create_call(f, x)`) runs here and only builds the
        work: its first argument is what the thread runs."""
        target = callee
        if isinstance(callee, ast.Call) and callee.args:
            target = callee.args[0]
        chain = dotted(target)
        if chain and self.frame.facts is not None:
            self.frame.facts.calls.append(CallSite(
                func=chain, line=call.lineno, end_line=call.end_lineno or call.lineno, col=call.col_offset,
                offloaded=True, loop_line=self.frame.loop_line, loop_iter=self.frame.loop_iter,
            ))

    def _visit_offloaded(self, arg: ast.expr) -> None:
        """Calls inside a callable handed to a thread (a lambda's body) run there; any other call
        in that place (`partial(f, x)`, `make_job(f, x).run`) runs here and only builds the work
        (see `_offload`), so it is visited as any call."""
        if not isinstance(arg, ast.Lambda):
            self.visit(arg)
            return
        before = len(self.frame.facts.calls) if self.frame.facts is not None else 0
        self.visit(arg)
        if self.frame.facts is not None:
            for site in self.frame.facts.calls[before:]:
                site.offloaded = True

    def _record_call(self, node: ast.Call, chain: tuple[str, ...] | None) -> None:
        frame = self.frame
        key = id(node)
        site = CallSite(
            func=chain, line=node.lineno, end_line=node.end_lineno or node.lineno, col=node.col_offset,
            awaited=key in self.awaited, loop_line=frame.loop_line, loop_iter=frame.loop_iter,
            locks_held=frame.locks, in_try=frame.in_try,
            discarded=key in self.discarded, used_as=self.used_as.get(key, ""),
            await_dropped=key in self.await_dropped, **_arguments(node),
        )
        if chain is None and isinstance(node.func, ast.Attribute) and isinstance(node.func.value, ast.Call):
            site.callee_is_call = dotted_str(node.func.value.func)
            site.func = ("()", node.func.attr)
        elif chain is None and (through := _attributes_of_call(node.func)) is not None:
            site.callee_is_call = dotted_str(through[0].func)  # `services(request).billing.charge(...)`
            site.func = ("()", *through[1])
        elif chain is None and type(node.func) is ast.Attribute and type(node.func.value) is ast.BinOp \
                and type(node.func.value.op) is ast.Div:  # `(base / "name").read_text()`
            site.receiver = value_of(node.func.value)
            site.func = ("()", node.func.attr)
        if self.frame.facts is not None:
            self.frame.facts.calls.append(site)
            _bound_arguments(self.frame.facts, node)
        else:
            self.facts.module_calls.append(site)


def _bound_arguments(func: FunctionFacts, node: ast.Call) -> None:
    """Positional arguments that are a method of a fresh instance (`spawn("poll", Poller(db).run)`),
    which `value_of` leaves unknown: extra["bound_args"] keeps the method and the constructor call."""
    for position, arg in enumerate(node.args):
        if type(arg) is ast.Attribute and type(arg.value) is ast.Call:
            func.extra.setdefault("bound_args", []).append(
                {"line": node.lineno, "position": position, "method": arg.attr,
                 "of_call": dotted_str(arg.value.func) or "", "call_line": arg.value.lineno})


def _arguments(node: ast.Call) -> dict[str, Any]:
    """The argument fields of a call's `CallSite`, in one pass over each list: positional values
    (each `*expr` apart, in `star_values`) and keyword values (`**` left out); whether `*args` or `**kwargs` is
    present and the name behind each `**`; and where the literal `None` is written, which
    `value_of` cannot tell from an expression it does not keep. Empty markers are left to the
    record's shared defaults rather than allocated per call."""
    fields: dict[str, Any] = {}
    args: list = []
    none_args: list[int] = []
    stars: list = []
    for arg in node.args:
        if type(arg) is ast.Starred:
            stars.append(value_of(arg.value))
            continue
        if _is_none(arg):
            none_args.append(len(args))
        args.append(value_of(arg))
    kwargs: dict = {}
    none_kwargs: list[str] = []
    star_kwargs: list[str] = []
    for keyword in node.keywords:
        if keyword.arg is None:
            star_kwargs.append(dotted_str(_uncast(keyword.value)) or "")
            continue
        kwargs[keyword.arg] = value_of(keyword.value)
        if _is_none(keyword.value):
            none_kwargs.append(keyword.arg)
    fields.update(args=tuple(args), kwargs=kwargs)
    if stars:
        fields.update(star_args=True, star_values=tuple(stars))
    if star_kwargs:
        fields.update(star_args=True, star_kwargs=tuple(star_kwargs))
    if none_args:
        fields["none_args"] = frozenset(none_args)
    if none_kwargs:
        fields["none_kwargs"] = frozenset(none_kwargs)
    return fields


def _uncast(node: ast.AST) -> ast.AST:
    """The value inside `typing.cast(T, value)`, which returns it unchanged: `**cast(Any, kwargs)`
    forwards the same mapping as `**kwargs`."""
    if type(node) is ast.Call and len(node.args) == 2 and not node.keywords \
            and dotted(node.func) in (("cast",), ("typing", "cast")):
        return node.args[1]
    return node


def _is_none(node: ast.expr) -> bool:
    return type(node) is ast.Constant and node.value is None


def _attributes_of_call(node: ast.expr) -> tuple[ast.Call, tuple[str, ...]] | None:
    """`services(request).billing.charge`: the named call at the bottom of an attribute chain two
    or more long, and the attributes read on its result (the call's own method is the direct case)."""
    attrs: list[str] = []
    while type(node) is ast.Attribute:
        attrs.append(node.attr)
        node = node.value
    if len(attrs) < 2 or type(node) is not ast.Call or not dotted_str(node.func):
        return None
    return node, tuple(reversed(attrs))
