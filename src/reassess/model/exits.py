"""What a project function does with failures, for findings made one file at a time: a file
rule sees `fail(f"...: {exc}")` or `await self._load()` but not the callee's body, so it names the
call (`Finding.extra["unless"]`) and the finishing step asks the model here."""
from __future__ import annotations

from typing import TYPE_CHECKING

from .constants import fixed_collection
from .installed_builtins import installed_builtins
from .resilience import blocks as blk
from .resilience import reaching_remote
from .resilience.components import class_methods, instance_state
from .resilience.guards import resolved_name

if TYPE_CHECKING:
    from .project import ProjectModel


def callee(model: "ProjectModel", path: str, qualname: str, line: int) -> str:
    """The project function called on `line` of `qualname` in `path`, "" when not resolved."""
    facts = model.by_path.get(path)
    if facts is None or not qualname:
        return ""
    caller = f"{facts.module}.{qualname}"
    return next((edge.target.name for edge in model.edges.get(caller, ())
                 if edge.site.line == line and edge.target.name in model.functions), "")


def never_returns(model: "ProjectModel", fq: str) -> bool:
    """No `return` anywhere and a `raise` as the body's last statement (`def fail(msg): echo(msg);
    raise typer.Exit(1)`): a call of it ends the caller's handler like a `raise`."""
    _facts, func = model.functions[fq]
    return bool(func.extra.get("ends_raising")) and not func.extra.get("returns") and not func.has_yield


def logs_and_raises(model: "ProjectModel", fq: str) -> bool:
    """A handler of the function logs the failure and raises it again (`log.warning(...); raise`):
    the caller's handler finds the failure already reported."""
    _facts, func = model.functions[fq]
    raises = [b["line"] for b in blk.blocks(func, "raise") if not b.get("exc")]
    return any(blk.handler_logs(func, h) and any(h["line"] < line <= h["end"] for line in raises)
               for h in blk.blocks(func, "except"))


def returns_list(model: "ProjectModel", fq: str) -> bool:
    """The function hands back a list sized by stored data: it reads from a database, cache or
    service (itself or below) and is annotated `-> list[...]`, or every `return` builds one
    (`[r.id for r in rows]`, `list(...)`, `sorted(...)`); a written-out `[a, b]` is not. A list a
    helper computes in memory (an element's CSS classes, a config's entries) stays small."""
    if fq not in reaching_remote(model):
        return False
    _facts, func = model.functions[fq]
    if func.returns.split("[", 1)[0] in ("list", "List", "typing.List"):
        return True
    values = func.returns_values
    return bool(values) and all(isinstance(v, dict) and (v.get("literal") == "listcomp" or
                                                         v.get("call") in ("list", "sorted")) for v in values)


_CHECKS = {"never-returns": never_returns, "logs-and-raises": logs_and_raises}


def outside_project(model: "ProjectModel", path: str, names: list[str]) -> bool:
    """One of the exception names written in `path` is not a class the project defines (a
    library's error such as `redis.WatchError`, or one the model cannot resolve)."""
    facts = model.by_path.get(path)
    return facts is None or any(resolved_name(model, facts, None, name) not in model.classes for name in names)


# a collection's methods that shrink it, handed as a callback (`add_done_callback(tasks.discard)`)
CALLBACK_REMOVALS = frozenset({"discard", "remove", "pop"})


def changed_by_callback(model: "ProjectModel", class_fq: str, attr: str) -> bool:
    """A method of the class hands `self.<attr>.discard` (or `remove`, `pop`) to a call as a callback
    (`task.add_done_callback(self._tasks.discard)`): the collection shrinks whenever the callback runs,
    out of the loop's sight, so copying it before iterating is the usual defensive idiom. The instance
    state (`instance_state`) does not see this: handing a bound method over writes nothing there and then."""
    return _hands_ref(model, class_fq, {f"self.{attr}.{verb}" for verb in CALLBACK_REMOVALS})


def _hands_ref(model: "ProjectModel", class_fq: str, refs: set[str]) -> bool:
    """A method of the class passes one of the bound methods `refs` (`self._tasks.discard`,
    `self._finished`) to a call as an argument."""
    methods = class_methods(model, class_fq) if refs and class_fq in model.classes else ()
    return any(isinstance(arg, dict) and arg.get("ref") in refs for fq in methods
               for site in model.functions[fq][1].calls for arg in (*site.args, *site.kwargs.values()))


def _writer_handed(model: "ProjectModel", class_fq: str, writers: set[str]) -> bool:
    """A method of the class hands one of its methods that writes the attribute to a call as a callback
    (`task.add_done_callback(self._finished)`, `_finished` discarding from `self._tasks`): like a handed
    `self._tasks.discard`, it changes the collection whenever the callback runs."""
    return _hands_ref(model, class_fq, {"self." + fq[len(class_fq) + 1:] for fq in writers
                                        if fq.startswith(class_fq + ".")})


def self_calls_change(model: "ProjectModel", path: str, qualname: str, lines: list[int], attr: str) -> bool:
    """One of the method's `self.<method>(...)` calls on `lines` runs a method of its class that
    writes `self.<attr>` (an item stored or deleted, `pop`, `clear`...), itself or through the
    methods it calls on `self` (`model.resilience.components.instance_state`)."""
    facts = model.by_path.get(path)
    caller = f"{facts.module}.{qualname}" if facts is not None and qualname else ""
    if caller not in model.functions:
        return False
    class_fq = caller.rsplit(".", 1)[0]
    if changed_by_callback(model, class_fq, attr):
        return True
    writers = {w for state in instance_state(model, class_fq) if state.attr == attr for w in state.writers}
    if _writer_handed(model, class_fq, writers):
        return True
    wanted = set(lines)
    todo = [e.target.name for e in model.edges.get(caller, ()) if e.site.line in wanted]
    seen: set[str] = set()
    while todo and len(seen) < 50:
        fq = todo.pop()
        if fq in seen or fq not in model.functions or not fq.startswith(class_fq + "."):
            continue
        if fq in writers:
            return True
        seen.add(fq)
        todo.extend(e.target.name for e in model.edges.get(fq, ()) if e.site.func[:1] == ("self",))
    return False


def http_handler(model: "ProjectModel", path: str, qualname: str) -> bool:
    """The function `qualname` of `path` is an HTTP route handler: what it returns goes to the
    framework, which serialises it into the response and keeps nothing."""
    facts = model.by_path.get(path)
    fq = f"{facts.module}.{qualname}" if facts is not None and qualname else ""
    return bool(fq) and fq in model.memo("exits.http_handlers", lambda: frozenset(
        e.function for e in model.app.entrypoints if e.kind == "http"))


def holds(model: "ProjectModel", path: str, condition: dict) -> bool:
    """Whether a condition a file rule attached (`{"check": "never-returns", "function":
    "load_config", "line": 42}`) holds for the project function called there, or (`{"check":
    "fixed-table", "name": "TOOLS"}`) the name is a written-out collection, or (`{"check":
    "installed-builtin", "name": "_"}`) some module puts the name into `builtins`."""
    if condition.get("check") == "fixed-table":
        return fixed_collection(model, path, str(condition.get("name", "")))
    if condition.get("check") == "self-calls-change":
        return self_calls_change(model, path, str(condition.get("function", "")), list(condition.get("lines", ())),
                                 str(condition.get("attr", "")))
    if condition.get("check") == "outside-project":
        return outside_project(model, path, list(condition.get("names", ())))
    if condition.get("check") == "not-http-handler":  # kept only when the function is a route handler
        return not http_handler(model, path, str(condition.get("function", "")))
    if condition.get("check") == "installed-builtin":
        return str(condition.get("name", "")) in installed_builtins(model)
    if condition.get("check") == "not-list-result":  # kept only when the call there returns a list
        found = callee(model, path, condition.get("function", ""), int(condition.get("line", 0)))
        return not (found and returns_list(model, found))
    check = _CHECKS.get(condition.get("check", ""))
    target = callee(model, path, condition.get("function", ""), int(condition.get("line", 0)))
    return bool(check and target and check(model, target))

