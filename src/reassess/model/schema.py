"""The database schema as the code declares it: tables, their columns and every index or key,
from SQL files, SQL strings in Python (`op.execute("CREATE INDEX ...")`), SQLAlchemy /
SQLModel models (`index=True`, `unique=True`, `primary_key=True`, `__table_args__`,
`Index(...)`, `Table(...)`) and Alembic operations (`op.create_table`, `op.create_index`,
`op.add_column`, `op.create_unique_constraint`, `batch_op.*`).

Built from facts only. Where a declaration cannot be read (an index on an expression we
cannot name, `__table_args__` built at run time), the table is marked `uncertain` so that
no rule ever claims an index is missing there.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from ..facts.types import CallSite, ClassFacts, FunctionFacts, ModuleFacts
from ..knowledge.queries import CORE_TABLE
from .sqlparse import TableDDL, normalise_table, parse
from .symbols import resolve_relative

if TYPE_CHECKING:
    from .project import ProjectModel
    from .statements import Statement

COLUMN_CALLS = frozenset({"Column", "mapped_column", "Field"})
INDEX_CALLS = frozenset({"Index"})
KEY_CALLS = {"UniqueConstraint": "unique", "PrimaryKeyConstraint": "primary"}
TIME_TYPES = frozenset({"TIMESTAMP", "TIMESTAMPTZ", "DATETIME", "DATETIME2", "DATETIMEOFFSET", "DATE"})


@dataclass
class Column:
    name: str
    path: str
    line: int
    attr: str = ""  # the ORM attribute when it differs from the column name
    sql_type: str = ""


@dataclass
class Table:
    """A table and where it is declared. `model` is the ORM class (fq) when there is one."""

    name: str
    path: str = ""
    line: int = 0
    source: str = ""  # "sql", "orm", "alembic", "table"
    model: str = ""
    columns: dict[str, Column] = field(default_factory=dict)
    uncertain: str = ""  # why index knowledge for this table may be incomplete ("" when complete)
    like: tuple[str, bool] | None = None  # CREATE TABLE (LIKE other [INCLUDING INDEXES])


@dataclass(frozen=True)
class Index:
    """An index, primary key or unique constraint; `columns` in index order. An element that
    is an expression reads "lower(email)"; one we could not read is "?"."""

    table: str
    columns: tuple[str, ...]
    kind: str  # "index", "unique", "primary"
    path: str
    line: int
    source: str  # "sql", "orm", "alembic", "python-sql"
    name: str = ""
    partial: bool = False
    method: str = ""
    outside: bool = False  # created by a migration beside the analysed root: counts, never cited
    predicate: str = ""  # a partial index's WHERE when written as a string (`postgresql_where="rated = false"`)

    @property
    def leading(self) -> str:
        return self.columns[0] if self.columns else ""

    def covers(self, column: str) -> bool:
        """True when the index can serve a test on `column` as its leading column (plain or
        inside an expression such as lower(column))."""
        lead = self.leading
        return lead == column or lead.endswith(f"({column})") or lead == "?"

    def predicate_columns(self) -> frozenset[str]:
        """The columns a partial index's written predicate tests (`rated = false` -> {"rated"}), read
        by the SQL parser; empty when no predicate was read."""
        return _predicate_columns(self.table, self.predicate) if self.predicate else frozenset()

    def to_dict(self) -> dict[str, Any]:
        return {"table": self.table, "columns": list(self.columns), "kind": self.kind, "name": self.name,
                "partial": self.partial, "method": self.method, "path": self.path, "line": self.line,
                "source": self.source}


def _tested(query: Statement | None, table: str) -> set[str] | None:
    """The columns of `table` the query's whole WHERE tests (its own and the chain's it continues),
    or None when that is not known. Only SQL text shows its whole WHERE: an ORM filter may test a
    partial index's predicate through a hybrid property (`~Review.is_deleted` for `deleted_at IS
    NULL`), so an ORM query is taken to meet it."""
    if query is None or query.source == "orm":
        return None
    return {u.column for u in [*query.inherited, *query.where_uses()] if u.table == table}


@lru_cache(maxsize=1024)
def _predicate_columns(table: str, predicate: str) -> frozenset[str]:
    return frozenset(p.column for stmt in parse(f"SELECT 1 FROM {table} WHERE {predicate}")[:1]
                     for p in stmt.predicates)


@dataclass(frozen=True)
class Relationship:
    """`relationship("Target", lazy=...)` on an ORM class (or returned by a declared_attr)."""

    owner: str  # class fq
    name: str
    target: str  # the target class as written ("Participant", "models.Participant")
    lazy: str  # "select" (the default), "selectin", "joined", "raise", "dynamic", ...
    path: str
    line: int

    @property
    def loads_on_access(self) -> bool:
        return self.lazy in ("select", "dynamic", "True")


@dataclass
class Schema:
    tables: dict[str, Table] = field(default_factory=dict)
    indexes: list[Index] = field(default_factory=list)
    models: dict[str, str] = field(default_factory=dict)  # ORM class fq -> table name
    by_table: dict[str, list[Index]] = field(default_factory=dict)
    relationships: dict[str, dict[str, Relationship]] = field(default_factory=dict)  # class fq -> name -> rel
    outside: list[Index] = field(default_factory=list)  # see `add_outside`

    def table(self, name: str, path: str = "", line: int = 0, source: str = "") -> Table:
        key = normalise_table(name)
        if key not in self.tables:
            self.tables[key] = Table(key, path, line, source)
        elif not self.tables[key].path and path:
            found = self.tables[key]
            found.path, found.line, found.source = path, line, source
        return self.tables[key]

    def add_index(self, index: Index) -> None:
        self.indexes.append(index)
        self.by_table.setdefault(index.table, []).append(index)

    def add_outside(self, index: Index) -> None:
        """An index a migration outside the root creates: it serves queries (`indexes_of`,
        `covering`) but is left out of `indexes`, the list the reports show and cite."""
        self.outside.append(index)
        self.by_table.setdefault(index.table, []).append(index)

    def indexes_of(self, table: str) -> list[Index]:
        return self.by_table.get(table, [])

    def covering(self, table: str, column: str, query: Statement | None = None) -> Index | None:
        """The first index that can serve a test on `table.column` in `query` (None: no query at
        hand, so a partial index is taken to apply). A partial index whose predicate is read
        (`postgresql_where="rated = false"`) serves only a query that tests the predicate's columns
        too: the planner cannot use it for rows it may not hold."""
        tested = _tested(query, table)
        declared = self.tables.get(table)
        for index in self.indexes_of(table):
            if not index.covers(column):
                continue
            if tested is None or declared is None or index.predicate_columns() & declared.columns.keys() <= tested:
                return index
        return None

    def unique_keys(self, table: str) -> list[tuple[str, ...]]:
        """The column sets that identify one row of `table`: its primary key and every unique
        index or constraint that is neither partial nor on an expression."""
        return [i.columns for i in self.indexes_of(table) if i.kind in ("primary", "unique") and not i.partial
                and i.columns and all(c != "?" and "(" not in c for c in i.columns)]

    def is_time_column(self, table: str, column: str) -> bool:
        """Whether `table.column` is declared with a date or timestamp type."""
        found = self.tables.get(table)
        declared = found.columns.get(column) if found is not None else None
        return declared is not None and declared.sql_type.upper() in TIME_TYPES

    def knows_indexes(self, table: str) -> bool:
        """Whether a claim that `table` lacks an index can be trusted."""
        found = self.tables.get(table)
        return found is not None and not found.uncertain and bool(found.columns)


def build_schema(model: "ProjectModel", other_files: list[str]) -> Schema:
    schema = Schema()
    for path in sorted(p for p in other_files if p.endswith(".sql")):
        _read_sql(schema, "\n".join(model.lines(path)), path, 1, "sql")
    for facts in model.modules.values():
        for sql in facts.sql:
            if re.match(r"\s*(CREATE|ALTER)\b", sql.text, re.I):
                _read_sql(schema, sql.text, facts.path, sql.line, "python-sql")
    _read_orm(model, schema, _alembic_table_names(model))
    _read_alembic(model, schema)
    _follow_renames(model, schema)
    _read_outside_migrations(model, schema)
    _composite_primary_keys(schema)
    _resolve_like(schema)
    return schema


def _composite_primary_keys(schema: Schema) -> None:
    """Columns declared `primary_key=True` one by one in the same class or `Table(...)` form ONE key,
    in declaration order: `(account_id, symbol)` serves a lookup by `account_id`, not by `symbol`."""
    groups: dict[tuple[str, str], list[Index]] = {}
    for index in schema.indexes:
        if index.kind == "primary" and index.source == "orm" and len(index.columns) == 1:
            groups.setdefault((index.table, index.path), []).append(index)
    for parts in groups.values():
        columns = tuple(dict.fromkeys(i.columns[0] for i in parts))
        if len(columns) < 2:
            continue
        first = parts[0]
        schema.indexes = [i for i in schema.indexes if i not in parts]
        schema.by_table[first.table] = [i for i in schema.by_table[first.table] if i not in parts]
        schema.add_index(Index(first.table, columns, "primary", first.path, first.line, "orm"))


# ----- SQL -------------------------------------------------------------------------------
def _line_at(text: str, pos: int, first_line: int) -> int:
    return first_line + text.count("\n", 0, max(0, pos))


def _read_sql(schema: Schema, text: str, path: str, first_line: int, source: str) -> None:
    if not re.search(r"\b(CREATE|ALTER)\b", text, re.I):
        return
    for stmt in parse(text):
        for ddl in stmt.ddl_tables:
            _sql_table(schema, ddl, text, path, _line_at(text, stmt.pos, first_line), first_line, source)
        for idx in stmt.ddl_indexes:
            kind = idx.kind if idx.kind != "index" else ("unique" if idx.unique else "index")
            schema.table(idx.table)
            schema.add_index(Index(idx.table, idx.columns, kind, path, _line_at(text, idx.pos, first_line), source,
                                   idx.name, idx.partial, idx.method))


def _sql_table(schema: Schema, ddl: TableDDL, text: str, path: str, line: int, first_line: int,
               source: str) -> None:
    table = schema.table(ddl.name, path, line, source)
    for column, pos in ddl.columns.items():
        table.columns.setdefault(column, Column(column, path, _line_at(text, pos, first_line),
                                                sql_type=ddl.column_types.get(column, "")))
    for kind, cols, pos in ddl.keys:
        if cols:
            schema.add_index(Index(ddl.name, cols, kind, path, _line_at(text, pos, first_line), source))
    if ddl.like:
        table.like = (ddl.like, ddl.like_indexes)


def _resolve_like(schema: Schema) -> None:
    """`CREATE TABLE a (LIKE b INCLUDING ...)`: a has b's columns (and indexes with INDEXES/ALL)."""
    for table in list(schema.tables.values()):
        like = table.like
        if not like or like[0] not in schema.tables:
            continue
        source = schema.tables[like[0]]
        for name, column in source.columns.items():
            table.columns.setdefault(name, column)
        if like[1]:
            for index in list(schema.indexes_of(source.name)):
                schema.add_index(Index(table.name, index.columns, index.kind, index.path, index.line, index.source,
                                       index.name, index.partial, index.method))


# ----- ORM -------------------------------------------------------------------------------
def _call_at(calls: list[CallSite], line: int, tails: frozenset[str] | set[str]) -> CallSite | None:
    for site in calls:
        if site.line == line and site.func and site.func[-1] in tails:
            return site
    return None


def _str_arg(site: CallSite, index: int = 0) -> str:
    return site.args[index] if len(site.args) > index and isinstance(site.args[index], str) else ""


def _kw_true(site: CallSite, key: str) -> bool:
    return site.kwargs.get(key) is True


def _table_name(model: "ProjectModel", class_fq: str) -> tuple[str, str]:
    """(table name, "" or why it is uncertain) for an ORM class; ("", "") when not a table."""
    facts, cls = model.classes[class_fq]
    name = cls.class_attrs.get("__tablename__")
    if isinstance(name, str):
        return name.lower(), ""
    if cls.class_attrs.get("__abstract__") is True:
        return "", ""
    if "table" in cls.keywords:  # SQLModel: class Hero(SQLModel, table=True)
        return cls.name.lower(), ""
    for base in model.mro(class_fq)[1:]:
        base_facts, base_cls = model.classes[base]
        if "__tablename__" in base_cls.methods:
            snake = re.sub(r"(?<!^)(?=[A-Z])", "_", cls.name).lower()
            return snake, "table name derived by a declared_attr __tablename__"
        if isinstance(base_cls.class_attrs.get("__tablename__"), str):
            return "", ""  # single-table inheritance: the base's table
    return "", ""


def _is_orm_class(model: "ProjectModel", class_fq: str) -> bool:
    for fq in model.mro(class_fq):
        _, cls = model.classes[fq]
        if "__tablename__" in cls.class_attrs or "__tablename__" in cls.methods or "table" in cls.keywords:
            return True
        if any(base.split(".")[-1] in ("DeclarativeBase", "SQLModel", "DeclarativeBaseNoMeta")
               for base in cls.bases):
            return True
    return False


def _read_orm(model: "ProjectModel", schema: Schema, migrated: set[str]) -> None:
    module_calls = {facts.module: facts.module_calls for facts in model.modules.values()}
    for class_fq in sorted(model.classes):
        facts, cls = model.classes[class_fq]
        if not (cls.class_attrs or cls.annotations or cls.methods) or not _is_orm_class(model, class_fq):
            continue
        name, why = _table_name(model, class_fq)
        if not name:
            continue
        table = schema.table(name, facts.path, cls.line, "orm")
        table.model = table.model or class_fq
        schema.models[class_fq] = name
        if why and name not in migrated:
            table.uncertain = why
        for fq in reversed(model.mro(class_fq)):
            base_facts, base_cls = model.classes[fq]
            _orm_columns(model, schema, table, base_facts, base_cls, module_calls[base_facts.module])
            _orm_table_args(schema, table, base_facts, base_cls, module_calls[base_facts.module])
            _relationships(model, schema, fq, base_facts, base_cls, module_calls[base_facts.module])
    _module_level_tables(model, schema, module_calls)


def _orm_columns(model: "ProjectModel", schema: Schema, table: Table, facts: ModuleFacts, cls: ClassFacts,
                 calls: list[CallSite]) -> None:
    for attr, value in cls.class_attrs.items():
        if isinstance(value, dict) and value.get("call", "").rsplit(".", 1)[-1] in COLUMN_CALLS:
            site = _call_at(calls, value.get("line", 0), COLUMN_CALLS)
            if site is not None:
                _column_from_call(schema, table, attr, site, facts.path)
        elif isinstance(value, dict) and "call" in value and "." not in value["call"]:
            helper = _column_helper(model, facts, value["call"])  # `id: Mapped[UUID] = uuid_pk()`
            if helper is not None:
                _column_from_call(schema, table, attr, helper, facts.path)
    for attr, annotation in cls.annotations.items():
        if attr not in cls.class_attrs and annotation.startswith("Mapped[") and attr not in table.columns:
            table.columns[attr] = Column(attr, facts.path, cls.line)
    for method in cls.methods:
        found = model.functions.get(f"{facts.module}.{cls.qualname}.{method}")
        if found is None or not any(d.func.split(".")[0] == "declared_attr" or d.func.endswith("declared_attr")
                                    for d in found[1].decorators):
            continue
        _declared_attr(schema, table, facts.path, method, found[1])


def _column_helper(model: "ProjectModel", facts: ModuleFacts, name: str) -> CallSite | None:
    """The `mapped_column(...)` a project function returns, for columns declared through a
    helper (`def uuid_pk(): return mapped_column(primary_key=True, ...)`)."""
    fq = f"{facts.module}.{name}"
    if fq not in model.functions:
        imp = next((i for i in facts.imports if i.bound == name and i.name and not i.in_function), None)
        fq = f"{resolve_relative(facts.module, facts.is_package, imp)}.{imp.name}" if imp is not None else ""
    found = model.functions.get(fq)
    if found is None:
        return None
    sites = [s for s in found[1].calls if s.func and s.func[-1] in COLUMN_CALLS]
    return sites[0] if len(sites) == 1 else None


def _relationships(model: "ProjectModel", schema: Schema, class_fq: str, facts: ModuleFacts, cls: ClassFacts,
                   calls: list[CallSite]) -> None:
    """Relationships declared on a class (mixins included once, under their own fq)."""
    if class_fq in schema.relationships:
        return
    found: dict[str, Relationship] = {}
    for attr, value in cls.class_attrs.items():
        if isinstance(value, dict) and value.get("call", "").rsplit(".", 1)[-1] == "relationship":
            site = _call_at(calls, value.get("line", 0), {"relationship"})
            if site is not None:
                found[attr] = _relationship(class_fq, attr, site, cls.annotations.get(attr, ""), facts.path)
    for method in cls.methods:
        entry = model.functions.get(f"{facts.module}.{cls.qualname}.{method}")
        if entry is None or not any(d.func.endswith("declared_attr") for d in entry[1].decorators):
            continue
        site = next((s for s in entry[1].calls if s.func and s.func[-1] == "relationship"), None)
        if site is not None:
            found[method] = _relationship(class_fq, method, site, entry[1].returns, facts.path)
    schema.relationships[class_fq] = found


_WRAPPERS = frozenset({"Mapped", "List", "Optional", "Set", "Sequence", "None", "WriteOnlyMapped",
                       "DynamicMapped", "Union", "FrozenSet"})


def _relationship(owner: str, attr: str, site: CallSite, annotation: str, path: str) -> Relationship:
    target = site.args[0] if site.args and isinstance(site.args[0], str) else ""
    if not target and site.args and isinstance(site.args[0], dict):
        target = site.args[0].get("ref", "")
    if not target and annotation:
        # whole names only: `Mapped[list[PickList]]` names `PickList`, not `Pick`
        names = re.findall(r"[A-Za-z_][\w.]*", annotation)
        target = next((n for n in names if n[:1].isupper() and n.rsplit(".", 1)[-1] not in _WRAPPERS), "")
    lazy = site.kwargs.get("lazy", "select")
    return Relationship(owner, attr, str(target).strip("'\""), str(lazy), path, site.line)


def _declared_attr(schema: Schema, table: Table, path: str, method: str, func: FunctionFacts) -> None:
    if method == "__table_args__":
        for site in func.calls:
            _index_call(schema, table, site, path)
        if not any(s.func and s.func[-1] in INDEX_CALLS | set(KEY_CALLS) for s in func.calls):
            table.uncertain = table.uncertain or "__table_args__ is computed"
        return
    for site in func.calls:
        if site.func and site.func[-1] in COLUMN_CALLS:
            _column_from_call(schema, table, method, site, path)
            return


def _column_from_call(schema: Schema, table: Table, attr: str, site: CallSite, path: str) -> None:
    name = (_str_arg(site) or attr).lower()
    table.columns.setdefault(name, Column(name, path, site.line, attr if attr.lower() != name else "",
                                          _orm_type(site)))
    for key, kind in (("primary_key", "primary"), ("unique", "unique"), ("index", "index")):
        if _kw_true(site, key):
            schema.add_index(Index(table.name, (name,), kind, path, site.line, "orm"))
    if "sa_column" in site.kwargs:
        table.uncertain = table.uncertain or "a column is declared through sa_column"


def _orm_type(site: CallSite) -> str:
    """`Column(Boolean, ...)` / `mapped_column(sa.String(320))` -> "BOOLEAN" / "STRING"."""
    for arg in site.args:
        if isinstance(arg, dict):
            name = arg.get("ref") or arg.get("call") or ""
            tail = name.rsplit(".", 1)[-1]
            if tail and tail[0].isupper() and tail not in ("ForeignKey", "Sequence", "Identity", "Computed"):
                return tail.upper()
    return ""


def _orm_table_args(schema: Schema, table: Table, facts: ModuleFacts, cls: ClassFacts,
                    calls: list[CallSite]) -> None:
    args = cls.class_attrs.get("__table_args__", None)
    if "__table_args__" in cls.class_attrs and not (
            args is None or isinstance(args, list) or (isinstance(args, dict) and "literal" in args)):
        table.uncertain = table.uncertain or "__table_args__ is computed"
    for site in calls:
        if cls.line <= site.line <= cls.end_line:
            _index_call(schema, table, site, facts.path, calls)


def _element_name(value: Any, site: CallSite, calls: list[CallSite] | None) -> str:
    if isinstance(value, str):
        return value.lower()
    if isinstance(value, dict) and "ref" in value:
        return value["ref"].rsplit(".", 1)[-1].lower()
    if isinstance(value, dict) and "call" in value and calls is not None:
        inner = [s for s in calls if s.line == value.get("line") and s.func and
                 s.func[-1] in ("Column", "column", "text", "literal_column")]
        inner_name = _str_arg(inner[0]) if inner else ""
        func = value["call"].rsplit(".", 1)[-1].lower()
        if inner_name:
            return f"{func}({inner_name.lower()})" if func not in ("column", "literal_column") else inner_name.lower()
    return "?"


def _predicate(site: CallSite, calls: list[CallSite] | None = None) -> str:
    """The WHERE of a partial index given as a string (`postgresql_where="rated = false"`, or in
    `sa.text("rated = false")` among `calls`), else ""."""
    for key, value in site.kwargs.items():
        if not key.endswith("_where"):
            continue
        if isinstance(value, str):
            return value
        if isinstance(value, dict) and str(value.get("call", "")).rsplit(".", 1)[-1] == "text":
            inner = next((c for c in calls or () if c.line == value.get("line") and c.func and c.func[-1] == "text"
                          and c.args and isinstance(c.args[0], str)), None)
            return inner.args[0] if inner is not None else ""
    return ""


def _index_call(schema: Schema, table: Table, site: CallSite, path: str,
                calls: list[CallSite] | None = None) -> None:
    if not site.func:
        return
    tail = site.func[-1]
    if tail in INDEX_CALLS:
        elements = site.args[1:] if site.args and isinstance(site.args[0], str) else site.args
        columns = tuple(_element_name(v, site, calls) for v in elements) or ("?",)
        kind = "unique" if _kw_true(site, "unique") else "index"
        partial = any(k.endswith("_where") for k in site.kwargs)
        method = str(site.kwargs.get("postgresql_using", "") or "")
        schema.add_index(Index(table.name, columns, kind, path, site.line, "orm", _str_arg(site), partial, method,
                               predicate=_predicate(site, calls)))
    elif tail in KEY_CALLS:
        columns = tuple(_element_name(v, site, calls) for v in site.args) or ("?",)
        schema.add_index(Index(table.name, columns, KEY_CALLS[tail], path, site.line, "orm",
                               str(site.kwargs.get("name", "") or "")))


def declared_tables(model: "ProjectModel") -> dict[tuple[str, int], str]:
    """{(path, line): name as written} of the module-level Core declarations (`events =
    Table("events", metadata, ...)`; "" when the name is no string), the first on a line: built once
    per run for the statements built on a declared table (`events.delete()`, `model.coredml`). The
    schema reads the declarations themselves (`_module_level_tables`): it needs each call's columns
    and indexes, not only its name."""
    def build() -> dict[tuple[str, int], str]:
        found: dict[tuple[str, int], str] = {}
        for facts in model.modules.values():
            for site in facts.module_calls:
                if _core_table(site):
                    found.setdefault((facts.path, site.line), _str_arg(site))
        return found
    return model.memo("schema.declared_tables", build)


def _core_table(site: CallSite) -> bool:
    return bool(site.func) and site.func[-1] == CORE_TABLE


def _module_level_tables(model: "ProjectModel", schema: Schema, module_calls: dict[str, list[CallSite]]) -> None:
    """`Table("name", metadata, Column(...), Index(...))` and `Index("ix", Model.col)`."""
    for facts in model.modules.values():
        calls = module_calls[facts.module]
        for site in calls:
            if _core_table(site) and _str_arg(site):
                table = schema.table(_str_arg(site), facts.path, site.line, "table")
                for inner in calls:
                    if site.line <= inner.line <= site.end_line and inner is not site and inner.func:
                        if inner.func[-1] == "Column" and _str_arg(inner):
                            _column_from_call(schema, table, _str_arg(inner), inner, facts.path)
                        else:
                            _index_call(schema, table, inner, facts.path, calls)
            elif site.func and site.func[-1] == "Index" and site.args and isinstance(site.args[-1], dict):
                first = next((a for a in site.args if isinstance(a, dict) and "ref" in a), None)
                if first is None:
                    continue
                owner = model.resolver.type_of_chain(facts, None, tuple(first["ref"].split(".")[:-1]))
                if owner and owner[0] == "class" and owner[1] in schema.models:
                    _index_call(schema, schema.tables[schema.models[owner[1]]], site, facts.path, calls)


# ----- Alembic ---------------------------------------------------------------------------
def _alembic_table_names(model: "ProjectModel") -> set[str]:
    """Tables created by `op.create_table("name", ...)` anywhere."""
    names: set[str] = set()
    for edge in model.calls_named("create_table"):
        site = edge.site
        if site.func == ("op", "create_table") and _str_arg(site):
            names.add(_str_arg(site).lower())
    return names


def _read_alembic(model: "ProjectModel", schema: Schema) -> None:
    """`op.<operation>(...)` and `batch_op.<operation>(...)` calls. Drops are ignored on
    purpose: without the revision order a drop could hide an index that exists."""
    for _, facts, func in model.iter_functions(within=model.functions_calling(named=_ALEMBIC_OPS)):
        _alembic_operations(schema, facts, func)


def _alembic_operations(schema: Schema, facts: ModuleFacts, func: FunctionFacts) -> None:
    if not any(site.func and len(site.func) == 2 and site.func[1] in _ALEMBIC_OPS for site in func.calls):
        return
    batch_tables = _batch_tables(func)
    for index, site in enumerate(func.calls):
        if not site.func or len(site.func) != 2 or site.func[1] not in _ALEMBIC_OPS:
            continue
        head = site.func[0]
        if head != "op" and head not in batch_tables:
            continue
        _ALEMBIC_OPS[site.func[1]](schema, func.calls, index, site, facts.path, batch_tables.get(head))


def _follow_renames(model: "ProjectModel", schema: Schema) -> None:
    """`op.rename_table("old", "new")` in an upgrade: the indexes and keys made on the old name
    stay with the table, so they serve queries on the new one (revisions read in file order, so
    a table renamed twice carries them on). A downgrade's rename only undoes an upgrade's."""
    renames = [(facts.path, site.line, _str_arg(site), _str_arg(site, 1))
               for _, facts, func in model.iter_functions(within=model.functions_calling(named={"rename_table"}))
               if not func.name.startswith("downgrade")
               for site in func.calls if site.func == ("op", "rename_table")]
    for _path, _line, old, new in sorted(renames):
        before = schema.tables.get(normalise_table(old)) if old and new else None
        if before is None or before.name == normalise_table(new):
            continue
        after = schema.table(new)
        for index in list(schema.indexes_of(before.name)):
            schema.add_index(replace(index, table=after.name))
        if not after.columns:
            after.columns.update(before.columns)
        if before.uncertain and not after.uncertain:
            after.uncertain = before.uncertain


def _read_outside_migrations(model: "ProjectModel", schema: Schema) -> None:
    """Indexes and keys the revisions beside the root create (`model.outside_migrations`) on
    tables the analysed code declares. Only `upgrade` functions are read (a downgrade undoes);
    an index some upgrade drops by name, or on a table some upgrade drops, is left out, the
    revisions' order being unknown here. Read into a schema of their own, of which only those
    indexes are kept: their tables and columns add nothing the code could be checked against."""
    if not model.outside_migrations:
        return
    beside = Schema()
    names: dict[tuple[str, int], str] = {}
    dropped: set[str] = set()
    for facts in model.outside_migrations:
        for func in facts.functions.values():
            if func.name.startswith("upgrade") and not func.class_name:
                _alembic_operations(beside, facts, func)
                names.update(((facts.path, site.line), _declared_name(func, site)) for site in func.calls
                             if site.func and site.func[-1] in _NAMED)
                dropped |= _dropped(func)
    mentioned: dict[str, set[str]] = {}  # word -> revisions that drop something and hold the word
    for facts in model.outside_migrations:
        for word in facts.extra.get("drop_words", ()):
            mentioned.setdefault(word, set()).add(facts.path)
    for index in beside.indexes:
        name = index.name or names.get((index.path, index.line), "")
        if index.table in dropped or (name and name in dropped) or not index.columns or "?" in index.columns:
            continue
        if any(mentioned.get(n, {index.path}) - {index.path} for n in _index_names(index, name)):
            continue  # named in another revision that drops something: maybe dropped since
        if index.table in schema.tables:
            schema.add_outside(replace(index, name=name, outside=True))


def _index_names(index: Index, name: str) -> set[str]:
    """The name an index is created under: the one written, else the defaults of SQLAlchemy
    (`ix_<table>_<column>`) and PostgreSQL (`<table>_<column>_key`, `<table>_pkey`)."""
    if name:
        return {name}
    joined = "_".join(index.columns)
    return {f"ix_{index.table}_{joined}", f"{index.table}_{joined}_key", f"uq_{index.table}_{joined}",
            f"{index.table}_pkey", f"pk_{index.table}"}


# operations and declarations that name an index or a key (first argument or `name=`)
_NAMED = frozenset({"create_index", "create_unique_constraint", "create_primary_key", "Index", "UniqueConstraint",
                    "PrimaryKeyConstraint"})
_NAMED_FIRST = frozenset({"create_index", "create_unique_constraint", "create_primary_key", "Index", "drop_index",
                          "drop_constraint"})


def _dropped(func: FunctionFacts) -> set[str]:
    """Index, constraint and table names an upgrade drops (tables lower-cased)."""
    out: set[str] = set()
    for site in func.calls:
        tail = site.func[-1] if site.func else ""
        if tail in ("drop_index", "drop_constraint"):
            out.add(_declared_name(func, site) or "?")
        elif tail == "drop_table" and _str_arg(site):
            out.add(_str_arg(site).lower())
    return out


def _declared_name(func: FunctionFacts, site: CallSite) -> str:
    """The name an operation gives or drops: `"ix_a_b"`, `op.f("ix_a_b")`, `name=...`."""
    first = site.args[0] if site.args and site.func and site.func[-1] in _NAMED_FIRST else None
    for value in (site.kwargs.get("name"), site.kwargs.get("index_name"), site.kwargs.get("constraint_name"), first):
        if isinstance(value, str):
            return value
        if isinstance(value, dict) and str(value.get("call", "")).rsplit(".", 1)[-1] == "f":
            inner = _call_at(func.calls, value.get("line", 0), {"f"})
            if inner is not None and _str_arg(inner):
                return _str_arg(inner)
    return ""


def _batch_tables(func: FunctionFacts) -> dict[str, str]:
    """`with op.batch_alter_table("t") as batch_op` -> {"batch_op": "t"}."""
    found = {}
    for name, value in func.local_types.items():
        if isinstance(value, dict) and value.get("call", "").endswith("batch_alter_table"):
            site = _call_at(func.calls, value.get("line", 0), {"batch_alter_table"})
            if site is not None and _str_arg(site):
                found[name] = _str_arg(site)
    return found


def _nested(calls: list[CallSite], index: int) -> list[CallSite]:
    outer = calls[index]
    out = []
    for site in calls[index + 1:]:
        if site.line > outer.end_line:
            break
        out.append(site)
    return out


def _op_create_table(schema: Schema, calls: list[CallSite], index: int, site: CallSite, path: str,
                     batch: str | None) -> None:
    name = _str_arg(site)
    if not name:
        return
    table = schema.table(name, path, site.line, "alembic")
    for inner in _nested(calls, index):
        if not inner.func:
            continue
        if inner.func[-1] == "Column" and _str_arg(inner):
            _column_from_call(schema, table, _str_arg(inner), inner, path)
        elif inner.func[-1] in INDEX_CALLS or inner.func[-1] in KEY_CALLS:
            _index_call(schema, table, inner, path, calls)


def _list_arg(site: CallSite, position: int, key: str) -> tuple[str, ...] | None:
    value = site.args[position] if len(site.args) > position else site.kwargs.get(key)
    if isinstance(value, list):
        return tuple(v.lower() if isinstance(v, str) else "?" for v in value) or ("?",)
    if isinstance(value, str):
        return (value.lower(),)
    if value is None:
        return None
    return ("?",)


def _op_create_index(schema: Schema, calls: list[CallSite], index: int, site: CallSite, path: str,
                     batch: str | None) -> None:
    name = _str_arg(site)
    if batch is not None:
        table, columns = batch, _list_arg(site, 1, "columns")
    else:
        table = _str_arg(site, 1) or str(site.kwargs.get("table_name", "") or "")
        columns = _list_arg(site, 2, "columns")
    if not table:
        return
    schema.table(table)
    kind = "unique" if _kw_true(site, "unique") else "index"
    partial = any(k.endswith("_where") for k in site.kwargs)
    method = str(site.kwargs.get("postgresql_using", "") or "")
    schema.add_index(Index(table.lower(), columns or ("?",), kind, path, site.line, "alembic", name, partial, method,
                           predicate=_predicate(site, calls)))


def _op_constraint(kind: str):
    def handler(schema: Schema, calls: list[CallSite], index: int, site: CallSite, path: str,
                batch: str | None) -> None:
        if batch is not None:
            table, columns = batch, _list_arg(site, 1, "columns")
        else:
            table = _str_arg(site, 1) or str(site.kwargs.get("table_name", "") or "")
            columns = _list_arg(site, 2, "columns")
        if table:
            schema.table(table)
            schema.add_index(Index(table.lower(), columns or ("?",), kind, path, site.line, "alembic", _str_arg(site)))
    return handler


def _op_add_column(schema: Schema, calls: list[CallSite], index: int, site: CallSite, path: str,
                   batch: str | None) -> None:
    table_name = batch if batch is not None else _str_arg(site)
    if not table_name:
        return
    table = schema.table(table_name)
    for inner in _nested(calls, index):
        if inner.func and inner.func[-1] == "Column" and _str_arg(inner):
            _column_from_call(schema, table, _str_arg(inner), inner, path)


_ALEMBIC_OPS = {
    "create_table": _op_create_table,
    "create_index": _op_create_index,
    "create_unique_constraint": _op_constraint("unique"),
    "create_primary_key": _op_constraint("primary"),
    "add_column": _op_add_column,
}
