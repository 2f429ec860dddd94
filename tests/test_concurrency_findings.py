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
])
def test_blocking_names(name: str, kind: str) -> None:
    found = blocking_io(name)
    assert found is not None and found.kind == kind


@pytest.mark.parametrize("name", [
    "httpx.AsyncClient.get", "redis.asyncio.Redis.get", "asyncpg.Pool.fetch", "redis.Redis.pipeline",
    "sqlalchemy.ext.asyncio.AsyncSession.execute", "boto3.client.generate_presigned_url", "aiohttp.ClientSession.get",
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
