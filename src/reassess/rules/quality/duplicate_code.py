"""RA806 duplicate-code."""
from __future__ import annotations

import ast
import posixpath
import re
from typing import TYPE_CHECKING, Iterator

from ...facts.types import FunctionFacts
from ...findings import Finding, Location
from ...metrics.clones import CloneGroup, Span, find_clones
from .._scope import is_revision
from ..api import ProjectContext, Rule, register
from .clone_diff import CloneShape, Difference, code_lines, compare, contrast
from .sizing import hours

if TYPE_CHECKING:
    from ...metrics.tokens import Declaration
    from ...model.project import ProjectModel

_WORD = re.compile(r"[a-z][a-z0-9]*")
SHOWN_DIFFERENCES = 5
MAX_PARAMETERS = 6
MAX_RELATED = 25
MAX_COMPARED = 10
SHOWN_CALLS = 3
MAX_SUITE_FINDINGS = 5  # more repeated blocks than this in one test suite make one finding
SHOWN_SUITE_GROUPS = 3


@register
class DuplicateCode(Rule):
    """The same block of code in several places.

    What it finds:
        Blocks of at least `duplicate_min_lines` statement lines (default 6) and
        `duplicate_min_tokens` tokens (default 50) that appear more than once, in one file
        or across files, comparing token shapes: names and literals may differ, the
        structure may not (one or two differing lines inside a block are bridged). Blank
        lines, comments, imports, signatures and runs of literal or argument rows are not
        counted, and a copy never spans two top-level functions. One finding per group of
        copies, with the other copies as related locations. Copies that only declare names in
        a class or module body (traitlets options `Unicode(...).tag(config=True)`, model
        fields, settings) and differ in what they declare are skipped: each declares its own
        option in the library's syntax, which is no duplicated logic (identical declaration
        blocks stay: a shared base class takes them over). The extraction example is always valid Python: when a
        differing value is no expression of its own, the calls name the copies only.

    Why it matters:
        A fix or a behaviour change must be made in every copy, and sooner or later one
        copy is missed: the copies drift apart (one handles a disconnect, the other does
        not) and the same bug is fixed twice, at twice the review and test cost.

    Example:
        # orders_ws.py and prices_ws.py
        while True:
            message = await websocket.receive_json()
            action = message.get("action")
            ...  # the same 14 lines in both handlers

    Instead:
        Extract the block into one helper that takes the differing values as parameters,
        and call it from every place:

            async def _serve_subscriptions(websocket, subscriptions):
                while True:
                    message = await websocket.receive_json()
                    ...
    """

    id = "RA806"
    name = "duplicate-code"
    category = "duplicate-code"
    severity = "MEDIUM"
    scope = "project"
    base_effort = 0.5

    def check(self, ctx: ProjectContext) -> Iterator[Finding]:
        model = ctx.model
        min_lines = int(self.option("duplicate_min_lines", 6))
        index = find_clones(model, min_lines, int(self.option("duplicate_min_tokens", 50)))
        ctx.examine("lines compared for duplication",
                    sum(len(f.metrics.data.get("dup", {}).get("lines", ())) for f in model.by_path.values()))
        suites: dict[str, list[CloneGroup]] = {}
        for group in index.groups:
            if all(is_revision(model.by_path[span.path]) for span in group.copies):
                continue  # revisions repeat each other's shape by design and are never edited again
            if _distinct_declarations(model, group):
                continue  # each copy declares its own options: they share a syntax, not logic
            if all(_is_test(span.path) for span in group.copies):
                suites.setdefault(_suite_root(group.copies[0].path), []).append(group)
            else:
                yield self._finding(model, group)
        for root, groups in sorted(suites.items()):
            if len(groups) > MAX_SUITE_FINDINGS:
                yield self._suite_finding(model, root, groups)
            else:
                yield from (self._finding(model, group) for group in groups)

    def _suite_finding(self, model: "ProjectModel", root: str, groups: list[CloneGroup]) -> Finding:
        """Many repeated blocks in one test suite are one finding: the remedy (fixtures and
        factories) is one piece of work, and a list of hundreds would bury the rest."""
        ranked = sorted(groups, key=lambda g: (-g.lines * (len(g.copies) - 1), g.copies[0].path, g.copies[0].start))
        repeated = sum(g.lines * (len(g.copies) - 1) for g in groups)
        top = ranked[0]
        owners = [_enclosing(model, span) for span in top.copies]
        largest = "; ".join(f"{g.lines} lines {len(g.copies)} times (first at `{g.copies[0].path}` line "
                            f"{g.copies[0].start})" for g in ranked[:SHOWN_SUITE_GROUPS])
        related = [Location(g.copies[0].path, g.copies[0].start, g.copies[0].end,
                            f"repeated block: {g.lines} lines, {len(g.copies)} copies")
                   for g in ranked[1:MAX_RELATED + 1]]
        fixture = _fixture_name(top.copies, owners)
        return self.finding(
            Location(top.copies[0].path, top.copies[0].start, top.copies[0].end),
            f"{len(groups)} blocks repeated across the tests under `{root}/` ({repeated} repeated lines)",
            f"The test suite under `{root}/` repeats {len(groups)} blocks of code ({repeated} lines written more "
            f"than once in all). The largest: {largest}. Each copy of an arrange step has to change when the code "
            f"it sets up changes, and the copies drift apart.",
            recommendation=(f"Move the repeated arrange steps into fixtures or factory helpers in "
                            f"`{root}/conftest.py`, starting with the largest block, and let the tests ask for them:"
                            f"\n\n```python\n@pytest.fixture\ndef {fixture}(...):\n"
                            f"    ...  # lines {top.copies[0].start}-{top.copies[0].end} of {top.copies[0].path}\n"
                            f"\n\ndef {owners[0].name if owners[0] else 'test_example'}({fixture}):\n"
                            f"    ...\n```"),
            severity="LOW",
            related=related,
            effort=hours(self.base_effort + repeated / 60, cap=16),
            extra={"lines": repeated, "groups": len(groups)},
        )

    def _finding(self, model: "ProjectModel", group: CloneGroup) -> Finding:
        copies = group.copies
        owners = [_enclosing(model, span) for span in copies]
        shape = compare([code_lines(model.lines(s.path), _body_start(s, o), s.end)
                         for s, o in list(zip(copies, owners))[:MAX_COMPARED]])
        where = [_describe(span, owner) for span, owner in zip(copies, owners)]
        related = [Location(span.path, span.start, span.end, f"copy {n} of {len(copies)}"
                            + (f", in `{owner.qualname}`" if owner else ""))
                   for n, (span, owner) in enumerate(zip(copies[1:MAX_RELATED + 1], owners[1:]), 2)]
        more = f", and {len(copies) - MAX_RELATED - 1} more" if len(copies) > MAX_RELATED + 1 else ""
        if group.same_block:
            head, title = (f"The same block ({group.lines} code lines matching token for token) appears "
                           f"{len(copies)} times: ", f"{group.lines} duplicated lines")
        else:
            head, title = (f"Overlapping blocks, each matching another token for token over up to {group.lines} "
                           f"code lines, appear in {len(copies)} places: ", f"up to {group.lines} duplicated lines")
        description = head + ", ".join(where[:MAX_RELATED + 1]) + more + ". " + _difference_text(shape)
        first = copies[0]
        return self.finding(
            Location(first.path, first.start, first.end),
            f"{title} in {len(copies)} places ({_title_names(copies, owners)})",
            description,
            recommendation=_recommendation(model, copies, owners, shape),
            severity=_severity(group),
            related=related,
            effort=hours(self.base_effort + group.lines / 15 + 0.5 * (len(copies) - 1), cap=16),
            extra={"lines": group.lines, "tokens": group.tokens, "copies": len(copies)},
        )


def _distinct_declarations(model: "ProjectModel", group: CloneGroup) -> bool:
    """Every copy lies in a class or module body, every statement it touches declares a name
    (`port = Integer(8000, help=...).tag(config=True)`, a docstring), and the copies declare
    different names (`pid_file`, `port` / `cookie_host`, `hub_port`): one declaration per option,
    written in the same syntax, is no duplicated logic, and no helper can take it over without
    hiding the options from the library that reads them. Copies declaring the same names (the
    same fields in two schemas) stay findings: a shared base class or mixin takes them over."""
    names = [_declared_names(model, span) for span in group.copies]
    return all(n is not None for n in names) and len(set(names)) > 1


def _declared_names(model: "ProjectModel", span: Span) -> tuple[str, ...] | None:
    """The names the statements of `span` declare, in order; None unless each is a declaration
    in a module or class body (the worker's `tokens.declarations` of the file)."""
    touched = _touched(model.by_path[span.path].metrics.data.get("dup", {}).get("decl", ()), span.start, span.end)
    if not touched or any(names is None for _, _, names, _ in touched):
        return None
    return tuple(name for _, _, names, _ in touched for name in names)


def _touched(body: list[Declaration], start: int, end: int) -> list[Declaration]:
    """The statements of a module or class body overlapping lines start..end, descending into a
    class the span lies inside; [] when the span reaches into a function or a compound statement."""
    out = []
    for stmt in body:
        line, last, _, members = stmt
        if last < start or line > end:
            continue
        if members is not None and line <= start and last >= end:
            return _touched(members, start, end)
        out.append(stmt)
    return out


def _severity(group: CloneGroup) -> str:
    """By the lines a fix has to repeat: the block's size times the extra copies."""
    if all(_is_test(span.path) for span in group.copies):
        return "LOW"  # repeated arrange/act/assert steps: worth a fixture, rarely urgent
    repeated = group.lines * (len(group.copies) - 1)
    return "HIGH" if repeated >= 60 else "MEDIUM" if repeated >= 12 else "LOW"


def _is_test(path: str) -> bool:
    name = posixpath.basename(path)
    return name.startswith("test_") or name.endswith("_test.py") or name == "conftest.py" or "/tests/" in f"/{path}"


def _fixture_name(copies: list[Span], owners: list[FunctionFacts | None]) -> str:
    """A fixture name from the words the tests holding the block share (not "test"), else
    from the first test module's name."""
    names = [o.name.lower() for o in owners if o]
    words = [w for w in _WORD.findall(names[0]) if w != "test" and all(w in _WORD.findall(n) for n in names[1:])] \
        if names else []
    if not words:
        stem = posixpath.splitext(posixpath.basename(copies[0].path))[0]
        words = [w for w in _WORD.findall(stem.lower()) if w != "test"] + ["setup"]
    return "_".join(dict.fromkeys(words))


def _suite_root(path: str) -> str:
    """The test suite a file belongs to: the path up to its `tests`/`test` folder, else its folder."""
    parts = path.split("/")
    for index, part in enumerate(parts[:-1]):
        if part in ("tests", "test"):
            return "/".join(parts[:index + 1])
    return posixpath.dirname(path) or "."


def _enclosing(model: "ProjectModel", span: Span) -> FunctionFacts | None:
    holders = [f for start, f in _function_starts(model, span.path) if start <= span.start and span.end <= f.end_line]
    return max(holders, key=lambda f: f.line) if holders else None


def _function_starts(model: "ProjectModel", path: str) -> list[tuple[int, FunctionFacts]]:
    """(first line with decorators, function) of a file's functions; kept per run, as every
    copy in the file asks."""
    starts = model.memo("duplicate_code.function_starts", dict)
    if path not in starts:
        facts = model.by_path.get(path)
        starts[path] = [(min([f.line] + [d.line for d in f.decorators]), f)
                        for f in (facts.functions.values() if facts is not None else ())]
    return starts[path]


def _describe(span: Span, owner: FunctionFacts | None) -> str:
    return f"`{span.path}` lines {span.start}-{span.end}" + (f" (in `{owner.qualname}`)" if owner else "")


def _owner_names(copies: list[Span], owners: list[FunctionFacts | None]) -> list[str]:
    """Function names of the copies (qualified when two copies share a short name)."""
    short = [o.name if o else posixpath.basename(s.path) for s, o in zip(copies, owners)]
    if len(set(short)) < len(short):
        short = [o.qualname if o else f"{s.path}:{s.start}" for s, o in zip(copies, owners)]
    return short


def _title_names(copies: list[Span], owners: list[FunctionFacts | None]) -> str:
    names = list(dict.fromkeys(_owner_names(copies, owners)))
    return ", ".join(f"`{n}`" for n in names[:3]) + (", ..." if len(names) > 3 else "")


def _body_start(span: Span, owner: FunctionFacts | None) -> int:
    """A copy of a whole function is compared from its body: its name and signature are its own."""
    if owner is not None and span.start <= owner.line and owner.body_line:
        return max(span.start, owner.body_line)
    return span.start


def _difference_text(shape: CloneShape) -> str:
    renamed = ""
    if shape.renamed:
        renamed = (" Local variables are named differently ("
                   + ", ".join(" / ".join(f"`{v}`" for v in d.values) for d in shape.renamed[:4])
                   + (", ..." if len(shape.renamed) > 4 else "") + ").")
    if not shape.differences:
        return ("The copies are identical token for token." if not renamed
                else "Apart from names the copies are identical." + renamed)
    shown = "; ".join(" / ".join(f"`{v}`" for v in contrast(d.values)) for d in shape.differences[:SHOWN_DIFFERENCES])
    more = len(shape.differences) - SHOWN_DIFFERENCES
    count = len(shape.differences)
    return (f"They differ in {count} value{'s' if count != 1 else ''}: " + shown
            + (f"; and {more} more" if more > 0 else "") + "." + renamed)


def _whole(span: Span, owner: FunctionFacts | None) -> bool:
    """The copy is the entire function (from its `def` to its last line)."""
    return owner is not None and span.start <= owner.line and span.end >= owner.end_line


def _helper_name(model: "ProjectModel", copies: list[Span], owners: list[FunctionFacts | None],
                 shape: CloneShape) -> str:
    names = [o.name for o in owners if o]
    words: list[str] = []
    if len(names) == len(owners):
        others = [set(_WORD.findall(n.lower())) for n in names[1:]]
        words = [w for w in _WORD.findall(names[0].lower()) if all(w in ws for ws in others)]
    if not words:
        words = _WORD.findall(names[0].lower()) if names else ["shared"]
    if not all(_whole(s, o) for s, o in zip(copies, owners)):
        first = shape.first_line.split(" ", 1)[0]
        words.append("loop" if first in ("while", "for", "async") else "step")
    name = "_" + "_".join(dict.fromkeys(words))
    existing = {f.name for s in copies for f in model.by_path[s.path].functions.values()}
    return name if name not in existing else name + "_impl"


def _placement(copies: list[Span], owners: list[FunctionFacts | None]) -> tuple[str, bool]:
    """Where the helper goes, and whether it is a method (of the copies' class or a shared base)."""
    classes = sorted({o.class_name for o in owners if o})
    paths = {s.path for s in copies}
    if all(owners) and "" not in classes and len(classes) == 1:
        return f"a method of `{classes[0]}`", True
    if all(owners) and "" not in classes:
        names = ", ".join(f"`{c.rsplit('.', 1)[-1]}`" for c in classes)
        return f"a method of a base class that {names} extend", True
    if len(paths) == 1:
        return f"a function in `{copies[0].path}`", False
    folder = posixpath.commonpath([posixpath.dirname(p) for p in paths]) if paths else ""
    return f"a function in a module both import, e.g. `{folder + '/' if folder else ''}common.py`", False


def _inputs(owners: list[FunctionFacts | None], shape: CloneShape, method: bool) -> list[str]:
    """Names the block reads that the function around it binds (its parameters and locals)."""
    owner = owners[0]
    if owner is None:
        return []
    known = {p.name for p in owner.params} | set(owner.local_types)
    return [n for n in shape.names if n in known and n not in shape.bound and not (method and n in ("self", "cls"))]


def _argument(value: str, name: str, owner: FunctionFacts | None) -> str:
    """A differing value as a call argument; long or multi-line literals become a named constant."""
    if len(value) <= 45 and "\n" not in value:
        return value
    return "_".join(_WORD.findall(f"{owner.name if owner else ''} {name}".lower())).upper() or "VALUE"


def _recommendation(model: "ProjectModel", copies: list[Span], owners: list[FunctionFacts | None],
                    shape: CloneShape) -> str:
    classes = sorted({o.class_name for o in owners if o})
    if all(owners) and "" not in classes and len(classes) == len(copies) <= SHOWN_CALLS \
            and all(_whole(s, o) for s, o in zip(copies, owners)):
        return _base_class_recommendation(copies, owners, shape, classes)
    helper = _helper_name(model, copies, owners, shape)
    place, method = _placement(copies, owners)
    inputs = _inputs(owners, shape, method)
    passed = _passed_differences(inputs, shape)
    code = _helper_code(helper, copies, owners, shape, method, inputs, passed)
    if not _parses(code):  # a differing value that is no expression (a statement's fragment): name the copies only
        code = _helper_code(helper, copies, owners, CloneShape(awaits=shape.awaits, returns=shape.returns,
                                                               first_line=shape.first_line), method, inputs, [])
    text = (f"Extract the block into `{helper}` ({place}) and call it from {_callers(copies, owners)}"
            + (", passing the values that differ" if shape.differences else "")
            + "; a fix then lands once and the copies cannot drift apart.")
    if len(inputs) + len(passed) > MAX_PARAMETERS:
        text += (f" With {len(shape.differences)} differing values, group them in one small settings object (a "
                 f"dataclass or, for methods, class attributes each subclass sets) instead of long parameter lists.")
    return text + "\n\n```python\n" + "\n".join(code) + "\n```"


def _parses(code: list[str]) -> bool:
    """The example is valid Python (an `await` or `return` outside a function still parses)."""
    try:
        ast.parse("\n".join(code))
    except SyntaxError:
        return False
    return True


def _passed_differences(inputs: list[str], shape: CloneShape) -> list[Difference]:
    """The differing values passed as their own parameters (an input of the same name is passed already)."""
    taken = set(inputs)
    return [d for d in shape.differences if d.name not in taken]


def _capped(items: list[str], rest: str = "...") -> list[str]:
    """A parameter or argument list cut at `MAX_PARAMETERS`, `rest` standing for what is left out
    (`...` in a call, `*more` in a signature, where `...` would not parse)."""
    return items[:MAX_PARAMETERS] + ([rest] if len(items) > MAX_PARAMETERS else [])


def _helper_code(helper: str, copies: list[Span], owners: list[FunctionFacts | None], shape: CloneShape,
                 method: bool, inputs: list[str], passed: list[Difference]) -> list[str]:
    """The extracted helper's head and one call per shown copy, with that copy's values: the
    inputs the block reads, then the differing values passed as their own parameters."""
    params = inputs + [d.name for d in passed]
    is_async = shape.awaits or any(o and o.is_async for o in owners if _whole(copies[0], owners[0]))
    signature = ", ".join((["self"] if method else []) + _capped(params, "*more"))
    code = [f"{'async def' if is_async else 'def'} {helper}({signature}):",
            f"    ...  # lines {copies[0].start}-{copies[0].end} of {copies[0].path}"
            + (", with the differing values as parameters" if shape.differences else "")]
    code += [_call_text(helper, span, owner, index, shape, method, inputs, passed)
             for index, (span, owner) in enumerate(zip(copies[:SHOWN_CALLS], owners))]
    return code


def _call_text(helper: str, span: Span, owner: FunctionFacts | None, index: int, shape: CloneShape, method: bool,
               inputs: list[str], passed: list[Difference]) -> str:
    """The call replacing copy `index`, with that copy's differing values, under a comment naming it."""
    args = inputs + [_argument(d.values[index] if index < len(d.values) else "", d.name, owner) for d in passed]
    call = f"{'await ' if shape.awaits else ''}{'self.' if method else ''}{helper}({', '.join(_capped(args))})"
    where = f"in `{owner.qualname}`" if owner else f"at {span.path}:{span.start}"
    return f"\n# {where} ({span.path}:{span.start}-{span.end}):\n{'return ' if shape.returns else ''}{call}"


def _callers(copies: list[Span], owners: list[FunctionFacts | None]) -> str:
    names = _owner_names(copies, owners)
    return ", ".join(f"`{name}`" for name in names[:SHOWN_CALLS]) + (
        f" and the {len(names) - SHOWN_CALLS} other copies" if len(names) > SHOWN_CALLS else "")


def _camel_words(name: str) -> list[str]:
    return [w.lower() for w in re.findall(r"[A-Z]+(?=[A-Z][a-z]|\b)|[A-Z]?[a-z]+|\d+", name)]


def _base_class_recommendation(copies: list[Span], owners: list[FunctionFacts | None], shape: CloneShape,
                               classes: list[str]) -> str:
    """Whole methods copied between classes: one method in a shared base class."""
    owner = owners[0]
    assert owner is not None
    names = [c.rsplit(".", 1)[-1] for c in classes]
    base = _base_name(names)
    literals = [d for d in shape.differences if _is_literal(d.values[0])]  # f-strings read locals: they stay
    attributes = [d for d in shape.differences if not _is_literal(d.values[0]) and d.values[0].startswith("self.")]
    code = _base_class_code(base, names, owner, copies, literals)
    text = (f"The copies are whole methods of {', '.join(f'`{n}`' for n in names)}: move `{owner.name}` once into "
            f"a base class `{base}` they extend")
    text += ", with the values that differ as class attributes each subclass sets" if literals else ""
    if attributes:
        text += ("; give the attributes one name in every class ("
                 + "; ".join(" / ".join(f"`{v}`" for v in d.values) for d in attributes[:4]) + ")")
    text += ". A fix then lands once and the copies cannot drift apart."
    return text + "\n\n```python\n" + "\n".join(code) + "\n```"


def _base_name(class_names: list[str]) -> str:
    """`OrderSyncBase` for `OrderSyncJob` and `OrderSyncTask`: the words every class name shares."""
    words = [_camel_words(n) for n in class_names]
    common = [w for w in words[0] if all(w in other for other in words[1:])]
    return "".join(w.capitalize() for w in common) + "Base" if common else "SharedBase"


def _is_literal(value: str) -> bool:
    return value[:1] in "\"'0123456789" or value[:2] in ("r\"", "r'", "b\"", "b'")


def _base_class_code(base: str, names: list[str], owner: FunctionFacts, copies: list[Span],
                     literals: list) -> list[str]:
    """The base class with the method once, and each class setting its own values."""
    code = [f"class {base}:"]
    code += [f"    {d.name} = ...  # " + " / ".join(contrast(d.values)) for d in literals[:MAX_PARAMETERS]]
    head = "async def" if owner.is_async else "def"
    code += [f"\n    {head} {owner.name}({', '.join(p.name for p in owner.params)}):",
             f"        ...  # lines {copies[0].start}-{copies[0].end} of {copies[0].path}"
             + (", reading the values above from self" if literals else "")]
    for index, class_name in enumerate(names[:len(copies)]):
        code.append(f"\n\nclass {class_name}({base}):")
        code += [f"    {d.name} = {d.values[index]}" for d in literals[:MAX_PARAMETERS]
                 if len(d.values[index]) <= 60 and "\n" not in d.values[index]] or ["    ..."]
    return code
