"""RA504 on how a replicated job picks its rows: a consumer polling a table that pauses only on an
empty batch is cited at its query's SELECT (the claim belongs there), a timed job at its read; an
insert claim whose caller never tests whether it won coordinates nothing; a batch mapped to
per-row work in a comprehension (`gather(*(charge(p) for p in due))`) is the picked batch."""
from __future__ import annotations

from pathlib import Path

from conftest import assess

_REPO = (
    "class Outbox:\n"
    "    def __init__(self, pool):\n"
    "        self._pool = pool\n\n"
    "    async def pending(self, limit):\n"
    "        async with self._pool.acquire() as conn:\n"
    "            return await conn.fetch(\"SELECT id, body FROM outbox WHERE status = 'PENDING' ORDER BY id LIMIT $1\", limit)\n\n"
    "    async def mark_sent(self, outbox_id):\n"
    "        async with self._pool.acquire() as conn:\n"
    "            await conn.execute(\"UPDATE outbox SET status = 'SENT' WHERE id = $1\", outbox_id)\n"
)

_RELAY = (
    "import asyncio\n\n\n"
    "class Relay:\n"
    "    def __init__(self, outbox, hub):\n"
    "        self._outbox = outbox\n"
    "        self._hub = hub\n\n"
    "    async def run(self):\n"
    "        while True:\n"
    "            rows = await self._outbox.pending(50)\n"
    "            if not rows:\n"
    "                await asyncio.sleep(5)\n"
    "                continue\n"
    "            for row in rows:\n"
    "                await self._hub.push(row['body'])\n"
    "                await self._outbox.mark_sent(row['id'])\n"
)

_MAIN = (
    "import asyncio\nfrom contextlib import asynccontextmanager\n\n"
    "import asyncpg\nfrom fastapi import FastAPI\n\n"
    "from svc.relay import Relay\nfrom svc.repo import Outbox\n\n\n"
    "class Hub:\n"
    "    async def push(self, body):\n"
    "        return body\n\n\n"
    "@asynccontextmanager\n"
    "async def lifespan(app):\n"
    "    pool = await asyncpg.create_pool('postgresql://db/app')\n"
    "    app.state.relay = asyncio.create_task(Relay(Outbox(pool), Hub()).run())\n"
    "    yield\n\n\n"
    "app = FastAPI(lifespan=lifespan)\n"
)


def _write(root: Path, files: dict[str, str]) -> Path:
    for rel, text in {"svc/__init__.py": "", **files}.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)
    return root


def _line(root: Path, path: str, text: str) -> int:
    return next(n for n, line in enumerate((root / path).read_text().splitlines(), 1) if text in line)


def _cited(root: Path) -> set[tuple[str, int]]:
    return {(f.location.path, f.location.start_line) for f in assess(root).findings if f.rule == "RA504"}


def test_table_polling_consumer_is_cited_at_its_unclaimed_query(tmp_path):
    root = _write(tmp_path, {"svc/repo.py": _REPO, "svc/relay.py": _RELAY, "svc/main.py": _MAIN})
    assert _cited(root) == {("svc/repo.py", _line(root, "svc/repo.py", "SELECT id, body FROM outbox"))}


def test_timed_job_stays_cited_at_its_read(tmp_path):
    """It pauses every round, whatever it found: a lock around the round is the fix, cited in the job."""
    relay = _RELAY.replace("            if not rows:\n                await asyncio.sleep(5)\n                continue\n", "") \
        + "            await asyncio.sleep(60)\n"
    root = _write(tmp_path, {"svc/repo.py": _REPO, "svc/relay.py": relay, "svc/main.py": _MAIN})
    assert _cited(root) == {("svc/relay.py", _line(root, "svc/relay.py", "rows = await self._outbox.pending(50)"))}


def test_consumer_whose_query_claims_rows_is_silent(tmp_path):
    repo = _REPO.replace("ORDER BY id LIMIT $1", "ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED")
    root = _write(tmp_path, {"svc/repo.py": repo, "svc/relay.py": _RELAY, "svc/main.py": _MAIN})
    assert not _cited(root)


_PLANS = (
    "class Plans:\n"
    "    def __init__(self, pool):\n"
    "        self._pool = pool\n\n"
    "    async def due(self):\n"
    "        async with self._pool.acquire() as conn:\n"
    "            return await conn.fetch('SELECT id, amount FROM plans WHERE next_charge_at <= now()')\n\n"
    "    async def insert_pending(self, plan_id, key):\n"
    "        async with self._pool.acquire() as conn:\n"
    "            row = await conn.fetchrow(\n"
    "                'INSERT INTO charges (plan_id, key) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING RETURNING id',\n"
    "                plan_id, key)\n"
    "            return (row['id'], True) if row else (0, False)\n\n"
    "    async def advance(self, plan_id):\n"
    "        async with self._pool.acquire() as conn:\n"
    "            await conn.execute('UPDATE plans SET next_charge_at = now() + interval 1 month WHERE id = $1', plan_id)\n"
)

_CHARGER = (
    "import asyncio\nimport uuid\n\n\n"
    "class Charger:\n"
    "    def __init__(self, plans):\n"
    "        self._plans = plans\n\n"
    "    async def charge(self, plan):\n"
    "        charge_id, _ = await self._plans.insert_pending(plan['id'], uuid.uuid4().hex)\n"
    "        await self._plans.advance(plan['id'])\n"
    "        return charge_id\n\n"
    "    async def run(self):\n"
    "        while True:\n"
    "            due = await self._plans.due()\n"
    "            await asyncio.gather(*(self.charge(plan) for plan in due))\n"
    "            await asyncio.sleep(60)\n"
)

_CHARGER_MAIN = (
    "import asyncio\nfrom contextlib import asynccontextmanager\n\n"
    "import asyncpg\nfrom fastapi import FastAPI\n\n"
    "from svc.charger import Charger\nfrom svc.plans import Plans\n\n\n"
    "@asynccontextmanager\n"
    "async def lifespan(app):\n"
    "    pool = await asyncpg.create_pool('postgresql://db/app')\n"
    "    app.state.charger = asyncio.create_task(Charger(Plans(pool)).run())\n"
    "    yield\n\n\n"
    "app = FastAPI(lifespan=lifespan)\n"
)


def test_insert_claim_whose_outcome_is_ignored_coordinates_nothing(tmp_path):
    """Each process inserts its own row (and charges) whether or not it won: cited at the due read
    whose rows the gather maps to the charge."""
    root = _write(tmp_path, {"svc/plans.py": _PLANS, "svc/charger.py": _CHARGER, "svc/main.py": _CHARGER_MAIN})
    assert _cited(root) == {("svc/charger.py", _line(root, "svc/charger.py", "due = await self._plans.due()"))}


def test_insert_claim_the_caller_branches_on_is_a_claim(tmp_path):
    charger = _CHARGER.replace(
        "        charge_id, _ = await self._plans.insert_pending(plan['id'], uuid.uuid4().hex)\n",
        "        charge_id, created = await self._plans.insert_pending(plan['id'], f\"{plan['id']}\")\n"
        "        if not created:\n"
        "            return charge_id\n")
    root = _write(tmp_path, {"svc/plans.py": _PLANS, "svc/charger.py": charger, "svc/main.py": _CHARGER_MAIN})
    assert not _cited(root)


_DRAINER = (
    "import asyncio\n\n"
    "_CLAIM_SQL = \"\"\"\n"
    "SELECT id, body FROM outbox\n"
    "WHERE status = 'pending'\n"
    "ORDER BY id LIMIT $1\n"
    "\"\"\"\n\n\n"
    "class Drainer:\n"
    "    def __init__(self, pool):\n"
    "        self._pool = pool\n\n"
    "    async def run(self):\n"
    "        while True:\n"
    "            if await self.drain_once() == 0:\n"
    "                await asyncio.sleep(5)\n\n"
    "    async def drain_once(self):\n"
    "        rows = await self._pool.fetch(_CLAIM_SQL, 50)\n"
    "        for row in rows:\n"
    "            await self._pool.execute(\"UPDATE outbox SET status = 'sent' WHERE id = $1\", row['id'])\n"
    "        return len(rows)\n"
)


def test_claim_kept_in_a_constant_is_cited_where_it_runs(tmp_path):
    """The SELECT then UPDATE with no row lock is cited at the line running the constant, as its writes are."""
    main = _MAIN.replace("from svc.relay import Relay\nfrom svc.repo import Outbox\n", "from svc.drainer import Drainer\n") \
        .replace("Relay(Outbox(pool), Hub())", "Drainer(pool)")
    root = _write(tmp_path, {"svc/drainer.py": _DRAINER, "svc/main.py": main})
    assert _cited(root) == {("svc/drainer.py", _line(root, "svc/drainer.py", "rows = await self._pool.fetch(_CLAIM_SQL"))}
