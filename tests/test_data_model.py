"""The data model: schema from SQL, ORM and Alembic; round trips; loops; the inventories."""
from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from reassess.config import load_config
from reassess.discovery import discover, module_name
from reassess.knowledge.queries import round_trip
from reassess.model.data import data_model, index_inventory, loop_query_inventory, sql_inventory, table_inventory
from reassess.model.project import ProjectModel
from reassess.worker import FileTask, analyse

ROOT = Path(__file__).resolve().parent.parent
CASES = Path(__file__).parent / "cases"


def build(root: Path) -> tuple[ProjectModel, list[str]]:
    config = load_config(root, {})
    found = discover(config)
    sources = {rel: (root / rel).read_bytes() for rel in found.files}
    results = [analyse(FileTask(rel, *module_name(rel), data)) for rel, data in sources.items()]
    return ProjectModel([r.facts for r in results if r.facts], sources, root), found.other_files


@pytest.fixture(scope="module")
def schema_case():
    return build(CASES / "missing-index")


@pytest.fixture(scope="module")
def sample():
    return build(ROOT / "examples" / "trading_backend")


def _indexes(model, other, table: str) -> set[tuple[tuple[str, ...], str, str]]:
    return {(tuple(i["columns"]), i["kind"], i["source"]) for i in index_inventory(model, other) if i["table"] == table}


def test_indexes_from_sql_files(schema_case) -> None:
    model, other = schema_case
    assert _indexes(model, other, "accounts") == {
        (("id",), "primary", "sql"), (("email",), "unique", "sql"), (("tenant_id", "created_at"), "index", "sql")}
    assert (("account_id", "entry_type", "booked_at"), "unique", "sql") in _indexes(model, other, "ledger")


def test_indexes_from_orm_models_mixins_and_alembic(schema_case) -> None:
    model, other = schema_case
    projects = _indexes(model, other, "projects")
    assert {(("created_at",), "index", "orm"), (("id",), "primary", "orm"), (("owner_id", "name"), "index", "orm"),
            (("slug",), "unique", "orm"), (("ext_ref_hash",), "index", "orm")} <= projects
    assert {(("project_id",), "index", "alembic"), (("assignee",), "index", "alembic")} <= _indexes(model, other, "tasks")
    tables = {t["name"]: t for t in table_inventory(model, other)}
    assert "ext_ref" in tables["projects"]["columns"] and not tables["projects"]["uncertain"]


def test_statements_inventory(sample) -> None:
    model, other = sample
    rows = sql_inventory(model, other)
    json.dumps(rows)
    stale = next(r for r in rows if r["function"].endswith("DataManager.find_stale_orders"))
    assert stale["tables"] == ["orders"] and stale["limit"] and not stale["offset"]
    assert {(w["column"], w["op"]) for w in stale["where_columns"]} == {("status", "="), ("created_at", "range")}
    page = next(r for r in rows if r["function"].endswith("DataManager.list_orders_page"))
    assert page["offset"] and page["order_by"][0]["column"] == "created_at"


def test_loop_inventory_follows_calls_down_to_the_query(sample) -> None:
    model, other = sample
    rows = loop_query_inventory(model, other)
    json.dumps(rows)
    by_function = {r["function"].rsplit(".", 2)[-2] + "." + r["function"].rsplit(".", 1)[-1]: r for r in rows}
    cleanup = by_function["OrderCleanupWorker.expire_stale_orders"]
    assert cleanup["loop_kind"] == "for" and cleanup["hops"] == 1
    assert cleanup["query"]["function"].endswith("DataManager.get_instrument") and cleanup["query"]["kind"] == "sql"
    assert "PortfolioService.build_rebalance_plan" not in by_function  # batched before its loop


def test_data_model_is_built_once_per_model(sample) -> None:
    model, other = sample
    assert data_model(model, other) is data_model(model, other)


@pytest.mark.parametrize("target, kind, batched", [
    ("asyncpg.Pool.fetchrow", "sql", False),
    ("asyncpg.Connection.executemany", "sql", True),
    ("sqlalchemy.ext.asyncio.AsyncSession.execute", "orm", False),
    ("sqlalchemy.orm.Session.query.filter.first", "orm", False),
    ("fastapi_sqlalchemy.db.session.query.filter_by.all", "orm", False),  # the request's Session
    ("redis.asyncio.Redis.mget", "cache", True),
    ("httpx.AsyncClient.get", "http", False),
    ("requests.post", "http", False),
])
def test_round_trip_targets(target: str, kind: str, batched: bool) -> None:
    trip = round_trip(target)
    assert trip is not None and (trip.kind, trip.batched) == (kind, batched)


@pytest.mark.parametrize("target", ["httpx.AsyncClient.get.json", "redis.asyncio.Redis.pipeline", "asyncpg.Pool.acquire",
                                    "redis.asyncio.client.Pipeline.get", "logging.getLogger.info"])
def test_not_round_trips(target: str) -> None:
    assert round_trip(target) is None


def test_proposed_index_name_never_collides_with_a_declared_one(tmp_path: Path) -> None:
    """A composite index named after a column it does not lead with must not make the proposed
    single-column index fail in a migration with a duplicate name."""
    from conftest import assess

    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "__init__.py").write_text("")
    (tmp_path / "app" / "models.py").write_text(
        "from sqlalchemy import Index, String\n"
        "from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column\n\n\n"
        "class Base(DeclarativeBase):\n    pass\n\n\n"
        "class Recipient(Base):\n"
        "    __tablename__ = \"recipients\"\n"
        "    __table_args__ = (Index(\"ix_recipients_token\", \"user_id\", \"token\"),)\n"
        "    id: Mapped[int] = mapped_column(primary_key=True)\n"
        "    user_id: Mapped[int] = mapped_column()\n"
        "    token: Mapped[str] = mapped_column(String)\n")
    (tmp_path / "app" / "repo.py").write_text(
        "from sqlalchemy import select\nfrom sqlalchemy.ext.asyncio import AsyncSession\n\n"
        "from .models import Recipient\n\n\n"
        "async def by_token(session: AsyncSession, token: str) -> Recipient | None:\n"
        "    return await session.scalar(select(Recipient).where(Recipient.token == token))\n")
    found = [f for f in assess(tmp_path).findings if f.category == "missing-index"]
    assert [f.location.start_line for f in found] == [8]
    assert '"ix_recipients_token_1", "token"' in found[0].recommendation
    assert '"ix_recipients_token",' not in found[0].recommendation


def test_index_on_class_attributes_named_bare(tmp_path: Path) -> None:
    """`Index("ix", source, kind)` in `__table_args__` names the class's own columns bare (no
    `Model.` prefix): the index is read, and building the schema does not fail the data rules."""
    from conftest import assess

    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "__init__.py").write_text("")
    (tmp_path / "app" / "models.py").write_text(
        "from sqlalchemy import Index, String\n"
        "from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column\n\n\n"
        "class Base(DeclarativeBase):\n    pass\n\n\n"
        "class Node(Base):\n"
        "    __tablename__ = \"nodes\"\n"
        "    id: Mapped[int] = mapped_column(primary_key=True)\n"
        "    source: Mapped[str] = mapped_column(String)\n"
        "    kind: Mapped[str] = mapped_column(String)\n"
        "    owner: Mapped[str] = mapped_column(String)\n"
        "    __table_args__ = (Index(\"ix_nodes_source_kind\", source, kind),)\n")
    (tmp_path / "app" / "repo.py").write_text(
        "from sqlalchemy import select\nfrom sqlalchemy.ext.asyncio import AsyncSession\n\n"
        "from .models import Node\n\n\n"
        "async def by_source(session: AsyncSession, source: str) -> list[Node]:\n"
        "    return list(await session.scalars(select(Node).where(Node.source == source)))\n\n\n"
        "async def by_owner(session: AsyncSession, owner: str) -> list[Node]:\n"
        "    return list(await session.scalars(select(Node).where(Node.owner == owner)))\n")
    result = assess(tmp_path)
    assert not [note for note in result.notes if "failed" in note]
    found = [f for f in result.findings if f.category == "missing-index"]
    assert [(f.location.path, f.location.start_line) for f in found] == [("app/repo.py", 12)]
    assert "(source, kind)" in found[0].related_locations[0].note


def test_request_through_a_wrapper_keeps_the_wrappers_method(tmp_path: Path) -> None:
    """`self._post(f"/labels/{id}")` in a loop, where `_post` calls `self._http.post(path)`: the
    round trip recorded at the caller is a POST, as the wrapper sends it."""
    from reassess.model.roundtrips import trip_sites

    (tmp_path / "client.py").write_text(
        "import httpx\n\n\n"
        "class Labels:\n"
        "    def __init__(self) -> None:\n"
        "        self._http = httpx.AsyncClient(base_url='https://labels.example')\n\n"
        "    async def _post(self, path: str) -> dict:\n"
        "        return (await self._http.post(path)).json()\n\n"
        "    async def print_all(self, ids: list[int]) -> None:\n"
        "        for label_id in ids:\n"
        "            await self._post(f'/labels/{label_id}/print')\n",
        encoding="utf-8")
    model, _ = build(tmp_path)
    sites = trip_sites(model, {})
    forwarded = [t for t in sites.get("client.Labels.print_all", ()) if t.trip.kind == "http"]
    assert [t.site.func[-1] for t in forwarded] == ["post"]


def test_awaited_iterable_of_an_inner_loop_runs_once_per_outer_item(tmp_path: Path) -> None:
    """`for name in await names_of(peer):` inside a loop over peers: the call is the inner loop's
    iterable, so it runs once per peer, not once per name."""
    (tmp_path / "scopes.py").write_text(
        "from sqlalchemy import select\n"
        "from sqlalchemy.ext.asyncio import AsyncSession\n\n"
        "from models import Membership\n\n\n"
        "async def names_of(db: AsyncSession, peer: str) -> list[str]:\n"
        "    rows = await db.execute(select(Membership.session).where(Membership.peer == peer))\n"
        "    return list(rows.scalars().all())\n\n\n"
        "async def allowed(db: AsyncSession, peers: list[str]) -> list[str]:\n"
        "    union: list[str] = []\n"
        "    for peer in peers:\n"
        "        for name in await names_of(db, peer):\n"
        "            union.append(name)\n"
        "    return union\n", encoding="utf-8")
    model, other = build(tmp_path)
    loops = [q for q in data_model(model, other).loops if q.function == "scopes.allowed"]
    assert [(q.loop_line, q.target, q.site.line) for q in loops] == [(14, "peer", 15)]


def test_merge_without_load_makes_no_round_trip(tmp_path: Path) -> None:
    """`session.merge(obj, load=False)` attaches a known object without a SELECT; `merge(obj)` asks."""
    from reassess.model.roundtrips import trip_sites

    (tmp_path / "cached.py").write_text(
        "from sqlalchemy.ext.asyncio import AsyncSession\n\n"
        "from models import Session\n\n\n"
        "async def attach(db: AsyncSession, data: dict) -> Session:\n"
        "    return await db.merge(Session(**data), load=False)\n\n\n"
        "async def reload(db: AsyncSession, data: dict) -> Session:\n"
        "    return await db.merge(Session(**data))\n", encoding="utf-8")
    model, _ = build(tmp_path)
    sites = trip_sites(model, {})
    assert "cached.attach" not in sites
    assert [t.site.line for t in sites["cached.reload"]] == [11]


def test_cited_query_is_the_one_every_call_runs() -> None:
    """A lookup made only when an optional parameter is passed (`if after: session.get(...)`)
    is not what the loop pays per item: the main query of the callee is cited."""
    model, other = build(CASES / "n-plus-one@memo-and-chunks")
    loops = [q for q in data_model(model, other).loops if q.function.endswith("views.shelf_sizes")]
    assert [(q.trip.function.rsplit(".", 1)[-1], q.trip.site.line) for q in loops] == [("on_shelf", 33)]


_SIBLING_MODELS = (
    "from sqlalchemy import String\n"
    "from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column\n\n\n"
    "class Base(DeclarativeBase):\n    pass\n\n\n"
    "class Order(Base):\n"
    "    __tablename__ = \"orders\"\n"
    "    id: Mapped[int] = mapped_column(primary_key=True)\n"
    "    customer_id: Mapped[int] = mapped_column()\n"
    "    status: Mapped[str] = mapped_column(String)\n"
    "    region: Mapped[str] = mapped_column(String)\n"
    "    courier: Mapped[str] = mapped_column(String)\n")
_SIBLING_REPO = (
    "from sqlalchemy import select\nfrom sqlalchemy.ext.asyncio import AsyncSession\n\n"
    "from .models import Order\n\n\n"
    "async def by_customer(session: AsyncSession, customer_id: int) -> list[Order]:\n"
    "    return list(await session.scalars(select(Order).where(Order.customer_id == customer_id)))\n\n\n"
    "async def by_status(session: AsyncSession, status: str) -> list[Order]:\n"
    "    return list(await session.scalars(select(Order).where(Order.status == status)))\n\n\n"
    "async def by_region(session: AsyncSession, region: str) -> list[Order]:\n"
    "    return list(await session.scalars(select(Order).where(Order.region == region)))\n\n\n"
    "async def by_courier(session: AsyncSession, courier: str) -> list[Order]:\n"
    "    return list(await session.scalars(select(Order).where(Order.courier == courier)))\n")
_REVISION = "from alembic import op\n\nrevision = \"{rev}\"\n\n\ndef upgrade() -> None:\n{up}\n\ndef downgrade() -> None:\n{down}\n"


def test_indexes_of_a_migrations_folder_beside_the_analysed_package(tmp_path: Path) -> None:
    """`backend/app` analysed with its revisions in `backend/alembic/versions`: an index a revision
    creates serves the queries on its leading column (read only, said in the notes, never cited);
    one leading with another column, one created only in a downgrade, and one a later revision drops
    (by `op.drop_index` or by SQL built from a list of names) do not."""
    from conftest import assess

    app, versions = tmp_path / "backend" / "app", tmp_path / "backend" / "alembic" / "versions"
    app.mkdir(parents=True)
    versions.mkdir(parents=True)
    (app / "__init__.py").write_text("")
    (app / "models.py").write_text(_SIBLING_MODELS)
    (app / "repo.py").write_text(_SIBLING_REPO)
    (versions.parent / "env.py").write_text("from app.models import Base\n\ntarget_metadata = Base.metadata\n")
    (versions / "a1_orders.py").write_text(_REVISION.format(
        rev="a1", up="    op.create_index(op.f(\"ix_orders_customer_id\"), \"orders\", [\"customer_id\"])\n"
                     "    op.create_index(\"ix_orders_region_status\", \"orders\", [\"region\", \"status\"])\n"
                     "    op.create_index(\"ix_orders_courier\", \"orders\", [\"courier\"])\n",
        down="    op.create_index(\"ix_orders_status\", \"orders\", [\"status\"])\n"))
    (versions / "b2_prune.py").write_text(_REVISION.format(
        rev="b2", up="    for name in UNUSED:\n        op.execute(f\"DROP INDEX IF EXISTS {name}\")\n",
        down="    pass\n") + "\nUNUSED = [\"ix_orders_region_status\", \"ix_orders_courier\"]\n")
    result = assess(app)
    found = {f.location.start_line for f in result.findings if f.category == "missing-index"}
    assert found == {12, 16, 20}  # status, region, courier; customer_id is served
    assert any("../alembic/versions" in note and "read-only" in note for note in result.notes)
    cited = [loc.path for f in result.findings for loc in [f.location, *f.related_locations]]
    assert not [path for path in cited if path.startswith("..")]
    assert not list((tmp_path / "backend").glob("**/.reassess*"))


def test_migrations_inside_the_root_are_not_read_again(tmp_path: Path) -> None:
    """A folder the analysed root holds is analysed as code, not read as a sibling; a sibling is
    read when its `env.py` imports the analysed package (the `script_location` of an alembic.ini
    too), not when it belongs to another package."""
    from reassess.sibling_migrations import migration_folders

    for folder in ("svc/alembic", "migrations", "db", "alembic"):
        (tmp_path / folder / "versions").mkdir(parents=True)
    for folder in ("svc/alembic", "migrations", "db"):
        (tmp_path / folder / "env.py").write_text("import logging\nfrom svc.models import Base\n")
    (tmp_path / "alembic" / "env.py").write_text("from billing.models import Base\n")
    (tmp_path / "alembic.ini").write_text("[alembic]\nscript_location = %(here)s/db\n")
    assert migration_folders(tmp_path / "svc") == [(tmp_path / "migrations" / "versions").resolve(),
                                                   (tmp_path / "db" / "versions").resolve()]


def _orm_app(tmp_path: Path, service: str) -> list:
    """An app with two ORM tables (no index beyond the key) and the given service module."""
    from conftest import assess

    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "__init__.py").write_text("")
    (tmp_path / "app" / "models.py").write_text(
        "from sqlalchemy import Column, DateTime, Integer, String\n"
        "from sqlalchemy.orm import declarative_base\n\n"
        "Base = declarative_base()\n\n\n"
        "class Setting(Base):\n"
        "    __tablename__ = \"settings\"\n"
        "    id = Column(Integer, primary_key=True)\n"
        "    shop_id = Column(Integer)\n"
        "    name = Column(String)\n"
        "    value = Column(String)\n"
        "    created_at = Column(DateTime)\n")
    (tmp_path / "app" / "service.py").write_text(service)
    return assess(tmp_path).findings


def test_orm_n_plus_one_batches_the_tested_value_that_follows_the_item(tmp_path: Path) -> None:
    """The key list holds what the loop feeds the varying test (`name=entry["name"]` through a helper,
    `run = event.props["run"]` in the loop), never the model class `session.query(Setting)` names,
    and the tests that stay the same for every item are kept as written."""
    found = _orm_app(tmp_path, (
        "from sqlalchemy.orm import Session\n\n"
        "from .models import Setting\n\n\n"
        "def upsert(session: Session, shop_id: int, name: str, value: str) -> None:\n"
        "    row = session.query(Setting).filter_by(shop_id=shop_id, name=name).first()\n"
        "    if row is None:\n"
        "        session.add(Setting(shop_id=shop_id, name=name, value=value))\n\n\n"
        "def install(session: Session, shop, catalog: dict) -> None:\n"
        "    for entry in catalog[\"settings\"]:\n"
        "        upsert(session, shop_id=shop.id, name=entry[\"name\"], value=entry[\"value\"])\n\n\n"
        "def report(session: Session, events: list) -> list:\n"
        "    out = []\n"
        "    for event in events:\n"
        "        shop = event.props[\"shop\"]\n"
        "        row = session.query(Setting).filter(Setting.shop_id == shop, Setting.name == 'tz').first()\n"
        "        out.append(row)\n"
        "    return out\n"))
    by_line = {f.location.start_line: f for f in found if f.rule == "RA201"}
    install, report = by_line[14], by_line[21]
    assert "iterates over `catalog[\"settings\"]`" in install.description
    assert "keys = [entry[\"name\"] for entry in catalog[\"settings\"]]" in install.recommendation
    assert "Setting.shop_id == shop.id, Setting.name.in_(keys)" in install.recommendation
    assert "keys = [event.props[\"shop\"] for event in events]" in report.recommendation
    assert "Setting.name == 'tz', Setting.shop_id.in_(keys)" in report.recommendation
    assert "[Setting for" not in report.recommendation


def test_one_index_for_queries_naming_the_same_columns_in_another_order(tmp_path: Path) -> None:
    """`shop_id = ? AND name = ?` and `name = ? AND shop_id = ?` need the same index: the column
    more queries test leads it, so they are one finding, which also serves `shop_id = ?` alone."""
    found = _orm_app(tmp_path, (
        "from sqlalchemy.orm import Session\n\n"
        "from .models import Setting\n\n\n"
        "def one(session: Session, shop_id: int, name: str):\n"
        "    return session.query(Setting).filter(Setting.name == name, Setting.shop_id == shop_id).first()\n\n\n"
        "def other(session: Session, shop_id: int, name: str):\n"
        "    return session.query(Setting).filter_by(shop_id=shop_id, name=name).first()\n\n\n"
        "def every(session: Session, shop_id: int):\n"
        "    return session.query(Setting).filter(Setting.shop_id == shop_id).all()\n"))
    gaps = [f for f in found if f.rule == "RA205"]
    assert len(gaps) == 1 and "filtered by shop_id, name" in gaps[0].title
    assert '"shop_id", "name"' in gaps[0].recommendation
    assert {r.start_line for r in gaps[0].related_locations if r.path == "app/service.py"} >= {11, 15}


def test_docstring_opening_with_a_sql_verb_is_not_sql() -> None:
    """Prose that starts with "Create"/"Update" and says "from the" is documentation, never a
    statement the code runs (nor tables a class would be said to query); a string it executes is."""
    import ast

    from reassess.facts.extract import extract

    source = (
        '"""Update the workers from the registry."""\n\n\n'
        "class Pool:\n"
        '    """Create pools into the set of active workers."""\n\n'
        "    def job(self, conn):\n"
        '        """Create a job context from the worker, waiting where it is set."""\n'
        "        return conn.execute(\"UPDATE jobs SET state = 'open' WHERE id = 1\")\n")
    facts = extract(ast.parse(source), "app/pool.py", "app.pool", False)
    assert [(s.line, s.function) for s in facts.sql] == [(9, "Pool.job")]


def test_partial_index_covers_only_queries_that_test_its_predicate() -> None:
    """A partial index serves SQL text that tests its predicate's columns; an ORM query, whose filter
    may reach the predicate through a hybrid property, is taken to meet it; no query at hand, too."""
    model, _ = build(CASES / "slow-query@partial-index-star")
    data = data_model(model)
    by_text = {s.text: s for s in data.statements if "carrier_id" in s.text}
    history = next(s for t, s in by_text.items() if "delivered" not in t)
    open_rows = next(s for t, s in by_text.items() if "delivered" in t)
    schema = data.schema
    assert schema.covering("shipments", "carrier_id", open_rows) is not None
    assert schema.covering("shipments", "carrier_id", history) is None
    assert schema.covering("shipments", "carrier_id") is not None
    assert schema.covering("shipments", "carrier_id", replace(history, source="orm")) is not None


def test_returned_pop_and_expiry_read_stay_invalidation():
    """`return self._badges.pop(name, None)` and `if self._grants[name].expires < now: del ...`
    do not finish an entry: both caches are reported beside `_profiles`; the live registries
    (`_subs` popped then cancelled, `_turns` whose flag decides a last step) are not."""
    from test_rule_cases import CASES, assess
    result = assess(CASES / "unbounded-cache@entries-ended")
    titles = [f.title for f in result.findings if f.category == "unbounded-cache"]
    assert titles == ["Unbounded caches `self._profiles`, `self._badges`, `self._grants` in `Hub`"]
