"""Which rows each function reads, inserts and updates, for the check-then-act rules.

A read is an executed SELECT (raw SQL, `select(Model)`/`query(Model)`, `session.get(Model, pk)`,
a row count: `select(func.count()).select_from(Model)`, `SELECT count(*) FROM t`) that does not lock
(`FOR UPDATE`, `.with_for_update()`, `get(..., with_for_update=True)`); an insert is an INSERT
without conflict handling, `insert(Model)` without `on_conflict_*`, or `session.add(Model(...))`;
an update is an executed `update(Model)` or SQL UPDATE, with the columns its WHERE tests (an upsert whose
`ON CONFLICT (key) DO UPDATE SET ...` has no WHERE overwrites the row keyed by its conflict target). All are
followed through project calls (`await events.find_by_external_id(...)` reads what the
repository method selects; `events.stage(TrackingEvent(...))` inserts what it adds), two hops
down. An object added by a helper that receives it as a parameter takes its table from the
caller's argument. SQL handed to a project wrapper that runs it (`fetch_rows(pool, "SELECT ...")`)
is the caller's statement. Inserts that ignore conflicts are kept apart as upserts: no duplicate,
but still one more row for a count. A generic repository's `session.get(self.model, pk)` reads the model the
receiver's class assigns (`model = Driver`), resolved at the call (also on a repository built in place,
`DriverRepo(session).get(pk)`). A column's highest value
(`select(func.max(Build.number))`, `SELECT max(seq) FROM ...`) is kept apart as a peak: the
next number of a sequence computed in Python. Summaries are built from the facts on first use
and memoised for the run.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from ...facts.types import ArgValue, CallSite, FunctionFacts, ModuleFacts, Param
from ...knowledge.exceptions import is_unique_error
from ...model.data import of_context
from ...model.schema import normalise_table
from ...model.sqlparse import ParsedSql, parse_one
from ._calls import argument, bound_site

if TYPE_CHECKING:
    from ...model.project import ProjectModel
    from ...model.resolve import Target
    from ..api import ProjectContext

ATOMIC_SQL = re.compile(r"\bON\s+CONFLICT\b|\bON\s+DUPLICATE\s+KEY\b|\bINSERT\s+OR\s+(IGNORE|REPLACE)\b|\bMERGE\b",
                        re.I)
_ORM_READS = frozenset({"select", "query"})
_PK_READS = frozenset({"get", "get_one"})
_ADDS = frozenset({"add", "add_all"})
_UPSERT_METHODS = frozenset({"on_conflict_do_nothing", "on_conflict_do_update", "on_duplicate_key_update",
                             "prefix_with"})
_SESSION_NAME = re.compile(r"(^|_)(session|sess|db|uow|tx)$", re.I)
_HOPS = 2
_COUNT = re.compile(r"\b(?:count|sum)\s*\(", re.I)
_KEY = "concurrency.dbaccess"
_MAX = re.compile(r"\bmax\s*\(", re.I)
_EXISTS = re.compile(r"^\s*SELECT\s+(?:NOT\s+)?EXISTS\s*\(", re.I)  # an existence read, not an aggregate


@dataclass(frozen=True)
class Access:
    """A read or insert of `table`, made by the call at `line` of the function (directly, or
    through the project function it calls); `at` is the statement itself."""

    table: str  # the table key: mapped table, or the lower-case table / class name
    label: str  # as the code names it: "alerts", "TrackingEvent"
    line: int
    end_line: int
    at: tuple[str, int]  # (path, line) of the statement, possibly in a callee
    call: str = ""  # the call at `line`, as written ("events.stage")
    through: bool = False  # `call` is a project function that makes the access
    param: str = ""  # insert of an object the function receives as this parameter (table unknown)
    counts: bool = False  # a read that counts rows (`select(func.count()).select_from(Model)`, `SELECT count(*)`)
    where: frozenset[str] = frozenset()  # an UPDATE's, a count's or an ORM read's WHERE attributes (`Model.status`)
    columns: frozenset[str] = frozenset()  # raw SQL: the columns a SELECT returns, or an UPDATE's SET assigns
    selected: frozenset[str] = frozenset()  # an ORM read's selected attributes (`select(Model.id)`), also in `where`


@dataclass
class Summary:
    reads: list[Access] = field(default_factory=list)
    inserts: list[Access] = field(default_factory=list)
    updates: list[Access] = field(default_factory=list)
    class_reads: list[Access] = field(default_factory=list)  # `get(self.model, pk)`: `param` names the attribute
    peaks: list[Access] = field(default_factory=list)  # `SELECT max(number)`: the highest value of a column
    upserts: list[Access] = field(default_factory=list)  # `insert(Model)...on_conflict_do_nothing()`: still adds a row


class DbAccess:
    """Per-function read/insert summaries, direct and through calls."""

    def __init__(self, ctx: "ProjectContext") -> None:
        self.model: "ProjectModel" = ctx.model
        self.mapped = of_context(ctx).schema.models  # class fq -> table
        self._trips = of_context(ctx).trips  # fq -> round trips, with the SQL a wrapper is handed
        self._direct: dict[str, Summary] = {}
        self._full: dict[tuple[str, int], Summary] = {}

    def summary(self, fq: str, hops: int = _HOPS) -> Summary:
        key = (fq, hops)
        if key not in self._full:
            self._full[key] = Summary()  # a recursive call sees an empty summary
            self._full[key] = self._collect(fq, hops)
        return self._full[key]

    def catches_unique(self, fq: str) -> bool:
        _, func = self.model.functions[fq]
        return any(b.get("kind") == "except" and _unique_types(b) for b in func.extra.get("blocks", ()))

    # ----- through calls ---------------------------------------------------------------------
    def _collect(self, fq: str, hops: int) -> Summary:
        direct = self.direct(fq)
        out = Summary(list(direct.reads), list(direct.inserts), list(direct.updates), list(direct.class_reads),
                      list(direct.peaks), list(direct.upserts))
        if hops <= 0:
            return out
        facts, func = self.model.functions[fq]
        for edge in self.model.edges.get(fq, ()):
            callee = self.model.callee_function(edge.target)
            if not callee or callee == fq or edge.site.offloaded:
                continue
            inner = self.summary(callee, hops - 1)
            if not (inner.reads or inner.inserts or inner.updates or inner.class_reads or inner.peaks
                    or inner.upserts):
                continue
            site = edge.site
            self._class_reads(facts, func, site, inner.class_reads, out)
            _seen_from(site, inner, out)
            if self.catches_unique(callee):
                continue  # the helper handles the duplicate itself
            for a in inner.inserts:
                moved = self._through(facts, func, site, callee, a)
                if moved is not None:
                    out.inserts.append(moved)
            out.upserts.extend(Access(a.table, a.label, site.line, site.end_line, a.at, site.name, True)
                               for a in inner.upserts if not a.param)
        return out

    def _class_reads(self, facts: ModuleFacts, func: FunctionFacts, site: CallSite, reads: list[Access],
                     out: Summary) -> None:
        """A generic repository's reads of `self.<attr>` seen from a call: the model the receiver's
        class assigns to the attribute, or still unknown (the caller is the generic class itself)."""
        for a in reads:
            entity = self._receiver_model(facts, func, site, a.param)
            if entity is not None:
                out.reads.append(Access(*entity, site.line, site.end_line, a.at, site.name, True))
            else:
                out.class_reads.append(Access("", "", site.line, site.end_line, a.at, site.name, True, a.param))

    def _receiver_model(self, facts: ModuleFacts, func: FunctionFacts, site: CallSite, attr: str
                        ) -> tuple[str, str] | None:
        """(table, class) of the mapped class `attr` names on the receiver's class (`model = Driver`)."""
        receiver = site.func[:-1] if site.func else ()
        if receiver == ("()",) and site.callee_is_call:  # `DriverRepo(session).get(pk)`: built in place
            found = self.model.resolver.type_of_result(facts, func, site.callee_is_call)
        else:
            found = self.model.resolver.type_of_chain(facts, func, receiver) if receiver else None
        if not found or found[0] != "instance" or found[1] not in self.model.classes:
            return None
        for cls_fq in self.model.mro(found[1]):
            cls_facts, cls = self.model.classes[cls_fq]
            if attr in cls.class_attrs:
                value = cls.class_attrs[attr]
                return self._entity(cls_facts, None, value, mapped_only=True) if isinstance(value, dict) else None
        return None

    def _through(self, facts: ModuleFacts, func: FunctionFacts, site: CallSite, callee: str,
                 access: Access) -> Access | None:
        """The callee's insert seen from the call: an object passed in takes the caller's type."""
        if not access.param:
            return Access(access.table, access.label, site.line, site.end_line, access.at, site.name, True)
        value = argument(site, self.model.functions[callee][1], access.param)
        found = self._entity_of_value(facts, func, value)
        if found is None:
            return None
        table, label, param = found
        return Access(table, label, site.line, site.end_line, access.at, site.name, True, param)

    # ----- in the function itself --------------------------------------------------------------
    def direct(self, fq: str) -> Summary:
        if fq not in self._direct:
            self._direct[fq] = self._scan(fq)
        return self._direct[fq]

    def _scan(self, fq: str) -> Summary:
        facts, func = self.model.functions[fq]
        out = Summary()
        executing = [s for s in func.calls if s.awaited or not func.is_async]
        if not executing:
            return out
        for site in executing:
            self._sql_access(facts, func, site, out, fq)
        targets: dict[int, Target] = {}
        locking = [s.line for s in func.calls if s.func and s.func[-1] in ("with_for_update", "for_update")]
        upserts = [s.line for s in func.calls if s.func and s.func[-1] in _UPSERT_METHODS]
        for site in func.calls:
            if not site.func or not site.args:
                continue
            name = site.func[-1]
            if name in _ORM_READS or (name in ("insert", "update") and len(site.func) <= 2):
                self._orm_statement(facts, func, site, executing, (locking, upserts), out)
            elif name in _PK_READS and len(site.func) > 1 and (site.awaited or not func.is_async) \
                    and site.kwargs.get("with_for_update") in (None, False):  # `get(M, pk, with_for_update=True)` locks
                entity = self._entity(facts, func, site.args[0], mapped_only=True)
                if entity is not None:
                    out.reads.append(_access(entity, site, facts.path, site.line))
                elif attr := _self_attribute(site.args[0]):
                    out.class_reads.append(replace(_access(("", ""), site, facts.path, site.line), param=attr))
            elif name in _ADDS and len(site.func) > 1 and self._session_call(fq, func, site, targets):
                self._added_rows(facts, func, site, out)
        return out

    def _orm_statement(self, facts: ModuleFacts, func: FunctionFacts, site: CallSite, executing: list[CallSite],
                       guards: tuple[list[int], list[int]], out: Summary) -> None:
        """A `select(...)`/`insert(...)`/`update(...)` statement some executing call in the
        function runs: a read (unless `with_for_update` locks it; a locking read also takes back the
        unlocked reads of its entity before it, a preselection the lock picks again), an insert
        (unless an upsert), or an update with the columns its WHERE tests."""
        locking, upserts = guards
        name = site.func[-1]
        runner = _executor(func, site, executing)
        if runner is None:
            return
        span = (site.line, _chain_end(func, site.line, runner))
        entity, counted, peak = self._statement_entity(facts, func, site, span)
        if peak and entity is not None:
            out.peaks.append(_access(entity, runner, facts.path, site.line))
        if entity is None or peak:
            return
        if name == "insert":
            if not any(span[0] <= line <= span[1] for line in upserts):
                out.inserts.append(_access(entity, runner, facts.path, site.line))
            else:
                out.upserts.append(_access(entity, runner, facts.path, site.line))
        elif name == "update":
            out.updates.append(Access(entity[0], entity[1], runner.line, runner.end_line,
                                      (facts.path, site.line), runner.name,
                                      where=_tested(self.model, facts, entity[1], span), columns=_assigned(func, span)))
        elif any(span[0] <= line <= span[1] for line in locking):
            out.reads[:] = [r for r in out.reads if r.label != entity[1] or r.counts]  # picked again under a lock
        else:
            read = _access(entity, runner, facts.path, site.line, counted)
            out.reads.append(read if counted else replace(read, where=_tested(self.model, facts, entity[1], span),
                                                          selected=_selected(site, entity[1])))

    def _statement_entity(self, facts: ModuleFacts, func: FunctionFacts, site: CallSite, span: tuple[int, int]
                          ) -> tuple[tuple[str, str] | None, bool, bool]:
        """(table and class, a count, a highest value) of an ORM statement: `select(func.count())`
        and `select(func.max(Issue.seq))` name the model they aggregate in their chain."""
        name = site.func[-1]
        peak = name == "select" and _aggregate(_defaulted(func, site.args[0])) == "max"
        counted = name == "select" and _counting(site.args[0]) and not peak
        entity = self._counted(facts, func, site, span) if counted or peak else \
            self._entity(facts, func, site.args[0], mapped_only=False)
        return entity, counted, peak

    def _added_rows(self, facts: ModuleFacts, func: FunctionFacts, site: CallSite, out: Summary) -> None:
        for value in _added(site):
            found = self._entity_of_value(facts, func, value) or self._rebound_entity(facts, func, value, site.line)
            if found is not None:
                table, label, param = found
                out.inserts.append(Access(table, label, site.line, site.end_line, (facts.path, site.line),
                                          site.name, False, param))

    def _sql_access(self, facts: ModuleFacts, func: FunctionFacts, site: CallSite, out: Summary,
                    fq: str = "") -> None:
        text = sql_text(facts, func, site) or self._handed_sql(fq, site)
        if not text:
            return
        parsed = parse_one(text)
        if not parsed.main_table:
            return
        table = normalise_table(parsed.main_table)
        exists = _EXISTS.match(text) is not None
        if _peak_sql(parsed, text):
            out.peaks.append(Access(table, parsed.main_table, site.line, site.end_line, (facts.path, site.line),
                                    site.name))
        elif parsed.kind == "select" and not parsed.for_update and (not parsed.aggregate_only or _COUNT.search(text)
                                                                    or exists):
            counts = parsed.aggregate_only and not exists
            out.reads.append(Access(table, parsed.main_table, site.line, site.end_line, (facts.path, site.line),
                                    site.name, counts=counts, columns=_clause_columns(_SELECTED, text),
                                    where=_where_columns(parsed) if parsed.aggregate_only else frozenset()))
        elif _updates_row(parsed, text):
            out.updates.append(Access(table, parsed.main_table, site.line, site.end_line, (facts.path, site.line),
                                      site.name, where=_keyed_by(parsed, text),
                                      columns=_clause_columns(_ASSIGNED, text)))
        elif parsed.kind == "insert" and not ATOMIC_SQL.search(text):
            out.inserts.append(Access(table, parsed.main_table, site.line, site.end_line, (facts.path, site.line),
                                      site.name))

    def _handed_sql(self, fq: str, site: CallSite) -> str:
        """The SQL a call hands to a project wrapper that runs it (`await fetch_rows(pool, "SELECT ...",
        key)`, where `fetch_rows` passes its `sql` parameter to the driver): the caller's statement."""
        return next((trip.statement.text for trip in self._trips.get(fq, ()) if trip.site is site
                     and trip.statement is not None and trip.statement.source == "python"), "")

    def _session_call(self, fq: str, func: FunctionFacts, site: CallSite, targets: dict[int, "Target"]) -> bool:
        """`session.add(...)` on an ORM session: resolved to one, or named like one."""
        if not targets:
            targets.update((id(edge.site), edge.target) for edge in self.model.edges.get(fq, ()))
        target = targets.get(id(site))
        if target is not None and target.kind == "external":
            return "Session" in target.name or "session" in target.name
        receiver = site.func[-2] if site.func else ""
        return bool(_SESSION_NAME.search(receiver)) and receiver not in func.local_types

    def _counted(self, facts: ModuleFacts, func: FunctionFacts, site: CallSite, span: tuple[int, int]
                 ) -> tuple[str, str] | None:
        """The ORM class a count query counts: `.select_from(Model)` in its chain, else the
        argument of `func.count(Model.id)`."""
        for other in func.calls:
            if other.func and other.args and span[0] <= other.line <= span[1] and (
                    other.func[-1] == "select_from"
                    or (other.func[-1] in (*_AGGREGATES, "max") and other.line == site.line)):
                found = self._entity(facts, func, other.args[0], mapped_only=False)
                if found is not None:
                    return found
        return None

    def _entity_of_value(self, facts: ModuleFacts, func: FunctionFacts, value: ArgValue
                         ) -> tuple[str, str, str] | None:
        """(table, label, param) of an object as passed: `Model(...)`, a local bound to one, or a
        parameter (annotated with a mapped class, else left to the caller)."""
        if not isinstance(value, dict):
            return None
        if "call" in value:
            found = self._entity(facts, func, {"ref": value["call"]}, mapped_only=False)
            return (*found, "") if found else None
        name = value.get("ref", "")
        if not name or "." in name:
            return None
        bound = func.local_types.get(name)
        if isinstance(bound, dict) and "call" in bound:
            found = self._entity(facts, func, {"ref": bound["call"]}, mapped_only=False)
            return (*found, "") if found else None
        param = next((p for p in func.params if p.name == name), None)
        if param is None or _injected(param):
            return None  # a dependency-provided object is a loaded row: adding it again updates it
        if param.annotation:
            found = self._entity(facts, func, {"ref": param.annotation}, mapped_only=True)
            if found is not None:
                return (*found, "")
        return ("", "", name)

    def _rebound_entity(self, facts: ModuleFacts, func: FunctionFacts, value: ArgValue, before: int
                        ) -> tuple[str, str, str] | None:
        """`existing = Model(...)` re-binding a local first bound to the lookup's result
        (`existing = await session.scalar(...)`; `if existing is None: existing = Model(...)`,
        then `session.add(existing)`): only the first binding is recorded, so the constructor
        calls on lines up to the add that assign the name are checked."""
        name = value.get("ref", "") if isinstance(value, dict) else ""
        bound = func.local_types.get(name) if name and "." not in name else None
        if not isinstance(bound, dict) or "call" not in bound:
            return None
        for site in func.calls:
            if bound.get("line", 0) < site.line < before and site.func and not site.awaited \
                    and self.model.line_text(facts.path, site.line).startswith(f"{name} = {site.name}("):
                found = self._entity(facts, func, {"ref": site.name}, mapped_only=False)
                if found is not None:
                    return (*found, "")
        return None

    def _entity(self, facts: ModuleFacts, func: FunctionFacts, value: ArgValue, mapped_only: bool
                ) -> tuple[str, str] | None:
        """(table key, class name) of an ORM class named by `value` (`Model` or `Model.column`)."""
        ref = value.get("ref", "") if isinstance(value, dict) else ""
        if not ref or not ref.replace(".", "").replace("_", "").isalnum():
            return None
        parts = tuple(ref.split("."))
        for size in (len(parts), len(parts) - 1):
            if size <= 0:
                break
            found = self.model.resolver.type_of_chain(facts, func, parts[:size])
            if found and found[0] == "class":
                table = self.mapped.get(found[1])
                if table:
                    return table, parts[size - 1]
                if not mapped_only and parts[size - 1][:1].isupper():
                    return parts[size - 1].lower(), parts[size - 1]
                return None
        if not mapped_only and len(parts) == 1 and parts[0][:1].isupper():
            return parts[0].lower(), parts[0]  # a model the resolver cannot place
        return None


def _seen_from(site: CallSite, inner: Summary, out: Summary) -> None:
    """The callee's reads, updates and peaks as the call at `site` makes them: at the call's
    lines, through it, the statement itself still `at` the callee's line."""
    def moved(access: Access) -> Access:
        return replace(access, line=site.line, end_line=site.end_line, call=site.name, through=True)
    out.reads += [moved(a) for a in inner.reads]
    out.updates += [moved(a) for a in inner.updates]
    out.peaks += [moved(a) for a in inner.peaks]


def db_access(ctx: "ProjectContext") -> DbAccess:
    if _KEY not in ctx.extra:
        ctx.extra[_KEY] = DbAccess(ctx)
    return ctx.extra[_KEY]


def sql_text(facts: ModuleFacts, func: FunctionFacts, site: CallSite) -> str:
    """The SQL a call runs when written as its first argument, or bound to a name it passes."""
    first = site.args[0] if site.args else site.kwargs.get("query")
    if isinstance(first, str):
        return first
    if isinstance(first, dict) and isinstance(first.get("fstring"), str):
        return first["fstring"]  # `f"SELECT {_COLUMNS} FROM orders WHERE id = $1"`: holes stand for unknown text
    if isinstance(first, dict) and str(first.get("call", "")).rpartition(".")[2] == "text":
        return _text_clause(func, first)
    if isinstance(first, dict) and "ref" in first and "." not in first["ref"]:
        local = func.local_types.get(first["ref"])
        if isinstance(local, str):
            return local
        assign = facts.assigns.get(first["ref"])
        if assign is not None and isinstance(assign.value, str):
            return assign.value
    return ""


def _text_clause(func: FunctionFacts, value: dict) -> str:
    """The SQL of `session.execute(text("SELECT ..."), params)`: SQLAlchemy's `text()` called in place."""
    inner = bound_site(func, value)
    return inner.args[0] if inner is not None and inner.args and isinstance(inner.args[0], str) else ""


_UPSERT_OVERWRITE = re.compile(r"\bON\s+CONFLICT\b[^;]*?\bDO\s+UPDATE\s+SET\b(?![^;]*\bWHERE\b)", re.I | re.S)
_CONFLICT = re.compile(r"\bON\s+CONFLICT\s*\(([^)]*)\)", re.I)


def _updates_row(parsed: ParsedSql, text: str) -> bool:
    """An UPDATE, or an `INSERT ... ON CONFLICT (key) DO UPDATE SET ...` with no WHERE: an upsert
    that overwrites the existing row whatever it holds."""
    return parsed.kind == "update" or parsed.kind == "insert" and _UPSERT_OVERWRITE.search(text) is not None


def _keyed_by(parsed: ParsedSql, text: str) -> frozenset[str]:
    """The columns an UPDATE's WHERE tests, or an upsert's conflict target (`ON CONFLICT (table_id)`):
    the key its DO UPDATE selects the row by."""
    if parsed.kind == "update":
        return _where_columns(parsed)
    match = _CONFLICT.search(text)
    return frozenset(c.strip().lower() for c in match.group(1).split(",")) if match else frozenset()


_SELECTED = re.compile(r"^\s*SELECT\s+(?:DISTINCT\s+)?(.*?)\s+FROM\b", re.I | re.S)
_ASSIGNED = re.compile(r"\bSET\s+(.*?)(?:\bWHERE\b|\bFROM\b|\bRETURNING\b|$)", re.I | re.S)
_COLUMN = re.compile(r"^(?:\w+\.)?(\w+)(?:\s+(?:AS\s+)?\w+)?\s*(?:=.*)?$", re.I | re.S)


def _where_columns(parsed: ParsedSql) -> frozenset[str]:
    """The columns a parsed statement's WHERE tests, lowercased."""
    return frozenset(p.column.lower() for p in parsed.predicates if p.clause == "where")


def _clause_columns(clause: re.Pattern[str], text: str) -> frozenset[str]:
    """The plain column names of a SELECT list or an UPDATE's SET (`status`, `t.status AS s`,
    `status = 'signed'`); expressions are skipped. Commas inside parentheses are not split on,
    so a function call is one (skipped) item."""
    match = clause.search(text)
    if match is None:
        return frozenset()
    items, depth, start, body = [], 0, 0, match.group(1)
    for index, char in enumerate(body):
        depth += (char == "(") - (char == ")")
        if char == "," and depth == 0:
            items.append(body[start:index])
            start = index + 1
    items.append(body[start:])
    found = (_COLUMN.match(item.strip()) for item in items)
    return frozenset(m.group(1).lower() for m in found if m and m.group(1).upper() not in ("NULL", "TRUE", "FALSE"))


def _tested(model: "ProjectModel", facts: ModuleFacts, label: str, span: tuple[int, int]) -> frozenset[str]:
    """Columns of `label` an ORM statement names between its lines (`Slot.status == "open"` in
    its `where`): a conditional UPDATE checks them itself. Read off the statement's lines: the
    facts' attribute references keep imported roots only, and a mapped class is often queried
    in the module that defines it."""
    named = re.compile(rf"\b{re.escape(label)}\.(\w+)")
    return frozenset(column for line in range(span[0], span[1] + 1)
                     for column in named.findall(model.line_text(facts.path, line)))


def _selected(site: CallSite, label: str) -> frozenset[str]:
    """The attributes of `label` a `select(Model.id, Model.day)` names."""
    prefix = label + "."
    return frozenset(a["ref"][len(prefix):] for a in site.args
                     if isinstance(a, dict) and str(a.get("ref", "")).startswith(prefix))


def _assigned(func: FunctionFacts, span: tuple[int, int]) -> frozenset[str]:
    """The attributes an ORM `update(Model)...values(a=..., b=...)` between these lines assigns."""
    return frozenset(key for site in func.calls if site.func and site.func[-1] == "values"
                     and span[0] <= site.line <= span[1] for key in site.kwargs)


_AGGREGATES = ("count", "sum")


def _peak_sql(parsed: ParsedSql, text: str) -> bool:
    """`SELECT COALESCE(MAX(number), 0) + 1 FROM invoices ...`: a column's highest value, not a count."""
    return parsed.kind == "select" and parsed.aggregate_only and bool(_MAX.search(text)) and not _COUNT.search(text)


def _counting(value: ArgValue) -> bool:
    """`select(func.count())`, `select(sa.func.count(Model.id))`, and a total checked against a
    quota the same way (`select(func.coalesce(func.sum(Asset.size), 0))`)."""
    return _aggregate(value) in (*_AGGREGATES, "coalesce")


def _defaulted(func: FunctionFacts, value: ArgValue) -> ArgValue:
    """The value a `func.coalesce(...)` defaults (`coalesce(func.max(Load.ref), 0)` -> the MAX):
    a default for the empty table changes nothing about what is selected."""
    inner = bound_site(func, value) if _aggregate(value) == "coalesce" else None
    return inner.args[0] if inner is not None and inner.args else value


def _aggregate(value: ArgValue) -> str:
    """The SQL function a selected value calls (`func.max(Build.number)` -> "max"), "" when none."""
    call = str(value.get("call", "")).rsplit(".", 2)[-2:] if isinstance(value, dict) else []
    return call[1] if len(call) == 2 and call[0] == "func" else ""


def _self_attribute(value: ArgValue) -> str:
    """`model` for the argument `self.model` (a generic repository's mapped class), else ""."""
    parts = str(value.get("ref", "")).split(".") if isinstance(value, dict) else []
    return parts[1] if len(parts) == 2 and parts[0] in ("self", "cls") else ""


def _access(entity: tuple[str, str], runner: CallSite, path: str, line: int, counts: bool = False) -> Access:
    return Access(entity[0], entity[1], runner.line, runner.end_line, (path, line), runner.name, counts=counts)


def _executor(func: FunctionFacts, site: CallSite, executing: list[CallSite]) -> CallSite | None:
    """The call that runs a statement built at `site`: one that encloses it, or one that is
    passed the name it is bound to."""
    for runner in executing:
        if runner is not site and runner.line <= site.line <= runner.end_line and runner.func \
                and runner.func[-1] not in _ORM_READS:
            return runner
    for name, _bound in func.bound_on(site.line):
        ref = {"ref": name}
        for runner in executing:
            if runner.line > site.line and (ref in runner.args or ref in runner.kwargs.values()):
                return runner
    if not func.is_async and site.func[-1] == "query" and len(site.func) > 1:
        return site  # `session.query(Model)...first()` runs where it is written
    return None


def _chain_end(func: FunctionFacts, line: int, runner: CallSite) -> int:
    for record in func.extra.get("orm_chains", ()):
        if record["line"] == line:
            return max(record["end"], line)
    return max(line, runner.end_line if runner.line <= line else line)


def _injected(param: Param) -> bool:
    """A FastAPI dependency (`row: Model = Depends(get_row_or_404)`): the object exists already."""
    return param.default_call.rsplit(".", 1)[-1] in ("Depends", "Security")


def _added(site: CallSite) -> list[ArgValue]:
    first = site.args[0]
    if site.func and site.func[-1] == "add_all":
        return list(first.get("items", ())) if isinstance(first, dict) else list(first) if isinstance(first, list) \
            else []
    return [first]


def _unique_types(block: dict) -> bool:
    """The handler catches a unique-violation error, also under an alias that keeps its name
    (`from sqlalchemy.exc import IntegrityError as PostgreSQLIntegrityError`)."""
    return any(is_unique_error(t) for t in block.get("types", ()))


def unique_handled(func: FunctionFacts, first: int) -> bool:
    """A try whose body runs at or after `first` (the insert, or the commit that flushes it) and
    that catches a unique-violation error."""
    tries = {b["line"]: b for b in func.extra.get("blocks", ()) if b.get("kind") == "try"}
    for block in func.extra.get("blocks", ()):
        if block.get("kind") == "except" and _unique_types(block):
            body = tries.get(block.get("try_line", 0))
            if body is not None and body["end"] >= first and not _other_arm(func, first, body["line"]):
                return True
    return False


def _other_arm(func: FunctionFacts, first: int, line: int) -> bool:
    """`first` and `line` lie in opposite arms of one `if`: a handler in the update branch
    (`else: try: flush() except IntegrityError`) never covers the insert of the other branch."""
    for block in func.extra.get("blocks", ()):
        if block.get("kind") != "if" or not block.get("else_line"):
            continue
        body = (block["line"], block.get("else_line", 0) - 1)
        other = (block["else_line"], block.get("else_end", 0))
        if any(a[0] <= first <= a[1] and b[0] <= line <= b[1] for a, b in ((body, other), (other, body))):
            return True
    return False


def versioned(model: "ProjectModel", label: str) -> bool:
    """The model maps `version_id_col`: every UPDATE checks the version and a lost race raises
    StaleDataError instead of overwriting."""
    return model.memo(f"concurrency.versioned.{label}", lambda: any(
        any("version_id_col" in model.line_text(facts.path, line) for line in range(cls.line, cls.end_line + 1))
        for facts, cls in model.classes.values() if cls.name == label))
