"""Whether a sync helper only ever runs on the event loop, or is also run in threads and by others.

Decides which side of a coroutine's call into a blocking helper a finding cites (see `_blocking`):
a helper that only coroutines reach is the code to change; one the project also hands to a
thread, passes as a value or enters otherwise serves sync code, and the coroutine's call is the
mistake.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from ...model.app import runs_on_loop

if TYPE_CHECKING:
    from ...model.project import ProjectModel


class LoopOnly:
    """Whether a sync function only ever runs on the event loop: every way into it, through sync
    callers, starts at a call a coroutine makes without a thread. Any other way in (a call handed
    to `to_thread`/`run_in_executor`, the function or a sync caller passed as a value, such as
    `background.add_task(f)`, an entry point, a module-level call, a function nobody in the project
    calls) means the helper also serves sync code, and the mistake is the coroutine's call."""

    def __init__(self, model: "ProjectModel") -> None:
        self.model = model
        self._answers: dict[str, bool] = {}
        self._entries: set[str] | None = None
        self._values: dict[str, list[tuple[str, object]]] | None = None
        self._module_callers: set[str] | None = None

    def __call__(self, fq: str) -> bool:
        if fq not in self._answers:
            self._answers[fq] = self._loop_only(fq)
        return self._answers[fq]

    def _loop_only(self, fq: str) -> bool:
        model = self.model
        seen, stack = {fq}, [fq]
        while stack:
            current = stack.pop()
            callers = model.callers.get(current, ())
            if not callers or self._entered_otherwise(current):
                return False
            for edge in callers:
                if edge.site.offloaded:
                    return False
                if runs_on_loop(model, edge.caller):
                    continue
                if edge.caller not in seen:
                    seen.add(edge.caller)
                    stack.append(edge.caller)
        return True

    def handed_over(self, fq: str) -> bool:
        """The helper itself is run elsewhere in a thread or by someone else (`to_thread(helper)`,
        `add_task(helper)`, an entry point): the project offloads it by name, so a coroutine's
        plain call of it is the mistake. When only other helpers above the blocking call are
        offloaded, the blocking call is the shared cause and is cited instead."""
        callers = self.model.callers.get(fq, ())
        return any(edge.site.offloaded for edge in callers) or self._entered_otherwise(fq) \
            or any(edge.caller in self._threadpool() for edge in callers)

    def _threadpool(self) -> set[str]:
        """Sync FastAPI endpoints and `Depends()` providers: FastAPI runs them in its threadpool, so a
        helper they call directly is sync by design (`def flag_dep(): return is_enabled(...)`) and a
        coroutine's plain call of it is the mistake, as beside a `to_thread(helper)`."""
        def build() -> set[str]:
            model = self.model
            found = {e.function for e in model.app.entrypoints if e.runs_in == "threadpool"}
            found.update(d for e in model.app.entrypoints if e.kind == "http" for d in e.dependencies
                         if d in model.functions and not model.functions[d][1].is_async)
            return found
        return self.model.memo("blocking.threadpool_functions", build)

    def _entered_otherwise(self, fq: str) -> bool:
        model = self.model
        if self._entries is None:
            self._entries = set(model.app.entry_functions())
            self._module_callers = {model.callee_function(e.target) for edges in model.module_edges.values()
                                    for e in edges}
        return fq in self._entries or fq in self._module_callers or self._passed_as_value(fq)

    def _passed_as_value(self, fq: str) -> bool:
        """The function handed to a call as a value (`add_task(f)`, `Thread(target=f)`): someone
        else calls it, maybe in a thread."""
        if self._values is None:
            self._values = self.model.memo("blocking.value_arguments", lambda: _value_arguments(self.model))
        name = fq.rsplit(".", 1)[-1]
        resolver = self.model.resolver
        for caller, value in self._values.get(name, ()):
            facts, func = self.model.functions[caller] if caller in self.model.functions \
                else (self.model.modules[caller], None)
            found = resolver.type_of_value(facts, func, value, 1)
            if found is not None and found[0] == "function" and found[1] == fq:
                return True
        return False


_REWRAPS = frozenset({("staticmethod",), ("classmethod",)})


def _value_arguments(model: "ProjectModel") -> dict[str, list[tuple[str, object]]]:
    """Names passed to calls as values (`{"ref": "mailer.send_welcome"}`), by their last part:
    one pass over the call sites per run (both blocking rules ask), asked only for the helpers a
    finding is about."""
    found: dict[str, list[tuple[str, object]]] = {}
    scopes = [(fq, edges) for fq, edges in model.edges.items()] + list(model.module_edges.items())
    for scope, edges in scopes:
        for edge in edges:
            site = edge.site
            if site.func in _REWRAPS:
                continue  # `scanner = staticmethod(clamd_scan)`: still called as a method, on the same thread
            for value in (*site.args, *site.kwargs.values()):
                if isinstance(value, dict) and "ref" in value:
                    found.setdefault(value["ref"].rsplit(".", 1)[-1], []).append((scope, value))
    return found
