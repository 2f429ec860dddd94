"""Where a value comes from: the call sites that created the object an expression holds.

`self.pool.fetch(...)` in `DataManager.get_user` uses the pool created by
`asyncpg.create_pool(...)` in `create_pool()`: the pool was returned to `lifespan`, passed
to `DataManager(pool)` and stored as `self.pool`. This module follows such paths through
locals, `self` attributes, parameters (every caller's argument), return values,
`app.state`, module variables and imports, so that the application model can say which
router a decorator registers on and which functions use which pool.

It answers only what it can prove: an expression it cannot follow has no origin (an empty
set), never a guess by name.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator

from ..facts.types import CallSite, FunctionFacts, ImportFact, ModuleFacts
from .app import scope_facts
from .overrides import overrides_of
from .symbols import resolve_relative

if TYPE_CHECKING:
    from .project import Edge, ProjectModel

_MAX_DEPTH = 40
_DEPENDS = ("Depends", "Security")


@dataclass(frozen=True)
class Creation:
    """A call site that creates an object of interest (a router, a pool, a queue)."""

    scope: str  # fq of the function, or the module name for module level
    path: str
    line: int
    col: int
    callee: str  # the resolved callee: external dotted name or project class fq
    site: CallSite = field(compare=False, hash=False, repr=False)

    @property
    def key(self) -> str:
        return f"{self.path}:{self.line}:{self.col}"


# Given an edge that is not a creation, the values whose origins are its result's origins
# (e.g. `pool.acquire()` -> the receiver `pool`; `sessionmaker(engine)` -> `engine`).
Deriver = Callable[["Edge"], Iterable[tuple[str, Any]]]


class Origins:
    """Origins of values for one notion of "creation" (see the module docstring)."""

    def __init__(self, model: "ProjectModel", is_creation: Callable[["Edge"], bool],
                 derive: Deriver | None = None) -> None:
        self.model = model
        self.is_creation = is_creation
        self.derive = derive
        self._sites = model.memo("origins.sites", lambda: _site_index(model))
        self.creations: list[Creation] = [self.creation(scope, edge) for scope, edges in _all_edges(model)
                                          for edge in edges if is_creation(edge)]
        self._memo: dict[tuple[str, tuple[str, ...]], frozenset[Creation]] = {}
        # (function fq, parameter index) -> what a framework passes there, e.g. a lifespan's `app`
        self.injected: dict[tuple[str, int], set[Creation]] = {}
        self._truncated = False
        self._module_callers = model.memo("origins.module_callers", lambda: module_callers(model))

    # ----- entry points ---------------------------------------------------------------------
    def creation(self, scope: str, edge: "Edge") -> Creation:
        path = self.scope_facts(scope)[0].path
        return Creation(scope, path, edge.site.line, edge.site.col, edge.target.name, edge.site)

    def scope_facts(self, scope: str) -> tuple[ModuleFacts, FunctionFacts | None]:
        return scope_facts(self.model, scope)

    def edge_at(self, scope: str, line: int, name: str) -> "Edge | None":
        return next((edge for edge in self._sites.get((scope, line), ()) if edge.site.name == name), None)

    def sites_at(self, scope: str, line: int) -> tuple["Edge", ...]:
        return tuple(self._sites.get((scope, line), ()))

    def callers(self, fq: str) -> list["Edge"]:
        """Every call of a project function: from functions and from module level."""
        return list(self.model.callers.get(fq, ())) + self._module_callers.get(fq, [])

    def of_value(self, scope: str, value: Any, depth: int = 0) -> frozenset[Creation]:
        """Origins of a value in literal form (as stored in the facts) seen in `scope`."""
        if not isinstance(value, dict) or depth > _MAX_DEPTH:
            return frozenset()
        if "ref" in value:
            return self.of_chain(scope, tuple(value["ref"].split(".")), depth + 1)
        if "or" in value:
            return frozenset().union(*(self.of_value(scope, v, depth + 1) for v in value["or"]))
        if "call" in value and value["call"]:
            edge = self.edge_at(scope, value.get("line", 0), value["call"])
            return self.of_call(scope, edge, depth + 1) if edge is not None else frozenset()
        if "import" in value and value.get("name"):
            return self._local_import(scope, value, depth + 1)
        return frozenset()

    def _local_import(self, scope: str, value: dict, depth: int) -> frozenset[Creation]:
        """Origins of a name a function imports (`from .api import router as api` inside
        `configure_app`): those of the module-level name it imports."""
        facts, _ = self.scope_facts(scope)
        imp = ImportFact(module=value["import"], name=value["name"], alias="", line=0, level=value["level"])
        module = resolve_relative(facts.module, facts.is_package, imp)
        return self._binding(module, imp.name, depth) if module in self.model.modules else frozenset()

    def of_call(self, scope: str, edge: "Edge", depth: int = 0) -> frozenset[Creation]:
        """Origins of what a call returns: the call itself, a project function's return
        values, or what a deriving call (pool.acquire(), sessionmaker(engine)) wraps."""
        if self.is_creation(edge):
            return frozenset({self.creation(scope, edge)})
        if edge.target.kind == "function":
            return self.of_returns(edge.target.name, depth + 1)
        if self.derive is not None:
            found: set[Creation] = set()
            for kind, item in self.derive(edge):
                if kind == "chain":
                    found |= self.of_chain(scope, item, depth + 1)
                else:
                    found |= self.of_value(scope, item, depth + 1)
            return frozenset(found)
        return frozenset()

    def of_returns(self, fq: str, depth: int = 0) -> frozenset[Creation]:
        """Origins of what a function returns (or yields, for generator dependencies)."""
        if fq not in self.model.functions or depth > _MAX_DEPTH:
            return frozenset()
        _, func = self.model.functions[fq]
        values = list(func.returns_values) + list(func.extra.get("yield_values", ()))
        if not values:  # an abstract method: a call through the base type returns what an override does
            return frozenset().union(*(self.of_returns(sub, depth + 1) for sub in overrides_of(self.model).get(fq, ())))
        return frozenset().union(*(self.of_value(fq, v, depth + 1) for v in values))

    def of_chain(self, scope: str, chain: tuple[str, ...], depth: int = 0) -> frozenset[Creation]:
        """Origins of a dotted expression (`pool`, `self.pool`, `request.app.state.dm`)."""
        key = (scope, chain)
        if key in self._memo:
            return self._memo[key]
        if chain and chain[-1] == "[]" and "[]" not in chain[:-1] and "()" not in chain:
            return self._stored_items(scope, chain[:-1], depth)
        if not chain or "[]" in chain or "()" in chain:
            return frozenset()
        if depth > _MAX_DEPTH:
            self._truncated = True
            return frozenset()
        outer, self._truncated = self._truncated, False
        self._memo[key] = frozenset()  # guards recursion
        found = self._chain(scope, chain, depth)
        if self._truncated:  # cut short by the depth limit: true only for this depth, so not kept
            del self._memo[key]
        else:
            self._memo[key] = found
        self._truncated = self._truncated or outer
        return found

    # ----- the cases --------------------------------------------------------------------------
    def _chain(self, scope: str, chain: tuple[str, ...], depth: int) -> frozenset[Creation]:
        facts, func = self.scope_facts(scope)
        if "state" in chain[1:]:
            index = chain.index("state", 1)
            return self._state(chain[index + 1]) if index + 2 == len(chain) else frozenset()
        if len(chain) == 1:
            return self._name(scope, facts, func, chain[0], depth)
        if func is not None and chain[0] in ("self", "cls") and func.class_name and len(chain) == 2:
            return self.of_attribute(f"{facts.module}.{func.class_name}", chain[1], depth + 1)
        owner = self.model.resolver.type_of_chain(facts, func, chain[:-1])
        kind, name = owner or ("", "")
        if kind in ("instance", "class"):
            return self.of_attribute(name, chain[-1], depth + 1)
        if kind == "module":
            return self._binding(name, chain[-1], depth + 1)
        if len(chain) == 2 and self._state_param(scope, func, chain[0]):
            return self._state(chain[1])
        return frozenset()

    def _name(self, scope: str, facts: ModuleFacts, func: FunctionFacts | None, name: str,
              depth: int) -> frozenset[Creation]:
        if func is not None:
            if name in func.local_types:
                if func.local_types[name] is None and name in func.extra.get("loop_values", {}):
                    return self._elements(scope, func.extra["loop_values"][name], depth + 1)
                return self.of_value(scope, func.local_types[name], depth + 1)
            for index, param in enumerate(func.params):
                if param.name == name:
                    return self._param(scope, func, index, depth + 1)
            enclosing = _enclosing_function(scope, self.model)
            if enclosing:  # a closure reads its enclosing function's local
                return self.of_chain(enclosing, (name,), depth + 1)
        return self._binding(facts.module, name, depth + 1)

    def _stored_items(self, scope: str, container: tuple[str, ...], depth: int) -> frozenset[Creation]:
        """Origins of `CACHE[key]` / `self._clients[key]`: what is stored into that container
        (`CACHE[key] = engine`) by the function itself when it is a local, by the functions of the
        module when it is a module-level name, by the methods of the class for `self.`."""
        facts, func = self.scope_facts(scope)
        if depth > _MAX_DEPTH or func is None:
            return frozenset()
        found: set[Creation] = set()
        for qualname, writer in self._container_writers(facts, func, container):
            for store in writer.extra.get("stores", ()):
                if store["target"] == ".".join(container) and "value" in store:
                    found |= self.of_value(f"{facts.module}.{qualname}", store["value"], depth + 1)
        return frozenset(found)

    def _container_writers(self, facts: ModuleFacts, func: FunctionFacts, container: tuple[str, ...]
                           ) -> Iterator[tuple[str, FunctionFacts]]:
        if container[0] == "self":
            yield from ((q, f) for q, f in facts.functions.items() if f.class_name == func.class_name)
        elif len(container) == 1 and container[0] in func.local_types:
            yield func.qualname, func
        elif len(container) == 1 and container[0] in self.model.bindings.get(facts.module, {}):
            yield from ((q, f) for q, f in facts.functions.items() if container[0] not in f.local_types)

    def _elements(self, scope: str, value: Any, depth: int) -> frozenset[Creation]:
        """Origins of a loop name: those of every element of the list or tuple it iterates."""
        items_scope, items = self.list_items(scope, value)
        return frozenset().union(*(self.of_value(items_scope, item, depth + 1) for item in items or ()))

    def list_items(self, scope: str, value: Any) -> tuple[str, list | None]:
        """The elements of a list value, following a reference to a local or module-level list
        (with the scope they are written in); None when the value is no list literal."""
        if isinstance(value, dict) and "items" in value:
            return scope, value["items"]
        if isinstance(value, dict) and "ref" in value and "." not in value["ref"]:
            facts, func = self.scope_facts(scope)
            if func is not None and value["ref"] in func.local_types:
                return self.list_items(scope, func.local_types[value["ref"]])
            binding = self.model.bindings.get(facts.module, {}).get(value["ref"])
            if binding and binding.kind == "variable":
                return self.list_items(facts.module, facts.assigns[value["ref"]].value)
        if isinstance(value, dict) and "ref" in value and value["ref"].count(".") == 1:
            return self._module_list(scope, *value["ref"].split("."))
        return scope, None

    def _module_list(self, scope: str, head: str, name: str) -> tuple[str, list | None]:
        """`health.routes` where `health` is an imported project module: that module's list."""
        facts, func = self.scope_facts(scope)
        owner = self.model.resolver.type_of_chain(facts, func, (head,))
        if not owner or owner[0] != "module" or owner[1] not in self.model.modules:
            return scope, None
        module = self.model.modules[owner[1]]
        binding = self.model.bindings.get(module.module, {}).get(name)
        if binding is None or binding.kind != "variable":
            return scope, None
        return self.list_items(module.module, module.assigns[name].value)

    def _binding(self, module: str, name: str, depth: int) -> frozenset[Creation]:
        binding = self.model.bindings.get(module, {}).get(name)
        if binding is None or depth > _MAX_DEPTH:
            return frozenset()
        if binding.kind == "variable":
            return self.of_value(module, self.model.modules[module].assigns[name].value, depth + 1)
        if binding.kind == "import":
            target_module, _, target_name = binding.target.rpartition(".")
            if target_module in self.model.modules and binding.target not in self.model.modules:
                return self._binding(target_module, target_name, depth + 1)
        return frozenset()

    def of_attribute(self, class_fq: str, attr: str, depth: int = 0) -> frozenset[Creation]:
        """Origins of `obj.attr` for instances of a project class (self attrs in any method,
        class attributes), base classes included."""
        found: set[Creation] = set()
        for cls_fq in self.model.mro(class_fq):
            module, cls = self.model.classes[cls_fq]
            for fq, _, method in self.model.self_attr_writers(cls_fq).get(attr, ()):
                found |= self.of_value(fq, method.self_attrs[attr], depth + 1)
            if attr in cls.class_attrs:
                found |= self.of_value(module.module, cls.class_attrs[attr], depth + 1)
        return frozenset(found)

    def _state(self, attr: str) -> frozenset[Creation]:
        found: set[Creation] = set()
        for facts, func, value in self.model.state_assigns.get(attr, ()):
            scope = f"{facts.module}.{func.qualname}" if func is not None else facts.module
            found |= self.of_value(scope, value, 1)
        return frozenset(found)

    def _state_param(self, scope: str, func: FunctionFacts | None, name: str) -> bool:
        """A parameter callers pass `app.state` to (`build_service(conn.app.state)`): its attributes
        are what the app stored there."""
        index = next((i for i, p in enumerate(func.params) if p.name == name), -1) if func is not None else -1
        if index < 0:
            return False
        for _edge, value in self._passed(scope, func, index):
            ref = value.get("ref") if isinstance(value, dict) else None
            if isinstance(ref, str) and ref.endswith("app.state"):
                return True
        return False

    def _passed(self, scope: str, func: FunctionFacts, index: int) -> Iterator[tuple["Edge", Any]]:
        """(call edge, value passed) for parameter `index` at each call of the function (None where
        a call does not pass it)."""
        return arguments_for(self.callers(scope), func, index)

    def _param(self, scope: str, func: FunctionFacts, index: int, depth: int) -> frozenset[Creation]:
        """Origins of a parameter: the Depends() provider's result, else every caller's argument."""
        param = func.params[index]
        if (scope, index) in self.injected:
            return frozenset(self.injected[(scope, index)])
        if param.default_call.rsplit(".", 1)[-1] in _DEPENDS and param.default_args:
            facts, _ = self.scope_facts(scope)
            provider = self.model.resolver.type_of_value(facts, None, param.default_args[0], 1)
            if provider and provider[0] == "function":
                return self.of_returns(provider[1], depth + 1)
            return frozenset()
        found: set[Creation] = set()
        for edge, value in self._passed(scope, func, index):
            if value is not None:
                found |= self.of_value(edge.caller, value, depth + 1)
        return frozenset(found)


def arguments_for(edges: Iterable["Edge"], func: FunctionFacts, index: int) -> Iterator[tuple["Edge", Any]]:
    """(call edge, value passed) for parameter `index` of `func` at each of `edges` (None where a
    call does not pass it); `self`/`cls` is not passed by the caller."""
    param = func.params[index]
    shift = 1 if func.class_name and not is_static_method(func) else 0
    for edge in edges:
        yield edge, passed_argument(edge.site, param.name, index - shift, param.kind)


def passed_argument(site: CallSite, name: str, position: int, kind: str) -> Any:
    """The value a call passes for one parameter (literal form), None when not passed."""
    if name in site.kwargs:
        return site.kwargs[name]
    if kind in ("pos", "posonly") and 0 <= position < len(site.args) and not site.offloaded:
        return site.args[position]
    return None


def positional_params(func: FunctionFacts) -> list[str]:
    """The function's positional parameters as a call fills them: a method's `self`/`cls` left out."""
    names = [p.name for p in func.params if p.kind in ("posonly", "pos")]
    return names[1:] if names and names[0] in ("self", "cls") and func.class_name else names


def is_static_method(func: FunctionFacts) -> bool:
    return any(d.func in ("staticmethod", "classmethod") for d in func.decorators)


def _enclosing_function(scope: str, model: "ProjectModel") -> str:
    head, sep, _ = scope.rpartition(".<locals>.")
    return head if sep and head in model.functions else ""


def module_callers(model: "ProjectModel") -> dict[str, list["Edge"]]:
    """Calls made at module level, by callee (`model.callers` holds calls from functions)."""
    found: dict[str, list["Edge"]] = {}
    for edges in model.module_edges.values():
        for edge in edges:
            callee = model.callee_function(edge.target)
            if callee:
                found.setdefault(callee, []).append(edge)
    return found


def _site_index(model: "ProjectModel") -> dict[tuple[str, int], list["Edge"]]:
    """(scope, line) -> the calls there, in order; shared by every Origins of a run (the
    routing and the resource builders each follow values through the same sites)."""
    sites: dict[tuple[str, int], list["Edge"]] = {}
    for scope, edges in _all_edges(model):
        for edge in edges:
            key = (scope, edge.site.line)
            found = sites.get(key)
            if found is None:
                sites[key] = [edge]
            else:
                found.append(edge)
    return sites


def _all_edges(model: "ProjectModel") -> Iterable[tuple[str, list["Edge"]]]:
    yield from model.edges.items()
    yield from model.module_edges.items()
