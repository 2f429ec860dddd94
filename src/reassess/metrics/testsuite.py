"""The test suite as the facts show it: test modules, test functions, fixtures, what they import.

A project module counts as exercised by the tests when a test module (or conftest)
imports it directly, or, for route and websocket modules, when the tests drive the app
over HTTP (a framework's test client or test case, httpx with an ASGI transport, or an HTTP
client sent to a server the tests start) and the modules the tests import load it. Built once per model and shared by the testing rules and the metrics.
"""
from __future__ import annotations

import math
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..model.app import is_offline_module, is_offline_scope, is_suite_path

if TYPE_CHECKING:
    from ..config import Config
    from ..facts.types import FunctionFacts, ModuleFacts
    from ..model.app import EntryPoint
    from ..model.project import ProjectModel

_ATTR = "_reassess_testsuite"
# External classes (and their methods) through which a test drives the app over HTTP.
# Beside the ASGI test clients: each framework's own (Litestar's `litestar.testing`, aiohttp's
# `test_utils`, Tornado's `AsyncHTTPTestCase` and its `AsyncHTTPClient`), and HTTP clients a test
# points at a server it started (JupyterHub-style suites run the app and send `requests` to it).
HTTP_CLIENTS = ("fastapi.testclient.TestClient", "starlette.testclient.TestClient", "httpx.AsyncClient",
                "httpx.Client", "httpx.ASGITransport", "async_asgi_testclient.TestClient",
                "asgi_lifespan.LifespanManager", "aiohttp.test_utils.TestClient", "aiohttp.test_utils.TestServer",
                "aiohttp.ClientSession", "aiohttp.client.ClientSession",
                "litestar.testing.TestClient", "litestar.testing.AsyncTestClient",
                "litestar.testing.create_test_client", "litestar.testing.create_async_test_client",
                "tornado.httpclient.AsyncHTTPClient", "tornado.httpclient.HTTPClient",
                "httpx.get", "httpx.post", "httpx.put", "httpx.patch", "httpx.delete", "httpx.request",
                "requests.get", "requests.post", "requests.put", "requests.patch", "requests.delete",
                "requests.head", "requests.request", "requests.Session", "requests.sessions.Session")
# Test base classes whose tests talk to the app over HTTP (`self.fetch(...)`, `self.client`).
HTTP_TEST_CASES = ("tornado.testing.AsyncHTTPTestCase", "tornado.testing.AsyncHTTPSTestCase",
                   "aiohttp.test_utils.AioHTTPTestCase")
# Plugin fixtures that hand a test an HTTP client of the app (pytest-aiohttp, pytest-tornado,
# pytest-tornasync).
HTTP_FIXTURES = frozenset({"aiohttp_client", "aiohttp_server", "http_client", "http_server_client", "fetch"})
ERROR_CHECKS = ("pytest.raises", "raises", "assertRaises", "assertRaisesRegex")
MOCKS = ("unittest.mock.", "pytest_mock.", "mock.")
# Entry point groups a test gap is reported for, with their display names.
ENTRY_GROUPS = (("routes", ("http",)), ("websocket endpoints", ("websocket",)),
                ("background workers and jobs", ("worker", "job")))


@dataclass
class CollectedTest:
    fq: str
    path: str
    line: int
    is_async: bool
    cases: int | None = None  # parameter sets of @pytest.mark.parametrize (None: not parametrized or unknown)
    parametrized: bool = False
    http: bool = False
    checks_errors: bool = False
    mocks: bool = False


@dataclass
class SuiteIndex:
    modules: list[str] = field(default_factory=list)  # test module names, conftest included
    conftests: list[str] = field(default_factory=list)
    functions: list[CollectedTest] = field(default_factory=list)
    fixtures: list[str] = field(default_factory=list)
    imported_by: dict[str, list[str]] = field(default_factory=dict)  # project module -> test modules importing it
    http_modules: list[str] = field(default_factory=list)  # test modules driving the app over HTTP
    through_app: set[str] = field(default_factory=set)  # project modules loaded by what HTTP tests import
    test_lines: int = 0

    def imports(self, module: str) -> bool:
        return module in self.imported_by

    def reaches_entry(self, module: str, kind: str) -> bool:
        """Whether tests import the entry point's module, or load it through an app they drive over HTTP."""
        return module in self.imported_by or (kind in ("http", "websocket") and module in self.through_app)


def suite_index(model: "ProjectModel") -> SuiteIndex:
    """The test suite of this model, built on first use."""
    cached = getattr(model, _ATTR, None)
    if cached is None:
        cached = _build(model)
        setattr(model, _ATTR, cached)
    return cached


def _build(model: "ProjectModel") -> SuiteIndex:
    suite = SuiteIndex()
    tests = [f for f in model.modules.values() if is_suite_path(f.path)]
    suite.modules = sorted(f.module for f in tests)
    suite.conftests = sorted(f.module for f in tests if f.path.endswith("conftest.py"))
    suite.test_lines = sum(f.metrics.code for f in tests)
    client_fixtures = _client_fixtures(model, tests)
    nested = _nested_index(model)
    http_modules: set[str] = set()
    for facts in tests:
        for func in facts.functions.values():
            if _is_fixture(func):
                suite.fixtures.append(f"{facts.module}.{func.qualname}")
            elif _is_test(facts, func):
                test = _test_function(model, facts, func, client_fixtures, nested)
                suite.functions.append(test)
                if test.http:
                    http_modules.add(facts.module)
        if _drives_http(model, facts):
            http_modules.add(facts.module)
    test_names = set(suite.modules)
    for facts in tests:
        for target in model.import_graph.successors(facts.module):
            if target not in test_names:
                suite.imported_by.setdefault(target, []).append(facts.module)
    suite.imported_by = {k: sorted(v) for k, v in sorted(suite.imported_by.items())}
    suite.http_modules = sorted(http_modules)
    if http_modules:
        suite.through_app = _loaded_by(model, http_modules | set(suite.conftests), test_names)
    suite.functions.sort(key=lambda t: (t.path, t.line))
    suite.fixtures.sort()
    return suite


def _is_test(facts: "ModuleFacts", func: "FunctionFacts") -> bool:
    """pytest's default collection: `test*` functions, and `test*` methods of `Test*` classes or TestCases."""
    if func.is_nested or not func.name.startswith("test"):
        return False
    if not func.class_name:
        return True
    cls = facts.classes.get(func.class_name)
    return cls is not None and "." not in cls.qualname and (
        cls.name.startswith("Test") or any(b.rsplit(".", 1)[-1].endswith("TestCase") for b in cls.bases))


def _is_fixture(func: "FunctionFacts") -> bool:
    return any(d.func.rsplit(".", 1)[-1] == "fixture" for d in func.decorators)


_CLIENT_NAMES = frozenset(HTTP_CLIENTS)


def _is_client(name: str) -> bool:
    """`name` is an HTTP client or something under one (`httpx.AsyncClient.get`): set lookups of the
    name and each of its dotted prefixes, since this runs for every call in every test."""
    if name in _CLIENT_NAMES:
        return True
    dot = name.find(".")
    while dot != -1:
        if name[:dot] in _CLIENT_NAMES:
            return True
        dot = name.find(".", dot + 1)
    return False


def _drives_http(model: "ProjectModel", facts: "ModuleFacts") -> bool:
    """A test module that sends HTTP requests anywhere in it: at module level, in a helper the tests
    call (`api_request(app, "users")` wrapping `requests`), or through a class built on a client
    (`class AsyncSession(requests.Session)`) or an HTTP test case."""
    if any(_is_client(e.target.name) for e in model.module_edges.get(facts.module, ())):
        return True
    if any(_is_client(e.target.name) for func in facts.functions.values()
           for e in model.edges.get(f"{facts.module}.{func.qualname}", ())):
        return True
    return any(_http_base(model, f"{facts.module}.{cls.qualname}") for cls in facts.classes.values())


def _http_base(model: "ProjectModel", class_fq: str) -> bool:
    """A class extending an HTTP client or an HTTP test case, at any depth of its project bases."""
    return any(_is_client(name) or name in HTTP_TEST_CASES for name in model.inherited_library_bases(class_fq))


def _client_fixtures(model: "ProjectModel", tests: list["ModuleFacts"]) -> set[str]:
    """Names of fixtures that build an HTTP test client, directly or from another such fixture."""
    fixtures = [(f, func) for f in tests for func in f.functions.values() if _is_fixture(func)]
    found: set[str] = set(HTTP_FIXTURES)
    changed = True
    while changed:
        changed = False
        for facts, func in fixtures:
            if func.name in found:
                continue
            edges = model.edges.get(f"{facts.module}.{func.qualname}", ())
            if any(_is_client(e.target.name) for e in edges) or any(p.name in found for p in func.params):
                found.add(func.name)
                changed = True
    return found


def _test_function(model: "ProjectModel", facts: "ModuleFacts", func: "FunctionFacts",
                   client_fixtures: set[str], nested: dict[str, list[str]]) -> CollectedTest:
    fq = f"{facts.module}.{func.qualname}"
    names = [e.target.name or e.site.name for e in model.edges.get(fq, ())]
    names += [e.target.name for inner in nested.get(fq, ()) for e in model.edges.get(inner, ())]
    test = CollectedTest(fq, facts.path, func.line, func.is_async)
    counts = [_case_count(d.args[1] if len(d.args) > 1 else d.kwargs.get("argvalues"))
              for d in func.decorators if d.func.endswith("parametrize")]
    test.parametrized = bool(counts)
    if counts and all(counts):  # stacked parametrize decorators multiply
        test.cases = math.prod(counts)
    test.http = _calls_http(model, facts, func, names, client_fixtures)
    test.checks_errors = any(n in ERROR_CHECKS or n.rsplit(".", 1)[-1] in ERROR_CHECKS[1:] for n in names)
    test.mocks = _mocks(func, names)
    return test


def _mocks(func: "FunctionFacts", names: list[str]) -> bool:
    """The test replaces something: it calls a mocking helper or takes `mocker` / `monkeypatch`."""
    return any(n.startswith(MOCKS) for n in names) or any(p.name in ("mocker", "monkeypatch") for p in func.params)


def _calls_http(model: "ProjectModel", facts: "ModuleFacts", func: "FunctionFacts", names: list[str],
                client_fixtures: set[str]) -> bool:
    """The test goes through HTTP: it calls a test client, takes a client fixture, or is a method of
    a test case class whose base provides a client."""
    return any(_is_client(n) for n in names) or any(p.name in client_fixtures for p in func.params) \
        or bool(func.class_name) and _http_base(model, f"{facts.module}.{func.class_name}")


_LOCALS = ".<locals>."


def _nested_index(model: "ProjectModel") -> dict[str, list[str]]:
    """Function -> the functions defined inside it, at any depth, in call graph order: one pass
    over the graph, where scanning it for each test's `<fq>.<locals>.` prefix cost a minute on
    a suite of thousands of tests. A name is filed under every enclosing function it names."""
    index: dict[str, list[str]] = {}
    for other in model.edges:
        at = other.find(_LOCALS)
        while at != -1:
            index.setdefault(other[:at], []).append(other)
            at = other.find(_LOCALS, at + 1)
    return index


def _case_count(value: Any) -> int:
    """Parameter sets in a parametrize list as written: a literal list, or a list of tuples/calls."""
    if isinstance(value, list):
        return len(value)
    if isinstance(value, dict) and value.get("literal") in ("list", "tuple") and value.get("size", -1) >= 0:
        return int(value["size"])
    return 0


def _loaded_by(model: "ProjectModel", starts: set[str], tests: set[str]) -> set[str]:
    """Project modules imported, at any depth, by the modules these test modules import."""
    seen: set[str] = set()
    queue = deque(sorted(starts))
    while queue:
        for target in model.import_graph.successors(queue.popleft()):
            if target not in seen and target not in tests:
                seen.add(target)
                queue.append(target)
    return seen


# ----- what the tests leave out ------------------------------------------------------------------
def served_modules(model: "ProjectModel") -> list["ModuleFacts"]:
    """Modules of the running system: not tests, not migrations, not empty."""
    return [f for f in sorted(model.modules.values(), key=lambda m: m.path)
            if not is_offline_module(f) and f.metrics.code > 0]


def entry_groups(model: "ProjectModel") -> list[tuple[str, list["EntryPoint"], list["EntryPoint"]]]:
    """Per entry group: all its entry points in served code, and those the tests do not reach."""
    suite = suite_index(model)
    out = []
    for label, kinds in ENTRY_GROUPS:
        entries = [e for e in model.app.of_kind(*kinds) if e.function in model.functions
                   and not is_offline_scope(model, e.function)]
        # FastAPI/Starlette routes first: beside them an aiohttp server is a side one (probes, an
        # internal trigger), not what a finding should lead with or write its test sample for
        entries.sort(key=lambda e: (e.details.get("framework") == "aiohttp", e.path, e.line))
        missed = [e for e in entries if not suite.reaches_entry(model.functions[e.function][0].module, e.kind)
                  and not _called_by_tests(model, e.function)]
        out.append((label, entries, missed))
    return out


def _called_by_tests(model: "ProjectModel", fq: str) -> bool:
    return any(is_suite_path(model.functions[edge.caller][0].path) for edge in model.callers.get(fq, ()))


_SUITE_FOLDERS = ("tests", "test")


def tests_outside(root: Path | None) -> str:
    """`../tests` when the analysed folder is a package inside a project whose tests sit beside it
    (`reassess assess app/` with `tests/` next to `app/`, or next to `src/` in a src layout): those
    tests import the package but are not among the analysed files, so what they cover cannot be
    judged. "" otherwise."""
    if root is None or not (root / "__init__.py").is_file():
        return ""
    up = [root.parent, root.parent.parent] if root.parent.name == "src" else [root.parent]  # src layout
    for level, parent in enumerate(up, 1):
        found = next((name for name in _SUITE_FOLDERS if (parent / name).is_dir()), "")
        if not found and (parent / "conftest.py").is_file():
            found = "conftest.py"
        if found:
            return "../" * level + found
    return ""


def tests_beside(model: "ProjectModel") -> str:
    """`tests_outside` of the model's root, looked up once per run (the rule and the metrics ask)."""
    return model.memo("testsuite.tests_beside", lambda: tests_outside(model.root))


# ----- metrics ------------------------------------------------------------------------------------
def suite_metrics(model: "ProjectModel", config: "Config | None" = None) -> dict[str, Any]:
    """{"suite", "quality", "reach", "coverage"} (and "note" when there is no test module): what
    the tests are, how they test, what they leave out, and the coverage data found at the root
    (or why there is none)."""
    suite = suite_index(model)
    served = served_modules(model)
    code = sum(f.metrics.code for f in served)
    functions = suite.functions
    cases = sum(t.cases or 1 for t in functions)
    note = _suite_note(model, suite, config)
    return {**note,
        "suite": {
            "test_modules": len(suite.modules), "conftest_modules": len(suite.conftests),
            "test_functions": len(functions), "async_test_functions": sum(t.is_async for t in functions),
            "parametrized_test_functions": sum(t.parametrized for t in functions),
            "test_cases_counting_parameter_sets": cases, "fixtures": len(suite.fixtures),
            "test_code_lines": suite.test_lines, "served_code_lines": code,
            "test_lines_per_100_code_lines": round(100 * suite.test_lines / code, 1) if code else 0.0,
        },
        "quality": {
            "tests_driving_the_app_over_http": sum(t.http for t in functions),
            "tests_checking_errors": sum(t.checks_errors for t in functions),
            "tests_using_mocks": sum(t.mocks for t in functions),
            "test_modules_driving_the_app_over_http": len(suite.http_modules),
        },
        "reach": _reach(model, suite, served),
        "coverage": _coverage(model),
    }


def _suite_note(model: "ProjectModel", suite: SuiteIndex, config: "Config | None") -> dict[str, str]:
    """Why the figures may not show the whole suite: tests beside the analysed package, or none
    among the analysed files (perhaps left out by `focus`)."""
    beside = tests_beside(model)
    if beside:
        return {"note": f"The analysed folder is a package whose project keeps tests beside it (`{beside}`), "
                        "outside the analysed files: the figures below count only tests inside the package, "
                        "and no test gap is reported. Run reassess on the project root to include them."}
    if suite.modules:
        return {}
    focus = ", ".join(f"`{f}`" for f in (config.focus if config else []))
    return {"note": "No test module is among the analysed files" + (
        f": the analysis is limited to {focus} (`focus` in `[tool.reassess]`), so tests outside it were not "
        "read" if focus else "") + "."}


def _reach(model: "ProjectModel", suite: SuiteIndex, served: list["ModuleFacts"]) -> dict[str, Any]:
    imported = [f for f in served if suite.imports(f.module)]
    grouped = entry_groups(model)
    groups = [{"entry_points": label, "total": len(entries), "reached_by_tests": len(entries) - len(missed),
               "in_modules_no_test_imports": len(missed)} for label, entries, missed in grouped]
    untested: dict[str, int] = {}
    for _, _, missed in grouped:
        for entry in missed:
            untested[entry.path] = untested.get(entry.path, 0) + 1
    return {
        "served_modules": len(served), "modules_imported_by_tests": len(imported),
        "modules_imported_by_tests_pct": round(100 * len(imported) / len(served), 1) if served else 0.0,
        "groups": [g for g in groups if g["total"]],
        "untested_entry_modules": [{"module": path, "entry_points": count} for path, count in
                                   sorted(untested.items(), key=lambda kv: (-kv[1], kv[0]))],
    }


def _coverage(model: "ProjectModel") -> dict[str, Any] | str:
    from .coverage import coverage_of, function_ran

    data = coverage_of(model)
    if data is None:
        return "no coverage data at the analysed root (.coverage, coverage.json or coverage.xml)"
    if data.problem:
        return data.problem
    served = served_modules(model)
    measured = [f for f in served if f.path in data.files]
    out: dict[str, Any] = {"source": data.source, "files_recorded": data.recorded,
                           "served_files_measured": len(measured), "served_files_not_measured":
                           len(served) - len(measured), "recorded_files_not_analysed": data.unmatched,
                           "files_with_stale_data": len(data.stale)}
    if data.exact:
        out.update(_statement_coverage(data, measured))
    ran = [function_ran(data, f.path, func) for f in measured for func in f.functions.values()
           if not func.is_nested]
    known = [r for r in ran if r is not None]
    out["functions_measured"] = len(known)
    out["functions_run_by_tests_pct"] = round(100 * sum(known) / len(known), 1) if known else 0.0
    out.update(_least_covered(data, measured))
    return out


def _statement_coverage(data: Any, measured: list) -> dict[str, Any]:
    statements = sum(len(data.files[f.path].statements or ()) for f in measured)
    covered = sum(len((data.files[f.path].statements or set()) & data.files[f.path].executed) for f in measured)
    return {"statements": statements, "statements_covered": covered,
            "statement_coverage_pct": round(100 * covered / statements, 1) if statements else 0.0}


def _least_covered(data: Any, measured: list) -> dict[str, Any]:
    """The ten files with the lowest coverage (line data) or fewest executed lines (when only
    executed lines were recorded)."""
    rows = [{"file": f.path, "statements": len(data.files[f.path].statements or ()),
             "coverage_pct": data.files[f.path].percent,
             "executed_lines": len(data.files[f.path].executed)} for f in measured]
    if data.exact:
        return {"lowest_coverage": sorted(rows, key=lambda r: (r["coverage_pct"], r["file"]))[:10]}
    return {"least_executed": [{k: v for k, v in r.items() if k in ("file", "executed_lines")}
                               for r in sorted(rows, key=lambda r: (r["executed_lines"], r["file"]))[:10]]}
