"""Severity and wording where the analysed code cannot fail as the rule first assumes: a method
nothing calls (LOW, and said so), a default every concrete subclass replaces (silent, see the
case), an import cycle no module needs while loading, a client never closed on any path."""
from __future__ import annotations

from pathlib import Path

from conftest import assess

CASES = Path(__file__).parent / "cases"


def _by_line(case: str, rule: str) -> dict[tuple[str, int], object]:
    result = assess(CASES / case)
    return {(f.location.path, f.location.start_line): f for f in result.findings if f.rule == rule}


def test_gather_in_uncalled_method_is_low() -> None:
    found = _by_line("backpressure@overridden-default", "RA312")
    live, dead = found[("ledger/stores.py", 54)], found[("ledger/stores.py", 73)]
    assert live.severity == "MEDIUM" and "No call the analysis could resolve reaches this function" not in live.description
    assert dead.severity == "LOW" and "No call the analysis could resolve reaches this function" in dead.description


def test_thread_lock_in_uncalled_coroutine_is_low() -> None:
    found = _by_line("deadlock@uncalled-method", "RA304")
    assert found[("agent/runtime.py", 16)].severity == "CRITICAL"
    assert found[("agent/runtime.py", 21)].severity == "LOW"


def test_large_cycle_used_only_inside_functions_is_medium() -> None:
    found = _by_line("circular-import@late-bound-names", "RA805")
    assert found[("feed/bus.py", 1)].severity == "MEDIUM"


def test_client_never_closed_says_so() -> None:
    finding = _by_line("connection-management@never-released-client", "RA510")[("warmup/servers.py", 10)]
    assert finding.title.endswith("is never released") and finding.severity == "MEDIUM"
    assert "reference counting" in finding.description


def test_sync_redis_client_is_told_to_close_not_aclose(tmp_path: Path) -> None:
    """A sync `redis.Redis` kept on an object closes with `close()`; `aclose()` is the asyncio client's."""
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "__init__.py").write_text("")
    (tmp_path / "app" / "main.py").write_text(
        "import redis\n"
        "from fastapi import FastAPI\n\n"
        "app = FastAPI()\n\n\n"
        "class Counters:\n"
        "    def __init__(self, url: str) -> None:\n"
        "        self.store = redis.Redis.from_url(url, socket_timeout=5)\n\n"
        "    def bump(self, name: str) -> int:\n"
        "        return self.store.incr(name)\n\n\n"
        "COUNTERS = Counters('redis://cache:6379/0')\n\n\n"
        "@app.post('/hits/{name}')\n"
        "def hit(name: str) -> dict:\n"
        "    return {'hits': COUNTERS.bump(name)}\n")
    found = [f for f in assess(tmp_path).findings if f.rule == "RA512"]
    assert found and "`self.store.close()`" in found[0].description and "aclose" not in found[0].description


_LINK = (
    "import asyncio\n\n\n"
    "class LinkBase:\n"
    "    def label(self) -> str:\n"
    "        return 'link'\n\n\n"
    "class DialLink(LinkBase):\n"
    "    async def greet(self) -> bytes:\n"
    "        reader, writer = await asyncio.open_connection('relay', 9735)\n"
    "        writer.write(b'hello')\n"
    "        await writer.drain()\n"
    "        return await reader.read(64)\n\n\n"
    "class Other:\n"
    "    def label(self) -> str:\n"
    "        return 'other'\n\n\n"
)


def _link_findings(tmp_path: Path, session: str) -> list:
    (tmp_path / "relay").mkdir()
    (tmp_path / "relay" / "__init__.py").write_text("")
    (tmp_path / "relay" / "links.py").write_text(_LINK)
    (tmp_path / "relay" / "session.py").write_text(session)
    return [f for f in assess(tmp_path).findings if f.rule == "RA403" and f.location.path == "relay/links.py"]


def test_call_on_a_base_typed_receiver_counts_as_a_caller(tmp_path: Path) -> None:
    """`self.link.greet()` with `link: LinkBase` under an `isinstance` test: the base has no
    `greet`, so the call lands on the subclass's; the finding keeps its weight and makes no claim
    about callers."""
    found = _link_findings(tmp_path, (
        "from .links import DialLink, LinkBase\n\n\n"
        "class Session:\n"
        "    def __init__(self, link: LinkBase) -> None:\n"
        "        self.link = link\n\n"
        "    async def start(self) -> None:\n"
        "        if isinstance(self.link, DialLink):\n"
        "            await self.link.greet()\n\n\n"
        "async def main() -> None:\n"
        "    await Session(DialLink()).start()\n"))
    assert found and all(f.severity == "HIGH" and "No call" not in f.description for f in found)


def test_same_name_on_an_unrelated_type_is_no_caller(tmp_path: Path) -> None:
    """A `greet()` called on a receiver of an unrelated project class reaches nothing here: the
    finding says only that no resolved call reaches the method."""
    found = _link_findings(tmp_path, (
        "from .links import Other\n\n\n"
        "class Session:\n"
        "    def __init__(self, peer: Other) -> None:\n"
        "        self.peer = peer\n\n"
        "    async def start(self) -> None:\n"
        "        await self.peer.greet()\n"))
    assert found and all(f.severity == "MEDIUM" for f in found)
    assert all("No call the analysis could resolve reaches `DialLink.greet`" in f.description for f in found)


def test_method_handed_over_as_a_callback_makes_no_caller_claim(tmp_path: Path) -> None:
    """`bus.on_open(self.link.greet)` hands the method to code that calls it later: no call names
    it, yet it runs, so the finding keeps its weight and says nothing about callers."""
    found = _link_findings(tmp_path, (
        "from .links import DialLink\n\n\n"
        "class Session:\n"
        "    def __init__(self, link: DialLink) -> None:\n"
        "        self.link = link\n\n"
        "    def wire(self, bus) -> None:\n"
        "        bus.on_open(self.link.greet)\n"))
    assert found and all(f.severity == "HIGH" and "No call" not in f.description for f in found)
