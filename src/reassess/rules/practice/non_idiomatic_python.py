"""RA891 python-idiom: index loops, `== None`, `type(x) == T`, `in d.keys()` and read-only mutable defaults."""
from __future__ import annotations

from typing import Iterator

from ...findings import Finding
from ..api import FileContext, Rule, register
from ..quality.sizing import plural
from ._idioms import Idiom, served_idioms

MAX_RELATED = 40
LABELS = {
    "range-len": ("index loop", "index loops"),
    "none-compare": ("comparison to None with ==/!=", "comparisons to None with ==/!="),
    "type-compare": ("type(x) == T check", "type(x) == T checks"),
    "keys-membership": ("membership test on .keys()", "membership tests on .keys()"),
    "mutable-default": ("mutable default argument (read only)", "mutable default arguments (read only)"),
    "mutable-default-cache": ("cache kept in a default argument", "caches kept in default arguments"),
}


@register
class NonIdiomaticPython(Rule):
    """Code a Python reviewer rewrites on sight: index loops, `== None`, `type(x) == T`,
    `k in d.keys()` and mutable default arguments.

    What it finds:
        In the served code (tests, migrations and generated files are left out), one
        finding per file listing each instance:
        `for i in range(len(xs))` whose body uses `i` only to index `xs[i]` (a loop that also
        indexes another sequence, changes the length of `xs` or uses `i` itself is left
        alone); `x == None` / `x != None` and `type(x) == T` in the test of an `if`,
        `while`, `assert` or filter (an ORM filter's `Column == None` inside a call is
        deliberate and never reported); `k in d.keys()` where `d` is provably a dict; and a
        list, dict or set default the function only reads, or fills as a cache on purpose
        (a parameter named `cache`, `memo` or `*_cache`); one it otherwise mutates, stores
        or returns is a bug, reported separately.

    Why it matters:
        Each has a shorter form that is also more correct: iterating directly cannot get an
        index wrong; `is None` cannot be fooled by a custom `__eq__`; `isinstance` accepts
        subclasses (a `type(x) == dict` check rejects an `OrderedDict`); `k in d` is a hash
        lookup without building a view; a mutable default becomes a shared-state bug as
        soon as someone appends to it. Non-idiomatic code also slows every reader down.

    Example:
        for i in range(len(orders)):
            total += orders[i].quantity
        if order.filled_at == None:
            ...
        if type(payload) == dict and "symbol" in payload.keys():
            ...

    Instead:
        for order in orders:
            total += order.quantity
        if order.filled_at is None:
            ...
        if isinstance(payload, dict) and "symbol" in payload:
            ...
    """

    id = "RA891"
    name = "non-idiomatic-python"
    category = "python-idiom"
    severity = "LOW"
    scope = "file"
    base_effort = 0.25
    effort_per_location = 0.1

    def check(self, ctx: FileContext) -> Iterator[Finding]:
        found = [i for i in served_idioms(ctx)
                 if i.kind != "mutable-default" or i.data["how"] in ("", "cache")]
        if found:
            yield self._finding(ctx, found)

    def _finding(self, ctx: FileContext, found: list[Idiom]) -> Finding:
        counts: dict[str, int] = {}
        for item in found:
            counts[_kind(item)] = counts.get(_kind(item), 0) + 1
        summary = ", ".join(f"{count} {LABELS[kind][count != 1]}" for kind, count in counts.items())
        first = found[0]
        where = f" in `{first.function}`" if first.function else ""
        examples = [_rewrite(kind, next(i for i in found if _kind(i) == kind)) for kind in counts]
        return self.finding(
            ctx.line_loc(first.line, first.end_line),
            f"{plural(len(found), 'non-idiomatic construct')} in `{ctx.path}`",
            f"`{ctx.path}` has {summary}" + (f"; the first is at line {first.line}{where}. Each other one is "
                                             "listed under the related locations with its idiomatic form."
                                             if len(found) > 1 else f", at line {first.line}{where}."),
            recommendation=("Rewrite each with the idiomatic form; behaviour is unchanged (`isinstance` also "
                            "accepts subclasses: use `type(x) is T` where the exact type is meant):\n\n```python\n"
                            + "\n\n".join(examples) + "\n```"),
            related=[ctx.line_loc(i.line, i.end_line, _note(i)) for i in found[1:MAX_RELATED]],
            extra={"idioms": counts},
        )


def _kind(item: Idiom) -> str:
    return "mutable-default-cache" if item.kind == "mutable-default" and item.data["how"] == "cache" else item.kind


def _note(item: Idiom) -> str:
    where = f"`{item.function}`: " if item.function else ""
    return where + _rewrite(_kind(item), item).split("\n")[-1].strip().removeprefix("# ")


def _rewrite(kind: str, item: Idiom) -> str:
    """The instance and its idiomatic form, with this code's names."""
    data = item.data
    if kind == "range-len":
        seq, index = data["seq"], data["index"]
        element = _singular(seq)
        if data["stores"]:
            return (f"# for {index} in range(len({seq})): ... {seq}[{index}] = ...\n"
                    f"for {index}, {element} in enumerate({seq}):")
        return f"# for {index} in range(len({seq})): ... {seq}[{index}] ...\nfor {element} in {seq}:"
    if kind == "none-compare":
        op, better = ("==", "is") if data["equal"] else ("!=", "is not")
        return f"# {data['text']} {op} None\n{data['text']} {better} None"
    if kind == "type-compare":
        test = f"isinstance({data['value']}, {data['type']})"
        op = "==" if data["equal"] else "!="
        return f"# type({data['value']}) {op} {data['type']}\n{test if data['equal'] else 'not ' + test}"
    if kind == "keys-membership":
        op = "not in" if data["negated"] else "in"
        return f"# {data['key']} {op} {data['mapping']}.keys()\n{data['key']} {op} {data['mapping']}"
    param, default = data["param"], data["default"]
    if kind == "mutable-default-cache":
        return (f"# def {data['function']}(..., {param}={default}): a cache hidden in a default argument\n"
                f"@functools.lru_cache(maxsize=1024)  # or a module-level dict, visible and bounded")
    return (f"# def {data['function']}(..., {param}={default}): read only today, shared by every call\n"
            f"def {data['function']}(..., {param}=None): {param} = {default} if {param} is None else {param}")


def _singular(seq: str) -> str:
    """`orders` -> `order`, `self.items` -> `item`; `item` when no plural shows."""
    name = seq.rsplit(".", 1)[-1]
    if name.endswith("ies") and len(name) > 4:
        return name[:-3] + "y"
    if name.endswith("s") and not name.endswith("ss") and len(name) > 2:
        return name[:-1]
    return "item"
