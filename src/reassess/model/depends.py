"""FastAPI dependencies: which providers a handler's `Depends(...)` chains run.

Sources: parameter defaults (`dm = Depends(get_db)`), `Annotated[T, Depends(p)]` written
inline or through a module alias (`SessionDep = Annotated[Session, Depends(get_db)]`),
`Depends()` without arguments (the annotated class), and `dependencies=[Depends(p)]` lists
on decorators, routers, include_router calls and the app. Providers' own parameters are
followed, so the result is the whole chain FastAPI resolves before the handler runs.
"""
from __future__ import annotations

import ast
from typing import TYPE_CHECKING, Any

from ..facts.types import FunctionFacts, ModuleFacts, Param
from .resolve import annotated_type

if TYPE_CHECKING:
    from .origins import Origins
    from .project import ProjectModel

_DEPENDS = ("Depends", "Security")
_MAX_PROVIDERS = 64


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

    def chain(self, roots: list[str]) -> list[str]:
        """Providers reachable from the given providers/handlers (breadth first, each once),
        excluding the roots that are handlers themselves."""
        seen: list[str] = []
        queue = list(roots)
        while queue and len(seen) < _MAX_PROVIDERS:
            current = queue.pop(0)
            for provider in self.direct(current):
                if provider not in seen:
                    seen.append(provider)
                    queue.append(provider)
        return seen

    def direct(self, fq: str) -> list[str]:
        """Providers named in one function's parameters (or a class's `__init__`)."""
        if fq in self.model.classes:
            fq = f"{fq}.__init__"
        if fq not in self._direct:
            self._direct[fq] = self._scan(fq) if fq in self.model.functions else []
        return self._direct[fq]

    def _scan(self, fq: str) -> list[str]:
        facts, func = self.model.functions[fq]
        found: list[str] = []
        for param in func.params:
            for provider in self.of_param(facts, func, param):
                if provider not in found:
                    found.append(provider)
        return found

    def of_param(self, facts: ModuleFacts, func: FunctionFacts, param: Param) -> list[str]:
        if _is_depends(param.default_call):
            if param.default_args:
                return self._resolve(facts, None, param.default_args[0])
            return self._annotated_class(facts, param.annotation)
        if param.annotation.startswith("Annotated["):
            return self._inline_annotated(facts, param.annotation)
        return self._alias(facts, param.annotation)

    def of_list(self, scope: str, value: Any) -> list[str]:
        """Providers in a `dependencies=[Depends(a), Security(b)]` value seen in `scope`."""
        if not isinstance(value, dict) or "items" not in value:
            return []
        facts, func = self.origins.scope_facts(scope)
        found: list[str] = []
        for item in value["items"]:
            if not (isinstance(item, dict) and _is_depends(item.get("call", ""))):
                continue
            edge = self.origins.edge_at(scope, item.get("line", 0), item["call"])
            if edge is not None and edge.site.args:
                found += [p for p in self._resolve(facts, func, edge.site.args[0]) if p not in found]
        return found

    # ----- helpers --------------------------------------------------------------------------
    def _resolve(self, facts: ModuleFacts, func: FunctionFacts | None, value: Any) -> list[str]:
        found = self.model.resolver.type_of_value(facts, func, value, 1)
        if found and found[0] in ("function", "class"):
            return [found[1]]
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
