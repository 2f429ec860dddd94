"""Worker programs that pick their job from a registry by a command-line name:
`WORKERS[name](stop)`, `JOBS[args.job](container).run()`, `_jobs()[name](ctx)` in the coroutine a
process runs (`asyncio.run(main(args.job))`).

Which job runs depends on the command line, so each job the registry holds is a worker of that
program: a function value runs itself, a class value runs the method the program calls on the
object (`run`, `run_forever`, `tick`...). Read from the facts and the call graph already built.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterator

from .dispatch import dispatched_literals, lambda_picked_name, literal_values, picked_literals
from .passed import call_arguments, called_params

if TYPE_CHECKING:
    from ..facts.types import CallSite, FunctionFacts, ModuleFacts
    from .project import ProjectModel

_DEPTH = 2  # how far below the program's coroutine a lookup (or the call of a job's method) may sit
_MAX_JOBS = 32


def registry_jobs(model: "ProjectModel", main: str) -> list[tuple[str, str, str, "CallSite"]]:
    """(kind, job fq, lookup scope, lookup site) of each job a registry lookup in the program whose
    coroutine is `main` may run: kind "function" (the job itself) or "class" (its class)."""
    scopes = program_functions(model, main)
    found: dict[str, tuple[str, str, str, "CallSite"]] = {}
    for fq in scopes:
        facts, func = model.functions[fq]
        for index, site in enumerate(func.calls):
            for kind, target in _registry_values(model, facts, func, site, index):
                found.setdefault(target, (kind, target, fq, site))
                if len(found) >= _MAX_JOBS:
                    return list(found.values())
    return list(found.values())


def program_functions(model: "ProjectModel", main: str) -> list[str]:
    """`main` and the project coroutines it runs up to `_DEPTH` calls down (its restart wrapper, a
    runner's `run`): where the program looks its job up and calls it. The jobs themselves are
    reached through the registry, not through these calls."""
    seen = [main] if main in model.functions else []
    frontier = list(seen)
    for _ in range(_DEPTH):
        nxt = []
        for fq in frontier:
            for edge in model.edges.get(fq, ()):
                callee = model.callee_function(edge.target)
                if callee and callee not in seen and model.functions[callee][1].is_async:
                    seen.append(callee)
                    nxt.append(callee)
        frontier = nxt
    return seen


def called_methods(model: "ProjectModel", scopes: list[str]) -> list[str]:
    """The method names the program calls on objects (`job.run()`, `self._worker.run(stop)`,
    `WORKERS[name](c).run(stop)`), in the order written."""
    names: dict[str, None] = {}
    for fq in scopes:
        for site in model.functions[fq][1].calls:
            if site.func and len(site.func) >= 2 and site.func[-1] not in ("[]", "()"):
                names[site.func[-1]] = None
    return list(names)


def run_method(model: "ProjectModel", cls: str, names: list[str]) -> list[str]:
    """The coroutine methods of `cls` (its own or inherited) the program calls by name."""
    out = []
    for name in names:
        method = model.method_of(cls, name) if not name.startswith("__") else ""
        if method and model.functions[method][1].is_async and method not in out:
            out.append(method)
    return out


def _registry_values(model: "ProjectModel", facts: "ModuleFacts", func: "FunctionFacts", site: "CallSite",
                     index: int) -> Iterator[tuple[str, str]]:
    """The project functions and classes of the registry a call looks its callee up in, or of the
    registry a value it hands to a function calling that parameter was picked from
    (`factory = _registry()[name]` then `await supervise(name, factory, ...)`)."""
    literals = dispatched_literals(model, facts, func, site, index) or handed_literals(model, facts, func, site)
    for scope_facts, scope_func, literal, owner in literals:
        yield from literal_values(model, scope_facts, scope_func, literal, owner)


def handed_literals(model: "ProjectModel", facts: "ModuleFacts", func: "FunctionFacts", site: "CallSite"
                    ) -> list[tuple["ModuleFacts", "FunctionFacts | None", dict[str, Any], str]]:
    """The registry literals of the picked locals a call hands to a project function at a parameter
    that function calls: the callee runs whichever value was picked."""
    callee = model.resolver.project_function(facts, func, site.func) if site.func else ""
    if not callee:
        return []
    called = called_params(model.functions[callee][1])
    return [found for name, value in call_arguments(model.functions[callee][1], site) if name in called
            and (local := _handed_local(func, value))
            for found in picked_literals(model, facts, func, func.local_types.get(local))]


def _handed_local(func: "FunctionFacts", value: Any) -> str:
    """The local an argument hands on: a plain name (`factory`) or the picked name a lambda calls
    (`lambda: job(ctx)`); "" for anything else."""
    if isinstance(value, dict) and set(value) == {"ref"} and "." not in value["ref"]:
        return value["ref"]
    return lambda_picked_name(func, value)
