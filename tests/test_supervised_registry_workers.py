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


_BUILT_REGISTRY = {
    "svc/__init__.py": "",
    "svc/db.py": "async def connect():\n    return object()\n",
    "svc/jobs.py": _JOBS,
    "svc/runner.py": (
        "import asyncio\n\n"
        "from svc.db import connect\n\n\n"
        "def _registry():\n"
        "    from svc.jobs import digest_loop, sweep_loop\n\n"
        "    return {'sweep': sweep_loop, 'digest': digest_loop}\n\n\n"
        "def _extras():\n"
        "    from svc.jobs import export_once\n\n"
        "    return {'export': export_once}\n\n\n"
        "async def restart_on_crash(name, factory, db):\n"
        "    while True:\n"
        "        try:\n"
        "            await factory(db)\n"
        "            return\n"
        "        except Exception:\n"
        "            await asyncio.sleep(5)\n\n\n"
        "async def run_worker(name):\n"
        "    db = await connect()\n"
        "    factory = _registry()[name]\n"
        "    await restart_on_crash(name, factory, db)\n\n\n"
        "async def run_extra(name):\n"
        "    db = await connect()\n"
        "    job = _extras().get(name)\n"
        "    print(job, db)\n"),
    "svc/__main__.py": (
        "import asyncio\nimport sys\n\nfrom svc.runner import run_worker\n\n\n"
        "def main():\n"
        "    asyncio.run(run_worker(sys.argv[1]))\n\n\n"
        "if __name__ == '__main__':\n"
        "    main()\n"),
}


def test_jobs_picked_from_a_registry_a_function_returns_are_the_programs_workers(tmp_path):
    """`factory = _registry()[name]` over a dict the function builds from its own imports, handed to a
    function that calls that parameter: each job of the dict is a worker of the program, and the
    picking coroutine is a caller of each (through the function it hands the pick to). A pick that is
    never called nor handed to a caller of it (`_extras().get(name)` printed) runs nothing."""
    model = build_model(_write(tmp_path, _BUILT_REGISTRY))
    _facts, run_worker = model.functions["svc.runner.run_worker"]
    assert run_worker.local_types["factory"] == {"picked": "_registry", "line": 29}
    assert model.functions["svc.runner.run_extra"][1].local_types["job"] == {"picked": "_extras", "line": 35}
    workers = {e.function: e for e in model.app.of_kind("worker")}
    assert {"svc.jobs.sweep_loop", "svc.jobs.digest_loop"} <= set(workers)
    assert workers["svc.jobs.sweep_loop"].details["program"] == "svc.runner.run_worker"
    assert "svc.jobs.export_once" not in {e.function for e in model.app.entrypoints}
    callers = {e.caller for e in model.callers["svc.jobs.digest_loop"]}
    assert "svc.runner.run_worker" in callers
    assert not model.callers.get("svc.jobs.export_once")


def test_a_pick_from_a_built_registry_called_in_place_reaches_each_value(tmp_path):
    """`handler = _handlers()[kind]` then `await handler(payload)`: the call may run any function the
    dict holds, so each is a callee of the dispatching function (a dict of non-function values adds none)."""
    files = {
        "svc/__init__.py": "",
        "svc/events.py": (
            "async def on_paid(payload):\n    return payload\n\n\n"
            "async def on_refunded(payload):\n    return payload\n\n\n"
            "def _handlers():\n"
            "    return {'paid': on_paid, 'refunded': on_refunded}\n\n\n"
            "def _labels():\n"
            "    return {'paid': 'Paid', 'refunded': 'Refunded'}\n\n\n"
            "async def handle(kind, payload):\n"
            "    handler = _handlers()[kind]\n"
            "    label = _labels().get(kind)\n"
            "    return label, await handler(payload)\n"),
    }
    model = build_model(_write(tmp_path, files))
    targets = {edge.target.name for edge in model.dispatch_edges.get("svc.events.handle", ())}
    assert targets == {"svc.events.on_paid", "svc.events.on_refunded"}


_CRASH_ONLY = {
    "svc/__init__.py": "",
    "svc/db.py": "async def connect():\n    return object()\n",
    "svc/jobs.py": _JOBS,
    "svc/feeds.py": (
        "import asyncio\n\n\n"
        "class Relay:\n"
        "    def __init__(self, db):\n"
        "        self.db = db\n\n"
        "    async def pump(self, stop):\n"
        "        while not stop.is_set():\n"
        "            await self.db.execute('UPDATE relay SET beat = now()')\n"
        "            await asyncio.sleep(2)\n\n"
        "    async def catch_up(self, stop):\n"
        "        await self.db.execute('SELECT 1')\n"),
    # restarts a crash, returns once the callable returns: the shape of a retry helper too
    "svc/runner.py": (
        "import asyncio\n\n\n"
        "async def keep_up(name, job):\n"
        "    while True:\n"
        "        try:\n"
        "            await job()\n"
        "            return\n"
        "        except asyncio.CancelledError:\n"
        "            raise\n"
        "        except Exception:\n"
        "            await asyncio.sleep(3)\n"),
    "svc/__main__.py": (
        "import asyncio\nimport sys\n\n"
        "from svc.db import connect\nfrom svc.feeds import Relay\nfrom svc.jobs import Mailer, Pruner\n"
        "from svc.runner import keep_up\n\n"
        "KINDS = {'mail': Mailer, 'prune': Pruner}\n\n\n"
        "async def main(kind, stop):\n"
        "    db = await connect()\n"
        "    if kind == 'relay':\n"
        "        relay = Relay(db)\n"
        "        await keep_up('relay-catch-up', lambda: relay.catch_up(stop))\n"
        "        await keep_up('relay', lambda: relay.pump(stop))\n"
        "        return\n"
        "    worker = KINDS[kind](db)\n"
        "    await keep_up(kind, worker.run_forever)\n\n\n"
        "if __name__ == '__main__':\n"
        "    asyncio.run(main(sys.argv[1], asyncio.Event()))\n"),
}


def test_a_crash_only_supervisor_starts_the_serving_jobs_it_is_handed(tmp_path):
    """`await keep_up(name, job)` where `keep_up` restarts a crash but returns when the job returns:
    a job that serves until stopped (each class of a registry, built and its method handed over; a
    lambda's call of a method) runs for the life of the process through it, so it is a worker started
    there. A one-shot job handed to the same wrapper (`lambda: relay.catch_up(stop)`) is a retried
    call, no worker."""
    model = build_model(_write(tmp_path, _CRASH_ONLY))
    workers = {e.function: e for e in model.app.of_kind("worker")}
    for job in ("svc.jobs.Mailer.run_forever", "svc.jobs.Pruner.run_forever", "svc.feeds.Relay.pump"):
        assert workers[job].details["supervised_by"] == "svc.runner.keep_up"
        assert workers[job].details["started_in"] == "svc.__main__.main"
    assert "svc.feeds.Relay.catch_up" not in {e.function for e in model.app.entrypoints}
    assert "svc.runner.keep_up" not in workers
