"""Which project methods a call through a base class or a protocol may run: the overrides
(class hierarchy) and the structural implementations (a class defining all of a protocol's
methods). Reachability (`forward`) and the origins of returned values both follow them."""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .project import ProjectModel


def overrides_of(model: "ProjectModel") -> dict[str, list[str]]:
    """Base method fq -> the project methods overriding it (calls through the base type may run them)."""
    def build() -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        for cls_fq, (_facts, cls) in sorted(model.classes.items()):
            for base in model.mro(cls_fq)[1:]:
                for method in cls.methods:
                    if f"{base}.{method}" in model.functions:
                        found.setdefault(f"{base}.{method}", []).append(f"{cls_fq}.{method}")
        _add_structural(model, found)
        return found
    return model.memo("overrides", build)


def _add_structural(model: "ProjectModel", found: dict[str, list[str]]) -> None:
    """Add the methods of each class defining all of a project protocol's methods."""
    protocols = protocol_classes(model)
    if not protocols:
        return
    classes = [(cls_fq, set(cls.methods)) for cls_fq, (_facts, cls) in sorted(model.classes.items())
               if cls_fq not in protocols]
    for proto, methods in protocols.items():
        ordered = sorted(methods)
        for cls_fq, defined in classes:
            if methods <= defined:
                for method in ordered:
                    found.setdefault(f"{proto}.{method}", []).append(f"{cls_fq}.{method}")


def protocol_classes(model: "ProjectModel") -> dict[str, set[str]]:
    """Project `typing.Protocol` classes that declare methods -> those methods (once per run). A
    class implements one structurally, without naming it as a base: `source.tracking_events(...)`
    typed as the protocol runs the method of every project class that defines all of its methods."""
    def build() -> dict[str, set[str]]:
        return {fq: set(cls.methods) for fq, (_facts, cls) in model.classes.items()
                if cls.methods and any(b.rsplit(".", 1)[-1] == "Protocol" for b in cls.bases)}
    return model.memo("overrides.protocols", build)


def protocol_implementations(model: "ProjectModel") -> dict[str, list[str]]:
    """Protocol method fq -> the methods of the project classes implementing the protocol: what a
    call on a value typed as the protocol (`await job.tick()` on a `Job`) runs. Narrower than
    `overrides_of`, which also fans a call on a base class out to every subclass. A structural match
    (every protocol method defined); `model.resilience.triggers` instead links a protocol to the classes
    whose instances are passed where it is expected, which needs no complete match but a construction seen."""
    def build() -> dict[str, list[str]]:
        protocols = protocol_classes(model)
        return {base: subs for base, subs in overrides_of(model).items() if base.rsplit(".", 1)[0] in protocols}
    return model.memo("overrides.protocol-implementations", build)


def invoked_indirectly(model: "ProjectModel", fq: str) -> bool:
    """Something runs `fq` though no call names it: a call through a base class whose method it
    overrides (`self._on_item_dropped(item)` in the base's loop), or the function handed over as
    a callable (`add_shutdown_callback(partial(dispose, key))`, `fut.add_done_callback(self._done)`)."""
    bases = model.memo("overridden_by", lambda: _overridden_by(model))
    if any(model.callers.get(base) for base in bases.get(fq, ())):
        return True
    return fq in model.memo("handed_over", lambda: _handed_over(model))


def _overridden_by(model: "ProjectModel") -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for base, subs in overrides_of(model).items():
        for sub in subs:
            found.setdefault(sub, []).append(base)
    return found


def _handed_over(model: "ProjectModel") -> frozenset[str]:
    """Functions passed as an argument: nested functions by name in their enclosing function,
    methods as `self.<name>` in a method of their class."""
    out: set[str] = set()
    for fq, (facts, func) in model.functions.items():
        refs = {arg["ref"] for site in func.calls for arg in (*site.args, *site.kwargs.values())
                if isinstance(arg, dict) and isinstance(arg.get("ref"), str)}
        for ref in refs:
            if ref.startswith("self.") and func.class_name:
                out.add(f"{facts.module}.{func.class_name}.{ref[5:]}")
            elif "." not in ref:
                out.add(f"{fq}.<locals>.{ref}")
    return frozenset(out)
