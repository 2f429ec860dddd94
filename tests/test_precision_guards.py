"""Severity and wording the inline-expectation cases cannot check (they compare locations only)."""
from __future__ import annotations

from pathlib import Path

from conftest import assess

CASES = Path(__file__).parent / "cases"


def _of(case: str, category: str) -> dict[str, object]:
    found = assess(CASES / case).findings
    return {f"{f.location.path}:{f.location.start_line}": f for f in found if f.category == category}


def test_cycle_closing_through_its_own_package_is_low() -> None:
    found = _of("circular-import@package-back-references", "circular-import")
    assert found["shop/catalog/__init__.py:4"].severity == "LOW"
    assert "closes through the package itself" in found["shop/catalog/__init__.py:4"].description
    assert found["shop/catalog/items.py:5"].severity != "LOW"  # the cycle among the submodules can fail


def test_package_analysed_alone_is_not_said_to_be_untested() -> None:
    (finding,) = _of("test-gap@package-alone", "test-gap").values()
    assert finding.severity == "LOW"
    assert "cannot be judged" in finding.description and "`testing/` is a helper package" in finding.description
    assert "test function" not in finding.description  # no counts of a suite that is not there


def test_test_named_modules_without_tests_are_no_suite() -> None:
    (finding,) = _of("test-gap@reusable-suites", "test-gap").values()
    assert finding.severity == "LOW" and "cannot be judged" in finding.description
    assert "(`contract/feed_contract_test.py`) defines no test that pytest collects" in finding.description


def test_documented_best_effort_handlers_are_low() -> None:
    swallowed = _of("swallowed-exception+logging-gap@documented-best-effort", "swallowed-exception")
    assert swallowed["stats/usage.py:11"].severity == "LOW"  # a comment says why dropping is fine
    assert swallowed["stats/usage.py:19"].severity == "MEDIUM"
    skipped = _of("swallowed-exception+logging-gap@documented-best-effort", "logging-gap")
    assert skipped["stats/jobs.py:20"].severity == "LOW"
    assert skipped["stats/jobs.py:28"].severity == "MEDIUM"


def test_exception_text_goes_to_the_client_only_in_a_response() -> None:
    found = _of("exception-without-cause@library-text", "exception-without-cause")
    assert "sent to the client" not in found["kit/schema.py:15"].description  # SDK code answers no client
    assert "sent to the client" in found["kit/api.py:13"].description


def test_every_status_code_in_the_title_has_a_site_shown() -> None:
    (finding,) = _of("inconsistent-error-handling@codes-shown", "inconsistent-error-handling").values()
    assert "404 in zlast" in finding.description
    assert any("zlast" in loc.note for loc in finding.related_locations)


def test_client_with_configured_timeout_is_not_said_to_have_none() -> None:
    found = _of("sync-io-in-async@dispatch-twin", "sync-io-in-async")
    assert "no timeout" not in found["ship/cli.py:41"].title  # httpx.Client: its own timeout (5 s default)
    assert "no timeout" in found["ship/deployer.py:22"].title  # requests.get without timeout=


def test_n_plus_one_cites_the_query_every_call_makes() -> None:
    (finding,) = _of("n-plus-one@fixed-kinds-and-segments", "n-plus-one").values()
    assert "read_bin_by_name" in finding.title and "create_bin" not in finding.title


def test_a_counted_loop_names_its_turns_not_a_plural_of_the_letter() -> None:
    found = _of("n-plus-one@step-loop", "n-plus-one")
    counted = found["tutor/routes.py:39"]
    assert "once per iteration of the `range(limit)` loop" in counted.title
    notes = [r.note for r in counted.related_locations]
    assert "the `range(limit)` loop" in notes and not any("over ns" in n or "per n " in n for n in notes)


def test_a_status_moved_between_written_values_is_no_request_data() -> None:
    found = _of("global-mutable-state@status-setter", "global-mutable-state")
    assert "request data" not in found["clinic/phase.py:4"].title  # `set_phase("busy")` from the route
    assert found["clinic/phase.py:17"].title == "request data kept in the module global `_locale`"


def test_calls_of_one_missing_method_are_one_finding() -> None:
    (finding,) = _of("wrong-call@composed-mixins", "wrong-call").values()
    assert finding.title == "`Report` has no method `headline` (called 2 times)"
    assert [(r.path, r.start_line) for r in finding.related_locations][-1] == ("desk/formatting.py", 19)
    assert finding.location.start_line == 13  # the first call in the file is the primary


def test_a_graph_walk_is_worded_as_one() -> None:
    found = _of("n-plus-one@graph-walk", "n-plus-one")
    walk, per_item = found["catalog/bundles.py:34"], found["catalog/bundles.py:44"]
    assert "graph walk" in walk.title and "per node it visits" in walk.title
    assert "WITH RECURSIVE" in walk.recommendation and "in_(keys)" not in walk.recommendation
    assert "graph" not in per_item.title and "in_(keys)" in per_item.recommendation


def test_seen_set_of_an_object_built_elsewhere_is_not_said_to_live_for_the_process() -> None:
    """Nothing in the project creates `WikiCrawler` (it is loaded by name): the set grows for as
    long as the object lives, which may be one run; the module-level filter lives for the process."""
    found = _of("unbounded-cache@seen-set-owner-unknown", "unbounded-cache")
    crawler, events = found["crawl/sources.py:9"], found["crawl/sources.py:21"]
    assert "life of the object" in crawler.title and "until the process restarts" not in crawler.description
    assert "life of the process" in events.title and "until the process restarts" in events.description


def test_timeout_disabled_only_where_none_is_written(tmp_path: Path) -> None:
    """`httpx.Timeout(None)` and `aiohttp.ClientTimeout(None, 5)` switch the limit off; a
    `Timeout(None if x else 5)` may not, though its value is kept as None too. A request
    forwarding only the function's own `**kwargs`, which no caller fills, has no timeout; one
    that also spreads a dict written in place may be given one."""
    svc = tmp_path / "svc"
    svc.mkdir()
    (svc / "__init__.py").write_text("")
    (svc / "client.py").write_text(
        "import aiohttp\nimport httpx\nimport requests\n\n"
        "OFF = httpx.Timeout(None)\n"
        "MAYBE = httpx.Timeout(None if __debug__ else 5)\n"
        "AIO_OFF = aiohttp.ClientTimeout(None, 5)\n\n\n"
        "class Partner:\n"
        "    def __init__(self) -> None:\n"
        "        self._off = httpx.AsyncClient(base_url='https://a.example.com', timeout=OFF)\n"
        "        self._maybe = httpx.AsyncClient(base_url='https://b.example.com', timeout=MAYBE)\n\n"
        "    async def get(self, key: str) -> dict:\n"
        "        return (await self._off.get(f'/items/{key}')).json()\n\n"
        "    async def other(self, key: str) -> dict:\n"
        "        return (await self._maybe.get(f'/items/{key}')).json()\n\n\n"
        "async def aio(key: str) -> dict:\n"
        "    async with aiohttp.ClientSession(timeout=AIO_OFF) as session:\n"
        "        async with session.get(f'https://c.example.com/{key}') as resp:\n"
        "            return await resp.json()\n\n\n"
        "def fetch(url: str, **kwargs):\n"
        "    return requests.get(url, **kwargs)\n\n\n"
        "def fetch_any(url: str, **kwargs):\n"
        "    return requests.get(url, **kwargs, **{'verify': False})\n\n\n"
        "def use() -> None:\n"
        "    fetch('https://d.example.com/x')\n"
        "    fetch_any('https://e.example.com/x')\n"
    )
    found = {(f.rule, f.location.start_line) for f in assess(tmp_path).findings if f.rule in ("RA401", "RA402")}
    assert found == {("RA401", 5), ("RA401", 7), ("RA402", 29)}


def test_dropped_task_on_a_fetched_loop_quotes_the_spawning_call() -> None:
    (finding,) = _of("backpressure@chained-loop-spawn", "backpressure").values()
    assert "`asyncio.get_event_loop().create_task(self._sample(every))`" in finding.description


def test_session_call_without_timeout_is_not_said_to_pass_none() -> None:
    found = _of("missing-timeout", "missing-timeout")
    defaulted = found["svc/notify.py:29"].description  # `session.get(url)`: no keyword at all
    assert "timeout=None" not in defaulted and "has no `timeout=`" in defaulted
    assert "`post(..., timeout=None)` disables" in found["svc/clients/http.py:30"].description


def test_requests_call_is_not_bounded_by_the_socket_default() -> None:
    """requests passes urllib3 an explicit no-limit timeout, so `socket.setdefaulttimeout` does not
    reach its sockets; the finding says so, and urllib beside it stays bounded."""
    found = _of("missing-timeout@socket-default-stdlib", "missing-timeout")
    assert "the `socket.setdefaulttimeout` at relay/main.py:6 does not bound it" in found["relay/fetch.py:13"].description
    assert not any(key.startswith("relay/fetch.py:9") for key in found)


def test_timeout_object_bounding_connect_only_names_the_open_phases() -> None:
    found = _of("missing-timeout@disabling-object-variable", "missing-timeout")
    partial = found["exporter/archive.py:36"].description  # `httpx.Timeout(None, connect=5.0)`
    assert "leaves the read, write and pool phases unset (no limit): only connect is bounded" in partial
    assert "every phase" not in partial
    assert "`timeout=no_limit`" in found["exporter/archive.py:9"].description  # the variable, not its facts


def test_index_for_a_table_the_application_creates_goes_beside_its_create_table() -> None:
    finding = _of("missing-index@created-in-code", "missing-index")["journal/store.py:25"]
    assert "creates `changes` itself (journal/store.py:12)" in finding.recommendation
    assert "CREATE INDEX IF NOT EXISTS ix_changes_record_id ON changes (record_id);" in finding.recommendation
    assert "new migration" not in finding.recommendation


def test_per_item_calls_each_in_a_task_are_said_to_run_at_once() -> None:
    found = _of("n-plus-one@message-stream", "n-plus-one")
    assert "(each in its own task, all at once)" in found["presence/tracker.py:34"].description
    assert "all at once" not in found["presence/tracker.py:30"].description


def test_work_offloaded_elsewhere_names_one_other_call_site() -> None:
    finding = _of("blocking-cpu-in-async@offloaded-elsewhere", "blocking-cpu-in-async")["atlas/api.py:19"]
    assert "worker thread at another call site" in finding.description  # not "at its other call sites"
    assert "as that call site does" in finding.recommendation


def test_single_connection_opened_per_request_is_not_called_a_pool() -> None:
    finding = _of("connection-management@single-connection", "connection-management")["notes/api.py:17"]
    assert "opens a new database connection instead of reusing one" in finding.description
    assert "pool" not in finding.description


def test_store_reopened_onto_its_owner_is_not_built_per_call() -> None:
    """`self.store = JournalStore(path)` in a reset keeps the store on the owner; only the route that
    opens one and drops it is cited."""
    finding = _of("connection-management@single-connection", "connection-management")["notes/journal.py:13"]
    assert "instantiated for GET /journal/{name}/count" in finding.description
    assert "reset" not in finding.description


def test_instance_registry_and_per_call_entries_are_no_cache(tmp_path: Path) -> None:
    """RA227: a class-level dict each instance registers itself in (`cls.cache[self.key] = self`,
    dropped on delete) is an identity map of objects that exist anyway, and a dict a method fills
    and empties again in its own `finally` holds the calls in flight only; a memo of fetched
    values on the same class is still an unbounded cache."""
    pkg = tmp_path / "bots"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "registry.py").write_text(
        "import asyncio\nimport aiosqlite\nimport httpx\n\n\n"
        "class Agent:\n"
        "    cache: dict = {}\n\n"
        "    def __init__(self, key: str) -> None:\n"
        "        self.key = key\n\n"
        "    def enable(self) -> None:\n"
        "        self.cache[self.key] = self\n\n"
        "    def remove(self) -> None:\n"
        "        del self.cache[self.key]\n\n\n"
        "class Store:\n"
        "    def __init__(self, path: str) -> None:\n"
        "        self.path = path\n"
        "        self.conn_cache = {}\n"
        "        self.profile_cache = {}\n\n"
        "    async def ensure_schema(self) -> None:\n"
        "        await asyncio.sleep(0)\n\n"
        "    async def run(self, sql: str) -> list:\n"
        "        await self.ensure_schema()\n"
        "        task = id(asyncio.current_task())\n"
        "        try:\n"
        "            if task not in self.conn_cache:\n"
        "                conn = await aiosqlite.connect(self.path)\n"
        "                await conn.execute('PRAGMA journal_mode = WAL')\n"
        "                self.conn_cache[task] = conn\n"
        "            return await self.conn_cache[task].execute_fetchall(sql)\n"
        "        finally:\n"
        "            await self.conn_cache[task].close()\n"
        "            del self.conn_cache[task]\n\n"
        "    async def profile(self, user: str) -> dict:\n"
        "        if user in self.profile_cache:\n"
        "            return self.profile_cache[user]\n"
        "        data = (await httpx.AsyncClient().get(f'https://p.example.com/{user}')).json()\n"
        "        self.profile_cache[user] = data\n"
        "        return data\n\n\n"
        "STORE = Store('app.db')\n"
    )
    found = [f for f in assess(pkg).findings if f.category == "unbounded-cache"]
    titles = " ".join(f.title for f in found)
    assert "profile_cache" in titles
    assert "conn_cache" not in titles and "self.cache" not in titles


def test_missing_timeout_impact_names_the_calls_own_library() -> None:
    """The impact speaks of the call at hand: an asyncpg acquire is not told that requests has no
    default timeout, a requests call is, and a call passing `timeout=None` is told it switched it off."""
    found = _of("missing-timeout", "missing-timeout")
    acquire = found["svc/db.py:27"]
    assert acquire.rule == "RA402" and "requests" not in acquire.impact and "free connection" in acquire.impact
    assert "requests has no default timeout" in found["svc/notify.py:29"].impact
    assert "`timeout=None` switches off" in found["svc/clients/http.py:30"].impact
