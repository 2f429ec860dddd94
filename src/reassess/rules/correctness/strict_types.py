"""Strict types of names, attribute chains and values: a receiver's type only when it is
proved (no union, no rebinding, no shadowing by a loop variable, a function-level import or
a closure), so that rules saying "this call cannot bind" never rest on a guess.

Unknown stays unknown: every lookup returns None rather than guess.
"""
from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

from ...facts.types import KEPT_RETURNS, ArgValue, Decorator, FunctionFacts, ModuleFacts
from ...knowledge.descriptors import DESCRIPTOR_TYPES
from ...model.depends import param_providers
from ...model.origins import is_static_method
from ...model.resolve import subscript, top_level

if TYPE_CHECKING:
    from ...model.project import ProjectModel

Type = tuple[str, str] | None
_MAX_DEPTH = 10
_MODULE_LEVEL = object()  # a name the function does not bind: look it up in the module
# Decorators that return the function itself or a wrapper with the same parameters.
TRANSPARENT_DECORATORS = frozenset({
    "staticmethod", "classmethod", "abstractmethod", "abc.abstractmethod", "override", "typing.override",
    "typing_extensions.override", "final", "typing.final", "functools.wraps", "wraps", "functools.lru_cache",
    "lru_cache", "functools.cache", "cache",
})
# Framework registration decorators that return the function unchanged.
_REGISTERING = frozenset({"get", "post", "put", "patch", "delete", "head", "options", "api_route", "route",
                          "websocket", "websocket_route", "exception_handler", "on_event", "middleware"})


def transparent(decorator: Decorator) -> bool:
    name = decorator.func
    if name in TRANSPARENT_DECORATORS:
        return True
    parts = name.split(".")
    return decorator.is_call and len(parts) >= 2 and parts[-1] in _REGISTERING


def all_transparent(func: FunctionFacts) -> bool:
    return all(transparent(d) for d in func.decorators)


def is_union(annotation: str) -> bool:
    """`A | B` or `Union[A, B]` with more than one non-None member."""
    text = annotation.replace(" ", "").strip("'\"")
    head, args = subscript(text)
    if head in ("Optional", "typing.Optional"):
        return False
    members = args if head in ("Union", "typing.Union") else top_level(text, "|")
    return len([m for m in members if m not in ("None", "")]) > 1


class LocalBindings:
    """Which names a function binds itself (loop targets, function-level imports) or reads
    from an enclosing function; indexed once per function or module, since every name
    lookup asks."""

    def __init__(self) -> None:
        self._loops: dict[int, set[str]] = {}  # id(function facts) -> its loop target names
        self._local_imports: dict[str, dict[str, list[int]]] = {}  # module -> name -> import lines

    def loop_names(self, func: FunctionFacts) -> set[str]:
        found = self._loops.get(id(func))
        if found is None:
            found = self._loops[id(func)] = _loop_targets(func)
        return found

    def imported_in(self, facts: ModuleFacts, func: FunctionFacts, name: str) -> bool:
        """`name` is bound by an import inside the function's lines."""
        index = self._local_imports.get(facts.module)
        if index is None:
            index = self._local_imports[facts.module] = {}
            for imp in facts.imports:
                if imp.in_function:
                    index.setdefault(imp.bound, []).append(imp.line)
        return any(func.line <= line <= func.end_line for line in index.get(name, ()))

    def bound_in_enclosing(self, facts: ModuleFacts, func: FunctionFacts, name: str) -> FunctionFacts | None:
        """The nearest enclosing function that binds `name` (None when none does)."""
        qual = func.qualname
        while ".<locals>." in qual:
            qual = qual.rsplit(".<locals>.", 1)[0]
            outer = facts.functions.get(qual)
            if outer and (name in outer.local_types or any(p.name == name for p in outer.params)
                          or name in self.loop_names(outer) or (name in ("self", "cls") and outer.class_name)):
                return outer
        return None


class StrictTypes:
    """Proved types over one model, memoised per run (the wrong-call, unawaited-coroutine
    and missing-attribute rules ask for the same names and members)."""

    def __init__(self, model: "ProjectModel") -> None:
        self.model = model
        self.resolver = model.resolver
        self.scopes = LocalBindings()
        self._names: dict[tuple[int, int, str, int], Type] = {}  # see `name_type`
        self._members: dict[tuple[str, str, bool, int], Type] = {}  # see `attribute_type`

    def proves_target(self, facts: ModuleFacts, func: FunctionFacts | None, chain: tuple[str, ...],
                      target_fq: str, callee: str = "") -> Type:
        """The receiver's type when the call `chain(...)` provably runs `target_fq` (("module", "")
        for a plain name), else None. `callee` is the dotted inner call of `Repo(session).save(...)`
        (chain `("()", "save")`): a class called there makes an instance of exactly that class; a
        member of a call's proved result (`container(request).commands.resolve_ack(...)`, chain
        `("()", "commands", "resolve_ack")`) is typed like any attribute of it."""
        if len(chain) == 1:
            return ("module", "") if self.name_type(facts, func, chain[0], 0) == ("function", target_fq) else None
        if chain[0] == "()":
            receiver = self._constructed(facts, func, callee) if len(chain) == 2 \
                else self._member_of_result(facts, func, callee, chain[1:-1])
        else:
            receiver = self.chain_type(facts, func, chain[:-1])
        if receiver is None:
            return None
        if receiver[0] == "module":
            return receiver if self.dotted_type(f"{receiver[1]}.{chain[-1]}", 0) == ("function", target_fq) else None
        if receiver[0] not in ("instance", "class"):
            return None
        for cls_fq in self.model.mro(receiver[1]):
            if f"{cls_fq}.{chain[-1]}" in self.model.functions:
                return receiver if f"{cls_fq}.{chain[-1]}" == target_fq else None
        return None

    def _constructed(self, facts: ModuleFacts, func: FunctionFacts | None, callee: str) -> Type:
        """The instance a call of the dotted `callee` makes when it names a project class, else None."""
        made = self.chain_type(facts, func, tuple(callee.split("."))) if callee else None
        return ("instance", made[1]) if made is not None and made[0] == "class" else None

    def _member_of_result(self, facts: ModuleFacts, func: FunctionFacts | None, callee: str,
                          attrs: tuple[str, ...]) -> Type:
        """The type of `callee(...).a.b`: the attributes of what the call is proved to return."""
        current = self._called_type(facts, func, {"call": callee}, 1) if callee else None
        for attr in attrs:
            current = self.attribute_type(current, attr, 2)
        return current

    def chain_type(self, facts: ModuleFacts, func: FunctionFacts | None, chain: tuple[str, ...],
                   depth: int = 0) -> Type:
        if not chain or depth > _MAX_DEPTH or "[]" in chain or chain[0] == "()":
            return None
        if "state" in chain[1:-1] and chain[(at := chain.index("state", 1)) - 1] == "app":
            current, chain = self._state_type(chain[at + 1], depth), chain[at + 1:]  # `ws.app.state.hub.x`
        else:
            current = self.name_type(facts, func, chain[0], depth)
        for part in chain[1:]:
            current = self.attribute_type(current, part, depth + 1)
            if current is None:
                return None
        return current

    def _state_type(self, attr: str, depth: int) -> Type:
        """`request.app.state.attr`: the one type every `app.state.attr = value` agrees on."""
        if depth > _MAX_DEPTH:
            return None
        typed = {self.value_type(facts, func, value, depth + 1)
                 for facts, func, value in self.model.state_assigns.get(attr, ()) if value is not None}
        return typed.pop() if len(typed) == 1 else None

    def name_type(self, facts: ModuleFacts, func: FunctionFacts | None, name: str, depth: int) -> Type:
        """The strict type of a name read in `func` (module level when None). Kept per run: the
        wrong-call, unawaited-coroutine and missing-attribute rules ask for the same names."""
        key = (id(facts), id(func), name, depth)
        if key not in self._names:
            self._names[key] = self._name_type(facts, func, name, depth)
        return self._names[key]

    def _name_type(self, facts: ModuleFacts, func: FunctionFacts | None, name: str, depth: int) -> Type:
        if func is not None:
            local = self._local_type(facts, func, name, depth)
            if local is not _MODULE_LEVEL:
                return local
        if name in facts.other_bindings:
            return None
        binding = self.model.bindings.get(facts.module, {}).get(name)
        if binding is None or (binding.kind == "import" and shadows_stdlib(facts, name, binding.target)):
            return None
        if binding.kind == "variable":
            return self._module_variable(facts, name, depth)
        return self.dotted_type(binding.target, depth + 1)

    def _local_type(self, facts: ModuleFacts, func: FunctionFacts, name: str, depth: int) -> Any:
        """The type of a name `func` binds (self, a local, a parameter, a closure's outer
        binding), None when unknowable, or `_MODULE_LEVEL` when the function does not bind it."""
        if name in ("self", "cls") and func.class_name and func.params and func.params[0].name == name:
            return _self_type(facts, func, name)  # (a `for cls in matches:` in a method is a local)
        if name in self.scopes.loop_names(func) or name in func.extra.get("rebound", ()) \
                or self.scopes.imported_in(facts, func, name):
            return None
        if name in func.local_types:
            return self.value_type(facts, func, func.local_types[name], depth + 1)
        param = next((p for p in func.params if p.name == name), None)
        if param is not None:
            if not param.annotation and param.default_call.rsplit(".", 1)[-1] == "Depends":
                return self._provided_type(facts, func, param, depth)
            return self._annotation_type(facts, param.annotation, depth)
        if func.is_nested and (outer := self.scopes.bound_in_enclosing(facts, func, name)) is not None:
            # a closure reads the enclosing binding: proved only when the inner function
            # cannot rebind it (`nonlocal`) and the outer binds it once
            if name in func.extra.get("nonlocals", ()) or depth >= _MAX_DEPTH:
                return None
            return self.name_type(facts, outer, name, depth + 1)
        return _MODULE_LEVEL

    def _provided_type(self, facts: ModuleFacts, func: FunctionFacts, param: Any, depth: int) -> Type:
        """An unannotated `services=Depends(get_services)`: what the one provider returns (an
        instance of the class named, or what the plain function is proved to return)."""
        providers = param_providers(self.model, facts, func, param)
        if len(providers) != 1 or depth > _MAX_DEPTH:
            return None
        if providers[0] in self.model.classes:
            return ("instance", providers[0])
        return self._return_type(providers[0], depth + 1) if providers[0] in self.model.functions else None


    def _module_variable(self, facts: ModuleFacts, name: str, depth: int) -> Type:
        assign = facts.assigns[name]
        if name in facts.extra.get("checker_only", ()):
            return None  # declared under `if TYPE_CHECKING:`: at run time another object (a proxy) or none
        if assign.annotation:
            return self._annotation_type(facts, assign.annotation, depth)
        found = self.value_type(facts, None, assign.value, depth + 1)
        for value in facts.extra.get("rebinds", {}).get(name, ()):
            if self.value_type(facts, None, value, depth + 1) != found:
                return None  # bound to another type elsewhere (another branch): not one strict type
        return found

    def dotted_type(self, dotted: str, depth: int) -> Type:
        model = self.model
        if depth > _MAX_DEPTH:
            return None
        if dotted in model.modules:
            return ("module", dotted)
        if dotted in model.classes:
            return ("class", dotted)
        if dotted in model.functions:
            return ("function", dotted)
        module, _, name = dotted.rpartition(".")
        if module in model.modules:
            facts = model.modules[module]
            binding = model.bindings[module].get(name)
            if binding is None or name in facts.other_bindings:
                return None
            if binding.kind == "variable":
                return self._module_variable(facts, name, depth)
            if binding.kind == "import" and binding.target != dotted:
                return self.dotted_type(binding.target, depth + 1)
            return None
        return self.resolver.type_of_dotted(dotted, depth)

    def attribute_type(self, base: Type, attr: str, depth: int) -> Type:
        if base is None:
            return None
        kind, name = base
        if kind == "module":
            return self.dotted_type(f"{name}.{attr}", depth + 1)
        if kind in ("instance", "class"):
            key = (name, attr, kind == "instance", depth)
            if key not in self._members:  # every call on `self.dm` asks again
                self._members[key] = self._member_type(*key)
            return self._members[key]
        return None  # external objects: their attributes are not ours to type strictly

    def _member_type(self, class_fq: str, attr: str, instance: bool, depth: int) -> Type:
        """The one type every definition of `attr` in the class agrees on, else None."""
        model = self.model
        found: set[tuple[str, str]] = set()
        for cls_fq in model.mro(class_fq):
            module, cls = model.classes[cls_fq]
            if f"{cls_fq}.{attr}" in model.functions:
                return None  # a method or property: its result is not typed here
            if attr in cls.annotations:
                typed = self._annotation_type(module, cls.annotations[attr], depth)
                if typed is None:
                    return None
                found.add(typed)
            values = [(None, cls.class_attrs[attr])] if attr in cls.class_attrs else []
            values += [(method, method.self_attrs[attr])
                       for _, _, method in model.self_attr_writers(cls_fq).get(attr, ())]
            for func, value in values:
                if value is None:
                    continue  # `self.x = None` before the real value
                typed = self.value_type(module, func, value, depth + 1)
                if typed is None or func is None and typed[0] == "instance" and self._descriptor(typed[1]):
                    return None  # a descriptor class attribute reads as what its `__get__` returns
                found.add(typed)
        return found.pop() if len(found) == 1 else None

    def value_type(self, facts: ModuleFacts, func: FunctionFacts | None, value: ArgValue, depth: int) -> Type:
        found = self._value_type(facts, func, value, depth)
        if found is None and isinstance(value, dict) and value.get("declared") and depth <= _MAX_DEPTH:
            return self._annotation_type(facts, value["declared"], depth)  # the variable's own annotation
        return found

    def _value_type(self, facts: ModuleFacts, func: FunctionFacts | None, value: ArgValue, depth: int) -> Type:
        if not isinstance(value, dict) or depth > _MAX_DEPTH:
            return None
        if "ann" in value:
            return self._annotation_type(facts, value["ann"], depth)
        if "ref" in value:
            found = self.chain_type(facts, func, tuple(value["ref"].split(".")), depth + 1)
            return self._entered(found, depth) if value.get("entered") else found
        if "or" in value:  # `x or Default()`: known when every alternative but None agrees
            typed = {self.value_type(facts, func, item, depth + 1) for item in value["or"] if item is not None}
            return typed.pop() if len(typed) == 1 else None
        if value.get("call"):
            return self._called_type(facts, func, value, depth)
        return None

    def _called_type(self, facts: ModuleFacts, func: FunctionFacts | None, value: dict, depth: int) -> Type:
        """`f(...)`: an instance of a project class or what a project function returns; in
        `with f() as x`, what that instance's `__enter__` returns."""
        chain = tuple(value["call"].split("."))
        callee = self.chain_type(facts, func, chain, depth + 1)
        if callee is None and len(chain) > 1:
            callee = self._factory(facts, func, chain, depth + 1)  # `Services.build(...)`
        if callee is None and len(chain) > 1 and not value.get("entered"):
            return self._method_result(facts, func, chain, depth + 1)  # `self._service(session)`
        if callee and callee[0] == "class":
            if not self.constructs(callee[1]):
                return None
            found = ("instance", callee[1])
            return self._entered(found, depth) if value.get("entered") else found
        if callee and callee[0] == "function" and not value.get("entered"):
            return self._return_type(callee[1], depth + 1)
        return None

    def _factory(self, facts: ModuleFacts, func: FunctionFacts | None, chain: tuple[str, ...], depth: int) -> Type:
        """`Cls.build` where `build` is a class or static method of a project class: the method,
        whose declared return type types the call (methods are not typed as members)."""
        owner = self.chain_type(facts, func, chain[:-1], depth + 1)
        if owner is None or owner[0] != "class":
            return None
        method = self.model.method_of(owner[1], chain[-1])
        return ("function", method) if method and is_static_method(self.model.functions[method][1]) else None

    def _method_result(self, facts: ModuleFacts, func: FunctionFacts | None, chain: tuple[str, ...],
                       depth: int) -> Type:
        """`obj.method(...)` on a proved project instance whose method declares it returns one project
        class (`def _flag_service(self, session) -> FlagService`): an instance of that class. Methods
        are not typed as members, so this is the one way a call of one types its result. Strict: the
        annotation is a plain class name (no union, Optional or generic), no project subclass of the
        receiver overrides the method (another body may return something else), and the returned class
        has no project subclasses and is no protocol or abstract base (other implementers may come back)."""
        owner = self.chain_type(facts, func, chain[:-1], depth + 1)
        method = self.model.method_of(owner[1], chain[-1]) if owner and owner[0] == "instance" else ""
        if not method or any(f"{sub}.{chain[-1]}" in self.model.functions for sub in self.model.subclasses(owner[1])):
            return None
        returns = self.model.functions[method][1].returns.strip()
        if not returns or not all(part.isidentifier() for part in returns.split(".")):
            return None
        found = self._return_type(method, depth + 1)
        if not found or found[0] != "instance" or self.model.subclasses(found[1]) or _abstract(self.model, found[1]):
            return None
        return found

    def _descriptor(self, class_fq: str) -> bool:
        """The project class is a descriptor: it or a project base defines `__get__`, or it derives
        from one outside the project (`class Setting(property)`, `functools.cached_property`), so as
        a class attribute it is never what an instance or the class hands back."""
        if self.model.method_of(class_fq, "__get__"):
            return True
        return any(base in DESCRIPTOR_TYPES for base in self.model.inherited_library_bases(class_fq))

    def constructs(self, class_fq: str) -> bool:
        """Calling the class returns an instance of it: no project `__new__` in its MRO, or one
        declared to return the class itself (`-> Self`, `-> "Cls"`) or, undeclared, returning only
        what it keeps on the class (`cls._instance`, a singleton). A `__new__` that builds and
        returns another class's object (a factory: `def __new__(cls, db) -> BaseWallet`) makes
        `Cls(...)` that other object, whose members prove nothing about `Cls`."""
        new = self.model.method_of(class_fq, "__new__")
        if not new or new not in self.model.functions:
            return True
        facts, func = self.model.functions[new]
        declared = func.returns.strip().strip("'\"")
        if declared:
            name = class_fq.rpartition(".")[2]
            return declared.rpartition(".")[2] in ("Self", name) or \
                self._annotation_type(facts, declared, 0) == ("instance", class_fq)
        refs = [v.get("ref", "") for v in func.returns_values if isinstance(v, dict)]
        return bool(refs) and len(refs) == len(func.returns_values) and all(
            ref == "cls" or ref.startswith("cls.") for ref in refs)

    def _entered(self, found: Type, depth: int) -> Type:
        """`with obj as x`: x is what the project class's own `__enter__` returns (itself when it
        says `return self`); unknown for any other context manager."""
        if not found or found[0] != "instance":
            return None
        enter = self.model.method_of(found[1], "__enter__")
        return self._return_type(enter, depth + 1) if enter else None

    def returned_instance(self, function_fq: str) -> str:
        """The project class a plain (not async) project function is proved to return an
        instance of (`def _service(...) -> TimesheetService`), or ""."""
        if function_fq not in self.model.functions:
            return ""
        found = self._return_type(function_fq, 0)
        return found[1] if found and found[0] == "instance" else ""

    def _return_type(self, function_fq: str, depth: int) -> Type:
        facts, func = self.model.functions[function_fq]
        if func.is_async or func.has_yield or not all_transparent(func):
            return None
        if func.returns:
            return self._annotation_type(facts, func.returns, depth)
        types = {self.value_type(facts, func, v, depth + 1) for v in func.returns_values}
        return types.pop() if len(types) == 1 and len(func.returns_values) < KEPT_RETURNS else None

    def _annotation_type(self, facts: ModuleFacts, annotation: str, depth: int) -> Type:
        annotation = _annotated_base(annotation)
        if not annotation or is_union(annotation) or "[" in annotation.removeprefix("Optional["):
            return None
        found = self.resolver.instance_of_annotation(facts, annotation, depth)
        if not found or found[0] != "instance" or self._factory_only(found[1]):
            return None
        return found

    def _factory_only(self, class_fq: str) -> bool:
        """A class whose methods are all static or class methods, with no base: a namespace of
        factories (`Clients.create()` returns another class's object) that nobody instantiates,
        so a parameter annotated with it holds something else and its methods prove nothing."""
        _, cls = self.model.classes[class_fq]
        if cls.annotations:  # declared fields (a dataclass built by its own `build()`): a record, not a namespace
            return False
        methods = [self.model.functions.get(f"{class_fq}.{name}") for name in cls.methods]
        return bool(methods) and not cls.bases and all(m is not None and is_static_method(m[1]) for m in methods)


def _abstract(model: "ProjectModel", class_fq: str) -> bool:
    """A protocol or abstract base: what is declared to come back is some other implementer."""
    _, cls = model.classes[class_fq]
    return any(base.rsplit(".", 1)[-1] in ("Protocol", "ABC") or base.startswith(("Protocol[", "typing.Protocol["))
               for base in cls.bases)


def _annotated_base(annotation: str) -> str:
    """`T` for `Annotated[T, Depends(...)]`: the metadata never changes the declared type."""
    head, args = subscript(annotation.strip())
    return args[0].strip() if head in ("Annotated", "typing.Annotated") and len(args) > 1 else annotation


def shadows_stdlib(facts: ModuleFacts, name: str, target: str) -> bool:
    """An absolute import of a standard-library name that a project file also has (`import
    typing` with a `typing.py` at the analysed root): which one runs depends on sys.path."""
    if target.split(".")[0] not in sys.stdlib_module_names:
        return False
    return any(imp.bound == name and imp.level == 0 and not imp.in_function for imp in facts.imports)


def _loop_targets(func: FunctionFacts) -> set[str]:
    names: set[str] = set()
    for info in func.extra.get("loops", {}).values():
        target = info.get("target", "") if isinstance(info, dict) else ""
        names.update(t.split(".")[0] for t in target.split(",") if t)
    return names


def _self_type(facts: ModuleFacts, func: FunctionFacts, name: str) -> Type:
    """`self` (or `cls`) of a method: an instance of (or the) class it is defined in."""
    if func.params and func.params[0].name == name and func.params[0].annotation:
        return None  # `self: SomeProtocol`: the method declares what it relies on
    return ("class" if name == "cls" else "instance", f"{facts.module}.{func.class_name}")
