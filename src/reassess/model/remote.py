"""Functions whose body runs outside the analysed process: decorated to execute remotely
(`@modal_app.function(...)`, `@ray.remote`), and the functions defined inside them. What such
a body does (run tool code, read local files) happens in the sandbox built for it."""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..knowledge.remote import REMOTE_EXECUTION

if TYPE_CHECKING:
    from .project import ProjectModel


def remote_functions(model: "ProjectModel") -> frozenset[str]:
    """fq of every function shipped to run remotely, with those nested in it. Memoised per run."""
    def build() -> frozenset[str]:
        from .resilience.guards import resolved_name
        out: set[str] = set()
        for fq, facts, func in model.iter_functions():
            # a decorator is evaluated where the function is defined: the enclosing function's scope
            outer = model.functions.get(fq.rsplit(".<locals>.", 1)[0]) if func.is_nested else None
            scope = outer[1] if outer else None
            if any(resolved_name(model, facts, scope, d.func) in REMOTE_EXECUTION for d in func.decorators):
                out.add(fq)
                out.update(model.nested_in(fq))
        return frozenset(out)
    return model.memo("remote.functions", build)
