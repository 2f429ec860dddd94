"""RA504 on worker programs: a program whose main is handed to a runner helper starting the event
loop (`run_until_signalled(lambda stop: _main(kind, stop))`) runs in copies like one calling
`asyncio.run(main())` itself, and a job reading a Redis stream with plain XREAD is cited at the read,
also when its loop yields between batches (`await asyncio.sleep(0)`)."""
from __future__ import annotations

from pathlib import Path

from conftest import assess

_COMMON = {
    "svc/__init__.py": "",
    "svc/workers/__init__.py": "",
    "svc/locks.py": (
        "import contextlib\n\n\n"
        "@contextlib.asynccontextmanager\n"
        "async def redis_lock(redis, key):\n"
        "    got = await redis.set(key, '1', nx=True, ex=60)\n"
        "    try:\n"
        "        yield got\n"
        "    finally:\n"
        "        if got:\n"
        "            await redis.delete(key)\n"),
    "svc/workers/stats.py": (
        "import asyncio\n\nfrom svc.locks import redis_lock\n\n\n"
        "class StatsWorker:\n"
        "    def __init__(self, redis, pool):\n"
        "        self._redis = redis\n"
        "        self._pool = pool\n\n"
        "    async def run(self, stop):\n"
        "        while not stop.is_set():\n"
        "            async with redis_lock(self._redis, 'stats') as got:\n"
        "                if got:\n"
        "                    await self._pool.execute('UPDATE stats SET total = total + 1')\n"
        "            await asyncio.sleep(60)\n"),
    "svc/workers/hooks.py": (
        "import asyncio\nimport json\n\n\n"
        "class HookWorker:\n"
        "    def __init__(self, redis, pool):\n"
        "        self._redis = redis\n"
        "        self._pool = pool\n"
        "        self._last_id = '$'\n\n"
        "    async def run(self, stop):\n"
        "        while not stop.is_set():\n"
        "            batches = await self._redis.xread({'hooks': self._last_id}, count=100, block=5000)\n"
        "            for _stream, entries in batches or ():\n"
        "                for entry_id, fields in entries:\n"
        "                    self._last_id = entry_id\n"
        "                    event = json.loads(fields['event'])\n"
        "                    await self._pool.execute('INSERT INTO deliveries (event) VALUES ($1)', event['id'])\n"
        "            await asyncio.sleep(0)\n"),
}

_MAIN = (
    "import asyncio\nimport signal\nimport sys\n\n"
    "from svc.workers.hooks import HookWorker\nfrom svc.workers.stats import StatsWorker\n\n\n"
    "async def supervise(name, run):\n"
    "    while True:\n"
    "        try:\n"
    "            await run()\n"
    "            return\n"
    "        except asyncio.CancelledError:\n"
    "            raise\n"
    "        except Exception:\n"
    "            await asyncio.sleep(5)\n\n\n"
    "def run_until_signalled(main):\n"
    "    async def _runner():\n"
    "        stop = asyncio.Event()\n"
    "        asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)\n"
    "        await main(stop)\n\n"
    "    asyncio.run(_runner())\n\n\n"
    "async def _main(kind, stop):\n"
    "    redis, pool = object(), object()\n"
    "    if kind == 'stats':\n"
    "        worker = StatsWorker(redis, pool)\n"
    "        await supervise('stats', lambda: worker.run(stop))\n"
    "    elif kind == 'hooks':\n"
    "        sender = HookWorker(redis, pool)\n"
    "        await supervise('hooks', lambda: sender.run(stop))\n\n\n"
    "def main():\n"
    "    kind = sys.argv[1]\n"
    "    run_until_signalled(lambda stop: _main(kind, stop))\n\n\n"
    "if __name__ == '__main__':\n"
    "    main()\n"
)


def _write(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)
    return root


def _line(root: Path, path: str, text: str) -> int:
    return next(n for n, line in enumerate((root / path).read_text().splitlines(), 1) if text in line)


def _cited(root: Path) -> dict[tuple[str, int], str]:
    return {(f.location.path, f.location.start_line): f.title for f in assess(root).findings if f.rule == "RA504"}


def test_program_run_through_a_runner_helper_repeats_stream_entries_in_each_copy(tmp_path):
    """The stats job takes a lock, so the program runs in copies; the hook job's plain XREAD then
    handles every entry in each copy: cited at the read, not at its round's insert."""
    root = _write(tmp_path, {**_COMMON, "svc/workers/__main__.py": _MAIN})
    cited = _cited(root)
    read = ("svc/workers/hooks.py", _line(root, "svc/workers/hooks.py", "await self._redis.xread("))
    assert "every stream entry" in cited.get(read, "")
    assert not any(path == "svc/workers/stats.py" for path, _ in cited)  # its work is locked


def test_a_runner_that_starts_no_event_loop_makes_no_replicated_program(tmp_path):
    """A helper that only calls what it is handed (no `asyncio.run`) is no process runner: nothing
    says the program runs in copies, so its stream job is not reported."""
    main = _MAIN.replace("    asyncio.run(_runner())\n", "    return _runner()\n")
    root = _write(tmp_path, {**_COMMON, "svc/workers/__main__.py": main})
    assert not any(path == "svc/workers/hooks.py" for path, _ in _cited(root))


_REGISTRY_FILES = {
    "svc/__init__.py": "",
    "svc/workers/__init__.py": "",
    "svc/workers/purge.py": (
        "import asyncio\n\n\n"
        "async def run(pool):\n"
        "    while True:\n"
        "        rows = await pool.fetch('SELECT id FROM exports WHERE expires_at < now()')\n"
        "        await pool.execute('DELETE FROM exports WHERE id = ANY($1)', [r['id'] for r in rows])\n"
        "        await asyncio.sleep(3600)\n"),
    "svc/workers/reports.py": (
        "import asyncio\n\nimport redis.asyncio as aioredis\n\n\n"
        "async def run(pool, url):\n"
        "    redis = aioredis.from_url(url)\n"
        "    while True:\n"
        "        items = TAKE\n"
        "        if not items:\n"
        "            await asyncio.sleep(5)\n"
        "            continue\n"
        "        for item in items:\n"
        "            await pool.execute('INSERT INTO reports (item) VALUES ($1)', item)\n"),
    "svc/workers/__main__.py": (
        "import argparse\nimport asyncio\n\n"
        "from svc.workers import purge, reports\n\n"
        "JOBS = {'purge': purge.run, 'reports': reports.run}\n\n\n"
        "def main():\n"
        "    parser = argparse.ArgumentParser()\n"
        "    parser.add_argument('job', choices=sorted(JOBS))\n"
        "    args = parser.parse_args()\n"
        "    asyncio.run(JOBS[args.job](object(), object()))\n\n\n"
        "if __name__ == '__main__':\n"
        "    main()\n"),
}


def test_job_looked_up_inside_asyncio_run_runs_in_every_copy(tmp_path):
    """`asyncio.run(JOBS[args.job](...))` in the program's sync main picks a job by name: each copy
    of that deployment runs the purge sweep. A job popping its
    items off a Redis list (`lpop(queue, 10)`) shares the work: the server hands each item to one copy."""
    files = dict(_REGISTRY_FILES)
    files["svc/workers/reports.py"] = files["svc/workers/reports.py"].replace(
        "TAKE", "await redis.lpop('reports:pending', 10)")
    root = _write(tmp_path, files)
    cited = _cited(root)
    assert any(path == "svc/workers/purge.py" for path, _ in cited)
    assert not any(path == "svc/workers/reports.py" for path, _ in cited)


def test_list_read_then_trimmed_is_no_shared_take(tmp_path):
    """LRANGE then LTRIM reads before it removes: two copies read the same batch, so the job
    repeats its work in every copy."""
    files = dict(_REGISTRY_FILES)
    files["svc/workers/reports.py"] = files["svc/workers/reports.py"].replace(
        "TAKE", "await redis.lrange('reports:pending', 0, 9)\n"
        "        await redis.ltrim('reports:pending', len(items), -1)")
    root = _write(tmp_path, files)
    assert any(path == "svc/workers/reports.py" for path, _ in _cited(root))
