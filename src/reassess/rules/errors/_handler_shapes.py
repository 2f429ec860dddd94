"""What the statements of a `try` body or an `except` handler do: convert one value, clean up,
answer a truth value, do nothing.

The predicates the `Handler` record and its rules read off the syntax, kept apart from the record.
"""
from __future__ import annotations

import ast
from collections.abc import Iterator

from ...facts.values import dotted_str
from ...knowledge.environment import ENV_READS
from ...knowledge.exceptions import parse_call
from ...knowledge.logs import LOG_METHODS, names_logger
from ._handler_logging import is_log_call


# A try body made only of these calls is best-effort cleanup; ignoring its failure is the idiom.
CLEANUP_CALLS = frozenset({
    "close", "aclose", "disconnect", "shutdown", "cancel", "unlink", "remove", "rmtree", "kill", "terminate",
    "release", "stop", "unsubscribe", "punsubscribe", "wait_closed", "dispose", "rmdir", "discard", "closeall",
})
# Builtins a cleanup guard may call: they only look at the object (`if hasattr(self, "pool"): ...`).
_GUARD_CALLS = frozenset({"hasattr", "getattr", "isinstance", "callable"})
SPAWNS = frozenset({"create_task", "ensure_future", "safe_ensure_future", "start_soon"})
KEEPALIVE_WORDS = frozenset({"ping", "pinger", "heartbeat", "keepalive"})


def named_as(qualname: str, words: frozenset[str]) -> bool:
    """The function's own name has one of `words` among its `_`-separated words (`_app_ping_loop`)."""
    return bool(words & set(qualname.rsplit(".", 1)[-1].lower().strip("_").split("_")))


def keepalive_function(qualname: str) -> bool:
    """Named as a keep-alive (`_app_ping_loop`, `send_heartbeat`)."""
    return named_as(qualname, KEEPALIVE_WORDS)


def cleanup_statements(body: list[ast.stmt]) -> bool:
    """Every statement closes or cancels something, or only does so under a test that only looks
    (`if ws.application_state != DISCONNECTED: await ws.close()`, `if hasattr(self, "pool")`); a log
    line saying so (`logger.info("cluster closed")`) may follow."""
    closing = [stmt for stmt in body if not _log_statement(stmt)]
    return bool(closing) and all(
        _cleanup_guarded(stmt) if isinstance(stmt, ast.If) else
        (call := called(stmt)) is not None and dotted_str(call.func).rsplit(".", 1)[-1] in CLEANUP_CALLS
        for stmt in closing)


def _log_statement(stmt: ast.stmt) -> bool:
    return isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call) and is_log_call(stmt.value)


def _cleanup_guarded(stmt: ast.If) -> bool:
    return all(isinstance(node.func, ast.Name) and node.func.id in _GUARD_CALLS
               for node in ast.walk(stmt.test) if isinstance(node, ast.Call)) and \
        cleanup_statements(stmt.body) and (not stmt.orelse or cleanup_statements(stmt.orelse))


ONE_VALUE = (ast.Assign, ast.AnnAssign, ast.AugAssign, ast.Return, ast.Expr)
# Beyond `parse_call`: a byte decode, a module's parser or writer (`ast.parse`, `json.dumps`), and
# `repr(value)`, which runs the object's own `__repr__` (any error at all): a placeholder text is the fallback.
_CONVERSIONS = frozenset({"decode", "parse", "unparse", "dumps", "repr"})
# Data formats naming a helper that turns text into data (`clean_json`, `load_complex_json`).
_FORMAT_WORDS = frozenset({"json", "json5", "yaml", "toml", "xml", "csv"})
TEXT_METHODS = frozenset({"strip", "lstrip", "rstrip", "split", "lower", "upper", "replace", "startswith",
                           "endswith", "join", "removeprefix", "removesuffix"})


def converts(name: str) -> bool:
    """One value turned into another: a known parse (`json.loads`, `int`), a byte decode, or a
    module's parser (`ast.parse`; not `self.parse`, a project method doing anything)."""
    receiver, _, last = name.rpartition(".")
    if parse_call(name):
        return True
    return last in _CONVERSIONS and not _own_method(receiver)


def _parser_helper(name: str) -> bool:
    """A function named after the data format it reads (`load_complex_json`); not a method of the
    object (`self.parse_json_reply`), which can touch all of its state."""
    receiver, _, _ = name.rpartition(".")
    return named_as(name, _FORMAT_WORDS) and not _own_method(receiver)


def _own_method(receiver: str) -> bool:
    """The call goes through `self`/`cls` (`self.parse(...)`): a project method that can do anything."""
    return receiver.split(".", 1)[0] in ("self", "cls")


def parses_text(calls: list[str]) -> bool:
    """Every call turns one text into data (`clean_json(raw)`, `json.loads`, `ToolCall(**item)`
    on the result, `.strip()`, `isinstance`, a log line) and one of them parses: a model's or
    peer's reply read with a fallback for when it does not parse."""
    return any(_parses(c) for c in calls) and all(_reads_data(c) for c in calls)


def _parses(name: str) -> bool:
    return converts(name) or _parser_helper(name)


def _reads_data(name: str) -> bool:
    receiver, _, last = name.rpartition(".")
    logs = last in LOG_METHODS and names_logger(receiver)
    return _parses(name) or last in INSPECTING or last in TEXT_METHODS \
        or last[:1].isupper() or logs  # a constructor of the parsed record (`ToolCall(**item)`)


def renders(calls: list[str]) -> bool:
    """`template.format(top_k=k)`: one text template filled in (not a project method on `self`);
    only a template that names a missing or malformed field fails there."""
    rendered = [c for c in calls if c.rpartition(".")[2] in ("format", "format_map")]
    return bool(rendered) and all("." in c and not _own_method(c.rpartition(".")[0]) for c in rendered)


def reads_env(calls: list[str]) -> bool:
    """`return os.environ.get(key, fallback)`: the one call reads the process environment, the
    handler's default is the documented answer for a variable that cannot be read."""
    return len(calls) == 1 and calls[0] in ENV_READS


def looks_up(stmt: ast.stmt) -> bool:
    """A lookup into nested data (`title = page["props"][field]["title"][0]`): only a missing key fails."""
    value = getattr(stmt, "value", None)
    return isinstance(value, ast.Subscript) and not any(isinstance(n, (ast.Call, ast.Await)) for n in ast.walk(value))


def text_kept_in(stmt: ast.stmt, caught: str) -> str:
    """The local a handler statement adds the caught error's text to (`errors.append(f"..{e}")`,
    `error += f"..{e}"`), else ""."""
    name, value = stored_into(stmt, KEEPING)
    return name if caught and mentions(value, {caught}) else ""


def mentions(node: ast.AST | None, names: set[str]) -> bool:
    """The expression reads one of the names (`f"failed: {e}"` mentions `e`)."""
    return node is not None and any(isinstance(n, ast.Name) and n.id in names for n in ast.walk(node))


# methods that add a value to the collection they are called on
_STORING = frozenset({"append", "extend", "add", "insert", "update"})
KEEPING = frozenset({"append", "extend", "add"})


def stored_into(stmt: ast.stmt, methods: frozenset[str] = _STORING) -> tuple[str, ast.expr | None]:
    """(the local the statement stores into, the stored value): `x = v`, `x: T = v`, `x += v`,
    `x.append(v)` (one of `methods`); ("", None) otherwise."""
    if isinstance(stmt, ast.AugAssign) and isinstance(stmt.target, ast.Name):
        return stmt.target.id, stmt.value
    if isinstance(stmt, (ast.Assign, ast.AnnAssign)):
        targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
        if len(targets) == 1 and isinstance(targets[0], ast.Name):
            return targets[0].id, stmt.value
    call = called(stmt)
    if call is not None and isinstance(call.func, ast.Attribute) and call.func.attr in methods \
            and isinstance(call.func.value, ast.Name):
        return call.func.value.id, call
    return "", None


def ends_failing(node: ast.FunctionDef | ast.AsyncFunctionDef, returns: str) -> bool:
    """The function's last statement raises a new error, or answers `False` from a `-> bool`
    function (`_wait_until_ready(...) -> bool` polling, then `return False`): what no attempt
    before it achieved, the caller hears."""
    last = node.body[-1]
    if isinstance(last, ast.Raise):
        return last.exc is not None
    return isinstance(last, ast.Return) and isinstance(last.value, ast.Constant) and last.value.value is False \
        and returns == "bool"


def paced_with_exit(loop: ast.AST, handler: ast.ExceptHandler) -> bool:
    """The loop around a handler that only moves on pauses each turn outside it and has a way out
    (`while True: try: ping(); break / except: pass`, then a deadline check that breaks and a
    `time.sleep(5)`): a readiness probe retrying, each failed try only means "not yet"."""
    own = [n for stmt in getattr(loop, "body", ()) for n in _own_nodes(stmt) if not _inside(n, handler)]
    paces = any(isinstance(n, ast.Call) and dotted_str(n.func).rsplit(".", 1)[-1] == "sleep" for n in own)
    exits = any(isinstance(n, ast.Break) for n in own) or not (
        isinstance(loop, ast.While) and isinstance(loop.test, ast.Constant) and loop.test.value)
    return paces and exits


def _own_nodes(node: ast.AST) -> Iterator[ast.AST]:
    """The nodes under `node` that belong to its loop: not inside a nested loop, function or class."""
    yield node
    for child in ast.iter_child_nodes(node):
        if not isinstance(child, (ast.For, ast.AsyncFor, ast.While, ast.FunctionDef, ast.AsyncFunctionDef,
                                  ast.ClassDef, ast.Lambda)):
            yield from _own_nodes(child)


def _inside(node: ast.AST, outer: ast.AST) -> bool:
    return getattr(outer, "lineno", 0) <= getattr(node, "lineno", -1) <= (getattr(outer, "end_lineno", 0) or 0)


def retry_step(stmt: ast.stmt) -> str:
    """What a statement of a retry handler does: "wait" (count the attempt down, pause), "next"
    (move on, a comment), "" for anything else."""
    if isinstance(stmt, (ast.Pass, ast.Continue)) or silent_statement(stmt) == "comment":
        return "next"
    if isinstance(stmt, ast.AugAssign):
        return "wait" if isinstance(stmt.value, ast.Constant) else ""
    call = called(stmt)
    return "wait" if call is not None and dotted_str(call.func).rsplit(".", 1)[-1] == "sleep" else ""


def derived(value: ast.expr, caught: str) -> bool:
    """The value reads a variable (not only calls a name, not only the caught error)."""
    callees = {id(n.func) for n in ast.walk(value) if isinstance(n, ast.Call)}
    return any(isinstance(n, ast.Name) and id(n) not in callees and n.id != caught for n in ast.walk(value))


def called(stmt: ast.stmt, kept: bool = False) -> ast.Call | None:
    """The call a statement makes and drops the result of (`fail(...)`, `await ws.close()`), else None;
    with `kept`, also one whose result it binds or returns (`x = f(...)`, `return await f(...)`): the
    call a statement does its work with."""
    value = stmt.value if isinstance(stmt, (ast.Expr, ast.Assign, ast.Return) if kept else ast.Expr) else None
    value = value.value if isinstance(value, ast.Await) else value
    return value if isinstance(value, ast.Call) else None


_PREDICATE_PREFIXES = ("is_", "has_", "can_", "should_")
_TRUTH_CALLS = frozenset({"all", "any", "bool", "isinstance", "issubclass", "hasattr", "callable", "startswith",
                          "endswith", "isdigit", "isalpha", "isalnum"})


REACH_WORDS = frozenset({"connected", "online", "reachable", "alive", "available", "up"})


def reads_input(calls: list[str]) -> bool:
    """The calls only convert or inspect a value (`urlparse(url.strip())`, `any(...)`), one converts."""
    return any(converts(c) for c in calls) and all(
        converts(c) or c.rsplit(".", 1)[-1] in _INPUT_READERS for c in calls)


def named_as_predicate(qualname: str) -> bool:
    return qualname.rsplit(".", 1)[-1].lstrip("_").startswith(_PREDICATE_PREFIXES)


def truth_value(node: ast.expr | None) -> bool:
    """An expression computing a truth value (`a == b`, `not x`, `all([...])`, `ip.is_private`), not
    one handing on what a call answered (`store.exists(k)`), where a failure would pass for a "no"."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, bool)
    if isinstance(node, ast.BoolOp):
        return all(truth_value(v) for v in node.values)
    if isinstance(node, ast.Call):
        return dotted_str(node.func).rsplit(".", 1)[-1] in _TRUTH_CALLS
    if isinstance(node, ast.Attribute):
        return node.attr.startswith(_PREDICATE_PREFIXES)
    return isinstance(node, ast.Compare) or isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not)


def ends_returning_true(stmt: ast.stmt) -> bool:
    """The statement ends in `return True`, directly or as the last line of a `with` block: the
    attempt that got this far succeeded, whatever the function answers after the `try`."""
    while isinstance(stmt, (ast.With, ast.AsyncWith)):
        stmt = stmt.body[-1]
    return isinstance(stmt, ast.Return) and isinstance(stmt.value, ast.Constant) and stmt.value.value is True


def own_returns(node: ast.AST) -> list[ast.Return]:
    """The `return` statements under `node`, nested functions and classes left out."""
    if isinstance(node, ast.Return):
        return [node]
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
        return []
    return [r for child in ast.iter_child_nodes(node) for r in own_returns(child)]


def is_constant(node: ast.expr | None) -> bool:
    if isinstance(node, ast.Constant):
        return True
    return isinstance(node, (ast.List, ast.Tuple, ast.Set, ast.Dict)) and not getattr(node, "elts", None) \
        and not getattr(node, "keys", None)


def silent_statement(stmt: ast.stmt) -> str:
    """What a statement that does nothing says (`pass`, `continue`, "comment" for a docstring-like
    string, `...`, `return` of a constant), "" for a statement that does something."""
    if isinstance(stmt, ast.Pass):
        return "pass"
    if isinstance(stmt, ast.Continue):
        return "continue"
    if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant):
        return "..." if stmt.value.value is Ellipsis else "comment"
    if isinstance(stmt, ast.Return):
        value = stmt.value
        if value is None:
            return "return"
        if isinstance(value, ast.Constant):
            return f"return {value.value!r}"
        if is_constant(value):
            return f"return {ast.unparse(value)}"
    return ""


def caught_types(node: ast.ExceptHandler) -> tuple[str, ...]:
    if node.type is None:
        return ()
    parts = node.type.elts if isinstance(node.type, ast.Tuple) else [node.type]
    return tuple(dotted_str(p) or ast.unparse(p) for p in parts)


def passes(call: ast.Call, names: set[str]) -> bool:
    """An argument of the call uses one of the names (`fail(f"bad value: {exc}")`)."""
    return any(mentions(arg, names) for arg in [*call.args, *(k.value for k in call.keywords)])


# Calls that only look at the exception (type checks, text): the traceback still goes nowhere.
INSPECTING = frozenset({"str", "repr", "format", "isinstance", "issubclass", "type", "hasattr", "getattr", "len"})
# Builtins that only read a value they are given (unlike `getattr`, which runs a property).
PURE_BUILTINS = frozenset({"len", "str", "isinstance", "type"})
# Calls a predicate reading its input may make besides conversions (`url.strip()`, `any(...)`).
_INPUT_READERS = INSPECTING | _TRUTH_CALLS | TEXT_METHODS
