"""ORM relationships read inside loops: `for p in incident.participants: p.individual.email`
loads `individual` with one SELECT per participant when the relationship is lazy.

The element type of the loop comes from what the code proves: a relationship collection
of a typed object, a function whose return annotation or returned query names the model,
or an ORM query chain in the same function. Unknown element types are not guessed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..knowledge.queries import round_trip
from ..facts.types import FunctionFacts, ModuleFacts
from .schema import Relationship, Schema
from .statements import Statement, is_migration_path, is_served_path

if TYPE_CHECKING:
    from .project import ProjectModel

EAGER = frozenset({"selectinload", "joinedload", "subqueryload", "contains_eager", "immediateload",
                   "defaultload", "raiseload", "noload", "lazyload", "Load"})
_ELEMENT = re.compile(r"^(?:Optional\[)?(?:list|List|Sequence|Iterable|set|Set|tuple|Tuple|Iterator)\[\s*"
                      r"(?:Optional\[)?['\"]?([A-Za-z_][\w.]*)")


@dataclass(frozen=True)
class LazyLoad:
    function: str
    path: str
    loop_line: int
    line: int  # where the relationship is read
    access: str  # "participant.individual", "alert.awaitable_attrs.device"
    model: str  # class fq of the loop's items
    relationship: Relationship
    source: str  # how the items' type is known, for the description


class _Finder:
    def __init__(self, model: "ProjectModel", schema: Schema, statements_at: dict[tuple[str, int], list[Statement]]):
        self.model = model
        self.schema = schema
        self.statements_at = statements_at
        self.by_name: dict[str, list[str]] = {}
        for fq in schema.models:
            self.by_name.setdefault(fq.rsplit(".", 1)[-1], []).append(fq)

    def class_named(self, name: str) -> str:
        found = self.by_name.get(name.rsplit(".", 1)[-1], [])
        live = [fq for fq in found if not is_migration_path(self.model.classes[fq][0].path)]
        return live[0] if len(live) == 1 else ""

    def relationship(self, class_fq: str, name: str) -> Relationship | None:
        for fq in self.model.mro(class_fq):
            rel = self.schema.relationships.get(fq, {}).get(name)
            if rel is not None:
                return rel
        return None

    # ----- element types -----------------------------------------------------------------
    def element(self, facts: ModuleFacts, func: FunctionFacts, value: Any, depth: int = 0) -> tuple[str, str, str]:
        """(class fq, how it is known, fq of the function that builds the query) of the items."""
        if depth > 3 or not isinstance(value, dict):
            return "", "", ""
        if "ref" in value:
            return self._from_ref(facts, func, value["ref"], depth)
        if "call" in value:
            return self._from_call(facts, func, value, depth)
        return "", "", ""

    def _from_ref(self, facts: ModuleFacts, func: FunctionFacts, ref: str, depth: int) -> tuple[str, str, str]:
        parts = ref.split(".")
        if len(parts) == 1:
            if ref in func.local_types:
                return self.element(facts, func, func.local_types[ref], depth + 1)
            param = next((p for p in func.params if p.name == ref), None)
            if param is not None:
                match = _ELEMENT.match(param.annotation.replace("typing.", ""))
                if match:
                    return self._annotated(facts, match.group(1)), f"the `{ref}: {param.annotation}` parameter", ""
            return "", "", ""
        if len(parts) == 2 and "[]" not in parts:
            owner = self.model.resolver.type_of_chain(facts, func, (parts[0],))
            if not owner or owner[0] == "ext_result" and _orm_get(owner[1]):
                owner = self._session_get(facts, func, parts[0])
            if owner and owner[0] == "instance" and owner[1] in self.schema.models:
                rel = self.relationship(owner[1], parts[1])
                if rel is not None:
                    target = self.class_named(rel.target)
                    return target, f"the `{owner[1].rsplit('.', 1)[-1]}.{parts[1]}` relationship", ""
        return "", "", ""

    def _session_get(self, facts: ModuleFacts, func: FunctionFacts, name: str) -> tuple[str, str] | None:
        """`wave = await session.get(Wave, wave_id)`: a local bound to a primary-key lookup of a
        mapped class (`Session.get` / `get_one`) is an instance of that class."""
        bound = func.local_types.get(name)
        if not isinstance(bound, dict) or bound.get("call", "").rsplit(".", 1)[-1] not in ("get", "get_one"):
            return None
        first = _first_arg(func, bound)
        if not isinstance(first, dict) or "ref" not in first:
            return None
        found = self._annotated(facts, first["ref"])
        return ("instance", found) if found else None

    def _annotated(self, facts: ModuleFacts, name: str) -> str:
        found = self.model.resolver.type_of_chain(facts, None, tuple(name.split(".")))
        if found and found[0] == "class" and found[1] in self.schema.models:
            return found[1]
        return self.class_named(name) if "." not in name else ""

    def _from_call(self, facts: ModuleFacts, func: FunctionFacts, value: dict, depth: int) -> tuple[str, str, str]:
        fq = f"{facts.module}.{func.qualname}"
        if not value.get("call"):
            stmt = self._statement_within(facts.path, func, value.get("line", 0), fq)
            if stmt:
                return self._entity(stmt), "the query in this function", fq
            chained = self._chained_callee(fq, value.get("line", 0))
            return self._from_function(chained) if chained else ("", "", "")
        callee = self.model.resolver.type_of_chain(facts, func, tuple(value["call"].split(".")))
        if callee and callee[0] != "function" and callee[1].rsplit(".", 1)[-1] in _ENTITY_RESULTS:
            return self._queried(facts, func, value, fq, depth)
        if not callee or callee[0] != "function":
            return "", "", ""
        return self._from_function(callee[1])

    def _queried(self, facts: ModuleFacts, func: FunctionFacts, value: dict, fq: str,
                 depth: int) -> tuple[str, str, str]:
        """`await session.scalars(stmt)` with `stmt = select(Reservation)...` bound earlier (or
        written in the call): the mapped objects that query selects."""
        stmt = self._statement_within(facts.path, func, value.get("line", 0), fq)
        if stmt is not None:
            return self._entity(stmt), "the query in this function", fq
        first = _first_arg(func, value)
        if isinstance(first, dict) and "." not in first.get("ref", ".") and first["ref"] in func.local_types:
            return self.element(facts, func, func.local_types[first["ref"]], depth + 1)
        return "", "", ""

    def _chained_callee(self, fq: str, line: int) -> str:
        """`await BookingRepository(session).page(...)`: the project method called on a call's
        result at `line`, when exactly one such call is made there."""
        found = {edge.target.name for edge in self.model.edges.get(fq, ())
                 if edge.site.line == line and (edge.site.func or ())[:1] == ("()",) and edge.target.kind == "function"}
        return found.pop() if len(found) == 1 else ""

    def _from_function(self, callee_fq: str) -> tuple[str, str, str]:
        callee_facts, callee_func = self.model.functions[callee_fq]
        match = _ELEMENT.match(callee_func.returns.replace("typing.", ""))
        if match:
            found = self._annotated(callee_facts, match.group(1))
            if found:
                return found, f"`{callee_func.qualname}` (returns {callee_func.returns})", callee_fq
        for returned in callee_func.returns_values:
            if isinstance(returned, dict) and "call" in returned and not returned["call"]:
                stmt = self._statement(callee_facts.path, returned.get("line", 0), callee_fq)
                if stmt is not None and self._entity(stmt):
                    return self._entity(stmt), f"the query `{callee_func.qualname}` returns", callee_fq
        return "", "", ""

    def _statement(self, path: str, line: int, fq: str) -> Statement | None:
        for stmt in self.statements_at.get((path, line), ()):
            if stmt.source == "orm" and stmt.function == fq:
                return stmt
        return None

    def _statement_within(self, path: str, func: FunctionFacts, line: int, fq: str) -> Statement | None:
        """The ORM query inside the expression that starts at `line`: `(await session.scalars(
        select(Alert)...)).all()` spans several lines and its query starts below the binding."""
        end = max((site.end_line for site in func.calls if site.line == line), default=line)
        for number in range(line, end + 1):
            stmt = self._statement(path, number, fq)
            if stmt is not None:
                return stmt
        return None

    def _entity(self, stmt: Statement) -> str:
        if stmt.joins or len(stmt.tables) != 1 or "first" in stmt.methods or "one" in stmt.methods:
            return ""
        table = self.schema.tables.get(stmt.tables[0])
        return table.model if table is not None and table.model else ""

    # ----- eager loading -----------------------------------------------------------------
    def eager(self, functions: list[str], rel: Relationship) -> bool:
        """Whether one of the functions asks for `rel` to be loaded with the query."""
        return any(site.func and site.func[-1] in EAGER and _loads(site.args, rel)
                   for fq in functions if fq in self.model.functions
                   for site in self.model.functions[fq][1].calls)


def _loads(args: tuple, rel: Relationship) -> bool:
    """`selectinload(Order.items)` or a wildcard (`selectinload("*")`) names the relationship."""
    for arg in args:
        text = arg if isinstance(arg, str) else arg.get("ref", "") if isinstance(arg, dict) else ""
        if text.rsplit(".", 1)[-1] in (rel.name, "*"):
            return True
    return False


def _first_arg(func: FunctionFacts, value: dict) -> Any:
    """The first argument of the call a bound value records (`{"call": "session.get", "line": 12}`)."""
    site = next((c for c in func.calls if c.line == value.get("line") and c.name == value["call"]), None)
    return site.args[0] if site is not None and site.args else None


def _orm_get(target: str) -> bool:
    """`AsyncSession.get` / `Session.get_one`: a primary-key lookup on an ORM session."""
    trip = round_trip(target)
    return trip is not None and trip.kind == "orm" and trip.method in ("get", "get_one")


# Async sessions cannot lazy-load on plain attribute access (an unloaded relationship raises
# there, it is not an N+1); `await item.awaitable_attrs.rel` (AsyncAttrs) is how they do.
_AWAITABLE = "awaitable_attrs."


# session calls whose result iterates over the mapped objects a select names (not `execute`: rows)
_ENTITY_RESULTS = frozenset({"scalars", "stream_scalars"})


def _param_items(func: FunctionFacts, value: Any) -> bool:
    """The loop walks one of the function's parameters (`for revision in revisions:`)."""
    ref = value.get("ref", "") if isinstance(value, dict) else ""
    return any(p.name == ref for p in func.params)


def _handing_over(model: "ProjectModel", fq: str) -> list[str]:
    """Where the items of a parameter come from: every caller of `fq` (also one that hands it to a
    thread pool, `run_in_threadpool(render, rows)`) and the project functions each caller calls
    (the query that loaded the rows it passes on, `rows = await load_rows(session)`)."""
    callers = {edge.caller for edge in model.callers.get(fq, ())}
    return [*callers, *(model.callee_function(edge.target) or "" for caller in callers
                        for edge in model.edges.get(caller, ()))]


def lazy_loads(model: "ProjectModel", schema: Schema, statements_at: dict[tuple[str, int], list[Statement]]
               ) -> list[LazyLoad]:
    if not schema.relationships:
        return []
    finder = _Finder(model, schema, statements_at)
    out: list[LazyLoad] = []
    for fq, facts, func in model.iter_functions():
        accesses = func.extra.get("loop_attrs")
        if not accesses or not is_served_path(facts.path):
            continue
        loops = func.extra.get("loops", {})
        for loop_line, access, line in accesses:
            info = loops.get(loop_line)
            attr = access.split(".", 1)[1]
            awaited = attr.startswith(_AWAITABLE)
            if info is None or info.get("kind") == "while" or awaited != func.is_async:
                continue
            item_class, source, builder = finder.element(facts, func, info.get("iter"))
            if not item_class:
                continue
            rel = finder.relationship(item_class, attr.removeprefix(_AWAITABLE))
            if rel is None or not rel.loads_on_access or finder.eager([fq, builder], rel) \
                    or _param_items(func, info.get("iter")) and finder.eager(_handing_over(model, fq), rel):
                continue
            out.append(LazyLoad(fq, facts.path, loop_line, line, access, item_class, rel, source))
    return out
