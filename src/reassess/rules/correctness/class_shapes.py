"""Class shapes: whether every attribute of a project class is known (its project MRO, the
names it and its bases define, no dynamic members), and the hierarchy questions a rule
asks before saying an attribute is missing (subclasses, overrides, borrowed methods).

Kept apart from the strict typing of names: a shape depends only on class definitions,
never on how a receiver got its type.
"""
from __future__ import annotations

import abc
import builtins
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterator

from ...facts.types import CallSite, ClassFacts, FunctionFacts, ModuleFacts
from ...model.origins import is_static_method

if TYPE_CHECKING:
    from ...model.project import Edge, ProjectModel

_CLASS_DECORATORS = frozenset({"dataclass", "dataclasses.dataclass", "functools.total_ordering", "total_ordering"})
_OPEN_EXTERNAL = frozenset({"builtins.type"})  # a metaclass base: members come from elsewhere
_CLOSED_EXTERNAL = frozenset({"builtins.object", "typing.Generic", "typing_extensions.Generic", "abc.ABC"})
# Members that add attributes we cannot see (`__init_subclass__` may set them on subclasses).
_DYNAMIC_MEMBERS = frozenset({"__getattr__", "__getattribute__", "__init_subclass__"})


@dataclass
class ClassShape:
    """A class whose members are all known: its project MRO and the names it defines."""

    fq: str
    mro: list[str]
    members: set[str] = field(default_factory=set)
    builtin_bases: list[str] = field(default_factory=list)
    dataclass: bool = False
    abstract: bool = False  # derives from abc.ABC, whose metaclass adds `register` and friends


class ClassShapes:
    """Shapes and hierarchy facts of the project classes, each computed once per run."""

    def __init__(self, model: "ProjectModel") -> None:
        self.model = model
        self.resolver = model.resolver
        self._shapes: dict[str, ClassShape | None] = {}
        self._children: dict[str, list[str]] | None = None
        self._borrowed: set[str] | None = None  # see `borrowed`

    def shape(self, class_fq: str) -> ClassShape | None:
        if class_fq not in self._shapes:
            self._shapes[class_fq] = None  # guards recursion through odd hierarchies
            self._shapes[class_fq] = self._build_shape(class_fq)
        return self._shapes[class_fq]

    def _build_shape(self, class_fq: str) -> ClassShape | None:
        model = self.model
        shape = ClassShape(class_fq, model.mro(class_fq))
        for cls_fq in shape.mro:
            facts, cls = model.classes[cls_fq]
            if cls.keywords or not all(d.func in _CLASS_DECORATORS for d in cls.decorators):
                return None
            shape.dataclass = shape.dataclass or bool(cls.decorators)
            for base in cls.bases:
                kind = self._base_kind(facts, base)
                if kind is None:
                    return None
                if kind.startswith("builtins.") and kind != "builtins.object":
                    shape.builtin_bases.append(kind[len("builtins."):])
                shape.abstract = shape.abstract or kind == "abc.ABC"
            if not self._add_members(shape, cls_fq):
                return None
        return shape

    def _base_kind(self, facts: ModuleFacts, base: str) -> str | None:
        """"project", a closed external dotted name, or None for a base we cannot see into."""
        head = base.removesuffix(".[]")
        if not head or "[]" in head:
            return None
        found = self.resolver.type_of_chain(facts, None, tuple(head.split(".")))
        if found and found[0] == "class":
            return "project"
        if not found or found[0] != "ext" or found[1] in _OPEN_EXTERNAL:
            return None
        if found[1] in _CLOSED_EXTERNAL:
            return found[1]
        name = found[1].removeprefix("builtins.")
        if found[1].startswith("builtins.") and isinstance(getattr(builtins, name, None), type):
            return found[1]
        return None

    def _add_members(self, shape: ClassShape, cls_fq: str) -> bool:
        model = self.model
        _, cls = model.classes[cls_fq]
        if _DYNAMIC_MEMBERS & set(cls.methods):
            return False
        shape.members.update(cls.methods, cls.class_attrs, cls.annotations)
        slots = cls.class_attrs.get("__slots__")
        if isinstance(slots, list):
            shape.members.update(s for s in slots if isinstance(s, str))
        prefix = cls.qualname + "."
        module = model.classes[cls_fq][0]
        shape.members.update(q[len(prefix):] for q in module.classes
                             if q.startswith(prefix) and "." not in q[len(prefix):])
        for func in _method_bodies(module, cls):
            if any(_sets_attributes_dynamically(site.func, site.args) or _super_setattr(site) for site in func.calls):
                return False
            shape.members.update(func.self_attrs)
        return True

    def has_member(self, shape: ClassShape, name: str, instance: bool) -> bool:
        if name in shape.members or name in dir(object):
            return True
        if any(hasattr(getattr(builtins, base), name) for base in shape.builtin_bases):
            return True
        if shape.dataclass and name in ("__dataclass_fields__", "__dataclass_params__", "__match_args__"):
            return True
        if not instance and shape.abstract and hasattr(abc.ABCMeta, name):
            return True
        return not instance and name in dir(type)

    def children(self) -> dict[str, list[str]]:
        """Direct project subclasses of every project class."""
        if self._children is None:
            self._children = {}
            for cls_fq in sorted(self.model.classes):
                for base in self.model.mro(cls_fq)[1:]:
                    self._children.setdefault(base, []).append(cls_fq)
        return self._children

    def subclass_defines(self, class_fq: str, name: str) -> bool:
        """A project subclass defines `name`, or may through bases we cannot see (a mixin or
        abstract base calling what its subclasses add)."""
        for sub in self.children().get(class_fq, ()):
            if self.shape(sub) is None:
                return True
            _, cls = self.model.classes[sub]
            if name in cls.methods or name in cls.class_attrs or name in cls.annotations \
                    or self.has_member(self.shape(sub), name, True):  # or another base of the subclass
                return True
            for method in cls.methods:
                found = self.model.functions.get(f"{sub}.{method}")
                if found and name in found[1].self_attrs:
                    return True
        return False

    def borrowed(self, class_fq: str) -> bool:
        """Some method of the class is called unbound with a foreign first argument
        (`Helpers.render(self, ...)` from a class outside its hierarchy): its `self` may be
        any object, so what `self` lacks proves nothing."""
        if self._borrowed is None:
            self._borrowed = set()
            for caller, _, _, edge in call_edges(self.model):
                owner = edge.target.name.rpartition(".")[0]
                if edge.target.kind == "function" and owner in self.model.classes \
                        and _unbound_call(edge.site, owner) and self._instance_method(edge.target.name) \
                        and not self._within(caller, owner):
                    self._borrowed.add(owner)
        return class_fq in self._borrowed

    def _instance_method(self, fq: str) -> bool:
        found = self.model.functions.get(fq)
        return found is not None and not is_static_method(found[1])

    def _within(self, caller: str, class_fq: str) -> bool:
        """The caller is a method of the class or of one of its subclasses."""
        owner = caller.rpartition(".")[0]
        return owner in self.model.classes and class_fq in self.model.mro(owner)

    def overrides(self, class_fq: str, name: str) -> list[str]:
        """fq of methods named `name` defined in project subclasses of `class_fq`."""
        out = []
        for sub in self.children().get(class_fq, ()):
            fq = f"{sub}.{name}"
            if fq in self.model.functions and fq not in out:
                out.append(fq)
        return out


def _sets_attributes_dynamically(func: tuple[str, ...] | None, args: tuple) -> bool:
    """`setattr(self, ...)`, `object.__setattr__(self, ...)`, `self.__dict__.update(...)`."""
    if not func:
        return False
    if func[:2] == ("self", "__dict__"):
        return True
    first = args[0] if args else None
    on_self = isinstance(first, dict) and first.get("ref") == "self"
    return on_self and func in (("setattr",), ("object", "__setattr__"), ("vars",))


def _super_setattr(site: CallSite) -> bool:
    """`super().__setattr__("f", fn)`: the base class's setter, the usual way round a class's own
    `__setattr__`, stores the attribute where the class's does not see it."""
    return site.func == ("()", "__setattr__") and (site.callee_is_call or "").rpartition(".")[2] == "super"


def call_edges(model: "ProjectModel") -> Iterator[tuple[str, ModuleFacts, FunctionFacts | None, Edge]]:
    """Every resolved call site with its caller's facts: function bodies, then module level
    (listed once per run: three rules walk all of them)."""
    def build() -> list[tuple[str, ModuleFacts, FunctionFacts | None, Edge]]:
        out = [(fq, facts, func, edge) for fq, facts, func in model.iter_functions()
               for edge in model.edges.get(fq, ())]
        out += [(module, model.modules[module], None, edge) for module in sorted(model.module_edges)
                for edge in model.module_edges[module]]
        return out
    return iter(model.memo("correctness.call_edges", build))


def _unbound_call(site: CallSite, class_fq: str) -> bool:
    """`Cls.method(obj, ...)`: a method called through its class with an explicit first argument."""
    return len(site.func) >= 2 and site.func[-2] == class_fq.rpartition(".")[2] and bool(site.args)


def _method_bodies(module: ModuleFacts, cls: ClassFacts) -> list[FunctionFacts]:
    """Every body of the class's methods, redefinitions included: a property's setter and deleter
    (`@_parent.setter def _parent(...)`) are kept under `Class.name@line`, and the attributes they
    assign (`self._parent_ref = ...`) are the instance's as much as those `__init__` assigns."""
    prefix = cls.qualname + "."
    methods = set(cls.methods)
    return [func for qualname, func in module.functions.items() if qualname.startswith(prefix)
            and qualname[len(prefix):].split("@", 1)[0] in methods]

