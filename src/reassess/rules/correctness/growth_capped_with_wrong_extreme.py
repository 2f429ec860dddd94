"""RA726 logic-error: `max(base * 2 ** attempt, MAX_DELAY)`, a growing value capped with the wrong extreme,
and a clamp with a bound on the wrong side (`fee = max(fee, MAX_FEE)` beside `fee = max(fee, MIN_FEE)`,
`min(max(v, MAX_V), MIN_V)`, `max(requested, settings.max_page_size)`)."""
from __future__ import annotations

import ast
import re
from typing import Iterator

from ...findings import Finding
from ..api import FileContext, Rule, register
from ._conditions import Func, Resolve, constant, local_bindings, module_constants, name_words, source_of

# the words naming the bound each function is wrong for: `max(x, CAP)` never goes below the cap,
# `min(x, FLOOR)` never goes above the floor
_WRONG_BOUND = {"max": frozenset({"cap", "ceiling", "max", "maximum"}),
                "min": frozenset({"floor", "min", "minimum"})}
_RIGHT = {"max": "min", "min": "max"}


@register
class GrowthCappedWithWrongExtreme(Rule):
    """A bound applied with the wrong one of `max`/`min`: a growing backoff or one end of a clamp.

    What it finds:
        A call `max(a, b)` of two arguments where one grows exponentially with a variable
        (`2 ** attempt`, `1 << retries`) and the other is named as the ceiling (`MAX_DELAY`,
        `RESUBMIT_CAP_SECONDS`, `self.max_backoff`), and its mirror, `min(...)` of such a value and
        one named as the floor (`MIN_INTERVAL`); the growing value may be a local that only ever
        holds such an expression (`delay = base * 2 ** attempt; max(delay, MAX_DELAY)`). Also a
        clamp to a range written with the same function twice on one variable, one statement after
        the other: `fee = max(fee, rule.max_fee)` next to `fee = max(fee, rule.min_fee)` (the floor
        is right, the ceiling is not; either order), and a clamp written as one nested expression
        with a bound on the wrong side, `min(max(size, MAX_PAGE), MIN_PAGE)` (always `MIN_PAGE`). And
        a configured limit applied alone with the wrong function: `max(requested, settings.max_page_size)`,
        `minutes = max(minutes, self._settings.max_billable_minutes)` (the bound an attribute of an object
        named as configuration, or of a local bound to a getter of one, `s = get_settings()`), or a
        module constant bound once to a number (`MAX_SOC = 0.95`; `max(MAX_SOC, min(reserve, soc))`).
        A nested clamp may give its other end as a number: `min(1, max(limit, MAX_PAGE_SIZE))`.

    Why it matters:
        `max` with the cap answers at least the cap: the backoff is the ceiling from the first
        attempt and the exponential part never applies (and grows past the cap later). `min` with
        the floor answers at most the floor. The other function was meant.

    Example:
        delay = max(60 * 2 ** attempt, MAX_DELAY_SECONDS)

    Instead:
        Cap with `min`:

            delay = min(60 * 2 ** attempt, MAX_DELAY_SECONDS)
    """

    id = "RA726"
    name = "growth-capped-with-wrong-extreme"
    category = "logic-error"
    severity = "HIGH"
    scope = "file"
    base_effort = 0.25
    effort_per_location = 0.0

    def check(self, ctx: FileContext) -> Iterator[Finding]:
        lines = _candidate_lines(ctx.facts)
        if not lines:
            return  # the facts name no candidate: no walk
        clamped = _clamp_halves(ctx.tree, lines)
        scope = _locals_by_call(ctx.tree, lines)
        constants = module_constants(ctx.facts, ctx.tree)
        inner: set[int] = set()  # calls reported as part of the clamp around them
        for node in ast.walk(ctx.tree):  # breadth first: a clamp's outer call before its inner one
            if not isinstance(node, ast.Call) or node.lineno not in lines or id(node) in inner:
                continue
            finding = self._call_finding(ctx, node, scope.get(id(node), _NO_LOCALS), clamped, inner, constants)
            if finding is not None:
                yield finding

    def _call_finding(self, ctx: FileContext, node: ast.Call, scope: tuple[frozenset, frozenset], clamped: dict,
                      inner: set[int], constants: Resolve) -> Finding | None:
        """The finding for one candidate call, the most telling first: a bound on exponential growth, a
        half of a two-statement clamp, a clamp nested in one expression (whose inner calls are then
        left out, in `inner`: the whole expression is the one finding), then a configured bound."""
        grown, configs = scope
        bound = _wrong_bound(node, grown)
        if bound is not None:
            return self._finding(ctx, node, bound)
        nested = _nested_clamp(node)
        if id(node) in clamped:
            return self._clamp_finding(ctx, node, *clamped[id(node)])
        if nested is not None:
            inner.update(id(a) for a in node.args)
            return self._nested_finding(ctx, *nested)
        bound = _configured_bound(node, configs) or _constant_bound(node, constants)
        return self._configured_finding(ctx, node, bound) if bound is not None else None

    def _finding(self, ctx: FileContext, node: ast.Call, bound: ast.expr) -> Finding:
        text, name, function, right = _parts(ctx.lines, node, bound)
        side = "never below" if function == "max" else "never above"
        description = (f"`{text}` bounds a value that grows exponentially with `{function}` and `{name}`: the "
                       f"result is {side} `{name}`, so the growth never applies (the bound is the answer from the "
                       f"first step) and the value is not held at `{name}` either. `{right}` was meant.")
        return self._report(ctx, node, description)

    def _clamp_finding(self, ctx: FileContext, node: ast.Call, bound: ast.expr, other: ast.Call) -> Finding:
        text, name, function, right = _parts(ctx.lines, node, bound)
        side = "at least" if function == "max" else "at most"
        description = (f"`{text}` and `{ast.unparse(other)}` (line {other.lineno}) clamp one value with `{function}` "
                       f"both times: the result is {side} `{name}`, so the bound named as the other end of the range "
                       f"becomes the answer for every smaller (or larger) value. `{right}` was meant for `{name}`.")
        return self._report(ctx, node, description)

    def _nested_finding(self, ctx: FileContext, node: ast.Call, bound: ast.expr, other: ast.Call) -> Finding:
        text, name, function, right = _parts(ctx.lines, node, bound)
        side = "at least" if function == "max" else "at most"
        whole = source_of(ctx.lines, other) if any(a is node for a in other.args) else source_of(ctx.lines, node)
        beyond = "below" if function == "max" else "above"
        description = (f"`{whole}` clamps a value to a range, but `{text}` bounds it with `{function}` and "
                       f"`{name}`, the bound named as the other end: that part is {side} `{name}`, so every "
                       f"value {beyond} `{name}` becomes `{name}` instead of staying within the range. "
                       f"`{right}` was meant for `{name}`.")
        return self._report(ctx, node, description)

    def _configured_finding(self, ctx: FileContext, node: ast.Call, bound: ast.expr) -> Finding:
        text, name, function, right = _parts(ctx.lines, node, bound)
        side, beyond = ("at least", "larger") if function == "max" else ("at most", "smaller")
        description = (f"`{text}` bounds a value with `{function}` and the configured `{name}`: the result is "
                       f"{side} `{name}`, so every value comes out as the setting or {beyond}, the opposite of the "
                       f"limit the setting names. `{right}` was meant.")
        return self._report(ctx, node, description)

    def _report(self, ctx: FileContext, node: ast.Call, description: str) -> Finding:
        """The finding on the wrong call, with the call that was meant."""
        text, _, function, right = _parts(ctx.lines, node, None)
        fixed = f"{right}({', '.join(ast.unparse(a) for a in node.args)})"
        return self.finding(ctx.loc(node), f"`{text}` uses `{function}` where `{right}` bounds it", description,
                            recommendation=f"Bound it with `{right}`: `{fixed}`.")


def _candidate_lines(facts) -> set[int]:
    """Lines of the two-argument `max(...)`/`min(...)` calls with an argument named like a bound:
    read from the facts, so a file without one is never walked."""
    return {site.line for func in facts.functions.values() for site in func.calls
            if site.func in (("max",), ("min",)) and len(site.args) == 2 and not site.kwargs
            and any(_bound_ref(arg, site.func[0]) for arg in site.args)}


def _parts(lines: list[str], node: ast.Call, bound: ast.expr | None) -> tuple[str, str, str, str]:
    """The wrong call's text, its bound's text, the function used and the one meant."""
    function = _extreme(node)
    return source_of(lines, node), ast.unparse(bound) if bound is not None else "", function, _RIGHT[function]


def _clamp_halves(tree: ast.AST, lines: set[int]) -> dict[int, tuple[ast.expr, ast.Call]]:
    """id of the wrong call -> (its bound, the other half) for `v = f(v, A)` followed by `v = f(v, B)` where
    `f` is one of max/min, one bound is named as the end `f` is wrong for and the other as the end it is
    right for: a clamp to [floor, ceiling] whose ceiling half kept the floor's function."""
    out: dict[int, tuple[ast.expr, ast.Call]] = {}
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if not isinstance(body, list):
            continue
        for first, second in zip(body, body[1:]):
            out.update(_wrong_half(first, second, lines))
    return out


def _wrong_half(first: ast.stmt, second: ast.stmt, lines: set[int]) -> dict[int, tuple[ast.expr, ast.Call]]:
    """For two consecutive statements `v = f(v, A)`, `v = f(v, B)` with one function: the half (of
    those on candidate `lines`) whose bound is named as the end `f` is wrong for while the other's
    is named as the end it is right for, keyed by the call's id."""
    halves = [_self_bound(first), _self_bound(second)]
    if None in halves:
        return {}
    (a_target, a_call, a_bound), (b_target, b_call, b_bound) = halves  # type: ignore[misc]
    function = _extreme(a_call)
    if a_target != b_target or function != _extreme(b_call):
        return {}
    out: dict[int, tuple[ast.expr, ast.Call]] = {}
    for call, bound, other, other_bound in ((a_call, a_bound, b_call, b_bound), (b_call, b_bound, a_call, a_bound)):
        if call.lineno in lines and _names_bound(_own(bound), function) \
                and _names_bound(_own(other_bound), _RIGHT[function]):
            out[id(call)] = (bound, other)
    return out


def _self_bound(stmt: ast.stmt) -> tuple[str, ast.Call, ast.expr] | None:
    """`v = max(v, BOUND)` (either order): the target's text, the call and the bound."""
    if not (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.value, ast.Call)):
        return None
    call = stmt.value
    if not _extreme(call):
        return None
    target = ast.unparse(stmt.targets[0])
    for own, bound in (call.args, call.args[::-1]):
        if ast.unparse(own) == target and ast.unparse(bound) != target:
            return target, call, bound
    return None


def _extreme(node: ast.AST) -> str:
    """"max" or "min" for a call `max(a, b)` / `min(a, b)` of two arguments and no keywords, else ""."""
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in _WRONG_BOUND):
        return ""
    return node.func.id if len(node.args) == 2 and not node.keywords else ""


def _own(node: ast.expr) -> str:
    """The last name of a name or attribute chain (`rule.max_fee` -> `max_fee`)."""
    return node.attr if isinstance(node, ast.Attribute) else node.id if isinstance(node, ast.Name) else ""


def _bound_ref(arg: object, function: str) -> bool:
    """A name chain (as the facts keep it) whose own name says it is the bound `function` is wrong for."""
    ref = arg.get("ref") if isinstance(arg, dict) else None
    return isinstance(ref, str) and _names_bound(ref.rsplit(".", 1)[-1], function)


def _names_bound(name: str, function: str) -> bool:
    return not _WRONG_BOUND[function].isdisjoint(name_words(name))


def _wrong_bound(node: ast.Call, grown: frozenset[str] = frozenset()) -> ast.expr | None:
    """The bound argument of `max(growing, CAP)` / `min(growing, FLOOR)`, either order; None otherwise.
    A local in `grown` (`delay = base * 2 ** attempt`) grows like the expression it holds."""
    function = _extreme(node)
    if not function:
        return None
    for bound, other in (node.args, node.args[::-1]):
        own = _own(bound)
        if own and _names_bound(own, function) and _grows(other, grown) and not _grows(bound, grown):
            return bound
    return None


def _grows(node: ast.expr, grown: frozenset[str] = frozenset()) -> bool:
    """Holds a power or left shift by a non-constant exponent (`2 ** attempt`, `1 << retries`),
    or is a local every binding of which does."""
    if isinstance(node, ast.Name) and node.id in grown:
        return True
    return any(isinstance(sub, ast.BinOp) and isinstance(sub.op, (ast.Pow, ast.LShift))
               and not isinstance(sub.right, ast.Constant) for sub in ast.walk(node))


_NO_LOCALS: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset())


def _locals_by_call(tree: ast.AST, lines: set[int]) -> dict[int, tuple[frozenset[str], frozenset[str]]]:
    """id of each candidate call -> (growing locals, configuration locals) of its innermost function
    (a function's decorators and defaults count as its own); one walk, each function's locals found once."""
    out: dict[int, tuple[frozenset[str], frozenset[str]]] = {}
    found: dict[int, tuple[frozenset[str], frozenset[str]]] = {}
    stack: list[tuple[ast.AST, Func | None]] = [(tree, None)]
    while stack:
        node, func = stack.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            func = node
        elif isinstance(node, ast.Call) and func is not None and node.lineno in lines:
            if id(func) not in found:
                bindings = local_bindings(func, annotated=False)
                found[id(func)] = (_grown_locals(bindings), _config_locals(bindings))
            out[id(node)] = found[id(func)]
        stack.extend((child, func) for child in ast.iter_child_nodes(node))
    return out


def _grown_locals(bindings) -> frozenset[str]:
    """Locals bound only by plain assignments of a growing expression
    (`delay = self.base * 2 ** attempt`); any other binding (a parameter, a loop, `+=`, an
    annotated or unpacking assignment, an assignment of something else) leaves the name out."""
    return frozenset(name for name, values in bindings.items()
                     if all(value is not None and _grows(value) for value in values))


# Words naming the object holding a deployment's configuration (`self._settings`, `app.config`).
_CONFIG_WORDS = frozenset({"settings", "config", "conf", "cfg", "configuration"})


def _config_words(text: str) -> bool:
    return bool({w.lower() for w in re.split(r"[._]|(?<=[a-z])(?=[A-Z])", text) if w} & _CONFIG_WORDS)


def _config_locals(bindings) -> frozenset[str]:
    """Locals bound only to what a configuration getter returns (`s = get_settings()`)."""
    return frozenset(name for name, values in bindings.items()
                     if values and all(isinstance(v, ast.Call) and _config_words(ast.unparse(v.func)) for v in values))


def _configured_bound(node: ast.Call, configs: frozenset[str]) -> ast.expr | None:
    """The bound of `max(v, settings.max_v)` / `min(v, config.min_v)`, either order: a configured
    limit applied with the function that makes it the answer's floor (ceiling). A running maximum
    (`max(best, row.max_score)`) reads no configuration, and a variable named as a bound itself
    (`max(self.max_seen, settings.max_x)`) is left alone."""
    function = _extreme(node)
    for bound, other in (node.args, node.args[::-1]) if function else ():
        if isinstance(bound, ast.Attribute) and _names_bound(bound.attr, function) \
                and (isinstance(bound.value, ast.Name) and bound.value.id in configs
                     or _config_words(ast.unparse(bound.value))) \
                and isinstance(other, (ast.Name, ast.Attribute, ast.Subscript)) and not _end(other):
            return bound
    return None


def _nested_clamp(node: ast.Call) -> tuple[ast.Call, ast.expr, ast.Call] | None:
    """(the call with the wrong bound, its bound, the other call) for a clamp written as one nested
    expression, `min(max(v, A), B)`, where one bound is named as the ceiling and the other as the floor
    and a call holds the end its function is wrong for: `min(max(v, MAX_X), MIN_X)` is always `MIN_X`."""
    outer = _bounded(node)
    if outer is None:
        return None
    inner_call = next((a for a in node.args if a is not outer[1] and isinstance(a, ast.Call)), None)
    inner = _bounded(inner_call) if inner_call is not None else None
    if inner is None:
        return None
    (outer_fn, outer_bound), (inner_fn, inner_bound) = outer, inner
    ends = {_end(outer_bound) or _number(outer_bound), _end(inner_bound) or _number(inner_bound)}
    if "number" in ends and not _own(outer_bound if _end(outer_bound) else inner_bound).isupper():
        return None  # a number beside a variable (`max(max_len, min(n, 80))`) need not be a range's end
    if ends not in ({"ceiling", "floor"}, {"ceiling", "number"}, {"floor", "number"}):
        return None  # not a clamp to a named range (one end may be a number: `min(1, max(v, MAX_V))`)
    for call, function, bound, other in ((node, outer_fn, outer_bound, inner_call),
                                         (inner_call, inner_fn, inner_bound, node)):
        if _names_bound(_own(bound), function):
            return call, bound, other  # type: ignore[return-value]
    return None


def _bounded(node: ast.Call) -> tuple[str, ast.expr] | None:
    """(function, bound) for `max(v, BOUND)` / `min(BOUND, v)`: exactly one argument named as an end,
    or else exactly one number (`min(1, v)`)."""
    function = _extreme(node)
    if not function:
        return None
    named = [a for a in node.args if _end(a)] or [a for a in node.args if _number(a)]
    return (function, named[0]) if len(named) == 1 else None


def _number(node: ast.expr) -> str:
    """"number" for a numeric literal (`1`, `0.5`), else ""."""
    return "number" if isinstance(node, ast.Constant) and type(node.value) in (int, float) else ""


def _constant_bound(node: ast.Call, constants: Resolve) -> ast.expr | None:
    """The bound of `max(MAX_SOC, v)` / `min(v, MIN_GAP)`: a numeric module constant named as the end
    the function is wrong for, beside a value that is neither a number nor named as an end."""
    function = _extreme(node)
    for bound, other in (node.args, node.args[::-1]) if function else ():
        if isinstance(bound, ast.Name) and isinstance(constants(bound), (int, float)) \
                and _names_bound(bound.id, function) and _end(bound) and not _end(other) \
                and constant(other, constants) is None:
            return bound
    return None


def _end(node: ast.expr) -> str:
    """"ceiling" or "floor" when a name or attribute is named as that end of a range, else ""."""
    own = _own(node)
    ceiling, floor = own and _names_bound(own, "max"), own and _names_bound(own, "min")
    return "ceiling" if ceiling and not floor else "floor" if floor and not ceiling else ""
