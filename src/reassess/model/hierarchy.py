"""Project classes and their project bases: method resolution order, subclasses, enums and the
attributes each class's methods assign. The resolver asks these for every attribute it follows,
so the answers are kept once the model is built."""
from __future__ import annotations

from collections import deque
from typing import TYPE_CHECKING

from ..facts.types import ClassFacts, FunctionFacts, ModuleFacts
from .derived import DerivedAnalyses
from .symbols import Binding

if TYPE_CHECKING:
    from .resolve import Resolver


class ClassHierarchy(DerivedAnalyses):
    """Class questions over `classes`, resolving written bases with the model's `resolver`."""

    modules: dict[str, ModuleFacts]
    functions: dict[str, tuple[ModuleFacts, FunctionFacts]]
    classes: dict[str, tuple[ModuleFacts, ClassFacts]]
    bindings: dict[str, dict[str, Binding]]
    resolver: Resolver
    _attr_writers: dict[str, dict[str, list[tuple[str, ModuleFacts, FunctionFacts]]]]

    def mro(self, class_fq: str) -> list[str]:
        """The class and its project base classes, depth first, each once. Once the model is
        built the answer is kept per class (rules ask it for every attribute they follow)."""
        known = self.__dict__.get("_mros")
        if known is None:  # still resolving the call graph: base types may not be final yet
            return self._mro(class_fq)
        if class_fq not in known:
            known[class_fq] = self._mro(class_fq)
        return list(known[class_fq])

    def is_enum(self, class_fq: str) -> bool:
        """A project class that is an `Enum` (`class Priority(IntEnum)`, or a subclass of a project
        enum base): a closed set of members, so a key or a count over it is bounded."""
        return any(base.rsplit(".", 1)[-1].endswith("Enum") for cls in self.mro(class_fq) if cls in self.classes
                   for base in self.classes[cls][1].bases)

    def subclasses(self, class_fq: str) -> list[str]:
        """The project classes having `class_fq` among their bases (at any depth), in model order:
        indexed once per run instead of computing every class's mro per question."""
        def build() -> dict[str, list[str]]:
            out: dict[str, list[str]] = {}
            for sub in self.classes:
                for base in self.mro(sub)[1:]:
                    out.setdefault(base, []).append(sub)
            return out
        return self.memo("subclasses", build).get(class_fq, [])

    def classes_named(self, name: str) -> list[str]:
        """The fqs of the project classes whose own name is `name`, in model order: indexed once per
        run, so a type written by its short name is matched without a scan of every class."""
        def build() -> dict[str, list[str]]:
            out: dict[str, list[str]] = {}
            for cls_fq, (_facts, cls) in self.classes.items():
                out.setdefault(cls.name, []).append(cls_fq)
            return out
        return self.memo("classes.by_short_name", build).get(name, [])

    def written_bases(self, class_fq: str) -> list[tuple[str, tuple | None]]:
        """(base as written without its `[...]`, what it resolves to) for each base the class names
        itself: resolved once per class, since the hierarchy's library questions ask for every class."""
        def build() -> dict[str, list[tuple[str, tuple | None]]]:
            out: dict[str, list[tuple[str, tuple | None]]] = {}
            for cls_fq, (facts, cls) in self.classes.items():
                heads = [base.removesuffix(".[]") for base in cls.bases]
                out[cls_fq] = [(head, self.resolver.type_of_chain(facts, None, tuple(head.split("."))) if head else None)
                               for head in heads]
            return out
        return self.memo("hierarchy.written_bases", build).get(class_fq, [])

    def library_bases(self, class_fq: str) -> list[str]:
        """The library classes (`asyncio.TaskGroup`) the project class names as bases itself."""
        return [found[1] for _head, found in self.written_bases(class_fq) if found and found[0] == "ext"]

    def inherited_library_bases(self, class_fq: str) -> list[str]:
        """The library bases of the class and of each project class in its MRO, in MRO order, each
        once (the first wins): what the class is, for every framework and library question that
        looks through project base classes. Kept per class once the MRO answers are final."""
        known = self.__dict__.get("_mros")
        if known is None:  # still resolving the call graph: base types may not be final yet
            return self._inherited_library_bases(class_fq)
        found = self.memo("hierarchy.inherited_library_bases", dict)
        if class_fq not in found:
            found[class_fq] = self._inherited_library_bases(class_fq)
        return list(found[class_fq])

    def _inherited_library_bases(self, class_fq: str) -> list[str]:
        return list(dict.fromkeys(name for above in self.mro(class_fq) for name in self.library_bases(above)))

    def library_subclasses(self, ext_name: str) -> list[str]:
        """The project classes naming the library class `ext_name` as a base themselves, in model order:
        the inverse of `library_bases`, indexed once per run."""
        def build() -> dict[str, list[str]]:
            out: dict[str, list[str]] = {}
            for cls_fq in self.classes:
                for name in self.library_bases(cls_fq):
                    out.setdefault(name, []).append(cls_fq)
            return out
        return self.memo("hierarchy.library_subclasses", build).get(ext_name, [])

    def _mro(self, class_fq: str) -> list[str]:
        order: list[str] = []
        stack = deque([class_fq])
        while stack:
            current = stack.popleft()
            if current in order or current not in self.classes:
                continue
            order.append(current)
            facts, cls = self.classes[current]
            for base in cls.bases:
                if base.startswith("*"):  # `class App(*COMMANDS)`: the mixins a module lists
                    stack.extend(self._listed_classes(facts, base[1:]))
                    continue
                head = base.removesuffix(".[]")  # `Base[T]` is written "Base.[]"
                found = self.resolver.type_of_chain(facts, None, tuple(head.split("."))) if head else None
                if found and found[0] == "class":
                    stack.append(found[1])
        return order

    def _listed_classes(self, facts: ModuleFacts, name: str, depth: int = 0) -> list[str]:
        """The project classes a module-level list or tuple literal names, following imports
        (`from .commands import __all__ as commands`)."""
        binding = self.bindings.get(facts.module, {}).get(name)
        if binding is None or depth > 4:
            return []
        if binding.kind == "import":
            module, _, target = binding.target.rpartition(".")
            found = self.modules.get(module)
            return self._listed_classes(found, target, depth + 1) if found is not None else []
        value = facts.assigns[name].value if binding.kind == "variable" and name in facts.assigns else None
        items = value.get("items") if isinstance(value, dict) else None
        out = []
        for item in items or ():
            ref = item.get("ref") if isinstance(item, dict) else None
            found = self.resolver.type_of_chain(facts, None, tuple(ref.split("."))) if ref else None
            if found and found[0] == "class":
                out.append(found[1])
        return out

    def self_attr_writers(self, class_fq: str) -> dict[str, list[tuple[str, ModuleFacts, FunctionFacts]]]:
        """attr -> (method fq, its module, its facts) of the class's own methods that assign `self.<attr>`, in
        method order. Indexed once per class: the resolver and the value tracers ask for every
        attribute, and scanning all methods each time made attribute lookups O(methods)."""
        found = self._attr_writers.get(class_fq)
        if found is None:
            found = self._attr_writers[class_fq] = {}
            for method in self.classes[class_fq][1].methods:
                fq = f"{class_fq}.{method}"
                entry = self.functions.get(fq)
                for attr in (entry[1].self_attrs if entry is not None else ()):
                    found.setdefault(attr, []).append((fq, entry[0], entry[1]))
        return found
