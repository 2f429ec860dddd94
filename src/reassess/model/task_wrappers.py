"""Project functions that start a task from one of their parameters (`def spawn(coro):
create_task(coro)`, `def every(name, seconds, job)`): found once, then each call of one is read
as a start at its caller, with the restarting helper it wraps the work in, if any.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..facts.values import value_refs
from .started_callables import returned_closure
from .task_starts import TASK_STARTERS

if TYPE_CHECKING:
    from ..facts.types import CallSite, FunctionFacts
    from .app import EntryPoint
    from .origins import Origins
    from .project import Edge, ProjectModel


class TaskWrappers:
    """Part of `WorkerFinder`: the project's task-starting wrappers and the starts through them."""

    model: ProjectModel
    origins: Origins
    unresolved: list[str]
    conditional_starters: set[str]
    starters: dict[str, tuple[int, str, str]]

    def _starters(self) -> dict[str, tuple[int, str, str]]:
        """Module-level functions that start a task from one of their parameters, e.g.
        `def create_task(coro): asyncio.create_task(coro)` or
        `def create_permanent_task(func): create_task(restart_on_error(func))`:
        fq -> (parameter index, "coro" or "callable", supervising wrapper fq or "")."""
        starters: dict[str, tuple[int, str, str]] = {}
        for _ in range(4):  # a wrapper of a wrapper is found on a later round
            changed = False
            for fq, edges in self.model.edges.items():
                params = None if fq in starters else _passed_params(self.model.functions[fq][1])
                found = None if params is None else self._first_start(fq, edges, params, starters)
                if found is not None:
                    starters[fq], changed = found, True
            if not changed:
                break
        return starters

    def _first_start(self, fq: str, edges: list[Edge], params: list[str],
                     starters: dict[str, tuple[int, str, str]]) -> tuple[int, str, str] | None:
        """How the first call of `fq` that starts a task from a parameter does so (`_starter_edge`)."""
        for edge in edges:
            found = self._starter_edge(fq, edge, params, starters)
            if found is not None:
                return found
        return None

    def _starter_edge(self, fq: str, edge: "Edge", params: list[str],
                      starters: dict[str, tuple[int, str, str]]) -> tuple[int, str, str] | None:
        """(parameter index, mode, wrapper) when the call `edge` in `fq` starts a task from one of
        `fq`'s parameters, directly or through a starter already found; None otherwise."""
        site = edge.site
        last = site.func[-1] if site.func else ""
        callee = self.model.callee_function(edge.target)
        if last in TASK_STARTERS and edge.target.kind in ("external", "unresolved"):
            index, mode, wrapper = 0, "coro", ""
        elif callee in starters:
            index, mode, wrapper = starters[callee]
        else:
            return None
        arg = site.args[index] if index < len(site.args) else None
        if not isinstance(arg, dict):
            return None
        if arg.get("ref") in params:
            return params.index(arg["ref"]), mode, wrapper
        if mode == "coro" and self.model.functions[fq][1].local_types.get(arg.get("ref", ""), False) is None:
            arg = self._built_from_param(fq, params)  # `coro = supervise(name, factory) if supervised else factory()`
            self.conditional_starters.add(fq)
        return self._called_param(fq, arg, params, wrapper) if "call" in arg else None

    def _called_param(self, fq: str, arg: dict[str, Any], params: list[str],
                      wrapper: str) -> tuple[int, str, str] | None:
        """(parameter index, "callable", wrapper) when the call `fq` starts runs one of its
        parameters: calls it (`create_task(func())`), hands it to a helper that calls it, or is a
        closure calling it."""
        if arg["call"] in params:  # create_task(func())
            return params.index(arg["call"]), "callable", wrapper
        inner = self.origins.edge_at(fq, arg.get("line", 0), arg["call"])
        helper = self.model.callee_function(inner.target) if inner is not None else ""
        if not helper or helper not in self.model.functions:
            return None
        for position, value in enumerate(inner.site.args):
            if isinstance(value, dict) and value.get("ref") in params and self._calls_param(helper, position):
                return params.index(value["ref"]), "callable", helper
        closed = self._closure_call(fq, helper, params)
        # `async def loop(): while True: await job(); ...` then `create_task(loop())`
        return (params.index(closed), "callable", helper) if closed else None

    def _closure_call(self, fq: str, helper: str, params: list[str]) -> str:
        """The parameter of `fq` that a function nested in it calls as a closure and repeats at the
        interval the caller gives (`def every(self, name, seconds, job): async def loop(): while
        True: await job(); await asyncio.sleep(seconds)`): the job a periodic helper runs; "" if none."""
        if not helper.startswith(f"{fq}.<locals>."):
            return ""
        _, func = self.model.functions[helper]
        pause = self.loop_of(helper).get("sleep_line", 0)
        if not any(site.line == pause and any(ref.split(".")[0] in params for ref in value_refs(site.args))
                   for site in func.calls):
            return ""  # a restarter's fixed back-off, not a period its caller chose
        own = {p.name for p in func.params} | set(func.local_types)
        return next((site.func[0] for site in func.calls if site.func and len(site.func) == 1
                     and site.func[0] in params and site.func[0] not in own), "")

    def _built_from_param(self, fq: str, params: list[str]) -> dict[str, Any]:
        """The call building a local coroutine whose value the facts could not pin (a conditional):
        the one call of `fq` handing a parameter to a project helper, as the argument to judge."""
        calls = [e.site for e in self.model.edges.get(fq, ()) if self.model.callee_function(e.target)
                 and any(isinstance(v, dict) and v.get("ref") in params for v in e.site.args)]
        return {"call": calls[0].name, "line": calls[0].line} if len(calls) == 1 else {}

    def _calls_param(self, fq: str, position: int) -> bool:
        """The helper calls the parameter its caller passes at `position` (a method's callers
        pass no `self`: `self._supervise(name, factory)`)."""
        _, func = self.model.functions[fq]
        params = [p.name for p in func.params]
        if func.class_name and params and params[0] in ("self", "cls"):
            params = params[1:]
        if position >= len(params):
            return False
        return any(site.func == (params[position],) for site in func.calls)

    def _passes_own_param(self, scope: str, edge: "Edge", starter: str) -> bool:
        """A wrapper calling a wrapper with its own parameter (`spawn(coro)` in `start_all(coro)`):
        reported at the outer wrapper's callers. A starter that hands over one of its own methods
        (`self._spawn("purge", self._purge, 60)` beside `create_task(...)` in `start()`) starts it here."""
        if scope not in self.starters:
            return False
        index = self.starters[starter][0]
        arg = edge.site.args[index] if index < len(edge.site.args) else None
        _, func = self.model.functions[scope]
        return not isinstance(arg, dict) or arg.get("ref") in {p.name for p in func.params}

    def _inside_starter(self, scope: str, edge: "Edge") -> bool:
        """The task start inside a wrapper: reported at the wrapper's callers instead."""
        return scope in self.starters and bool(edge.site.func) and edge.site.func[-1] in TASK_STARTERS

    def _wrapped(self, scope: str, edge: Edge, starter: str) -> list[EntryPoint]:
        """The entries a call of a project starter makes at its caller: the work it is handed, run
        under the wrapper's restarter unless the call switches that off."""
        index, mode, wrapper = self.starters[starter]
        arg = edge.site.args[index] if index < len(edge.site.args) else None
        target, via = self._wrapped_target(scope, edge, arg, mode, index)
        facts, _ = self.origins.scope_facts(scope)
        if not target:
            self._note_unresolved(facts.path, edge)
            return []
        # a coroutine handed over as is keeps its call, so a restarting wrapper in it is seen through,
        # and so does a lambda calling one (`spawn("x", lambda: self._supervise("x", job.run))`)
        value = arg if mode == "coro" else self._restarter_lambda(scope, edge, arg, target) or \
            {"call": "", "line": 0, "_target": target}
        entries = self._task(scope, edge, value, starter)
        if wrapper and self._switched_off(starter, edge.site):
            wrapper = ""
            self._unsupervised(entries)
        for entry in entries:
            self._through_wrapper(entry, starter, wrapper, via)
        return entries

    def _wrapped_target(self, scope: str, edge: Edge, arg: Any, mode: str,
                        index: int) -> tuple[str, str]:
        """(function, helper it was handed to) of what a starter is given: the function a coroutine
        runs, or a callable's (a bound method of a fresh instance when nothing else resolves)."""
        if mode == "coro":
            return self._callable(scope, arg), ""
        target, via = self._function_value(scope, edge, arg)
        return target or self._bound_method(scope, edge, index), via

    def _unsupervised(self, entries: list[EntryPoint]) -> None:
        """Entries started with the restarter switched off run bare: no supervisor, and a worker
        keeps the loop of its own function, not the restarter's."""
        for entry in entries:
            entry.details["supervised_by"] = ""
            if entry.kind == "worker" and entry.details["loop"].get("function") != entry.function:
                entry.details["loop"] = self.loop_of(entry.function)

    def _through_wrapper(self, entry: EntryPoint, starter: str, wrapper: str, via: str) -> None:
        """What starting through a wrapper adds to an entry: its restarter, whether the wrapper
        keeps the task, and the loop of the wrapper or helper that runs a one-shot job again and
        again."""
        entry.details["supervised_by"] = wrapper or entry.details.get("supervised_by", "")
        entry.details["kept_reference"] = entry.details["kept_reference"] or self._keeps_task(starter)
        if wrapper and not entry.details["loop"]:  # `_every(name, job, 60)`: the job runs in its loop
            self._as_worker(entry, self.loop_of(wrapper))
        if via:
            entry.details["via"] = via
            if not entry.details["loop"]:
                self._as_worker(entry, self._returned_loop(via))

    def _switched_off(self, starter: str, site: CallSite) -> bool:
        """The start passes False for the flag of a starter that wraps the coroutine in its restarter
        only on request (`tasks.start("promoter", promoter.run, supervised=False)` where `start` does
        `supervise(name, factory) if supervised else factory()`): a boolean parameter defaulting to
        True, given a literal False, so this task runs bare."""
        if starter not in self.conditional_starters:
            return False
        _, func = self.model.functions[starter]
        params = [p for p in func.params if p.name not in ("self", "cls")]
        for position, param in enumerate(params):
            if not (param.has_default and param.default is True):
                continue
            given = site.kwargs.get(param.name, site.args[position] if position < len(site.args) else None)
            if given is False:
                return True
        return False

    def _keeps_task(self, starter: str, depth: int = 0) -> bool:
        """The wrapper keeps the task it creates: binds it to a name that it then stores
        (`tasks.append(task)`, `running[name] = task`). Returning it hands it to the caller."""
        _, func = self.model.functions[starter]
        for edge in self.model.edges.get(starter, ()):
            last = edge.site.func[-1] if edge.site.func else ""
            inner = self.model.callee_function(edge.target)
            if inner in self.starters and depth < 4 and self._keeps_task(inner, depth + 1):
                return True
            if (last in TASK_STARTERS or inner in self.starters) and _stores_task(func, edge.site):
                return True
        return False

    def _restarter_lambda(self, scope: str, edge: "Edge", arg: Any, target: str) -> dict[str, Any] | None:
        """The call a `lambda: supervise("x", job.run)` makes, as a value, when `target` is a
        wrapper that keeps calling one of its parameters: the job it restarts is what runs."""
        if not isinstance(arg, dict) or "lambda" not in arg or self._restarted_param(target) is None:
            return None
        inner = next((e for e in self.model.edges.get(scope, ()) if e.site.line == arg["lambda"] and e is not edge
                      and self.model.callee_function(e.target) == target), None)
        return {"call": inner.site.name, "line": inner.site.line} if inner is not None else None

    def _returned_loop(self, helper: str) -> dict[str, Any]:
        nested = returned_closure(self.model, helper)
        return self.loop_of(nested) if nested else {}


def _passed_params(func: FunctionFacts) -> list[str] | None:
    """The parameter names as callers pass them: a method's without `self` (a registry's
    `spawn(self, coro)`); None for a method taking neither `self` nor `cls`."""
    params = [p.name for p in func.params]
    if func.class_name:
        if not params or params[0] not in ("self", "cls"):
            return None
        params = params[1:]
    return params


def _stores_task(func: FunctionFacts, site: CallSite) -> bool:
    """The task the start at `site` makes is bound to a name that is then handed on
    (`tasks.append(task)`) or stored as an item (`running[name] = task`)."""
    names = [n for n, v in func.bound_on(site.line) if v.get("call") == site.name]
    return bool(names) and (any({"ref": names[0]} in other.args for other in func.calls)
                            or any(store.get("item") for store in func.extra.get("stores", ())))
