"""The types of bound values and of what calls return, entered or not: the part of the `Resolver`
(model/resolve.py) that follows a value to the call or import that made it."""
from __future__ import annotations

from ..facts.types import ArgValue, FunctionFacts, ImportFact, ModuleFacts
from ..knowledge.factories import CONTEXT_MANAGER_ANNOTATIONS, ENTERED_AS, FACTORY_RETURNS
from .annotation_text import callable_param_result, generator_item
from .resolved_types import MAX_DEPTH, Type
from .symbols import resolve_relative


class ValueTypes:
    """Mixed into `Resolver`, whose names, chains and attributes these methods resolve through."""

    def type_of_value(self, facts: ModuleFacts, func: FunctionFacts | None, value: ArgValue, depth: int,
                      annotation: str = "") -> Type:
        found = self._type_of_value(facts, func, value, depth, annotation)
        if found is None and isinstance(value, dict) and value.get("declared") and depth <= MAX_DEPTH:
            return self.instance_of_annotation(facts, value["declared"], depth)  # the variable's own annotation
        return found

    def _type_of_value(self, facts: ModuleFacts, func: FunctionFacts | None, value: ArgValue, depth: int,
                       annotation: str = "") -> Type:
        if annotation:
            found = self.instance_of_annotation(facts, annotation, depth)
            if found is not None:
                return found
        if not isinstance(value, dict) or depth > MAX_DEPTH:
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
        if outer is None and depth <= MAX_DEPTH:
            return self._method_of_result(facts, func, value, depth)
        if site is None or depth > MAX_DEPTH:
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
        if depth > MAX_DEPTH or not any(d.func.rsplit(".", 1)[-1] in ("contextmanager", "asynccontextmanager")
                                         for d in func.decorators):
            return None
        for value in func.extra.get("yield_values", ()):
            found = self.type_of_value(facts, func, value, depth + 1)
            if found is not None:
                return found
        yielded = generator_item(func.returns)  # `-> AsyncIterator[asyncpg.Connection]` says what it yields
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
        if found is None or found[0] != "instance" or depth > MAX_DEPTH:
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


def _text(value: object) -> bool:
    """A string literal or an f-string: what a `/` divides a path by (no number divides by text)."""
    return isinstance(value, str) or isinstance(value, dict) and "fstring" in value
