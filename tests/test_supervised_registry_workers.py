"""Worker jobs a worker program picks from a registry and runs through its own supervisor:
`supervise(name, worker.run_forever)` over `WORKERS[name](res)`, a dict of lambdas or of bound
methods selected by name and walked by a comprehension, also through a runner it is handed to."""
from __future__ import annotations

from pathlib import Path

from test_app_model import build_model

_SUPERVISOR = (
    "import asyncio\nimport logging\n\nlog = logging.getLogger(__name__)\n\n\n"
    "async def supervise(name, job):\n"
    "    while True:\n"
    "        try:\n"
    "            await job()\n"
    "        except asyncio.CancelledError:\n"
    "            raise\n"
    "        except Exception:\n"
    "            log.exception('worker %s crashed', name)\n"
    "        await asyncio.sleep(5)\n\n\n"
    "async def with_retries(call):\n"
    "    while True:\n"
    "        try:\n"
    "            return await call()\n"
    "        except OSError:\n"
    "            await asyncio.sleep(1)\n"
)

_JOBS = (
    "import asyncio\n\n\n"
    "async def sweep_loop(db):\n"
    "    while True:\n"
    "        await db.execute('DELETE FROM sessions WHERE expires_at < now()')\n"
    "        await asyncio.sleep(60)\n\n\n"
    "async def digest_loop(db):\n"
    "    while True:\n"
    "        await db.execute('UPDATE digests SET sent = true')\n"
    "        await asyncio.sleep(300)\n\n\n"
    "async def export_once(db):\n"
    "    await db.execute('SELECT 1')\n\n\n"
    "class Mailer:\n"
    "    def __init__(self, db):\n"
    "        self.db = db\n\n"
    "    async def run_forever(self):\n"
    "        while True:\n"
    "            await self.db.execute('UPDATE mails SET sent = true')\n"
    "            await asyncio.sleep(30)\n\n\n"
    "class Pruner:\n"
    "    def __init__(self, db):\n"
    "        self.db = db\n\n"
    "    async def run_forever(self):\n"
    "        while True:\n"
    "            await self.db.execute('DELETE FROM audit')\n"
    "            await asyncio.sleep(3600)\n"
)

_PROJECT = {
    "svc/__init__.py": "",
    "svc/db.py": "async def connect():\n    return object()\n",
    "svc/supervisor.py": _SUPERVISOR,
    "svc/jobs.py": _JOBS,
    # a dict of lambdas, selected by name, walked by a comprehension handed to gather
    "svc/loops_main.py": (
        "import asyncio\nimport sys\n\n"
        "from svc.db import connect\nfrom svc.jobs import digest_loop, export_once, sweep_loop\n"
        "from svc.supervisor import supervise, with_retries\n\n\n"
        "async def main(which):\n"
        "    db = await connect()\n"
        "    await with_retries(lambda: export_once(db))\n"
        "    jobs = {\n"
        "        'sweep': lambda: sweep_loop(db),\n"
        "        'digest': lambda: digest_loop(db),\n"
        "    }\n"
        "    selected = jobs if which == 'all' else {which: jobs[which]}\n"
        "    await asyncio.gather(*(supervise(name, job) for name, job in selected.items()))\n\n\n"
        "if __name__ == '__main__':\n"
        "    asyncio.run(main(sys.argv[1]))\n"),
    # bound methods of fresh objects, walked by a runner the selection is handed to
    "svc/objects_main.py": (
        "import asyncio\nimport sys\n\n"
        "from svc.db import connect\nfrom svc.jobs import Mailer, Pruner\nfrom svc.supervisor import supervise\n\n\n"
        "async def run_all(jobs):\n"
        "    tasks = [asyncio.create_task(supervise(name, job)) for name, job in jobs.items()]\n"
        "    await asyncio.gather(*tasks)\n\n\n"
        "async def main(which):\n"
        "    db = await connect()\n"
        "    jobs = {'mail': Mailer(db).run_forever, 'prune': Pruner(db).run_forever}\n"
        "    selected = jobs if which == 'all' else {which: jobs[which]}\n"
        "    await run_all(selected)\n\n\n"
        "if __name__ == '__main__':\n"
        "    asyncio.run(main(sys.argv[1]))\n"),
    # a class registry: `WORKERS[name](db)` then its bound method handed to the supervisor
    "svc/classes_main.py": (
        "import asyncio\nimport sys\n\n"
        "from svc.db import connect\nfrom svc.jobs import Mailer, Pruner\nfrom svc.supervisor import supervise\n\n"
        "WORKERS = {'mail': Mailer, 'prune': Pruner}\n\n\n"
        "async def main(name):\n"
        "    db = await connect()\n"
        "    worker = WORKERS[name](db)\n"
        "    await asyncio.create_task(supervise(name, worker.run_forever))\n\n\n"
        "if __name__ == '__main__':\n"
        "    asyncio.run(main(sys.argv[1]))\n"),
}


def _write(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)
    return root


def test_jobs_a_supervisor_runs_from_a_registry_are_worker_entries(tmp_path):
    """Each registry value the program may pick is a worker started at the supervisor's call and
    marked as a job of that program; the supervisor itself is no entry, and a call handed to a
    retry helper that returns on success (`with_retries`) or never started is no worker."""
    app = build_model(_write(tmp_path, _PROJECT)).app
    workers = {}
    for entry in app.of_kind("worker"):
        workers.setdefault(entry.function, []).append(entry)
    assert {"svc.jobs.sweep_loop", "svc.jobs.digest_loop", "svc.jobs.Mailer.run_forever",
            "svc.jobs.Pruner.run_forever"} <= set(workers)
    assert "svc.supervisor.supervise" not in workers
    assert "svc.jobs.export_once" not in {e.function for e in app.entrypoints}
    sweep = workers["svc.jobs.sweep_loop"][0]
    assert sweep.details["supervised_by"] == "svc.supervisor.supervise"
    assert sweep.details["program"] == "svc.loops_main.main" and sweep.started_at == ("svc/loops_main.py", 17)
    started = {e.details["started_in"] for e in workers["svc.jobs.Mailer.run_forever"]}
    assert started == {"svc.objects_main.run_all", "svc.classes_main.main"}
    assert all(e.details.get("program") for e in workers["svc.jobs.Pruner.run_forever"])


def test_a_callable_in_a_dict_nothing_starts_is_no_worker(tmp_path):
    """A dict of loop callables beside the supervisor's call, which is handed something else, starts
    nothing: only the job given to the supervisor is a worker."""
    files = {k: v for k, v in _PROJECT.items() if not k.endswith("_main.py")}
    files["svc/idle_main.py"] = (
        "import asyncio\n\nfrom svc.db import connect\nfrom svc.jobs import Mailer, digest_loop, sweep_loop\n"
        "from svc.supervisor import supervise\n\n\n"
        "JOBS = {'sweep': sweep_loop, 'digest': digest_loop}\n\n\n"
        "async def main():\n"
        "    db = await connect()\n"
        "    print(sorted(JOBS))\n"
        "    await supervise('mail', Mailer(db).run_forever)\n\n\n"
        "if __name__ == '__main__':\n"
        "    asyncio.run(main())\n")
    app = build_model(_write(tmp_path, files)).app
    started = {e.function for e in app.entrypoints}
    assert "svc.jobs.Mailer.run_forever" in started
    assert not {"svc.jobs.sweep_loop", "svc.jobs.digest_loop", "svc.supervisor.supervise"} & started
