"""RA229 unnecessary-copy: a deep copy that is only read while nothing can change the original."""
from __future__ import annotations

from typing import Iterator

from ...facts.types import FunctionFacts, ModuleFacts
from ...findings import Finding, Location
from ..api import ProjectContext, Rule, register

_MAX_DEPTH = 4  # hand-offs followed through further functions
# Item types a deep copy leaves shared anyway: nothing can change them in place.
_IMMUTABLE = frozenset({"int", "float", "str", "bytes", "bool", "Decimal", "datetime", "date", "time", "timedelta",
                        "UUID", "None", "complex", "frozenset"})


@register
class DeepcopyOnlyRead(Rule):
    """`snapshot = copy.deepcopy(x)` that is only read before anything could change `x`.

    What it finds:
        A `copy.deepcopy(...)` assigned to a local (outside loops) that the function only reads:
        iterates, indexes, measures, serialises (`json.dumps`), logs, or hands to project
        functions that in turn only read that parameter (followed through further calls; also one
        item at a time, `[as_row(item) for item in snapshot]` with `def as_row(item: LineItem)`
        reading only its fields, or declaring the item an immutable value, `def signature(raw:
        bytes)`, or a tuple of such values, `counts: tuple[int, ...]`, even to a memoised function:
        `[signature(frames[k]) for k in sorted(frames)]`); and
        between the copy and its last use nothing can change the original: no `await`, no
        `yield`, no method call on the original's owner (`self.reset()`), no store into it.
        An attribute of `self` or of a global copied in a sync function is left alone (threads
        may change it meanwhile); one of a parameter (`plan.tasks`) is not.
        Items taken from the copy may be returned only when the copied value's declared items
        cannot change (`dict[str, Decimal]` returned by the function that built it). A copy of an
        object's state (`copy.deepcopy(session.state)`) changed only at its top level before it is
        read (`snapshot["tick"] = n`, `snapshot.update(...)`) is reported too: no nested value is
        ever changed, so a shallow copy (`{**session.state, "tick": n}`) protects the original as
        well. Copies of
        an awaited result or of a parameter used nowhere else are RA222's; copies kept, returned,
        changed or passed to code that may keep or change them, or read across an `await`, are
        not reported (there the snapshot protects something).

    Why it matters:
        A deep copy rebuilds the whole object graph through Python-level recursion. When the
        copy is only read, and the original cannot change while it is read (asyncio runs one
        task at a time between awaits), the copy protects nothing: it only costs time and memory
        proportional to the value, on every call.

    Example:
        snapshot = copy.deepcopy(self._totals)
        await self._redis.publish("stats", json.dumps(snapshot))

    Instead:
        await self._redis.publish("stats", json.dumps(self._totals))  # serialised at once
    """

    id = "RA229"
    name = "deepcopy-only-read"
    category = "unnecessary-copy"
    severity = "LOW"
    scope = "project"
    base_effort = 0.25
    effort_per_location = 0.0

    def check(self, ctx: ProjectContext) -> Iterator[Finding]:
        model = ctx.model
        sites = {}
        checked = 0
        for fq, (facts, func) in model.functions.items():
            for copy in func.extra.get("deep_copies", ()):
                checked += 1
                found = self._judge(model, fq, facts, func, copy, sites)
                if found is not None:
                    yield found
        ctx.examine("deep copies read while the original cannot change", checked)

    def _judge(self, model, fq: str, facts: ModuleFacts, func: FunctionFacts, copy: dict,
               sites: dict) -> Finding | None:
        handoffs, root_handoffs = copy["handoffs"], copy["root_handoffs"]
        if copy["source_kind"] == "Name" and copy["source_loads"] == 1 and not handoffs:
            return None  # a local or parameter used only here: RA222's copy-of-fresh / copy-only-read
        if copy["source_kind"] in ("Attribute", "Subscript") and not copy.get("in_async") \
                and not _of_parameter(func, copy["root"]):
            return None  # shared state copied in sync code, which threads may run: a snapshot against them
        readers = []
        for handoff in handoffs + root_handoffs:
            target = _read_only_target(model, fq, handoff, 0, sites)
            if target is None:
                return None
            readers.append((handoff, target))
        if copy["items_returned"] and not _immutable_items(model, fq, copy):
            return None
        if copy.get("top_changes"):
            if copy["source_kind"] not in ("Attribute", "Subscript") or copy["items_returned"]:
                return None  # a parameter's copy changed at its top level is RA222's deep-for-shallow
            return self._shallow_finding(facts, func, copy)
        return self._finding(model, facts, func, copy, readers[:len(handoffs)])

    def _shallow_finding(self, facts: ModuleFacts, func: FunctionFacts, copy: dict) -> Finding:
        """The copy is changed, but only at its top level: a shallow copy keeps the original as safe."""
        name, source = copy["copy"], copy["source"]
        lines = ", ".join(str(line) for line in sorted(set(copy["top_changes"]))[:3])
        description = (f"`{func.qualname}` deep-copies `{source}` into `{name}`, then only sets or replaces its "
                       f"top-level entries (line {lines}) and reads it: no nested value of the copy is ever changed, "
                       "so a shallow copy would keep the original just as untouched, while the deep copy rebuilds "
                       "every nested object on each call.")
        return self.finding(
            Location(facts.path, copy["line"], copy["end"]),
            f"`{name}` deep-copies `{source}` where a shallow copy would do", description,
            recommendation=f"Copy the top level only:\n\n    {name} = dict({source})  # or {{**{source}, ...}}",
            related=[Location(facts.path, line, line, f"top-level change of `{name}`")
                     for line in sorted(set(copy["top_changes"]))[:3]],
        )

    def _finding(self, model, facts: ModuleFacts, func: FunctionFacts, copy: dict,
                 readers: list) -> Finding:
        name, source = copy["copy"], copy["source"]
        where = f"`{func.qualname}`"
        uses = "reads it"
        related = []
        if readers:
            names = sorted({model.functions[t][1].qualname for _, t in readers})
            uses = (f"reads it and passes it to {', '.join(f'`{n}()`' for n in names)}, which "
                    f"{'only reads' if len(names) == 1 else 'only read'} it")
            shown = set()
            for handoff, target in readers:
                target_facts, target_func = model.functions[target]
                related.append(Location(facts.path, handoff[0], handoff[0],
                                        f"`{name}` passed to `{target_func.name}()`"))
                if target not in shown:
                    shown.add(target)
                    related.append(Location(target_facts.path, target_func.line, target_func.line,
                                            f"`{target_func.name}()` only reads this parameter"))
        description = (f"{where} deep-copies `{source}` into `{name}` and then only {uses}; no `await` and no "
                       f"change of the original comes between the copy and its last use (line {copy['last_use']}), "
                       f"so the copy protects nothing while every nested object is rebuilt on each call.")
        return self.finding(
            Location(facts.path, copy["line"], copy["end"]),
            f"`{name}` is a deep copy of `{source}` that is only read", description,
            recommendation=f"Use the value directly (nothing changes it while `{name}` is read):\n\n"
                           f"    {name} = {source}  # not copy.deepcopy({source})",
            related=related,
        )


def _of_parameter(func: FunctionFacts, root: str) -> bool:
    """The copied attribute hangs off a parameter (`plan.tasks`), not `self`/`cls` or a global:
    a value the caller handed over for this call, not state other threads share through the
    object (and a deep copy is no atomic snapshot against them anyway)."""
    return root not in ("self", "cls") and any(p.name == root for p in func.params)


def _read_only_target(model, caller: str, handoff: list, depth: int, sites: dict) -> str | None:
    """The project function a hand-off goes to when it only reads that parameter (and whatever
    it hands the parameter to does too); None otherwise."""
    line, col, position = handoff
    edge = _edge_at(model, caller, line, col, sites)
    if edge is None or edge.target.kind != "function" or edge.target.name not in model.functions:
        return None
    _, target = model.functions[edge.target.name]
    param = _param_at(target, position, bound=edge.site.func is not None and len(edge.site.func) > 1)
    if param and not target.is_async and _immutable_param(target, param):
        return edge.target.name  # `activity_signature(raw: bytes)`: nothing it does (or a cache keeping it) changes it
    if target.is_async or any(d.func.rsplit(".", 1)[-1] in ("contextmanager", "cache", "lru_cache")
                              for d in target.decorators):
        return None
    read = target.extra.get("read_params", {}).get(param) if param else None
    if read is None or depth >= _MAX_DEPTH and read:
        return None
    if all(_read_only_target(model, edge.target.name, more, depth + 1, sites) for more in read):
        return edge.target.name
    return None


def _immutable_param(target: FunctionFacts, param: str) -> bool:
    """The parameter is declared as an immutable value (`raw: bytes`), or a tuple or frozenset of
    them (`counts: tuple[int, ...]`): a deep copy hands the same objects over anyway, and the callee
    can neither change them nor an original they share."""
    annotation = next((p.annotation for p in target.params if p.name == param), "").replace(" ", "")
    head, _, inner = annotation.partition("[")
    if head.rsplit(".", 1)[-1] in ("tuple", "Tuple", "frozenset", "FrozenSet") and inner.endswith("]"):
        items = [item for item in inner[:-1].split(",") if item != "..."]
        return bool(items) and all(item.rsplit(".", 1)[-1] in _IMMUTABLE - {"None"} for item in items)
    return annotation.rsplit(".", 1)[-1] in _IMMUTABLE - {"None"}


def _edge_at(model, caller: str, line: int, col: int, sites: dict):
    index = sites.get(caller)
    if index is None:
        index = sites[caller] = {(e.site.line, e.site.col): e for e in model.edges.get(caller, ())}
    return index.get((line, col))


def _param_at(target: FunctionFacts, position: int | str, bound: bool) -> str:
    """The parameter an argument binds to; a method called on an object skips `self`/`cls`."""
    if isinstance(position, str):
        return position if any(p.name == position and p.kind != "posonly" for p in target.params) else ""
    params = [p for p in target.params if p.kind in ("posonly", "pos")]
    static = any(d.func.rsplit(".", 1)[-1] == "staticmethod" for d in target.decorators)
    if target.class_name and not static and bound and params and params[0].name in ("self", "cls"):
        params = params[1:]
    return params[position].name if position < len(params) else ""


def _immutable_items(model, caller: str, copy: dict) -> bool:
    """The copied value is what a project function returns, declared as a container of
    immutable items (`dict[tuple[str, str], Decimal]`): its items stay shared anyway."""
    if copy["source_kind"] != "Call":
        return False
    edges = [e for e in model.edges.get(caller, ()) if e.site.line == copy["line"] and e.target.kind == "function"
             and e.site.func and e.site.func[-1] not in ("deepcopy",)]
    if len(edges) != 1 or edges[0].target.name not in model.functions:
        return False
    returns = model.functions[edges[0].target.name][1].returns.replace(" ", "")
    head, _, inner = returns.partition("[")
    if head not in ("dict", "Dict", "list", "List", "tuple", "Tuple", "Mapping", "Sequence") or not inner:
        return False
    items = inner[:-1].rsplit(",", 1)[-1] if head in ("dict", "Dict", "Mapping") else inner[:-1]
    return items.rsplit(".", 1)[-1] in _IMMUTABLE
