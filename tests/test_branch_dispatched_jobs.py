"""Worker programs picking their job with an if/elif chain on one name (`if job == "purge": ...
elif job == "digest": ...`): each branch's serving coroutine is a worker of the program, not only
the first serving loop reached through the main, so RA504 judges each job of the program."""
from __future__ import annotations

from pathlib import Path

from conftest import assess

_FILES = {
    "svc/__init__.py": "",
    "svc/workers/__init__.py": "",
    "svc/workers/consumer.py": (
        "async def consume(redis, pool):\n"
        "    while True:\n"
        "        batch = await redis.xreadgroup('g', 'c', {'events': '>'}, count=10, block=5000)\n"
        "        for _stream, entries in batch or ():\n"
        "            for entry_id, fields in entries:\n"
        "                await pool.execute('INSERT INTO events (body) VALUES ($1)', fields['body'])\n"
        "                await redis.xack('events', 'g', entry_id)\n"),
    "svc/workers/purge.py": (
        "import asyncio\n\n\n"
        "async def run(pool):\n"
        "    while True:\n"
        "        await asyncio.sleep(3600)\n"
        "        await pool.execute('DELETE FROM exports WHERE expires_at < now()')\n"),
    "svc/workers/digest.py": (
        "import asyncio\n\n\n"
        "async def run(pool, redis):\n"
        "    while True:\n"
        "        await asyncio.sleep(86400)\n"
        "        if await redis.set('digest-lock', '1', nx=True, ex=3000):\n"
        "            await pool.execute('UPDATE digests SET sent = true WHERE sent = false')\n"),
    "svc/workers/__main__.py": (
        "import argparse\nimport asyncio\n\n"
        "from svc.workers import digest, purge\nfrom svc.workers.consumer import consume\n\n\n"
        "async def _main(job):\n"
        "    redis, pool = object(), object()\n"
        "    if job == 'consumer':\n"
        "        await consume(redis, pool)\n"
        "    elif job == 'purge':\n"
        "        await purge.run(pool)\n"
        "    elif job == 'digest':\n"
        "        await digest.run(pool, redis)\n"
        "    else:\n"
        "        raise SystemExit(job)\n\n\n"
        "def main():\n"
        "    parser = argparse.ArgumentParser()\n"
        "    parser.add_argument('job')\n"
        "    asyncio.run(_main(parser.parse_args().job))\n\n\n"
        "if __name__ == '__main__':\n"
        "    main()\n"),
}


def _write(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)
    return root


def _cited_paths(root: Path) -> set[str]:
    return {f.location.path for f in assess(root).findings if f.rule == "RA504"}


def test_each_branch_job_of_a_program_is_judged(tmp_path):
    """The consumer's loop is the first one the main reaches; the purge branch is a job of its own,
    run in every copy with no lock: reported. The digest branch takes a lock: silent."""
    cited = _cited_paths(_write(tmp_path, _FILES))
    assert "svc/workers/purge.py" in cited
    assert "svc/workers/digest.py" not in cited


def test_calls_under_an_if_that_is_no_dispatch_chain_stay_as_before(tmp_path):
    """A lone `if` (no `elif` on the same name) picks no job: the purge call under it is not a
    branch job of its own."""
    main = _FILES["svc/workers/__main__.py"].replace("    elif job == 'purge':\n", "    if job == 'purge':\n") \
        .replace("    elif job == 'digest':\n        await digest.run(pool, redis)\n    else:\n"
                 "        raise SystemExit(job)\n", "")
    cited = _cited_paths(_write(tmp_path, {**_FILES, "svc/workers/__main__.py": main}))
    assert "svc/workers/purge.py" not in cited
