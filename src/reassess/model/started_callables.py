"""The project function a started value runs: a coroutine call, a reference, a lambda's call,
a `functools.partial`, a bound method of a fresh instance, or the callable a helper returns.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .origins import Origins
    from .project import Edge, ProjectModel

PARTIALS = frozenset({"partial", "functools.partial"})


class StartedCallables:
    """Part of `WorkerFinder`: resolves what a start or registration hands over."""

    model: ProjectModel
    origins: Origins
    starters: dict[str, tuple[int, str, str]]
    registrars: dict[str, str]

    def _callable(self, scope: str, value: Any) -> str:
        """The project function a coroutine object or callable value runs."""
        if not isinstance(value, dict):
            return ""
        if "_target" in value:
            return value["_target"]
        facts, func = self.origins.scope_facts(scope)
        if "call" in value:
            edge = self.origins.edge_at(scope, value.get("line", 0), value["call"]) if value["call"] else \
                self._chained_call(scope, value.get("line", 0))
            if edge is not None:
                callee = self.model.callee_function(edge.target)
                if callee:
                    return callee
            return ""
        if "ref" in value:
            local = func.local_types.get(value["ref"]) if func is not None else None
            if isinstance(local, dict) and "call" in local:
                return self._callable(scope, local)
            found = self.model.resolver.type_of_value(facts, func, value, 1)
            if found and found[0] == "function":
                return found[1]
        return ""

    def _chained_call(self, scope: str, line: int) -> "Edge | None":
        """The one method called on a call's result on that line (`create_task(Sweeper().run())`)."""
        found = [e for e in self.origins.sites_at(scope, line) if e.site.name.startswith("().")
                 and self.model.callee_function(e.target)]
        return found[0] if len(found) == 1 else None

    def _function_value(self, scope: str, edge: "Edge", value: Any) -> tuple[str, str]:
        """The function a callable argument runs: a reference, a lambda's call, or the
        function (or lambda) handed to a project helper that returns a closure
        (`run_interval(60, job)`, `every(60, lambda: job(db))`)."""
        if not isinstance(value, dict):
            return "", ""
        if "_target" in value:  # a loop item's method, resolved by `_elements`
            return value["_target"], ""
        facts, func = self.origins.scope_facts(scope)
        if "ref" in value:
            local = func.local_types.get(value["ref"]) if func is not None else None
            if isinstance(local, dict) and local.get("call") in PARTIALS:
                return self._partial_target(scope, local), ""
            found = self.model.resolver.type_of_value(facts, func, value, 1)
            return (found[1], "") if found and found[0] == "function" else ("", "")
        if "lambda" in value:
            return self._lambda_call(scope, value, (edge,)), ""
        if "call" in value:
            return self._handed_to_helper(scope, edge, value)
        return "", ""

    def _handed_to_helper(self, scope: str, edge: "Edge", value: dict[str, Any]) -> tuple[str, str]:
        """(function, helper) for a project helper's call whose result is the callable
        (`run_interval(60, job)`): the first function or lambda's call among its arguments."""
        facts, func = self.origins.scope_facts(scope)
        inner = self.origins.edge_at(scope, value.get("line", 0), value["call"])
        helper = self.model.callee_function(inner.target) if inner is not None else ""
        if not helper:
            return "", ""
        for arg in inner.site.args:
            found = self.model.resolver.type_of_value(facts, func, arg, 1) if isinstance(arg, dict) else None
            if found and found[0] == "function":
                return found[1], helper
            called = self._lambda_call(scope, arg, (edge, inner))  # every(60, lambda: job(db))
            if called:
                return called, helper
        return returned_closure(self.model, helper), helper

    def _bound_method(self, scope: str, edge: "Edge", position: int) -> str:
        """The method a bound method of a fresh instance runs (`spawn("poll", Poller(db).run)`),
        passed at `position` of the call `edge` makes."""
        _, func = self.origins.scope_facts(scope)
        value = next((b for b in (func.extra.get("bound_args", ()) if func is not None else ())
                      if b["line"] == edge.site.line and b["position"] == position), None)
        made = self.origins.edge_at(scope, value["call_line"], value["of_call"]) if value else None
        if made is None or made.target.kind != "class":
            return ""
        return self.model.method_of(made.target.name, value["method"])

    def _lambda_call(self, scope: str, value: Any, skip: tuple["Edge", ...]) -> str:
        """The project function a `lambda: job(args)` calls: the project call on the lambda's line
        other than the calls it is handed to (`skip`) and the project's task starters."""
        if not isinstance(value, dict) or "lambda" not in value:
            return ""
        _, func = self.origins.scope_facts(scope)
        start = value.get("col", -1)  # calls left of the lambda on its line are other arguments' (`cfg().tick_s`)
        edges = self.model.edges.get(scope, ()) if func is not None else self.model.module_edges.get(scope, ())
        for other in sorted(edges, key=lambda e: e.site.col):
            callee = self.model.callee_function(other.target)
            if other.site.line == value["lambda"] and other.site.col > start and all(other is not e for e in skip) \
                    and callee and callee not in self.starters and callee not in self.registrars:
                return callee
        return ""

    def _partial_target(self, scope: str, bound: dict[str, Any]) -> str:
        """What `job = partial(f, *args)` runs when called: `f`, or - when `f` keeps calling a
        callable parameter in a loop (`partial(periodic, 60, digest.run_once)`) - that callable,
        the function the loop really runs."""
        edge = self.origins.edge_at(scope, bound.get("line", 0), bound["call"])
        if edge is None or not edge.site.args:
            return ""
        facts, func = self.origins.scope_facts(scope)
        first = edge.site.args[0]
        found = self.model.resolver.type_of_value(facts, func, first, 1) if isinstance(first, dict) else None
        if not found or found[0] != "function" or found[1] not in self.model.functions:
            return ""
        wrapped = found[1]
        param = self._restarted_param(wrapped)
        if param is not None:
            position, name = param
            arg = edge.site.args[position + 1] if position + 1 < len(edge.site.args) else edge.site.kwargs.get(name)
            inner = self.model.resolver.type_of_value(facts, func, arg, 1) if isinstance(arg, dict) else None
            if inner and inner[0] == "function" and inner[1] in self.model.functions:
                return inner[1]
        return wrapped


def returned_closure(model: "ProjectModel", helper: str) -> str:
    """The function nested in `helper` that it returns (`def nudger(email): async def loop(): ...;
    return loop`): a factory's product, what runs when the caller calls the result; "" if none."""
    for value in model.functions[helper][1].returns_values if helper in model.functions else ():
        nested = f"{helper}.<locals>.{value['ref']}" if isinstance(value, dict) and "ref" in value else ""
        if nested in model.functions:
            return nested
    return ""
