"""RA201 n-plus-one: a query or remote call made once per item of a collection, directly or
through any depth of project calls."""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Iterator, NamedTuple

from ...findings import Finding, Location
from ...model.data import DataModel, of_context
from ...model.origins import positional_params
from ...model.roundtrips import LoopQuery, TripSite, graph_walk
from ..api import ProjectContext, Rule, register
from ._common import DocRef, doc_location, iterable_text, n1_doc, requests_reaching, short

_BATCH_NAME = re.compile(r"(_by_ids|_by_keys|_many|_bulk|_batch|_all|_in|s)$")
_ASSIGNED = re.compile(r"^\s*(?P<var>[A-Za-z_]\w*)\s*(:[^=]+)?=\s*(await\s+)?")
_PG_ARRAY = {"BIGINT": "bigint[]", "INTEGER": "int[]", "INT": "int[]", "BIGSERIAL": "bigint[]", "SERIAL": "int[]",
             "UUID": "uuid[]", "TEXT": "text[]", "VARCHAR": "text[]", "CHAR": "text[]"}


@register
class NPlusOne(Rule):
    """A loop, comprehension or `gather` that runs one query (or remote call) per item.

    What it finds:
        Calls inside a `for` loop or a comprehension (including the coroutines handed to
        `asyncio.gather`) that run a database query, a cache command or a request to the same
        HTTP endpoint for each item: directly (`await conn.fetchrow(...)`), or through
        project methods down to three calls deep (`self.dm.get_instrument(id)` ->
        `pool.fetchrow(...)`), and ORM queries in loops; an HTTP helper forwarding its
        query or body (`_get(path, params)` -> `client.get(path, params=params)`) carries the item
        its caller passes (`_get("/v2/cpu", {"resource": rid})`) to one fixed endpoint. Already batched calls
        (`executemany`, `copy_records_to_table`, `= ANY($1)`, `IN (...)`, `mget`, pipelines)
        are not reported, nor loops over constants (also `cast(list[T], [A, B, C])`, and a module
        registry bound at import to what a function without parameters builds from a literal,
        `HANDLERS = _build()` returning `{h.kind: h for h in (A, B, C)}`: its size is fixed by the
        code; a list literal the function grows before the loop, `docs = [await inbox.get()]` then
        `docs.append(...)`, is data), retry
        or paging loops (chunks, batches, segments: one statement per chunk), `while` loops
        (polling and consumer loops, but a drained work list is data: `while stack: node =
        stack.pop()`; one the body feeds back, a graph walk, is worded as one and pointed at a
        recursive CTE), `async for` over a message stream (`pubsub.listen()`, `websocket.iter_text()`: each
        message handled as it arrives) and `for _ in range(n)` polls paced by a sleep, calls
        followed by `break`/`return` (they run once per loop), tests and migrations. One
        finding per loop, and one more per call in it to another backend whose client offers the
        batch form (a query and `tax.withholding(...)` beside `withholding_batch`), with every hop
        down to the query; a helper that reads first and
        writes only in a branch (`if not found: create(...)`) is cited by the read it always makes.

    Why it matters:
        Each item pays a full round trip (network latency plus query planning), so the time
        grows linearly with the data: 500 rows at 2 ms is a second of waiting, and under
        `gather` the same N queries arrive at once and drain the connection pool.

    Example:
        for order in orders:
            instrument = await self.dm.get_instrument(order["instrument_id"])

    Instead:
        Fetch every key in one round trip before the loop and look items up in memory:

            ids = [order["instrument_id"] for order in orders]
            instruments = await self.dm.get_instruments_by_ids(ids)   # WHERE id = ANY($1)
            for order in orders:
                instrument = instruments.get(order["instrument_id"])
    """

    id = "RA201"
    name = "n-plus-one"
    category = "n-plus-one"
    severity = "HIGH"
    scope = "project"
    base_effort = 2.0
    effort_per_location = 0.5

    def check(self, ctx: ProjectContext) -> Iterator[Finding]:
        data = of_context(ctx)
        ctx.examine("queries", sum(1 for s in data.statements if s.kind in ("select", "insert", "update", "delete")))
        ctx.examine("round trips", sum(len(sites) for sites in data.trips.values()))
        ctx.examine("queries in loops", len(data.loops))
        requests = requests_reaching(ctx)
        for loop in data.loops:
            if _routed_by_kind(ctx.model, loop) or _one_key_only(ctx.model, loop):
                continue
            yield self._finding(ctx, data, loop, requests)
            for other in _other_backends(ctx.model, data, loop):
                yield self._finding(ctx, data, other, requests)

    def _finding(self, ctx: ProjectContext, data: DataModel, loop: LoopQuery, requests: dict) -> Finding:
        model = ctx.model
        site, trip = loop.site, loop.trip
        func = short(loop.function)
        target = short(trip.function) if loop.chain else trip.target
        what = _what(trip)
        per = _item_word(model, loop)
        location = Location(loop.path, site.line, site.end_line)
        related = []
        worklist = _worklist(model, loop)
        if loop.loop_line != site.line:
            related.append(Location(loop.path, loop.loop_line, loop.loop_line,
                                    f"the walk over `{worklist}`" if worklist else _loop_note(model, loop)))
        for edge in loop.chain[1:]:
            hop = model.hop(edge)
            related.append(Location(hop.path, hop.line, hop.line, f"`{short(hop.function)}` calls on"))
        statement = trip.statement
        note = f"the {what} run once per node visited" if worklist else f"the {what} run once per {per}"
        if statement is not None:
            related.append(Location(statement.path, statement.line, statement.end_line, note))
        else:
            related.append(Location(trip.path, trip.site.line, trip.site.end_line, note))
        for other in loop.others[:3]:
            related.append(Location(loop.path, other.line, other.end_line, "another per-item call in the same loop"))
        batch = _batch_sibling(model, data, trip)
        doc = n1_doc(ctx, [short(batch, 1)] if batch else []) if batch or statement else None
        related.extend(doc_location(doc))
        entry = requests.get(loop.function)
        severity = "HIGH" if entry is not None else "MEDIUM"
        via = ""
        if len(loop.chain) > 1:
            via = " through " + " -> ".join(f"`{short(model.callee_function(e.target))}`" for e in loop.chain)
        gathered = _concurrently(model, loop)
        count = 1 + len(loop.others)
        description = (
            f"`{func}` iterates over {_iterable_prose(model, loop)} (line {loop.loop_line}) and {_calls(loop)} "
            f"`{site.name}` for each {per}{via}; `{target}` runs {_statement_text(statement, what)} "
            f"({trip.path}:{trip.site.line}), so the loop makes one round trip per {per}{gathered}"
            + (f"; {count} calls in this loop do so" if count > 1 else "")
            + (f". Reached from {entry.name.strip()}." if entry is not None else ".")
        )
        title = f"N+1: `{func}` runs `{short(target, 2)}` once per {per}"
        recommendation = _recommendation(model, data, loop, batch, doc, statement)
        if worklist:
            title, description, recommendation = _graph_walk_text(loop, worklist, func, target, site, via,
                                                                  _statement_text(statement, what), trip, entry)
        return self.finding(location, title, description, severity=severity, related=related,
                            recommendation=recommendation,
                            extra={"loop_line": loop.loop_line, "hops": loop.hops, "kind": trip.trip.kind})


def _routed_by_kind(model, loop: LoopQuery) -> bool:
    """The loop hands each item to a router that picks the remote service by the item's kind
    (`if sub.kind == "slack": ... if sub.kind == "jira": ...`) and the HTTP request sits in one of
    those branches: a fan-out delivering each item to the integration it names, not a lookup
    one batch could replace. A database trip behind such a branch is still reported."""
    if loop.trip.trip.kind != "http" or len(loop.chain) < 2 or loop.also:
        return False
    router = model.functions.get(model.callee_function(loop.chain[0].target) or "")
    if router is None:
        return False
    func = router[1]
    given = {name for name, value in zip(positional_params(func), loop.site.args)
             if isinstance(value, dict) and str(value.get("ref", "")).split(".", 1)[0] == loop.target}
    tests = [t for t in func.extra.get("literal_tests", ()) if t["eq"] and t["name"] in given]
    line = loop.chain[1].site.line
    for test in tests:
        kinds = {t["value"] for t in tests if (t["name"], t["attr"]) == (test["name"], test["attr"])}
        if len(kinds) > 1 and any(b["kind"] == "if" and b["line"] == test["line"] and b["line"] < line <= b["end"]
                                  for b in [*func.extra.get("blocks", ()), *func.extra.get("sync_ifs", ())]):
            return True
    return False


def _one_key_only(model, loop: LoopQuery) -> bool:
    """The call sits under `if key == "home_channel":` where `key` is the key of a loop over a
    mapping (`for key, value in patch.items():`, `for key in patch.keys():`): a mapping holds each key
    once, so the branch, and the round trip in it, runs at most once per loop."""
    call = loop.iterable.get("call") if isinstance(loop.iterable, dict) else None
    if not isinstance(call, str) or not call.endswith((".items", ".keys")):
        return False
    key = loop.target.split(",", 1)[0].strip(" ()")
    test = re.compile(rf"\s*(?:el)?if\s+{re.escape(key)}\s*==\s*[\"']")
    func = model.functions[loop.function][1]
    return any(b["kind"] == "if" and loop.loop_line < b["line"] < loop.site.line <= b["end"]
               and test.match(model.line_text(loop.path, b["line"]))
               for b in [*func.extra.get("blocks", ()), *func.extra.get("sync_ifs", ())])


def _worklist(model, loop: LoopQuery) -> str:
    """The work list of a graph walk the loop is (`model.roundtrips.graph_walk`), "" otherwise."""
    func = model.functions[loop.function][1]
    info = func.extra.get("loops", {}).get(loop.loop_line, {})
    return graph_walk(func, info, loop.loop_line) if info else ""


def _calls(loop: LoopQuery) -> str:
    """How the loop runs the first step: a written call, or a read of a property whose getter runs it."""
    return "reads the property" if loop.chain and loop.chain[0].kind == "property" else "calls"


def _graph_walk_text(loop: LoopQuery, worklist: str, func: str, target: str, site, via: str, statement: str,
                     trip: TripSite, entry) -> tuple[str, str, str]:
    """Title, description and advice for a walk over a graph: one round trip per node visited,
    each depending on what the previous turns found, so no single `IN` over known keys replaces it."""
    title = f"N+1 graph walk: `{func}` runs `{short(target, 2)}` once per node it visits"
    description = (
        f"`{func}` walks a graph with the work list `{worklist}` (line {loop.loop_line}): each turn takes one "
        f"node, {_calls(loop)} `{site.name}`{via}, and `{target}` runs {statement} ({trip.path}:{trip.site.line}) "
        f"to find the next nodes, which go back on `{worklist}`. The walk makes one round trip per node it visits, "
        "one after another, and the keys of a turn are only known once the previous query has answered, so the "
        "cost grows with the size and depth of the graph."
        + (f" Reached from {entry.name.strip()}." if entry is not None else ""))
    recommendation = (
        "Let the database walk the graph in one statement with a recursive CTE, or go one level at a time "
        "(one `IN` query for every node of the current level, not one per node):\n\n"
        "    WITH RECURSIVE reachable(id) AS (\n"
        "        SELECT child_id FROM edges WHERE parent_id = :start\n"
        "        UNION\n"
        "        SELECT e.child_id FROM edges e JOIN reachable r ON e.parent_id = r.id\n"
        "    )\n"
        "    SELECT 1 FROM reachable WHERE id = :target LIMIT 1")
    return title, description, recommendation


def _backend(query: LoopQuery) -> str:
    kind = query.trip.trip.kind
    return "db" if kind in ("sql", "orm") else kind


def _other_backends(model, data: DataModel, loop: LoopQuery) -> list[LoopQuery]:
    """Per-item calls of the same loop that reach another backend (the database in one call, an HTTP
    service in the next) whose client already has the batch form (`withholding` beside
    `withholding_batch`): each is its own fix, so its own finding. A per-item send with no batch
    form (one SMS per appointment) is what the loop is for; calls to the same backend stay listed
    on the loop's one finding."""
    seen, split = {_backend(loop)}, []
    for other in loop.also:
        if _backend(other) not in seen and _batch_twin(model, other):
            seen.add(_backend(other))
            # a copy: the record stays as the model built it, listed under the loop's own finding
            split.append(replace(other, also=[loop, *(q for q in loop.also if q is not other)]))
    return split


def _batch_twin(model, query: LoopQuery) -> bool:
    """The method the loop calls has a plural twin on its class (`withholding` ->
    `withholding_batch`, `convert` -> `convert_many`)."""
    callee = model.callee_function(query.chain[0].target) if query.chain else query.trip.function
    owner, _, name = (callee or "").rpartition(".")
    if owner not in model.classes:
        return False
    return any(method != name and _plural(method, name) for method in model.classes[owner][1].methods)


def _plural(method: str, name: str) -> bool:
    """`method` is the batch form of `name` (`withholding_batch`, `get_quotes`)."""
    return method.startswith(name) and bool(_BATCH_NAME.search(method[len(name):]))


def _what(trip: TripSite) -> str:
    if trip.statement is not None and trip.statement.source != "orm":
        return "query"
    return {"cache": "cache command", "http": "HTTP request", "orm": "ORM query"}.get(trip.trip.kind, "query")


def _loop_var(loop: LoopQuery) -> str:
    target = loop.target.split(",")[0] if loop.target else ""
    return target if target.isidentifier() and target != "_" else "item"


def _item_word(model, loop: LoopQuery) -> str:
    """The loop variable, or the singular of the iterable when the variable is a bare letter;
    a count (`for i in range(n)`) names its turns, "iteration of the `range(n)` loop", never a
    plural made of the letter."""
    target = loop.target.split(",")[0] if loop.target else ""
    if target.isidentifier() and len(target) > 2 and target != "_":
        return target
    source = loop.iterable.get("ref", "") if isinstance(loop.iterable, dict) else ""
    tail = source.rsplit(".", 1)[-1]
    if tail.endswith("s") and len(tail) > 3 and tail.isidentifier():
        return tail[:-3] + "y" if tail.endswith("ies") else tail[:-1]
    counted = _range_text(model, loop)
    if counted:
        return f"iteration of the `{counted}` loop"
    return target if target.isidentifier() and target != "_" else "item"


def _loop_note(model, loop: LoopQuery) -> str:
    """The related note on the loop's line: what it walks, in the code's own words."""
    counted = _range_text(model, loop)
    if counted:
        return f"the `{counted}` loop"
    return f"the loop over {iterable_text(loop.iterable)}"


def _range_text(model, loop: LoopQuery) -> str:
    """`range(max_steps)` when the loop counts turns with `range(...)`, "" otherwise."""
    if not isinstance(loop.iterable, dict) or loop.iterable.get("call") != "range":
        return ""
    _, func = model.functions[loop.function]
    line = loop.iterable.get("line", loop.loop_line)
    site = next((s for s in func.calls if s.line == line and s.func == ("range",)), None)
    if site is None:
        return ""
    return f"range({', '.join(_arg_text(a) for a in site.args)})"


def _arg_text(value) -> str:
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, dict) and "ref" in value:
        return value["ref"]
    if isinstance(value, dict) and value.get("call"):
        return f"{value['call']}(...)"
    return "..."


def _statement_text(statement, what: str) -> str:
    if statement is None:
        return ("an " if what[0] in "aeiouOH" else "a ") + what
    if statement.source == "orm":
        return f"an ORM query on `{', '.join(statement.tables) or '?'}`"
    return f"`{compact_sql(statement.text)}`"


def compact_sql(text: str, limit: int = 110) -> str:
    """One line of SQL for prose: whitespace folded, a long select list elided."""
    flat = re.sub(r"\s+", " ", text).strip()
    flat = re.sub(r"^(SELECT\s+(?:DISTINCT\s+)?)(.{30,}?)(\s+FROM\s)", r"\1...\3", flat, count=1, flags=re.I)
    return flat if len(flat) <= limit else flat[:limit - 3].rstrip() + "..."


def _concurrently(model, loop: LoopQuery) -> str:
    """How the per-item calls overlap, for the description: all handed to `asyncio.gather`, or each
    wrapped in its own task (`[create_task(save(s)) for s in subs]`); "" when they run one by one."""
    _, func = model.functions[loop.function]
    if any(s.func and s.func[-1] == "gather" and s.line <= loop.loop_line <= s.end_line for s in func.calls):
        return " (all at once under `asyncio.gather`)"
    site = loop.site
    if any(s.func and s.func[-1] in ("create_task", "ensure_future") and s.line <= site.line <= s.end_line
           and s is not site and loop.loop_line <= s.line for s in func.calls):
        return " (each in its own task, all at once)"
    return ""


def _batch_sibling(model, data: DataModel, trip: TripSite) -> str:
    """A method of the same class that already does this for many keys at once: it runs a
    batched statement on the same table, or (for HTTP) it is the plural of the per-item one."""
    owner, _, name = trip.function.rpartition(".")
    if owner not in model.classes:
        return ""
    keys = _key_columns(trip.statement)
    _, cls = model.classes[owner]
    for method in sorted(cls.methods):
        fq = f"{owner}.{method}"
        if method == name:
            continue
        for other in data.trips.get(fq, ()):
            if other.per_item:
                continue
            if keys and other.statement is not None and other.statement.kind == trip.statement.kind and \
                    keys & _key_columns(other.statement, batched=True):
                return fq
            if trip.trip.kind == "http" and _plural(method, name):
                return fq
    return ""


def _key_columns(statement, batched: bool = False) -> set[tuple[str, str]]:
    """(table, column) pairs a statement looks rows up by: `=` per item, `= ANY`/`IN` batched."""
    if statement is None:
        return set()
    ops = ("any", "in") if batched else ("=",)
    return {(u.table, u.column) for u in statement.where_uses() if u.op in ops and u.table}


def _recommendation(model, data: DataModel, loop: LoopQuery, batch: str, doc: DocRef | None, statement) -> str:
    line = model.line_text(loop.path, loop.site.line)
    item = _loop_var(loop)
    arg = _first_arg(line, loop.site.func[-1] if loop.site.func else "", item)
    if len(loop.chain) > 1:  # the key is what the last hop passes, when it is read off the item
        last = loop.chain[-1].site
        inner = _first_arg(model.line_text(model.hop(loop.chain[-1]).path, last.line),
                           last.func[-1] if last.func else "", item)
        arg = inner if inner.startswith(item) else ""
    source = _iterable_source(model, loop) or "items"
    docs = f" This is the pattern `{doc.path}` describes." if doc is not None else ""
    keys = source if not arg or arg == item else f"[{arg} for {item} in {source}]"
    if batch:
        call = f"{_receiver(model, loop)}.{short(batch, 1)}" if _receiver(model, loop) else short(batch)
        head = (f"Call `{short(batch)}` once before the loop (one round trip for every key) and look each "
                f"{item} up in memory:{docs}\n\n    by_key = await {call}({keys})\n")
        if loop.loop_kind == "for":
            var = _ASSIGNED.match(line)
            result = var.group("var") if var else "value"
            return head + f"    for {item} in {source}:\n        {result} = by_key.get({arg or item})"
        return head + f"    # then read by_key[{arg or item}] instead of calling `{loop.site.name}` per {item}"
    return _generic(data, loop, statement, arg, item, source, docs, model.functions[loop.function][1].is_async,
                    _orm_keys(model, loop, statement, item))


def _receiver(model, loop: LoopQuery) -> str:
    """How the loop's function can reach the batch method: the receiver of the last call
    down the chain when that call is made from the same class (`self.dm`, `self.ticker`)."""
    edge = loop.chain[-1] if loop.chain else None
    if edge is None or not edge.site.func or len(edge.site.func) < 2:
        return ""
    same_class = edge.caller.rsplit(".", 1)[0] == loop.function.rsplit(".", 1)[0]
    return ".".join(edge.site.func[:-1]) if same_class else ""


def _generic(data: DataModel, loop: LoopQuery, statement, arg: str, item: str, source: str, docs: str,
             is_async: bool, orm_keys: "_OrmKeys | None" = None) -> str:
    """The batched form of the loop's round trip, by what it talks to."""
    kind = loop.trip.trip.kind
    keys = source if not arg or arg == item else f"[{arg} for {item} in {source}]"
    if kind == "cache":
        return _cache_batch(loop, item, source, docs, is_async)
    if kind == "http":
        return ("Use the service's batch endpoint if it has one; otherwise bound the fan-out:" + docs +
                f"\n\n    sem = asyncio.Semaphore(10)\n    async def one({item}):\n        async with sem:\n"
                f"            return await ...\n    results = await asyncio.gather(*(one(x) for x in {source}))")
    if kind in ("orm",) or (statement is not None and statement.source == "orm"):
        return _orm_batch(data, loop, statement, arg, item, source, docs, is_async, orm_keys, keys)
    if statement is not None and statement.kind == "insert":
        return ("Insert the rows in one round trip: `executemany` (or `copy_records_to_table` for large "
                f"batches):{docs}\n\n    rows = [(...) for {item} in {source}]\n"
                "    await conn.executemany(\"INSERT INTO ... VALUES ($1, $2)\", rows)")
    return _sql_batch(data, statement, keys, docs)


def _cache_batch(loop: LoopQuery, item: str, source: str, docs: str, is_async: bool) -> str:
    """The command the loop repeats, queued the way the calling code runs (sync or async)."""
    command = loop.trip.trip.method or "get"
    opener, wait = ("async with", "await ") if is_async else ("with", "")
    return ("Send the commands in one round trip: `mget`/`hmget` for reads, or a pipeline:" + docs +
            f"\n\n    {opener} redis.pipeline(transaction=False) as pipe:\n        for {item} in {source}:\n"
            f"            pipe.{command}(...)\n        values = {wait}pipe.execute()")


def _orm_model_name(data: DataModel, loop: LoopQuery, statement) -> str:
    """The mapped class the statement reads (`session.get(Customer, id)` names it), "Model" when unknown."""
    table = data.schema.tables.get(statement.tables[0]) if statement is not None and statement.tables else None
    name = table.model.rsplit(".", 1)[-1] if table is not None and table.model else "Model"
    first = loop.trip.site.args[0] if loop.trip.site.args else None
    if name == "Model" and loop.trip.trip.method == "get" and isinstance(first, dict) and "ref" in first:
        name = first["ref"].rsplit(".", 1)[-1]
    return name


def _orm_batch(data: DataModel, loop: LoopQuery, statement, arg: str, item: str, source: str, docs: str,
               is_async: bool, orm_keys: "_OrmKeys | None", keys: str) -> str:
    """One `IN` query over the keys the loop varies; the tests that stay the same are kept as written."""
    name = _orm_model_name(data, loop, statement)
    use = next((u for u in (statement.where_uses() if statement else []) if u.op == "="), None)
    column = use.column if use else "id"
    fixed = ""
    if orm_keys is not None:
        names = ", ".join(part.strip() for part in loop.target.split(",")) if loop.target else item
        column, keys = orm_keys.column, f"[{orm_keys.value} for {names} in {source}]"
        fixed = "".join(f"{name}.{c} == {v}, " for c, v in orm_keys.fixed)
    elif name != "Model" and re.fullmatch(rf"(\w+\.)*{re.escape(name)}", arg or ""):
        keys = source  # `session.query(Model)`: the model class is no key
    query = f"session.scalars(select({name}).where({fixed}{name}.{column}.in_(keys)))"
    query = f"(await {query}).all()" if is_async else f"{query}.all()"
    return (f"Load the rows for every key in one query with `IN`, or eager-load the relationship:{docs}\n\n"
            f"    keys = {keys}\n"
            f"    rows = {query}\n"
            f"    by_key = {{row.{column}: row for row in rows}}\n"
            f"    # relationships: select(Parent).options(selectinload(Parent.children))")


def _sql_batch(data: DataModel, statement, keys: str, docs: str) -> str:
    """The per-item SQL run once for all keys with `= ANY($1)`."""
    use = next((u for u in (statement.where_uses() if statement else []) if u.op == "="), None)
    column = use.column if use else "id"
    sql = _as_batch(data, statement, use) if statement is not None else ""
    sql = sql or f"SELECT ... FROM {statement.tables[0] if statement and statement.tables else '...'} " \
                 f"WHERE {column} = ANY($1)"
    return (f"Run the query once for all keys with `= ANY($1)` and look items up in memory:{docs}\n\n"
            f"    keys = {keys}\n"
            f"    rows = await conn.fetch(\"{sql}\", keys)\n"
            f"    by_key = {{row[\"{column}\"]: row for row in rows}}")


def _as_batch(data: DataModel, statement, use) -> str:
    """The per-item SQL rewritten for all keys: `col = $1` -> `col = ANY($1::bigint[])`,
    grouped by the key when it aggregates."""
    if use is None:
        return ""
    table = data.schema.tables.get(use.table)
    column = table.columns.get(use.column) if table else None
    cast = _PG_ARRAY.get((column.sql_type if column else "").upper(), "")
    flat = compact_sql(statement.text, limit=400)
    batched, count = re.subn(rf"\b{re.escape(use.column)}\s*=\s*(\$\d+)",
                             rf"{use.column} = ANY(\1{'::' + cast if cast else ''})", flat, count=1)
    if statement.aggregate_only:
        batched = re.sub(r"^SELECT\s+", f"SELECT {use.column}, ", batched, count=1, flags=re.I)
        batched += f" GROUP BY {use.column}"
    return batched.replace('"', "'") if count and len(batched) <= 160 else ""


def _call_args(text: str, method: str) -> tuple[list[str], bool]:
    """The argument texts of the first `method(...)` in `text`, split at top-level commas, and
    whether the call closes within `text` (a call cut off at the end of a line does not)."""
    at = text.find(method + "(") if method else -1
    if at < 0:
        return [], False
    args, depth, start = [], 0, at + len(method) + 1
    for index in range(start, len(text) + 1):
        char = text[index] if index < len(text) else ")"
        if char in "([{":
            depth += 1
        elif char in ")]}" and depth:
            depth -= 1
        elif char in ",)" and depth == 0:
            args.append(text[start:index].strip())
            start = index + 1
            if char == ")":
                return args, index < len(text)
    return args, False


def _first_arg(line: str, method: str, item: str = "") -> str:
    """The argument of `method(...)` on a source line that carries the item: the first one that
    mentions `item` (the value of a keyword argument), else the first positional one."""
    args, closed = _call_args(line, method)
    values = [a.split("=", 1)[1].strip() if re.match(r"^\w+\s*=[^=]", a) else a for a in args if a]
    mentions = [v for v in values if item and re.search(rf"\b{re.escape(item)}\b", v)]
    if mentions:
        return mentions[0]
    positional = [a for a in args if a and not re.match(r"^\w+\s*=[^=]", a)]
    return positional[0] if positional and closed else ""


class _OrmKeys(NamedTuple):
    """The ORM test whose value changes with the item (`key == key` fed `config["key"]`), that value
    as the loop reads it, and the tests whose values stay the same for every item."""

    column: str
    value: str
    fixed: list[tuple[str, str]]


_VALUE = r"([A-Za-z_][\w.]*(?:\[[^\]]*\])*|\"[^\"]*\"|'[^']*')"


def _literal(value: str) -> str:
    """A quoted literal stays the same for every item."""
    return value if value[:1] in "\"'" and value else ""


def _orm_keys(model, loop: LoopQuery, statement, item: str) -> "_OrmKeys | None":
    """Which equality test of the ORM statement the loop varies, read from the source: a value the
    loop computes from its item (`agent_execution_id = event.props["run_id"]`, then `.filter(Config.run_id
    == agent_execution_id)`), or, through a call, the parameter the loop fills with something of the item
    (`add_or_update(toolkit_id=kit.id, key=config["key"])` reaching `filter_by(toolkit_id=toolkit_id,
    key=key)`). None when no single test can be told apart."""
    if statement is None or len(loop.chain) > 1:
        return None
    tests = _equality_values(model, statement)
    if len(loop.chain) == 1:
        callee = model.functions.get(model.callee_function(loop.chain[0].target) or "")
        bound = _bound_arguments(_call_text(model, loop), loop.site.func[-1] if loop.site.func else "",
                                 positional_params(callee[1]) if callee else [])
        caller_side = {column: _literal(value) or _loop_value(model, loop, bound.get(value, ""))
                       for column, value in tests.items()}
    else:
        caller_side = {column: _literal(value) or _loop_value(model, loop, value) for column, value in tests.items()}
    mentions = [c for c, v in caller_side.items() if v and re.search(rf"\b{re.escape(item)}\b", v)]
    if len(mentions) != 1:
        return None
    fixed = [(c, v) for c, v in caller_side.items() if c != mentions[0] and v]
    return _OrmKeys(mentions[0], caller_side[mentions[0]], fixed)


def _equality_values(model, statement) -> dict[str, str]:
    """column -> the name or expression it is compared with, for each `=` test of the statement:
    `Model.col == value`, `value == Model.col` or `filter_by(col=value)`."""
    text = " ".join(model.lines(statement.path)[statement.line - 1:statement.end_line])
    found: dict[str, str] = {}
    for use in statement.where_uses():
        if use.op != "=" or use.column in found:
            continue
        col = re.escape(use.column)
        hit = (re.search(rf"\.{col}\s*==\s*{_VALUE}", text) or re.search(rf"{_VALUE}\s*==\s*\w+\.{col}\b", text)
               or re.search(rf"[(,]\s*{col}\s*=(?!=)\s*{_VALUE}", text))
        if hit:
            found[use.column] = hit.group(1)
    return found


def _call_text(model, loop: LoopQuery) -> str:
    return " ".join(line.strip() for line in model.lines(loop.path)[loop.site.line - 1:loop.site.end_line])


def _bound_arguments(text: str, method: str, positional: list[str]) -> dict[str, str]:
    """parameter -> the argument text a call passes for it (keywords by name, the rest by position)."""
    bound: dict[str, str] = {}
    rest = iter(positional)
    for arg in filter(None, _call_args(text, method)[0]):
        keyword = re.match(r"^(\w+)\s*=(?!=)\s*(.+)$", arg, re.S)
        if keyword:
            bound[keyword.group(1)] = keyword.group(2).strip()
        elif not arg.startswith("*"):
            name = next(rest, None)
            if name is not None:
                bound[name] = arg
    return bound


def _loop_value(model, loop: LoopQuery, value: str) -> str:
    """What `value` holds in the loop, in terms of the item: itself when it reads the item or is bound
    before the loop, else the right-hand side of its assignment in the loop body before the call
    (`run_id = event.props["id"]`)."""
    if not value or value.split(".", 1)[0].split("[", 1)[0] == _loop_var(loop):
        return value
    lines = model.lines(loop.path)
    for number in range(loop.site.line - 1, loop.loop_line, -1):
        bound = re.match(rf"^\s*{re.escape(value)}\s*(:[^=]+)?=(?!=)\s*(.+?)\s*$", lines[number - 1])
        if bound:
            return bound.group(2)
    return value  # bound before the loop: the same for every item


def _iterable_source(model, loop: LoopQuery) -> str:
    """The iterable as written on the loop's line (`toolkit["configs"]`), else its dotted name."""
    ref = loop.iterable.get("ref") if isinstance(loop.iterable, dict) else None
    if ref and "[" not in ref:
        return ref
    written = re.match(r"^\s*(?:async\s+)?for\s+.+?\s+in\s+(.+?):\s*(#.*)?$", model.line_text(loop.path, loop.loop_line))
    return written.group(1) if written else (ref or "")


def _iterable_prose(model, loop: LoopQuery) -> str:
    ref = loop.iterable.get("ref") if isinstance(loop.iterable, dict) else None
    if ref and "[" in ref:
        source = _iterable_source(model, loop)
        if source and "[]" not in source:
            return f"`{source}`"
    return iterable_text(loop.iterable)
