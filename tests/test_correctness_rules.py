"""Unit tests for the pieces behind the error-handling and correctness rules: the facts they
read (discarded calls, attribute references), handler analysis, signature binding, grouping
and severities."""
from __future__ import annotations

import ast
import textwrap

import pytest
from test_app_model import build_model

from reassess.config import Config
from reassess.facts.extract import extract
from reassess.facts.types import CallSite, Param
from reassess.rules.api import FileContext
from reassess.model.resolve import annotated_type, top_level
from reassess.rules.correctness.receivers import is_union
from reassess.rules.correctness.signatures import bind_error, signature_text
from reassess.rules.errors.bare_except import BareExcept
from reassess.rules.errors.broad_except import BroadExcept
from reassess.rules.errors.exception_without_cause import ExceptionWithoutCause
from reassess.rules.errors.grouping import group_repeats
from reassess.rules.errors.handlers import handlers_of
from reassess.rules.errors.swallowed_exception import SwallowedException


def _facts(source: str, module: str = "app.mod"):
    tree = ast.parse(textwrap.dedent(source))
    return tree, extract(tree, "app/mod.py", module, False)


def _ctx(source: str) -> FileContext:
    tree, facts = _facts(source)
    return FileContext("app/mod.py", tree, textwrap.dedent(source).splitlines(), facts, Config())


def test_call_sites_record_how_their_result_is_used() -> None:
    _, facts = _facts("""
        async def run(db, rows):
            db.log()
            await db.save()
            x = db.load()
            async with db.session():
                pass
            for row in db.rows():
                pass
            async for row in db.stream():
                pass
            return [r for r in db.more()]
    """)
    uses = {site.name: (site.discarded, site.used_as) for site in facts.functions["run"].calls}
    assert uses == {
        "db.log": (True, ""), "db.save": (False, "await"), "db.load": (False, ""),
        "db.session": (False, "async-with"), "db.rows": (False, "for"), "db.stream": (False, "async-for"),
        "db.more": (False, "for"),
    }


def test_attribute_references_keep_imported_roots_and_all_stores() -> None:
    _, facts = _facts("""
        from app import config
        import os

        def f(obj):
            config.TIMEOUT
            obj.name
            obj.handler = print
            os.path.join("a")
            return self_like.x

        class C:
            def m(self):
                self.a = 1
                self.client.on_message = None
    """)
    refs = {(ref[0], ref[3]) for ref in facts.attr_refs}
    assert refs == {("config.TIMEOUT", False), ("obj.handler", True), ("os.path.join", False),
                    ("self.client.on_message", True)}


def test_module_level_other_bindings_and_rebound_locals() -> None:
    _, facts = _facts("""
        for NAME in ("a", "b"):
            pass

        def f():
            global CACHE
            x = 1
            x = "two"
    """)
    assert {"NAME", "CACHE"} <= set(facts.other_bindings)
    assert facts.functions["f"].extra["rebound"] == ["x"]


@pytest.mark.parametrize("params, site, expected", [
    ([Param("a", "pos"), Param("b", "pos", True)], CallSite(None, 1, 1, 0, args=(1, 2, 3)),
     "3 positional arguments given, but it takes 1 to 2"),
    ([Param("a", "pos"), Param("k", "kwonly", True)], CallSite(None, 1, 1, 0, args=(1,), kwargs={"z": 1}),
     "unexpected keyword argument `z`"),
    ([Param("a", "pos")], CallSite(None, 1, 1, 0, args=(1,), kwargs={"a": 2}),
     "`a` is given both by position and by keyword"),
    ([Param("a", "pos"), Param("k", "kwonly")], CallSite(None, 1, 1, 0, args=(1,)),
     "missing required argument `k`"),
    ([Param("a", "pos"), Param("k", "kwonly")], CallSite(None, 1, 1, 0, args=(1,), star_args=True), ""),
    ([Param("a", "posonly"), Param("kw", "kwarg")], CallSite(None, 1, 1, 0, args=(1,), kwargs={"a": 2}), ""),
    ([Param("a", "posonly")], CallSite(None, 1, 1, 0, kwargs={"a": 2}), "unexpected keyword argument `a`"),
    ([Param("args", "vararg")], CallSite(None, 1, 1, 0, args=(1, 2, 3, 4)), ""),
])
def test_bind_error(params: list[Param], site: CallSite, expected: str) -> None:
    assert bind_error(params, site) == expected


def test_signature_text() -> None:
    params = [Param("a", "posonly"), Param("b", "pos", True), Param("rest", "vararg"), Param("k", "kwonly"),
              Param("kw", "kwarg")]
    assert signature_text("f", params) == "f(a, /, b=..., *rest, k, **kw)"
    assert signature_text("g", [Param("x", "pos"), Param("k", "kwonly", True)]) == "g(x, *, k=...)"


@pytest.mark.parametrize("annotation, union", [
    ("A | B", True), ("A | None", False), ("Optional[A]", False), ("Union[A, B]", True), ("Union[A, None]", False),
    ("A", False), ("Dict[str, int] | None", False), ("Union[Dict[str, int], None]", False),
    ("Callable[[A, B], C]", False), ("Union[Callable[[A, B], C], None]", False),
    ("None | dict[str, int | None]", False), ("Union[dict[str, int], list[A]]", True),
])
def test_is_union(annotation: str, union: bool) -> None:
    assert is_union(annotation) is union


def test_annotations_split_at_top_level_only() -> None:
    assert top_level("Callable[[A, B], C] | None", "|") == ["Callable[[A, B], C] ", " None"]
    assert top_level("dict[str, int], Depends(f)", ",") == ["dict[str, int]", " Depends(f)"]
    assert annotated_type("Annotated[dict[str, int], Depends(f)]") == "dict[str, int]"
    assert annotated_type("Annotated[Callable[[A, B], C], Depends(f)]") == "Callable[[A, B], C]"
    assert annotated_type("Service") == "Service"


def test_annotation_unwrapping_reaches_the_declared_class(tmp_path) -> None:
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "__init__.py").write_text("")
    (tmp_path / "app" / "svc.py").write_text(textwrap.dedent("""\
        from typing import Annotated, Callable, Dict, Optional

        from fastapi import Depends


        class Service:
            def run(self) -> None: ...


        def get_service() -> "Service":
            return Service()


        def a(s: Annotated[Optional["Service"], Depends(get_service)]) -> None:
            s.run()


        def b(s: Optional[Annotated[Service, Depends(get_service)]]) -> None:
            s.run()


        def c(s: Annotated[Dict[str, int] | None, Depends(get_service)]) -> None:
            s.run()


        def d(s: Optional["Service"], t: Annotated["Service", "the worker"]) -> None:
            s.run()
            t.run()
    """))
    model = build_model(tmp_path)
    targets = {fn: [e.target.name for e in model.edges[f"app.svc.{fn}"]] for fn in "abcd"}
    assert "app.svc.Service.run" in targets["a"] and "app.svc.Service.run" in targets["b"]
    assert "app.svc.Service.run" not in targets["c"]  # a mapping, not the provider's class
    assert targets["d"] == ["app.svc.Service.run", "app.svc.Service.run"]  # quoted inside the wrapper


def test_group_repeats_merges_only_keys_above_the_limit() -> None:
    items = ["a1", "b1", "a2", "a3", "c1"]
    assert group_repeats(items, lambda s: s[0], 2) == [["a1", "a2", "a3"], ["b1"], ["c1"]]
    assert group_repeats(items, lambda s: s[0], 3) == [["a1"], ["b1"], ["a2"], ["a3"], ["c1"]]


def test_handler_analysis() -> None:
    tree, _ = _facts("""
        import sys

        def f(job, errors, future):
            try:
                job()
            except Exception as exc:
                errors.append(exc)
            try:
                job()
            except Exception as exc:
                logger.error("failed: %s %r", exc, str(exc))
            try:
                job()
            except Exception:
                sys.exit(1)
            try:
                job()
            except Exception as exc:
                future.set_exception(exc)
            try:
                job()
            except ValueError:
                return None
    """)
    handlers = handlers_of(tree)
    assert [h.passes_exception for h in handlers] == [True, False, False, True, False]
    assert [h.logs for h in handlers] == [False, True, False, False, False]
    assert handlers[2].reraises
    assert handlers[4].silent_shape() == "return None"


def test_bare_except_is_high_around_awaits_in_a_loop_and_silent_when_reraising() -> None:
    ctx = _ctx("""
        async def worker(client):
            while True:
                try:
                    await client.poll()
                except:
                    pass

        def parse(text):
            try:
                return int(text)
            except:
                return 0

        def write(handle, data):
            try:
                handle.write(data)
            except:
                handle.close()
                raise
    """)
    found = list(BareExcept(Config()).check(ctx))
    assert [(f.location.start_line, f.severity) for f in found] == [(6, "HIGH"), (12, "MEDIUM")]
    assert "CancelledError" in found[0].description


def test_broad_fallback_to_a_derived_default_is_low_a_placeholder_is_not() -> None:
    ctx = _ctx("""
        async def start(self, screen):
            try:
                x, y = await screen.position()
                self.pointer = (x, y)
            except Exception:  # keep a usable pointer
                self.pointer = (self.width // 2, self.height // 2)

        async def can_view(hook, thread, user):
            allowed = False
            try:
                allowed = await hook(thread, user)
            except Exception:
                allowed = False
            return allowed
    """)
    found = list(BroadExcept(Config()).check(ctx))
    assert [(f.location.start_line, f.severity) for f in found] == [(6, "LOW"), (13, "MEDIUM")]


def test_response_from_a_narrow_catch_is_low() -> None:
    ctx = _ctx("""
        from fastapi import HTTPException

        def speak(tts, text):
            try:
                return tts.render(text)
            except SpeechError as e:
                raise HTTPException(status_code=503, detail=str(e))

        def speak_any(tts, text):
            try:
                return tts.render(text)
            except Exception as e:
                raise HTTPException(status_code=503, detail=str(e))
    """)
    found = list(ExceptionWithoutCause(Config()).check(ctx))
    assert [(f.location.start_line, f.severity) for f in found] == [(8, "LOW"), (14, "MEDIUM")]


def test_aiohttp_error_class_is_a_framework_response_with_its_status() -> None:
    """aiohttp's `web.HTTPNotFound(...)` carries its status in the class: a narrow catch answered with
    it is the client error it means (no finding); a 5xx class from a broad catch still loses the cause."""
    ctx = _ctx("""
        from aiohttp import web

        def node_of(nodes, node_id):
            try:
                return nodes[uuid.UUID(node_id)]
            except ValueError:
                raise web.HTTPBadRequest(text="node id is not a UUID")

        def move(src, dst):
            try:
                shutil.move(src, dst)
            except Exception as e:
                raise web.HTTPInternalServerError(text=str(e))
    """)
    found = list(ExceptionWithoutCause(Config()).check(ctx))
    assert [(f.location.start_line, f.severity) for f in found] == [(14, "MEDIUM")]
    assert "sent to the client" in found[0].description


def test_swallowed_return_of_a_constant_without_io_is_low_and_a_made_up_count_is_broad() -> None:
    ctx = _ctx("""
        async def count(db):
            try:
                return await db.fetchval("SELECT count(*) FROM orders")
            except Exception:
                return 0

        def first_tag(index, key):
            try:
                index.refresh(key)
                return index.tags(key)[0]
            except Exception:
                return False
    """)  # a predicate only parsing its input (`is_number`: `float(text)`) answers False by contract
    found = list(SwallowedException(Config()).check(ctx))
    assert [(f.location.start_line, f.severity) for f in found] == [(12, "LOW")]
    # `return 0` for a count that could not be read passes for a real answer: the broad catch is the defect
    assert [f.location.start_line for f in BroadExcept(Config()).check(ctx)] == [5]


def test_undefined_name_never_evaluated_is_low() -> None:
    """RA701: a name only a local variable's annotation uses (never evaluated, PEP 526) or one
    used only after a `raise` in its block (never runs) cannot raise NameError: LOW, worded so.
    A live use of the same kind of name stays HIGH."""
    from reassess.rules.correctness.undefined_name import UndefinedName
    ctx = _ctx("""
        def links(doc):
            seen: Dict[str, int] = {}
            return seen

        async def deliver(url):
            for hop in range(3):
                if hop:
                    continue
            raise RuntimeError("too many hops")
            log(f"failed after retries to {target_url}")

        def report(rows):
            return json.dumps(rows)

        class Sender:
            async def send(self, webhook_url):
                return await self.post(webhook_url)

            async def post(self, url):
                raise RuntimeError("blocked")
                log(f"gave up on {webhook_url}")

            async def retry(self, url):
                return f"retrying {webhook_url}"
    """)
    found = {f.title.split("`")[1]: f for f in UndefinedName(Config()).check(ctx)}
    assert found["Dict"].severity == "LOW" and "never evaluates" in found["Dict"].description
    assert found["target_url"].severity == "LOW" and "never runs" in found["target_url"].description
    assert found["log"].severity == "LOW"
    assert found["json"].severity == "HIGH" and "raises `NameError` whenever it runs" in found["json"].description
    dead, live = (sorted((f for f in UndefinedName(Config()).check(ctx) if "webhook_url" in f.title),
                         key=lambda f: f.location.start_line))
    assert dead.severity == "LOW" and "never runs" in dead.description
    assert live.severity == "HIGH"


def test_undefined_name_partly_annotation_partly_dead_is_worded_as_both() -> None:
    """RA701: one use of the name is a local's annotation and another follows a `return`: the
    text must not say every use is an annotation."""
    from reassess.rules.correctness.undefined_name import UndefinedName
    ctx = _ctx("""
        def links(doc):
            seen: Dict[str, int] = {}
            return seen
            other = Dict()
    """)
    (finding,) = {f.title: f for f in UndefinedName(Config()).check(ctx)}.values()
    assert finding.severity == "LOW" and "Every use is either the annotation" in finding.description
    assert "Every use is the annotation" not in finding.description


def test_undefined_name_in_postponed_annotation_is_not_said_to_fail_on_import() -> None:
    from reassess.rules.correctness.undefined_name import UndefinedName
    ctx = _ctx("""
        from __future__ import annotations

        class Instance:
            engine: sql.Engine | None
    """)
    (finding,) = UndefinedName(Config()).check(ctx)
    assert finding.severity == "MEDIUM" and "whenever it runs" not in finding.description
    assert "keeps it as text" in finding.description


def test_installed_builtins_read_from_every_way_a_program_installs_them(tmp_path) -> None:
    """RA701: `gettext.install` (module level, `names=` listed), a translation's `.install()` with
    the names not written out, `setattr(builtins, ...)` and `builtins.x = ...` put names into
    builtins for the whole process; a call of another `install` (a plugin's) puts none."""
    from reassess.model.installed_builtins import installed_builtins

    app = tmp_path / "app"
    app.mkdir()
    (app / "__init__.py").write_text("")
    (app / "cli.py").write_text(textwrap.dedent("""
        import builtins
        from gettext import install

        install("app", names=["ngettext", "not_a_gettext_name"])
        builtins.render = str


        def setup(names):
            setattr(builtins, "tr", str)
    """))
    (app / "plugins.py").write_text(textwrap.dedent("""
        import gettext


        def load(plugin, names):
            plugin.install(names=["hook"])
            gettext.NullTranslations().install(names)
    """))
    model = build_model(tmp_path)
    assert installed_builtins(model) == {"_", "ngettext", "render", "tr", "gettext", "pgettext", "npgettext",
                                         "lgettext", "lngettext"}
    (app / "plugins.py").write_text("def load(plugin):\n    plugin.install(names=['hook'])\n")
    (app / "cli.py").write_text("import pip\n\npip.install = None\n")
    assert installed_builtins(build_model(tmp_path)) == frozenset()
