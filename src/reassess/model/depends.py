"""FastAPI dependencies: which providers a handler's `Depends(...)` chains run.

Sources: parameter defaults (`dm = Depends(get_db)`), `Annotated[T, Depends(p)]` written
inline or through a module alias (`SessionDep = Annotated[Session, Depends(get_db)]`),
`Depends()` without arguments (the annotated class), and `dependencies=[Depends(p)]` lists
on decorators, routers, include_router calls and the app. Providers' own parameters are
followed, so the result is the whole chain FastAPI resolves before the handler runs.
"""
from __future__ import annotations

import ast
from collections import deque
from typing import TYPE_CHECKING, Any, NamedTuple

from ..facts.types import FunctionFacts, ModuleFacts, Param
from .resolve import annotated_type

if TYPE_CHECKING:
    from .origins import Origins
    from .project import Edge, ProjectModel

_DEPENDS = ("Depends", "Security")
_MAX_PROVIDERS = 64


class Declared(NamedTuple):
    """One provider of a `dependencies=[...]` list, at its `Depends(...)`: what a chain cites when
    the provider is declared on a router, an `include_router` call or the app."""

    provider: str
    path: str
    line: int
    written: str  # the callee as written: "Depends", "fastapi.Security"
    ref: str  # the provider as written: "verify_token"


def _is_depends(name: str) -> bool:
    return name.rsplit(".", 1)[-1] in _DEPENDS


def param_providers(model: "ProjectModel", facts: ModuleFacts, func: FunctionFacts, param: Param) -> list[str]:
    """The providers FastAPI runs for one parameter (`Depends(get_settings)`, `Annotated[...,
    Depends(p)]`, an alias of one), for rules asking after the model is built."""
    return model.memo("depends.param_providers", lambda: Dependencies(model, None)).of_param(facts, func, param)


class Dependencies:
    """Provider lookup for handlers (memoised per function)."""

    def __init__(self, model: "ProjectModel", origins: "Origins | None") -> None:
        self.model = model
        self.origins = origins
        self._direct: dict[str, list[str]] = {}
        self._aliases: dict[tuple[str, str], list[str]] = {}

    def chain(self, roots: list[str]) -> list[str]:
        """Providers reachable from the given providers/handlers (breadth first, each once),
        excluding the roots that are handlers themselves."""
        seen: dict[str, None] = {}  # insertion-ordered set
        queue = deque(roots)
        while queue and len(seen) < _MAX_PROVIDERS:
            for provider in self.direct(queue.popleft()):
                if provider not in seen:
                    seen[provider] = None
                    queue.append(provider)
        return list(seen)

    def direct(self, fq: str) -> list[str]:
        """Providers named in one function's parameters (or a class's `__init__`)."""
        if fq in self.model.classes:
            fq = f"{fq}.__init__"
        if fq not in self._direct:
            self._direct[fq] = self._scan(fq) if fq in self.model.functions else []
        return self._direct[fq]

    def _scan(self, fq: str) -> list[str]:
        facts, func = self.model.functions[fq]
        return list(dict.fromkeys(provider for param in func.params for provider in self.of_param(facts, func, param)))

    def of_param(self, facts: ModuleFacts, func: FunctionFacts, param: Param) -> list[str]:
        if _is_depends(param.default_call):
            if param.default_args:
                return self._resolve(facts, None, param.default_args[0])
            return self._annotated_class(facts, param.annotation)
        if param.annotation.startswith("Annotated["):
            return self._inline_annotated(facts, param.annotation)
        key = (facts.module, param.annotation)
        if key not in self._aliases:  # a module's alias recurs in many signatures
            self._aliases[key] = self._alias(facts, param.annotation)
        return list(self._aliases[key])

    def declared(self, scope: str, value: Any) -> list[Declared]:
        """The providers of a `dependencies=[Depends(a), Security(b)]` value seen in `scope`, each with
        its `Depends(...)`."""
        if isinstance(value, dict) and "ref" in value:
            scope, items = self._named_list(scope, value)
            value = {"items": items}
        if not isinstance(value, dict) or not isinstance(value.get("items"), list):
            return []
        facts, func = self.origins.scope_facts(scope)
        found: list[Declared] = []
        seen: dict[tuple[str, int], int] = {}  # (callee, line) -> items of that kind read so far
        for item in value["items"]:
            if not (isinstance(item, dict) and _is_depends(item.get("call", ""))):
                continue
            place = (item["call"], item.get("line", 0))
            seen[place] = seen.get(place, 0) + 1
            edge = self._nth_call(scope, *place, seen[place] - 1)
            if edge is not None and edge.site.args:
                first = edge.site.args[0]
                ref = first.get("ref", "") if isinstance(first, dict) else ""
                found += [Declared(p, facts.path, edge.site.line, item["call"], ref if isinstance(ref, str) else "")
                          for p in self._resolve(facts, func, first)]
        return found

    # ----- helpers --------------------------------------------------------------------------
    def _named_list(self, scope: str, value: dict) -> tuple[str, list | None]:
        """`dependencies=deps` where `deps` is a list written earlier in the function or at module
        level: its items, with the scope they are written in (None when it is no such list)."""
        if self.origins is None:
            return scope, None
        return self.origins.list_items(scope, value)

    def _nth_call(self, scope: str, name: str, line: int, index: int) -> "Edge | None":
        """The `index`-th call of `name` on a line, left to right: `[Depends(a), Depends(b)]`
        written on one line holds two calls the literal form tells apart only by position."""
        edges = sorted((e for e in self.origins.sites_at(scope, line) if e.site.name == name),
                       key=lambda e: e.site.col)
        return edges[index] if index < len(edges) else (edges[0] if edges else None)

    def _resolve(self, facts: ModuleFacts, func: FunctionFacts | None, value: Any) -> list[str]:
        found = self.model.resolver.type_of_value(facts, func, value, 1)
        if found and found[0] in ("function", "class"):
            return [found[1]]
        if found and found[0] == "instance":  # `Depends(checker)`, `checker = Checker(...)`: FastAPI calls it
            call = self.model.method_of(found[1], "__call__")
            return [call] if call else []
        return []

    def _annotated_class(self, facts: ModuleFacts, annotation: str) -> list[str]:
        found = self.model.resolver.instance_of_annotation(facts, annotated_type(annotation))
        return [found[1]] if found and found[0] == "instance" else []

    def _inline_annotated(self, facts: ModuleFacts, annotation: str) -> list[str]:
        """`Annotated[Session, Depends(get_db)]` written in the signature."""
        try:
            tree = ast.parse(annotation, mode="eval")
        except (SyntaxError, ValueError, RecursionError):
            return []
        found: list[str] = []
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and _is_depends(ast.unparse(node.func)):
                if node.args:
                    found += self._resolve(facts, None, {"ref": ast.unparse(node.args[0])})
                else:
                    found += self._annotated_class(facts, annotation)
        return found

    def _alias(self, facts: ModuleFacts, annotation: str) -> list[str]:
        """A module-level alias `SessionDep = Annotated[Session, Depends(get_db)]`."""
        if not annotation or not annotation.replace(".", "").isidentifier():
            return []
        module, name = self._defining_module(facts.module, annotation)
        if not module:
            return []
        defining = self.model.modules[module]
        assign = defining.assigns[name]
        end = assign.end_line or assign.line
        found: list[str] = []
        for edge in self.model.module_edges.get(module, ()):
            site = edge.site
            if assign.line <= site.line <= end and _is_depends(site.name) and site.args:
                found += self._resolve(defining, None, site.args[0])
        return found

    def _defining_module(self, module: str, dotted: str, depth: int = 0) -> tuple[str, str]:
        head, _, rest = dotted.partition(".")
        binding = self.model.bindings.get(module, {}).get(head)
        if binding is None or depth > 6:
            return "", ""
        if binding.kind == "variable" and not rest:
            return module, head
        if binding.kind == "import":
            target = f"{binding.target}.{rest}" if rest else binding.target
            target_module, _, name = target.rpartition(".")
            if target_module in self.model.modules:
                return self._defining_module(target_module, name, depth + 1)
        return "", ""


# ----- call edges ---------------------------------------------------------------------------------
def link_providers(model: "ProjectModel") -> dict[str, list["Edge"]]:
    """The `Depends()` providers as call edges: FastAPI calls each provider a function names in its
    parameters (or in its route decorator's `dependencies=[...]`) before the function runs, for every
    request, so the function reaches the provider as surely as through a call. Each edge's site is a
    `CallSite` marked `depends`, at the `Depends(...)` expression (the parameter's line for an
    `Annotated` alias), awaited for an `async def` provider and `offloaded` for a sync one (FastAPI
    runs it in its threadpool, as a sync endpoint: rules about blocking the loop stop there, rules
    about per-request work go on). Added to `model.callers` (the reverse graph `reach` walks) and
    returned by caller for forward walks (`model.depends_edges`); `model.edges` keeps the calls
    written in the code. Providers named only on routers, `include_router` or the app are linked
    once the routing is resolved (`link_declared_above`)."""
    deps = Dependencies(model, None)
    out: dict[str, list[Edge]] = {}
    for fq, (facts, func) in model.functions.items():
        found = _param_providers(deps, facts, func)
        for deco in func.decorators:
            found += _decorator_providers(model, deps, fq, facts, deco)
        for provider, line, written, ref in found:
            if provider == fq or provider not in model.functions and provider not in model.classes:
                continue
            edge, callee = _provider_edge(model, fq, provider, line, written, ref)
            out.setdefault(fq, []).append(edge)
            if callee:
                model.callers[callee].append(edge)
    return out


def link_declared_above(model: "ProjectModel", above: dict[str, list[Declared]]) -> int:
    """Edges from each route handler to the providers a router, `include_router` call, the app or
    an `add_api_route(..., dependencies=...)` declares for it (`above`: handler -> declarations,
    from the resolved routing), each citing its `Depends(...)` where it is written; a provider the
    handler already runs through its own parameters or decorator keeps that edge. Returns how many
    edges were added."""
    added = 0
    for fq in sorted(above):
        if fq not in model.functions:
            continue
        linked = {edge.target.name for edge in model.depends_edges.get(fq, ())}
        for declared in above[fq]:
            provider = declared.provider
            if provider == fq or provider in linked or provider not in model.functions and provider not in model.classes:
                continue
            linked.add(provider)
            edge, _ = _provider_edge(model, fq, provider, declared.line, declared.written, declared.ref)
            model.add_route_depends(_elsewhere(edge, declared.path, model.functions[fq][0].path))
            added += 1
    return added


def _elsewhere(edge: "Edge", path: str, own: str) -> "Edge":
    """The edge with the file of its `Depends(...)` when that is not the caller's own file."""
    from .project import Edge

    return edge if path == own else Edge(edge.caller, edge.site, edge.target, path)


def _param_providers(deps: Dependencies, facts: ModuleFacts, func: FunctionFacts) -> list[tuple[str, int, str, str]]:
    """(provider, line, callee as written, provider as written) for each provider a parameter names."""
    found = []
    for param in func.params:
        if not (param.default_call or param.annotation) or param.kind in ("vararg", "kwarg"):
            continue
        written = param.default_call if _is_depends(param.default_call) else "Depends"
        found += [(provider, param.line or func.line, written, _as_written(param))
                  for provider in deps.of_param(facts, func, param)]
    return found


def _provider_edge(model: "ProjectModel", fq: str, provider: str, line: int, written: str,
                   ref: str) -> tuple["Edge", str]:
    """The edge from `fq` to `provider` (awaited when the provider is a coroutine function, offloaded
    to the threadpool when it is sync) and the function it runs ("" when none is known)."""
    from ..facts.types import CallSite
    from .project import Edge
    from .resolve import Target

    target = Target("class", provider) if provider in model.classes else Target("function", provider)
    callee = model.callee_function(target)
    runs_async = bool(callee) and model.functions[callee][1].is_async
    site = CallSite(tuple(written.split(".")), line, line, 0, awaited=runs_async, offloaded=not runs_async,
                    args=({"ref": ref},) if ref else (), depends=True)
    return Edge(fq, site, target), callee


def _as_written(param: Param) -> str:
    first = param.default_args[0] if param.default_args else None
    return first["ref"] if isinstance(first, dict) and isinstance(first.get("ref"), str) else ""


def _decorator_providers(model: "ProjectModel", deps: Dependencies, fq: str, facts: ModuleFacts,
                         deco: Any) -> list[tuple[str, int, str, str]]:
    """`@router.get("/x", dependencies=[Depends(verify)])`: the providers of the list, each at its
    `Depends(...)` (a call of the scope the function is defined in)."""
    value = deco.kwargs.get("dependencies") if deco.is_call else None
    if not isinstance(value, dict) or not isinstance(value.get("items"), list):
        return []
    parent = fq.rsplit(".<locals>.", 1)[0] if ".<locals>." in fq else ""
    scope_func = model.functions[parent][1] if parent in model.functions else None
    sites = scope_func.calls if scope_func is not None else facts.module_calls
    out = []
    for item in value["items"]:
        if not (isinstance(item, dict) and _is_depends(item.get("call", ""))):
            continue
        site = next((s for s in sites if s.line == item.get("line") and s.name == item["call"]), None)
        if site is None or not site.args:
            continue
        ref = site.args[0].get("ref", "") if isinstance(site.args[0], dict) else ""
        out += [(p, site.line, item["call"], ref) for p in deps._resolve(facts, scope_func, site.args[0])]
    return out
