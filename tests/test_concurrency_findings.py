"""Concurrency findings carry the whole chain and what was examined, and the blocking-call
knowledge classifies names the way the resolver spells them."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import assess
from reassess.knowledge.blocking import blocking_io, configured, cpu_heavy, negligible

CASES = Path(__file__).parent / "cases"


@pytest.fixture(scope="module")
def sync_io():
    return assess(CASES / "sync-io-in-async")


def _lines(path: Path, needle: str) -> list[int]:
    return [n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line]


def test_chain_cites_every_hop_down_to_the_blocking_call(sync_io) -> None:
    users = CASES / "sync-io-in-async" / "app" / "routes" / "users.py"
    first = _lines(users, "row = db.fetch_user(user_id)")[0]
    finding = next(f for f in sync_io.findings if f.location.path == "app/routes/users.py"
                   and f.location.start_line == first)
    related = {(loc.path, loc.start_line) for loc in finding.related_locations}
    db = CASES / "sync-io-in-async" / "app" / "db.py"
    assert ("app/db.py", _lines(db, "sqlite3.connect(")[0]) in related
    later = _lines(users, "the same helper again")[0]
    assert ("app/routes/users.py", later) in related  # grouped: one finding per helper
    assert "GET /users/{user_id}" in finding.description


def test_examined_counts_are_recorded(sync_io) -> None:
    examined = sync_io.examined
    for key in ("coroutines", "locks", "queues", "tasks created", "websocket handlers", "gather calls"):
        assert key in examined
    sources = [f.read_text(encoding="utf-8") for f in (CASES / "sync-io-in-async").rglob("*.py")]
    assert examined["coroutines"] == sum(text.count("async def ") for text in sources)
    assert examined["tasks created"] == sum(text.count("asyncio.create_task(") for text in sources)


@pytest.mark.parametrize("name, kind", [
    ("requests.post", "http"), ("requests.Session.get", "http"), ("httpx.Client.post", "http"),
    ("time.sleep", "sleep"), ("builtins.open", "file"), ("sqlite3.Connection.execute", "db"),
    ("psycopg2.extensions.cursor.execute", "db"), ("redis.Redis.get", "cache"), ("redis.client.Redis.hset", "cache"),
    ("sqlalchemy.orm.session.Session.query", "db"), ("subprocess.run", "subprocess"), ("shutil.rmtree", "filetree"),
    ("smtplib.SMTP.sendmail", "mail"), ("boto3.client.upload_file", "cloud"),
    ("paramiko.SFTPClient.listdir_attr", "socket"), ("paramiko.Transport.connect", "socket"),
])
def test_blocking_names(name: str, kind: str) -> None:
    found = blocking_io(name)
    assert found is not None and found.kind == kind


@pytest.mark.parametrize("name", [
    "httpx.AsyncClient.get", "redis.asyncio.Redis.get", "asyncpg.Pool.fetch", "redis.Redis.pipeline",
    "sqlalchemy.ext.asyncio.AsyncSession.execute", "boto3.client.generate_presigned_url", "aiohttp.ClientSession.get",
    "paramiko.SFTPClient.get_channel", "paramiko.SFTPClient.close",
    "boto3.client.list_objects_v2.get",  # `listing.get("Contents")`: the answer is a plain dict
])
def test_async_or_local_calls_are_not_blocking(name: str) -> None:
    assert blocking_io(name) is None


def test_cpu_heavy_and_negligible_arguments() -> None:
    assert cpu_heavy("bcrypt.checkpw") is not None
    assert cpu_heavy("passlib.context.CryptContext.verify") is not None
    assert cpu_heavy("hashlib.sha256") is None
    assert negligible("hashlib.pbkdf2_hmac", ("sha256", {"ref": "s"}, b"x", 1000), {})
    assert not negligible("hashlib.pbkdf2_hmac", ("sha256", {"ref": "s"}, b"x", 600_000), {})
    assert negligible("time.sleep", (0,), {}) and not negligible("time.sleep", (1,), {})


def test_configured_names_match_exactly_or_below() -> None:
    assert configured("vendor.Client.fetch", ["vendor.Client"]) is not None
    assert configured("vendor.Client.fetch", ["vendor.*"]) is not None
    assert configured("vendorx.Client.fetch", ["vendor"]) is None


def test_thread_offload_of_a_method_on_a_new_object_keeps_the_object(tmp_path: Path) -> None:
    """`Report(session).build(day)` in a coroutine: the worker thread runs the bound method
    `Report(session).build` with `day`, not the constructor with the rest of the line."""
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "__init__.py").write_text("")
    (tmp_path / "app" / "main.py").write_text(
        "import requests\n"
        "from fastapi import FastAPI\n\n"
        "app = FastAPI()\n\n\n"
        "class Report:\n"
        "    def __init__(self, base: str) -> None:\n"
        "        self.base = base\n\n"
        "    def build(self, day: str) -> dict:\n"
        "        return requests.get(self.base + day, timeout=5).json()\n\n\n"
        "@app.get('/report')\n"
        "async def report(day: str) -> dict:\n"
        "    return Report(base='https://stats.example').build(day)\n")
    found = [f for f in assess(tmp_path).findings if f.rule == "RA301"]
    assert found
    assert "asyncio.to_thread(Report(base='https://stats.example').build, day)" in found[0].recommendation


def test_request_session_of_fastapi_sqlalchemy_is_a_sqlalchemy_session(tmp_path: Path) -> None:
    """`from fastapi_sqlalchemy import db`: `db.session` is the request's SQLAlchemy Session. In a
    coroutine its query blocks the loop, and the thread runs the chain's last call, where the
    query executes (`.first`), not `query` alone, which only builds it."""
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "__init__.py").write_text("")
    (tmp_path / "app" / "models.py").write_text(
        "from sqlalchemy import Column, Integer, String\n"
        "from sqlalchemy.orm import declarative_base\n\n"
        "Base = declarative_base()\n\n\n"
        "class Member(Base):\n"
        "    __tablename__ = \"members\"\n"
        "    id = Column(Integer, primary_key=True)\n"
        "    email = Column(String, index=True)\n")
    (tmp_path / "app" / "main.py").write_text(
        "from fastapi import FastAPI\n"
        "from fastapi_sqlalchemy import DBSessionMiddleware, db\n\n"
        "from .models import Member\n\n"
        "app = FastAPI()\n"
        "app.add_middleware(DBSessionMiddleware, db_url='postgresql://db/club')\n\n\n"
        "@app.get('/members/{email}')\n"
        "async def member(email: str) -> dict:\n"
        "    row = db.session.query(Member).filter(Member.email == email).first()\n"
        "    return {'id': row.id if row else None}\n")
    found = [f for f in assess(tmp_path).findings if f.rule == "RA301"]
    assert [f.location.start_line for f in found] == [12]
    assert "asyncio.to_thread(db.session.query(Member).filter(Member.email == email).first)" in found[0].recommendation


_CLI = (
    "import argparse\n"
    "import asyncio\n"
    "import subprocess\n"
    "import sys\n\n\n"
    "def build_label() -> str:\n"
    "    return subprocess.run(['git', 'rev-parse', 'HEAD'], capture_output=True, text=True).stdout\n\n\n"
    "def apply_flags(flags) -> None:\n"
    "{branch}"
    "    flags.ready = True\n\n\n"
    "async def serve(flags) -> None:\n"
    "    apply_flags(flags)\n"
    "    while True:\n"
    "        await asyncio.sleep(60)\n\n\n"
    "def cli() -> None:\n"
    "    parser = argparse.ArgumentParser()\n"
    "    parser.add_argument('--version', action='store_true')\n"
    "    asyncio.run(serve(parser.parse_args()))\n\n\n"
    "if __name__ == '__main__':\n"
    "    cli()\n")


@pytest.mark.parametrize("branch, fires", [
    # `--version` prints and ends the process: the loop it blocks serves nothing yet
    ("    if flags.version:\n        print(build_label())\n        sys.exit(0)\n", False),
    ("    if flags.version:\n        print(build_label())\n        raise SystemExit(0)\n", False),
    ("    if flags.version:\n        print(build_label())\n        raise SystemExit\n", False),
    # the exit ends a loop's body or an error handler, not the branch: the branch may carry on
    ("    if flags.version:\n        for _ in range(3):\n            print(build_label())\n            sys.exit(0)\n", True),
    ("    if flags.version:\n        try:\n            print(build_label())\n        except OSError:\n            sys.exit(1)\n", True),
    # no exit after it: the coroutine carries on
    ("    if flags.version:\n        print(build_label())\n", True),
    # a `return` leaves the helper, not the process
    ("    if flags.version:\n        print(build_label())\n        return\n", True),
    # the exit is in the other branch
    ("    if flags.version:\n        print(build_label())\n    else:\n        sys.exit(0)\n", True),
    # the exit is itself conditional
    ("    if flags.version:\n        print(build_label())\n        if flags.strict:\n            sys.exit(0)\n", True),
])
def test_blocking_call_right_before_a_process_exit_is_not_reported(tmp_path: Path, branch: str, fires: bool) -> None:
    """A CLI coroutine whose `--version` branch runs `git` and then `sys.exit(0)` stalls only a loop
    about to be torn down; without the exit, or with it elsewhere, the call holds the loop."""
    (tmp_path / "tool").mkdir()
    (tmp_path / "tool" / "__init__.py").write_text("")
    (tmp_path / "tool" / "main.py").write_text(_CLI.format(branch=branch))
    found = [f for f in assess(tmp_path).findings if f.rule == "RA301"]
    assert bool(found) == fires, [f.title for f in found]


def test_exit_branch_in_the_coroutine_itself_is_not_reported(tmp_path: Path) -> None:
    """The coroutine's own `if` ending in `exit()` holds the blocking call: silent; the same call
    after the branch still fires."""
    (tmp_path / "tool").mkdir()
    (tmp_path / "tool" / "__init__.py").write_text("")
    (tmp_path / "tool" / "main.py").write_text(
        "import asyncio\n"
        "import subprocess\n\n\n"
        "async def run(check: bool) -> None:\n"
        "    if check:\n"
        "        subprocess.run(['pg_isready'])\n"
        "        exit(1)\n"
        "    subprocess.run(['pg_dump', 'db'])\n"
        "    await asyncio.sleep(1)\n\n\n"
        "if __name__ == '__main__':\n"
        "    asyncio.run(run(True))\n")
    found = [f for f in assess(tmp_path).findings if f.rule == "RA301"]
    assert [f.location.start_line for f in found] == [9]


_STARTUP_LOCK = (
    "import asyncio\n"
    "import threading\n"
    "from contextlib import asynccontextmanager\n\n"
    "from fastapi import FastAPI\n\n\n"
    "class Ids:\n"
    "    def __init__(self) -> None:\n"
    "        self._lock = threading.Lock()\n"
    "        self.node = None\n"
    "        self._claimed = False\n\n"
    "    async def claim_node(self) -> None:\n"
    "{guard}"
    "        with self._lock:\n"
    "            self.node = await asyncio.sleep(0.1, result=7)\n"
    "            self._claimed = True\n\n"
    "    def next_id(self) -> int:\n"
    "        with self._lock:\n"
    "            return self.node\n\n\n"
    "ids = Ids()\n\n\n"
    "async def warm_cache() -> None:\n"
    "    while True:\n"
    "        ids.next_id()\n"
    "        await asyncio.sleep(5)\n\n\n"
    "@asynccontextmanager\n"
    "async def lifespan(app):\n"
    "{startup}"
    "    yield\n\n\n"
    "app = FastAPI(lifespan=lifespan)\n\n\n"
    "@app.get('/id')\n"
    "async def new_id() -> dict:\n"
    "{route}"
    "    return {{'id': ids.next_id()}}\n")


_ONCE = "        if self._claimed:\n            return\n"


@pytest.mark.parametrize("guard, startup, route, fires", [
    # a one-time claim awaited in the lifespan, before any request: nothing runs on the loop to contend
    (_ONCE, "    await ids.claim_node()\n", "", False),
    # no run-once guard: a method meant to run again, later callers may come while serving
    ("", "    await ids.claim_node()\n", "", True),
    # a request path reaches the claim: another request can take the lock while it waits
    (_ONCE, "    await ids.claim_node()\n", "    await ids.claim_node()\n", True),
    # the lifespan first starts a task that takes the same lock: it can run while the claim waits
    (_ONCE, "    asyncio.create_task(warm_cache())\n    await ids.claim_node()\n", "", True),
])
def test_thread_lock_across_await_at_startup_only(tmp_path: Path, guard: str, startup: str, route: str,
                                                  fires: bool) -> None:
    """RA304 in a one-time initialiser only the lifespan runs is not a deadlock: routes start after it ends."""
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "__init__.py").write_text("")
    (tmp_path / "app" / "main.py").write_text(_STARTUP_LOCK.format(guard=guard, startup=startup, route=route))
    found = [f for f in assess(tmp_path).findings if f.rule == "RA304"]
    assert bool(found) == fires, [f.title for f in found]


_SINGLETON = (
    "import shutil\n\n"
    "from fastapi import FastAPI\n\n"
    "app = FastAPI()\n"
    "_profile = None\n\n\n"
    "class Profile:\n"
    "    def __init__(self) -> None:\n"
    "        shutil.copyfile('profile.ini', 'profile.bak')\n\n"
    "    @classmethod\n"
    "    def shared(cls):\n"
    "{body}"
    "        return cls._current\n\n\n"
    "class Loader:\n"
    "    def __init__(self) -> None:\n"
    "        self._current = None\n\n"
    "    def current(self):\n"
    "        if self._current is None:\n"
    "            self._current = Profile()\n"
    "        return self._current\n\n\n"
    "def profile():\n"
    "    global _profile\n"
    "    if _profile is None:\n"
    "        _profile = Profile()\n"
    "    return _profile\n\n\n"
    "@app.get('/profile')\n"
    "async def show() -> dict:\n"
    "    return {{'p': {call}}}\n")


@pytest.mark.parametrize("body, call, severity", [
    # built on first use and kept on the class (or in a global): the copy runs once per process
    ("        if not hasattr(cls, '_current') or cls._current is None:\n            cls._current = cls()\n",
     "Profile.shared()", "LOW"),
    ("        if getattr(cls, '_current', None) is None:\n            cls._current = Profile()\n",
     "Profile.shared()", "LOW"),
    ("        pass\n", "profile()", "LOW"),
    # rebuilt on every call: no test of the store guards it
    ("        cls._current = cls()\n", "Profile.shared()", "MEDIUM"),
    # kept on one instance, not the class: each new `Profile` builds its own
    ("        pass\n", "Loader().current()", "MEDIUM"),
])
def test_blocking_constructor_of_a_lazy_singleton_runs_once(tmp_path: Path, body: str, call: str,
                                                            severity: str) -> None:
    """Blocking work in the `__init__` of an object a classmethod or a `global` getter builds on
    first use and keeps: a one-time stall, LOW; rebuilt per call or per instance, MEDIUM."""
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "__init__.py").write_text("")
    (tmp_path / "app" / "main.py").write_text(_SINGLETON.format(body=body, call=call))
    found = [f for f in assess(tmp_path).findings if f.rule == "RA301"]
    assert [f.severity for f in found] == [severity], [(f.severity, f.title) for f in found]


_PARTS = (
    "import asyncio\n\n"
    "import httpx\n\n\n"
    "class Part:\n"
    "    async def attach(self, url: str) -> None:\n"
    "        async with httpx.AsyncClient() as client:\n"
    "            await client.get(url)\n\n\n"
    "class Host:\n"
    "    def __init__(self, peers: dict) -> None:\n"
    "        self.disk, self.net, self.clock = Part(), Part(), Part()\n"
    "        self._peers = peers\n\n"
    "    @property\n"
    "    def parts(self) -> list:\n"
    "{returned}"
    "    async def attach_all(self, url: str) -> None:\n"
    "        await asyncio.gather(*[part.attach(url) for part in self.parts])\n")


@pytest.mark.parametrize("returned, fires", [
    # the object's own parts, named one by one: as many as the code writes
    ("        return [self.disk, self.net, self.clock]\n\n", False),
    ("        return (self.disk, self.net)\n\n", False),
    # as many as the data handed in
    ("        return list(self._peers.values())\n\n", True),
    ("        return [self.disk, *self._peers.values()]\n\n", True),
])
def test_gather_over_a_property_listing_fixed_parts(tmp_path: Path, returned: str, fires: bool) -> None:
    """RA312: a property returning a list written out item by item is bounded by the code."""
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "__init__.py").write_text("")
    (tmp_path / "app" / "host.py").write_text(_PARTS.format(returned=returned))
    found = [f for f in assess(tmp_path).findings if f.rule == "RA312"]
    assert bool(found) == fires, [f.title for f in found]


_FANOUT = (
    "import asyncio\n\n"
    "import httpx\n\n\n"
    "class Branch:\n"
    "    async def push(self, url: str) -> None:\n"
    "        async with httpx.AsyncClient() as client:\n"
    "            await client.post(url)\n\n\n"
    "class Fanout:\n"
    "    def __init__(self, *routes) -> None:\n"
    "        self._branches = []\n"
    "        for route in routes:\n"
    "            self._branches.append(Branch())\n\n"
    "    def add(self, branch) -> None:\n"
    "{add}"
    "    async def push(self, url: str) -> None:\n"
    "        await asyncio.gather(*[b.push(url) for b in self._branches])\n\n\n"
    "def build(routes: list) -> Fanout:\n"
    "    return {build}\n")


@pytest.mark.parametrize("add, build, fires", [
    # one branch per argument each constructor call writes out
    ("        pass\n\n", "Fanout(['a'], ['b'])", False),
    # a caller spreads a collection into the arguments, or a method grows the list later
    ("        pass\n\n", "Fanout(*routes)", True),
    ("        self._branches.append(branch)\n\n", "Fanout(['a'], ['b'])", True),
])
def test_gather_over_a_list_filled_from_constructor_varargs(tmp_path: Path, add: str, build: str,
                                                            fires: bool) -> None:
    """RA312: an attribute `__init__` fills one item per `*args` entry is as long as the call site writes."""
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "__init__.py").write_text("")
    (tmp_path / "app" / "fan.py").write_text(_FANOUT.format(add=add, build=build))
    found = [f for f in assess(tmp_path).findings if f.rule == "RA312"]
    assert bool(found) == fires, [f.title for f in found]
