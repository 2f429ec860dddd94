"""RA308 on a sequence number taken from MAX() and stored by an UPDATE or an insert stepping it
inline, and RA420 citing the bare start of a worker another start hands to a restarting wrapper."""
from __future__ import annotations

from pathlib import Path

from conftest import assess

_REPO = (
    "class Repo:\n"
    "    def __init__(self, pool):\n"
    "        self._pool = pool\n\n"
    "    async def max_seq(self, site_id):\n"
    "        return await self._pool.fetchval('SELECT max(badge_seq) FROM visitors WHERE site_id = $1', site_id)\n\n"
    "    async def next_seq(self, site_id):\n"
    "        return await self._pool.fetchval(\n"
    "            'INSERT INTO counters (site_id, last) VALUES ($1, 1) '\n"
    "            'ON CONFLICT (site_id) DO UPDATE SET last = counters.last + 1 RETURNING last', site_id)\n\n"
    "    async def mark(self, visitor_id, seq):\n"
    "        await self._pool.execute('UPDATE visitors SET badge_seq = $2 WHERE id = $1', visitor_id, seq)\n\n"
    "    async def insert(self, site_id, seq):\n"
    "        await self._pool.execute('INSERT INTO visitors (site_id, badge_seq) VALUES ($1, $2)', site_id, seq)\n"
)

_ROUTES = (
    "from fastapi import FastAPI\n\nfrom svc.repo import Repo\n\n"
    "app = FastAPI()\nrepo = Repo(None)\n\n\n"
    "@app.post('/visitors/{visitor_id}/check-in')\n"
    "async def check_in(visitor_id: int, site_id: int):\n"
    "    seq = await repo.max_seq(site_id) + 1\n"
    "    await repo.mark(visitor_id, seq)\n"
    "    return {'seq': seq}\n\n\n"
    "@app.post('/visitors/{visitor_id}/express')\n"
    "async def express(visitor_id: int, site_id: int):\n"
    "    seq = await repo.next_seq(site_id)\n"
    "    await repo.mark(visitor_id, seq)\n"
    "    return {'seq': seq}\n\n\n"
    "@app.post('/sites/{site_id}/visitors')\n"
    "async def register(site_id: int):\n"
    "    last = await repo.max_seq(site_id)\n"
    "    await repo.insert(site_id, last + 1)\n"
    "    return {'seq': last + 1}\n"
)


def _write(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)
    return root


def _line(root: Path, path: str, text: str) -> int:
    return next(n for n, line in enumerate((root / path).read_text().splitlines(), 1) if text in line)


def test_max_then_update_and_max_stepped_inline_race(tmp_path):
    """Both read the highest number and write the next one with no lock: cited at the read. The
    counter row incremented atomically (`ON CONFLICT ... DO UPDATE ... RETURNING`) is no race."""
    root = _write(tmp_path, {"svc/__init__.py": "", "svc/repo.py": _REPO, "svc/app.py": _ROUTES})
    cited = {(f.location.path, f.location.start_line): f.title for f in assess(root).findings if f.rule == "RA308"}
    update = ("svc/app.py", _line(root, "svc/app.py", "seq = await repo.max_seq(site_id) + 1"))
    insert = ("svc/app.py", _line(root, "svc/app.py", "last = await repo.max_seq(site_id)"))
    assert "stored" in cited.get(update, "")
    assert "inserted" in cited.get(insert, "")
    counter = _line(root, "svc/app.py", "seq = await repo.next_seq(site_id)")
    assert not any(line in range(counter, counter + 3) for path, line in cited if path == "svc/app.py")


_CONSUMER = (
    "import asyncio\n\n\n"
    "class Consumer:\n"
    "    def __init__(self, redis, pool):\n"
    "        self._redis = redis\n"
    "        self._pool = pool\n\n"
    "    async def run(self):\n"
    "        while True:\n"
    "            batch = await self._redis.xread({'events': '$'}, block=5000)\n"
    "            await self._pool.execute('INSERT INTO events (body) VALUES ($1)', str(batch))\n"
)

_SUPERVISE = (
    "import asyncio\n\n\n"
    "async def supervise(name, factory):\n"
    "    while True:\n"
    "        try:\n"
    "            await factory()\n"
    "        except asyncio.CancelledError:\n"
    "            raise\n"
    "        except Exception:\n"
    "            await asyncio.sleep(5)\n"
)

_APP = (
    "import asyncio\nfrom contextlib import asynccontextmanager\n\nfrom fastapi import FastAPI\n\n"
    "from svc.consumer import Consumer\n\n\n"
    "@asynccontextmanager\n"
    "async def lifespan(app):\n"
    "    consumer = Consumer(object(), object())\n"
    "    task = asyncio.create_task(consumer.run())\n"
    "    yield\n"
    "    task.cancel()\n\n\n"
    "app = FastAPI(lifespan=lifespan)\n"
)

_WORKER_MAIN = (
    "import asyncio\n\nfrom svc.consumer import Consumer\nfrom svc.runner import supervise\n\n\n"
    "async def main():\n"
    "    consumer = Consumer(object(), object())\n"
    "    await supervise('consumer', consumer.run)\n\n\n"
    "if __name__ == '__main__':\n"
    "    asyncio.run(main())\n"
)


def _restart_findings(root: Path):
    return [f for f in assess(root).findings if f.rule == "RA420" and "Consumer.run" in f.title]


def test_bare_start_of_a_worker_supervised_elsewhere_is_cited(tmp_path):
    """The worker program restarts `consumer.run`; the API's lifespan starts it bare: that start is
    the line to change, the loop is related."""
    root = _write(tmp_path, {"svc/__init__.py": "", "svc/consumer.py": _CONSUMER, "svc/runner.py": _SUPERVISE,
                             "svc/app.py": _APP, "svc/worker.py": _WORKER_MAIN})
    found = _restart_findings(root)
    start = _line(root, "svc/app.py", "task = asyncio.create_task(consumer.run())")
    assert [(f.location.path, f.location.start_line) for f in found] == [("svc/app.py", start)]


def test_bare_start_alone_is_cited_at_the_loop(tmp_path):
    """With no supervised start anywhere the loop itself is what the reviewer points at."""
    root = _write(tmp_path, {"svc/__init__.py": "", "svc/consumer.py": _CONSUMER, "svc/app.py": _APP})
    found = _restart_findings(root)
    assert found and all(f.location.path == "svc/consumer.py" for f in found)
