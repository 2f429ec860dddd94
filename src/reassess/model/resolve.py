"""Resolving call sites to what they call, from bindings and the types facts can prove.

A value's type is one of: ("module", name), ("class", fq), ("instance", fq),
("ext", dotted) for an external module/symbol, ("ext_instance", dotted) for an
instance of an external class, or None when not known. Unknown stays unknown:
the resolver never guesses by method name alone.
"""
from __future__ import annotations

import builtins
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from ..facts.types import ArgValue, CallSite, FunctionFacts, ImportFact, ModuleFacts
from ..knowledge.descriptors import is_property
from ..knowledge.factories import CONTEXT_MANAGER_ANNOTATIONS, ENTERED_AS, FACTORY_RETURNS
from ..knowledge.repositories import QUERY_METHODS, repository_session
from .app_keys import keyed_chain_type, keyed_local_type
from .symbols import resolve_relative

if TYPE_CHECKING:
    from collections.abc import Iterable

    from .project import ProjectModel

Type = tuple[str, str] | None
BUILTINS = frozenset(dir(builtins))
_DEPENDS = ("Depends", "fastapi.Depends", "Security")
_MAX_DEPTH = 6
_OPAQUE = {("ext_instance", "typing.Any"), ("ext_instance", "builtins.object"), ("ext_instance", "object")}
_STATE_DEPTH = 2  # where resolving an `app.state` value starts, however deep the chain that reads it


@dataclass(frozen=True, slots=True)
class Target:
    """What a call site calls: kind is "function", "class", "external", "builtin" or "unresolved"."""

    kind: str
    name: str

    @property
    def is_project(self) -> bool:
        return self.kind in ("function", "class")


UNRESOLVED = Target("unresolved", "")


class Resolver:
    def __init__(self, model: "ProjectModel") -> None:
        self.model = model
        self._attr_cache: dict[tuple[str, str], Type] = {}
        self._attr_busy: set[tuple[str, str]] = set()
        self._state_busy: set[str] = set()
        self._results_busy: set[tuple[int, object]] = set()  # methods on call results being resolved
        # (function fq, parameter) -> type every caller passes, for unannotated parameters (refine.py)
        self.inferred: dict[tuple[str, str], Type] = {}

    # ----- names --------------------------------------------------------------------------
    def type_of_dotted(self, dotted: str, depth: int = 0) -> Type:
        """Type of a fully qualified dotted name (project symbol, module or external)."""
        model = self.model
        if not dotted:
            return None
        if dotted in model.modules:
            rebound = self._package_attribute(dotted)
            if rebound is not None and depth < _MAX_DEPTH:
                return self.type_of_dotted(rebound, depth + 1)
            return ("module", dotted)
        if dotted in model.classes:
            return ("class", dotted)
        if dotted in model.functions:
            return ("function", dotted)
        module, _, name = dotted.rpartition(".")
        if module in model.modules:
            facts = model.modules[module]
            binding = model.bindings[module].get(name)
            if binding is None:
                star = star_source(model, module, name) if depth < _MAX_DEPTH else None
                return self.type_of_dotted(f"{star}.{name}", depth + 1) if star else None
            if binding.kind == "variable" and depth < _MAX_DEPTH:
                return self.type_of_value(facts, None, facts.assigns[name].value, depth + 1,
                                          annotation=facts.assigns[name].annotation)
            if binding.kind == "import" and binding.target != dotted and depth < _MAX_DEPTH:
                return self.type_of_dotted(binding.target, depth + 1)
            return None
        # a dotted name through a project module we do not have: an external name
        if dotted.split(".")[0] not in model.top_packages:
            return ("ext", dotted)
        return None

    def _package_attribute(self, dotted: str) -> str | None:
        """`pkg.db` where `pkg/__init__.py` rebinds `db` (`from .db import db`): Python finds the
        package's attribute, not the submodule, so `from pkg import db` gets the object."""
        package, _, name = dotted.rpartition(".")
        binding = self.model.bindings.get(package, {}).get(name) if package in self.model.modules else None
        if binding is None or binding.target == dotted or binding.kind != "import":
            return None
        return binding.target

    def type_of_name(self, facts: ModuleFacts, func: FunctionFacts | None, name: str, depth: int = 0) -> Type:
        if func is not None:
            if name in ("self", "cls") and func.class_name:
                kind = "class" if name == "cls" else "instance"
                return (kind, f"{facts.module}.{func.class_name}")
            if name in func.local_types:  # a local shadows module names, known type or not
                if depth >= _MAX_DEPTH:
                    return None
                if name in func.extra.get("app_key_locals", ()):  # `hub = request.app[HUB]`
                    return keyed_local_type(self, facts, func, name, depth + 1)
                if func.local_types[name] is None:
                    return self._loop_item_type(facts, func, name, depth + 1)
                return self.type_of_value(facts, func, func.local_types[name], depth + 1)
            for param in func.params:
                if param.name == name:
                    found = self._param_type(facts, param.annotation, param.default_call, param.default_args, depth)
                    if found is None and self.inferred:
                        found = self.inferred.get((f"{facts.module}.{func.qualname}", name))
                    if found is None and not param.annotation and func.class_name and depth < _MAX_DEPTH:
                        found = self._overridden_param_type(facts, func, name, depth + 1)
                    return found
            nested = _nested_function(facts, func, name)
            if nested:  # `def send(...)` inside this function (or an enclosing one), then `send(p)`
                return ("function", f"{facts.module}.{nested}")
            outer = _enclosing(facts, func, name)
            if outer is not None:  # a closure reads the enclosing function's binding
                return self.type_of_name(facts, outer, name, depth + 1) if depth < _MAX_DEPTH else None
        binding = self.model.bindings.get(facts.module, {}).get(name)
        if binding is not None:
            return self.type_of_dotted(binding.target, depth + 1)
        if name in BUILTINS:
            return ("ext", f"builtins.{name}")
        return None

    def _overridden_param_type(self, facts: ModuleFacts, func: FunctionFacts, name: str, depth: int) -> Type:
        """An unannotated parameter of an override takes the annotation the base method gives the same
        name (`def __init__(self, container)` over `def __init__(self, container: Container)`): the
        override is called where the base is, with the same arguments."""
        for base in self.model.mro(f"{facts.module}.{func.class_name}")[1:]:
            found = self.model.functions.get(f"{base}.{func.name}")
            param = next((p for p in found[1].params if p.name == name), None) if found else None
            if param is not None and param.annotation:
                return self._param_type(found[0], param.annotation, "", (), depth)
        return None

    def _param_type(self, facts: ModuleFacts, annotation: str, default_call: str, default_args: tuple,
                    depth: int) -> Type:
        annotation = annotated_type(annotation)
        if annotation:
            found = self.instance_of_annotation(facts, annotation, depth)
            if found is not None:
                return found
        if default_call in _DEPENDS and default_args and isinstance(default_args[0], dict):
            provider = self.type_of_value(facts, None, default_args[0], depth + 1)
            if provider and provider[0] == "function":
                return self.return_type(provider[1], depth + 1)
        return None

    def instance_of_annotation(self, facts: ModuleFacts, annotation: str, depth: int = 0) -> Type:
        named = annotation_name(annotation)
        if not named:
            return None
        head, *rest = named
        base = self.type_of_name(facts, None, head, depth + 1)
        for part in rest:
            base = self.attribute_type(base, part, depth + 1)
        if base and base[0] == "class":
            return ("instance", base[1])
        if base and base[0] == "ext":
            return ("ext_instance", base[1])
        if base and base[0] in ("instance", "ext_instance") and not rest:
            return base  # an alias of an annotation: `SessionDep = Annotated[Session, Depends(get_db)]`
        return None

    def return_type(self, function_fq: str, depth: int) -> Type:
        facts, func = self.model.functions[function_fq]
        if func.returns:
            found = self.instance_of_annotation(facts, func.returns, depth + 1)
            if found is not None and found not in _OPAQUE:  # `-> Any` says nothing: read the body
                return found
        if depth < _MAX_DEPTH:
            for value in func.returns_values:
                found = self.type_of_value(facts, func, value, depth + 1)
                if found is not None:
                    return found
        return None

    def type_of_value(self, facts: ModuleFacts, func: FunctionFacts | None, value: ArgValue, depth: int,
                      annotation: str = "") -> Type:
        found = self._type_of_value(facts, func, value, depth, annotation)
        if found is None and isinstance(value, dict) and value.get("declared") and depth <= _MAX_DEPTH:
            return self.instance_of_annotation(facts, value["declared"], depth)  # the variable's own annotation
        return found

    def _type_of_value(self, facts: ModuleFacts, func: FunctionFacts | None, value: ArgValue, depth: int,
                       annotation: str = "") -> Type:
        if annotation:
            found = self.instance_of_annotation(facts, annotation, depth)
            if found is not None:
                return found
        if not isinstance(value, dict) or depth > _MAX_DEPTH:
            return None
        if "ann" in value:
            return self.instance_of_annotation(facts, value["ann"], depth)
        if "import" in value:
            return self._imported(facts, value, depth)
        if "div" in value:  # `base / "name"` is a path of base's type when base is a pathlib path
            base = self.type_of_value(facts, func, value["div"], depth + 1)
            if base is None and _text(value.get("by")):  # `<unknown> / "templates"`: only paths divide by text
                return ("ext_instance", "pathlib.Path")
            return base if base is not None and base[0] == "ext_instance" and base[1].startswith("pathlib.") else None
        if "or" in value:  # `x or Default()`: known only when every typed alternative agrees
            found_types = {self.type_of_value(facts, func, item, depth + 1) for item in value["or"]} - {None}
            return found_types.pop() if len(found_types) == 1 else None
        if "ref" in value:
            found = self.type_of_chain(facts, func, tuple(value["ref"].split(".")), depth + 1)
            return self._enter_result(found, depth) if value.get("entered") else found
        if "call" in value:
            return self._type_of_call(facts, func, value, depth)
        return None

    def _type_of_call(self, facts: ModuleFacts, func: FunctionFacts | None, value: dict, depth: int) -> Type:
        """What the call a value was bound to returns (or yields, entered by `async with ... as x`)."""
        if not value["call"]:
            return self._call_of_call(facts, func, value, depth + 1) if func is not None else None
        returned = callable_param_result(func, value["call"]) if not value.get("entered") else ""
        if returned:  # `factory(session)` where `factory: Callable[[AsyncSession], OrderService]`
            return self.instance_of_annotation(facts, returned, depth + 1)
        callee = self.type_of_chain(facts, func, tuple(value["call"].split(".")), depth + 1)
        if callee in (("ext", "typing.NewType"), ("ext", "typing_extensions.NewType")):
            return self._new_type_base(facts, func, value.get("line", 0), depth + 1)
        return self._result_of(callee, bool(value.get("entered")), depth + 1)

    def _result_of(self, callee: Type, entered: bool, depth: int) -> Type:
        """What calling `callee` returns, or what `async with callee(...) as x` binds: what a
        project context-manager function yields, else what the result's `__aenter__` returns."""
        callee = self._dunder_call(callee)
        if entered and callee and callee[0] == "function":
            yielded = self._yielded(callee[1], depth)
            if yielded is not None:
                return yielded
        return self._entered(callee, depth) if entered else self.call_result(callee, depth)

    def _dunder_call(self, callee: Type) -> Type:
        """Calling an instance of a project class calls its `__call__`: a session factory kept on
        `app.state` (`async with request.app.state.db() as session`) hands out what that returns."""
        if callee is None or callee[0] != "instance":
            return callee
        method = self.model.method_of(callee[1], "__call__")
        return ("function", method) if method else callee

    def _call_of_call(self, facts: ModuleFacts, func: FunctionFacts, value: dict, depth: int) -> Type:
        """`sessionmaker()()`: calling what a call returned (a helper handing out a factory);
        the inner call's result is called in turn, then entered for `async with ... as x`."""
        line = value.get("line")
        outer = next((s for s in func.calls if s.line == line and s.func is None), None)
        site = outer and next((s for s in func.calls if s.line == line and s.col == outer.col and s.func), None)
        if outer is None and depth <= _MAX_DEPTH:
            return self._method_of_result(facts, func, value, depth)
        if site is None or depth > _MAX_DEPTH:
            return None
        inner = self.call_result(self.type_of_chain(facts, func, site.func, depth), depth)
        if inner is None or inner[0] != "ext_instance":
            return None
        return self._entered(inner, depth) if value.get("entered") else self.call_result(inner, depth)

    def _method_of_result(self, facts: ModuleFacts, func: FunctionFacts, value: dict, depth: int) -> Type:
        """`async with pool().acquire() as conn`, `client = get_factory().build()`: a method called
        on what a call returns (the one such call on the line), resolved as the call site is."""
        sites = [s for s in func.calls if s.line == value.get("line") and s.func and s.func[0] == "()"
                 and len(s.func) == 2 and s.callee_is_call]
        key = (id(func), value.get("line"))
        if len(sites) != 1 or key in self._results_busy:
            return None  # busy: `conn = conn().x()` would resolve itself
        self._results_busy.add(key)
        try:
            target = self.resolve_call(facts, func, sites[0])
        finally:
            self._results_busy.discard(key)
        callee = ("ext", target.name) if target.kind == "external" else \
            ("function", target.name) if target.kind == "function" else None
        return self._result_of(callee, bool(value.get("entered")), depth + 1) if callee is not None else None

    def _new_type_base(self, facts: ModuleFacts, func: FunctionFacts | None, line: int, depth: int) -> Type:
        """`AsyncSession = NewType("AsyncSession", _AsyncSession)` stands for its base type."""
        for site in (func.calls if func is not None else facts.module_calls):
            if site.line == line and site.func and site.func[-1] == "NewType" and len(site.args) > 1:
                return self.type_of_value(facts, func, site.args[1], depth)
        return None

    def _yielded(self, function_fq: str, depth: int) -> Type:
        """`with f() as x` where f is a @contextmanager/@asynccontextmanager generator: x's type
        is what f yields."""
        facts, func = self.model.functions[function_fq]
        if depth > _MAX_DEPTH or not any(d.func.rsplit(".", 1)[-1] in ("contextmanager", "asynccontextmanager")
                                         for d in func.decorators):
            return None
        for value in func.extra.get("yield_values", ()):
            found = self.type_of_value(facts, func, value, depth + 1)
            if found is not None:
                return found
        yielded = _generator_item(func.returns)  # `-> AsyncIterator[asyncpg.Connection]` says what it yields
        return self.instance_of_annotation(facts, yielded, depth + 1) if yielded else None

    def _entered(self, callee: Type, depth: int) -> Type:
        """`async with helper() as conn`: what the context manager the call returns yields, when
        its type says (`-> PoolAcquireContext`, `-> AsyncContextManager[Connection]`)."""
        if callee is not None and callee[0] == "function":
            facts, func = self.model.functions[callee[1]]
            text = func.returns.strip().strip("'\"")
            head, _, inner = text.partition("[")
            if inner and head.rsplit(".", 1)[-1] in CONTEXT_MANAGER_ANNOTATIONS:
                found = self.instance_of_annotation(facts, inner.rstrip("]"), depth + 1)
                if found is not None:
                    return found
        result = self.call_result(callee, depth)
        if result is not None and result[0] == "ext_instance" and result[1] in ENTERED_AS:
            return ("ext_instance", ENTERED_AS[result[1]])
        return self._enter_result(result, depth)

    def _enter_result(self, found: Type, depth: int) -> Type:
        """`with obj as x` binds what obj's `__enter__` (`__aenter__`) returns, which is obj
        itself only when it says `return self`: a project class defining one is read through it."""
        if found is None or found[0] != "instance" or depth > _MAX_DEPTH:
            return found
        enter = self.model.method_of(found[1], "__enter__", "__aenter__")
        return self.return_type(enter, depth + 1) if enter else found

    def _imported(self, facts: ModuleFacts, value: dict, depth: int) -> Type:
        """What a function-level import binds: the module, or the symbol it names."""
        imp = ImportFact(module=value["import"], name=value["name"], alias="", line=0, level=value["level"])
        module = resolve_relative(facts.module, facts.is_package, imp)
        target = f"{module}.{imp.name}" if imp.name and module else (imp.name or module)
        return self.type_of_dotted(target, depth + 1)

    def call_result(self, callee: Type, depth: int) -> Type:
        if callee is None:
            return None
        kind, name = callee
        if kind == "class":
            return ("instance", name)
        if kind == "function":
            return self.return_type(name, depth)
        if kind in ("ext", "ext_instance", "ext_result"):
            if kind == "ext_instance" and f"{name}.__call__" in FACTORY_RETURNS:  # calling a factory object
                return ("ext_instance", FACTORY_RETURNS[f"{name}.__call__"])
            known = FACTORY_RETURNS.get(name)
            if known:
                return ("ext_instance", known)
            tail = name.rsplit(".", 1)[-1]
            if kind == "ext" and tail[:1].isupper():
                return ("ext_instance", name)
            if kind == "ext_instance" and f"{name}.__call__" in FACTORY_RETURNS:
                return ("ext_instance", FACTORY_RETURNS[f"{name}.__call__"])
            return ("ext_result", name)
        return None

    def project_function(self, facts: ModuleFacts, func: FunctionFacts | None, chain: tuple[str, ...]) -> str:
        """The project function a dotted name denotes in a scope (`self._load`, `_lock_for`), "" when none."""
        found = self.type_of_chain(facts, func, chain)
        return found[1] if found is not None and found[0] == "function" and found[1] in self.model.functions else ""

    def type_of_chain(self, facts: ModuleFacts, func: FunctionFacts | None, chain: tuple[str, ...],
                      depth: int = 0) -> Type:
        if not chain:  # a bare name's owner (`Index("ix", source)` in a class body) is no chain
            return None
        current = self.type_of_name(facts, func, chain[0], depth)
        for index, part in enumerate(chain[1:], 1):
            if part == "[]":  # `self._printers[station]`: the element type its annotation declares
                current = self._element_type(facts, func, chain[:index], depth + 1)
            else:
                current = self.attribute_type(current, part, depth + 1)
            if current is None:
                return None
        return current

    def _loop_item_type(self, facts: ModuleFacts, func: FunctionFacts, name: str, depth: int) -> Type:
        """`for listener in self._listeners:` with `self._listeners: list[PresenceListener]`: the
        element type the container declares, when every `for` statement binding `name` iterates that
        container (a comprehension's variable is its own scope's, not the function's)."""
        loops = [loop for loop in func.extra.get("loops", {}).values() if loop.get("target") == name]
        if any(loop.get("kind") != "for" for loop in loops):
            return None
        iterated = {str(loop.get("iter", {}).get("ref", "")) if isinstance(loop.get("iter"), dict) else ""
                    for loop in loops}
        if len(iterated) != 1 or not (container := iterated.pop()) or "[]" in container:
            return None
        return self._element_type(facts, func, tuple(container.split(".")), depth)

    def _element_type(self, facts: ModuleFacts, func: FunctionFacts | None, prefix: tuple[str, ...],
                      depth: int) -> Type:
        """The type of an item of the container `prefix` names (a parameter, a module variable or
        `self.<attr>`), read from its declared annotation (`dict[str, LabelPrinter]`)."""
        where, annotation = self._declared(facts, func, prefix)
        element = element_annotation(annotation) if annotation else ""
        return self.instance_of_annotation(where, element, depth) if element else None

    def _declared(self, facts: ModuleFacts, func: FunctionFacts | None, prefix: tuple[str, ...]
                  ) -> tuple[ModuleFacts, str]:
        """(module whose names the annotation uses, the annotation text) of a name or `self.<attr>`."""
        if len(prefix) == 1:
            name = prefix[0]
            param = next((p for p in func.params if p.name == name), None) if func is not None else None
            if param is not None:
                return facts, param.annotation
            assign = facts.assigns.get(name)
            return facts, assign.annotation if assign is not None else ""
        if len(prefix) == 2 and prefix[0] == "self" and func is not None and func.class_name:
            for cls_fq in self.model.mro(f"{facts.module}.{func.class_name}"):
                module, cls = self.model.classes[cls_fq]
                if prefix[1] in cls.annotations:
                    return module, cls.annotations[prefix[1]]
                for _, module, method in self.model.self_attr_writers(cls_fq).get(prefix[1], ()):
                    value = method.self_attrs[prefix[1]]
                    if isinstance(value, dict) and value.get("ann"):
                        return module, str(value["ann"])
                    param = next((p for p in method.params if isinstance(value, dict) and p.name == value.get("ref")),
                                 None)  # `self._printers = printers`: the parameter's annotation
                    if param is not None and param.annotation:
                        return module, param.annotation
        return facts, ""

    # ----- attributes ----------------------------------------------------------------------
    def attribute_type(self, base: Type, attr: str, depth: int = 0) -> Type:
        if base is None or attr == "[]":
            return None
        kind, name = base
        if kind == "module":
            return self.type_of_dotted(f"{name}.{attr}", depth + 1)
        if kind in ("ext", "ext_instance", "ext_result"):
            if attr == "state":
                return ("state", "")
            return (kind if kind != "ext_result" else "ext_result", f"{name}.{attr}")
        if kind == "state":
            return self._state_attr(attr, depth)
        if kind in ("class", "instance"):
            key = (name, attr)
            if key in self._attr_cache:
                return self._attr_cache[key]
            if key in self._attr_busy:
                return None  # guards recursion
            self._attr_busy.add(key)
            found = self._member_type(name, attr, instance=(kind == "instance"), depth=depth)
            if kind == "instance" and found is not None and found[0] == "function" and self._is_property(found[1]):
                # `self.session.get()`: the property's value, read with a budget of its own (the getter
                # is a hop in a longer chain, `s3 = self._state.store.raw`, as an `app.state` value is)
                found = self.return_type(found[1], min(depth + 1, _STATE_DEPTH)) or found
            self._attr_busy.discard(key)
            if found is not None or depth <= 1:  # a miss deep in a chain may be the depth limit's
                self._attr_cache[key] = found
            return found
        return None

    def _is_property(self, function_fq: str) -> bool:
        _, func = self.model.functions[function_fq]
        return is_property(func)

    def _member_type(self, class_fq: str, attr: str, instance: bool, depth: int) -> Type:
        for cls_fq in self.model.mro(class_fq):
            module, cls = self.model.classes[cls_fq]
            method_fq = f"{cls_fq}.{attr}"
            if method_fq in self.model.functions:
                return ("function", method_fq)
            if attr in cls.annotations:
                found = self.instance_of_annotation(module, cls.annotations[attr], depth + 1)
                if found is not None:
                    return found
            for _, _, method in self.model.self_attr_writers(cls_fq).get(attr, ()):
                found = self.type_of_value(module, method, method.self_attrs[attr], depth + 1)
                if found is not None:
                    return found
            if attr in cls.class_attrs:
                found = self.type_of_value(module, None, cls.class_attrs[attr], depth + 1)
                if found is not None:
                    return found
        return self._inherited_query(class_fq, attr)

    def _inherited_query(self, class_fq: str, attr: str) -> Type:
        """A query method a project class inherits from a data-access base (knowledge/repositories.py):
        `users_service.list_and_count()` runs on the session the base holds."""
        if attr not in QUERY_METHODS:
            return None
        for base in self.model.inherited_library_bases(class_fq):
            session = repository_session(base)
            if session:
                return ("ext_instance", f"{session}.{attr}")
        return None

    def _state_attr(self, attr: str, depth: int) -> Type:
        """The value stored on `app.state.attr`. It is read through long chains
        (`sessions = websocket.app.state.sessions`), so its value gets a depth budget of its own."""
        return self.kept_type(attr, self.model.state_assigns.get(attr, ()), min(depth + 1, _STATE_DEPTH))

    def kept_type(self, name: str, values: Iterable[tuple[ModuleFacts, FunctionFacts | None, ArgValue]],
                  depth: int) -> Type:
        """The type of the first of `values` (module, function, value) with a known one: what a web
        app keeps under `name`, on `app.state.<name>` or under an aiohttp app key (model/app_keys.py).
        The busy set stops kept values that refer to each other (attribute names and key names,
        which are dotted or `str:`, never collide)."""
        if name in self._state_busy:
            return None
        self._state_busy.add(name)
        try:
            for facts, func, value in values:
                found = self.type_of_value(facts, func, value, depth)
                if found is not None:
                    return found
            return None
        finally:
            self._state_busy.discard(name)

    # ----- calls ---------------------------------------------------------------------------
    def type_of_result(self, facts: ModuleFacts, func: FunctionFacts | None, inner: str) -> tuple[str, str] | None:
        """The type of what the call `inner` (a dotted callee, as `callee_is_call` keeps it) returns
        when it builds a project class in place: `DriverRepo(session)` -> ("instance", "...DriverRepo");
        None for any other callee (what a function returns is not answered here)."""
        callee = self.type_of_chain(facts, func, tuple(inner.split(".")))
        return ("instance", callee[1]) if callee is not None and callee[0] == "class" else None

    def _resolve_on_result(self, facts: ModuleFacts, func: FunctionFacts | None, inner: str, attr: str) -> Target:
        """`Cleanup(pool).run()`: a method of a project class instantiated in place, and
        `self._http().post()`: a method of the library object a project accessor returns, and
        `_service(request).post()`: a method of the project class a factory is annotated or seen
        to return (only then: results of other calls stay unresolved)."""
        callee = self.type_of_chain(facts, func, tuple(inner.split(".")))
        if callee is not None and callee[0] == "function":
            returned = self.return_type(callee[1], 1)
            if returned is not None and returned[0] in ("ext_instance", "ext_result") \
                    and not returned[1].startswith("builtins."):
                return Target("external", f"{returned[1]}.{attr}")  # a lazy getter's `boto3.client(...)` too
            if returned is not None and returned[0] == "instance":  # `_service(request).post()`
                found = self.attribute_type(returned, attr)
                return Target("function", found[1]) if found and found[0] == "function" else UNRESOLVED
            return UNRESOLVED
        if inner.startswith("self.") and inner.count(".") == 1 and (callee is None or callee[0] != "class"):
            factory = self._on_factory_result(facts, func, inner, attr)
            if factory is not UNRESOLVED:
                return factory
        if callee is not None and callee[0] == "ext":  # `Path(p).read_bytes()`: a library class built in place
            found = self.attribute_type(self.call_result(callee, 2), attr)
            return Target("external", found[1]) if found is not None and found[0] == "ext_instance" else UNRESOLVED
        if callee is None or callee[0] != "class":
            return UNRESOLVED
        found = self.attribute_type(("instance", callee[1]), attr)
        return Target("function", found[1]) if found and found[0] == "function" else UNRESOLVED

    def _resolve_through_result(self, facts: ModuleFacts, func: FunctionFacts | None, inner: str,
                                attrs: tuple[str, ...]) -> Target:
        """`services(request).billing.charge()`: a method of an attribute of the project object a
        project function returns (a container of services kept on `app.state`, its fields
        annotated), or of the library client kept there (`services(request).http.post()`)."""
        callee = self.type_of_chain(facts, func, tuple(inner.split(".")))
        found = self.return_type(callee[1], 1) if callee is not None and callee[0] == "function" else None
        for attr in attrs[:-1]:
            found = self.attribute_type(found, attr) if found is not None and found[0] == "instance" else None
        if found is None or found[0] not in ("instance", "ext_instance"):
            return UNRESOLVED
        found = self.attribute_type(found, attrs[-1])
        if found is not None and found[0] == "function":
            return Target("function", found[1])
        if found is not None and found[0] == "ext_instance" and not found[1].startswith("builtins."):
            return Target("external", found[1])
        return UNRESOLVED

    def _on_factory_result(self, facts: ModuleFacts, func: FunctionFacts | None, inner: str, attr: str) -> Target:
        """`self._billing_factory(db).finalize()`, the attribute declared (or set from a parameter
        annotated) `Callable[[AsyncSession], BillingService]`: a method of the class it returns."""
        where, annotation = self._declared(facts, func, tuple(inner.split(".")))
        head, args = subscript(annotation.strip().strip("'\"")) if annotation else ("", [])
        if head not in _CALLABLES or len(args) != 2:
            return UNRESOLVED
        returned = self.instance_of_annotation(where, args[1].strip(), 1)
        found = self.attribute_type(returned, attr) if returned is not None and returned[0] == "instance" else None
        return Target("function", found[1]) if found and found[0] == "function" else UNRESOLVED

    def resolve_call(self, facts: ModuleFacts, func: FunctionFacts | None, site: CallSite) -> Target:
        chain = site.func
        if chain and chain[0] == "()" and len(chain) == 2 and site.callee_is_call:
            return self._resolve_on_result(facts, func, site.callee_is_call, chain[1])
        if chain and chain[0] == "()" and len(chain) > 2 and site.callee_is_call:
            return self._resolve_through_result(facts, func, site.callee_is_call, chain[1:])
        if chain and chain[0] == "()" and len(chain) == 2 and site.receiver is not None:
            found = self.attribute_type(self.type_of_value(facts, func, site.receiver, 1), chain[1])
            return Target("external", found[1]) if found is not None and found[0] == "ext_instance" else UNRESOLVED
        if not chain or chain[0] == "()":
            return UNRESOLVED
        if len(chain) == 1 and func is None and chain[0] in BUILTINS and chain[0] not in self.model.bindings.get(
                facts.module, {}):
            return Target("builtin", chain[0])
        found = self.type_of_chain(facts, func, chain)
        if found is None and "[]" in chain:  # `app[HUB].relay_forever()`: what the app keeps under HUB
            found = keyed_chain_type(self, facts, func, chain, site.line, site.col)
        if found is None:
            if len(chain) == 1 and chain[0] in BUILTINS:
                return Target("builtin", chain[0])
            return Target("unresolved", ".".join(chain))
        kind, name = found
        if kind == "function":
            return Target("function", name)
        if kind == "class":
            return Target("class", name)
        if kind in ("ext", "ext_instance", "ext_result"):
            if name.startswith("builtins."):
                return Target("builtin", name[len("builtins."):])
            return Target("external", name)
        return Target("unresolved", ".".join(chain))


def star_source(model: "ProjectModel", module: str, name: str, seen: frozenset[str] = frozenset()) -> str | None:
    """The project module a `from .x import *` of `module` takes the public `name` from (the
    package `__init__` that re-exports its submodules), the last such import winning, as in Python."""
    if name.startswith("_"):
        return None
    for imp in reversed(model.modules[module].imports):
        if imp.name != "*" or imp.in_function or imp.type_checking:
            continue
        source = resolve_relative(module, model.modules[module].is_package, imp)
        if source in model.modules and source not in seen and source != module and _exports(model, source, name) \
                and (name in model.bindings[source] or star_source(model, source, name, seen | {module})):
            return source
    return None


def _exports(model: "ProjectModel", module: str, name: str) -> bool:
    """`import *` of `module` binds `name`: listed in its `__all__` when that is a written-out list."""
    listed = model.modules[module].assigns.get("__all__")
    return listed is None or not isinstance(listed.value, list) or name in listed.value


def _nested_function(facts: ModuleFacts, func: FunctionFacts, name: str) -> str:
    """The qualname of the function `name` defined inside `func` or a function enclosing it."""
    qualname = func.qualname
    while True:
        if f"{qualname}.<locals>.{name}" in facts.functions:
            return f"{qualname}.<locals>.{name}"
        if ".<locals>." not in qualname:
            return ""
        qualname = qualname.rsplit(".<locals>.", 1)[0]


def _enclosing(facts: ModuleFacts, func: FunctionFacts, name: str) -> FunctionFacts | None:
    """The nearest enclosing function of a nested one that binds `name` (a parameter, a local,
    `self` of a method), which is what the closure reads; None when only the module does."""
    if not func.is_nested or name in func.extra.get("globals", ()):
        return None
    qualname = func.qualname
    while ".<locals>." in qualname:
        qualname = qualname.rsplit(".<locals>.", 1)[0]
        outer = facts.functions.get(qualname)
        if outer is None:
            return None
        if name in outer.local_types or any(p.name == name for p in outer.params) \
                or (name in ("self", "cls") and outer.class_name):
            return outer
    return None


_MAPPINGS = frozenset({"dict", "Dict", "defaultdict", "DefaultDict", "OrderedDict", "Mapping", "MutableMapping",
                       "typing.Dict", "typing.Mapping", "collections.defaultdict", "collections.OrderedDict"})
_SEQUENCES = frozenset({"list", "List", "Sequence", "MutableSequence", "deque", "Deque", "typing.List",
                        "typing.Sequence", "collections.deque"})


_CALLABLES = frozenset({"Callable", "typing.Callable", "collections.abc.Callable", "abc.Callable"})


def callable_param_result(func: FunctionFacts | None, name: str) -> str:
    """The return type a parameter's `Callable[[...], R]` annotation declares, when `name` is that
    parameter ("" otherwise)."""
    if func is None or "." in name:
        return ""
    param = next((p for p in func.params if p.name == name), None)
    head, args = subscript(param.annotation.strip().strip("'\"") if param is not None else "")
    return args[1].strip() if head in _CALLABLES and len(args) == 2 else ""


def element_annotation(annotation: str) -> str:
    """The item type a container annotation declares: the value type of `dict[K, V]`, the item
    type of `list[T]` / `deque[T]`, through `Optional[...]` and `... | None`; "" otherwise."""
    text = annotation.strip().strip("'\"")
    if text.startswith("Optional[") and text.endswith("]"):
        text = text[len("Optional["):-1]
    head, args = subscript(top_level(text, "|")[0].strip())
    if head in _MAPPINGS and len(args) == 2:
        return args[1].strip()
    if head in _SEQUENCES and len(args) == 1:
        return args[0].strip()
    return ""


@lru_cache(maxsize=4096)
def annotation_name(annotation: str) -> tuple[str, ...]:
    """The dotted name an annotation's instances are typed by, as its parts (`Optional[Session]`,
    `Annotated[Session, Depends(db)]`, `asyncio.Queue[int] | None` -> `asyncio`, `Queue`); () when
    it names none. Kept per text: the same few annotations are read for every parameter."""
    text = annotation.strip().strip("'\"")
    for wrapper in ("Optional", "Annotated"):
        head, args = subscript(text)
        if head == wrapper and args:
            text = args[0].strip().strip("'\"")
    text = top_level(text, "|")[0].strip().split("[", 1)[0]  # `asyncio.Queue[int]` -> asyncio.Queue
    parts = tuple(text.split("."))
    return parts if text and all(part.isidentifier() for part in parts) else ()


def subscript(text: str) -> tuple[str, list[str]]:
    """(`Head`, its top-level arguments) of a subscripted annotation `Head[A, B]`; no
    arguments when `text` is not subscripted."""
    head, bracket, rest = text.partition("[")
    if not bracket or not rest.endswith("]"):
        return head, []
    return head, top_level(rest[:-1], ",")


def annotated_type(annotation: str) -> str:
    """The type an `Annotated[T, metadata...]` annotation declares (`T`, whatever brackets and
    commas it holds: `Annotated[dict[str, int], Depends(f)]`); other annotations unchanged."""
    head, args = subscript(annotation.strip())
    return args[0].strip() if head == "Annotated" and args else annotation


def top_level(text: str, separator: str) -> list[str]:
    """`text` split at `separator` where it is not inside brackets (`Callable[[A, B], C] | None`
    splits at the `|` only; `dict[str, int], None` at the second comma only)."""
    parts, depth, start = [], 0, 0
    for index, char in enumerate(text):
        if char == "[":
            depth += 1
        elif char == "]":
            depth -= 1
        elif char == separator and depth == 0:
            parts.append(text[start:index])
            start = index + 1
    return parts + [text[start:]]


_GENERATORS = frozenset({"AsyncIterator", "AsyncGenerator", "Iterator", "Generator", "AsyncIterable", "Iterable"})


def _generator_item(annotation: str) -> str:
    """The yielded type of a generator annotation (`AsyncIterator[Connection]`,
    `Generator[Session, None, None]`), or ""."""
    head, args = subscript(annotation.strip().strip("'\""))
    return args[0].strip() if args and head.rsplit(".", 1)[-1] in _GENERATORS else ""


def _text(value: object) -> bool:
    """A string literal or an f-string: what a `/` divides a path by (no number divides by text)."""
    return isinstance(value, str) or isinstance(value, dict) and "fstring" in value
