"""Per-file facts: what one parse of one file tells the project model.

Workers parse a file once and return these plain, picklable records instead of the
syntax tree, so the main process never re-parses and the cache can store them.
Values of call arguments are kept in a small literal form (see `ArgValue`).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Union

# An argument as written: a literal (str/int/float/bool/None), a list of literals,
# {"ref": "a.b.c"} for a name or attribute chain, {"call": "a.b"} for a call,
# {"fstring": "..."} for an f-string's constant parts, or None when it is anything else.
ArgValue = Union[str, int, float, bool, None, list, dict]

Dotted = tuple[str, ...]

# How many returned values a function's facts keep (`FunctionFacts.returns_values`): a function
# with this many kept may return more, so what it returns is then unknown.
KEPT_RETURNS = 8


@dataclass(slots=True)
class CallSite:
    """A call expression inside a function (or at module level)."""

    func: Dotted | None  # ("self", "dm", "get_order"); None when the callee is not a name chain
    line: int
    end_line: int
    col: int
    awaited: bool = False
    loop_line: int = 0  # innermost enclosing loop / comprehension line, 0 when not in a loop
    loop_iter: str = ""  # the dotted iterable of that loop, when it is a name chain
    offloaded: bool = False  # passed as a callable to to_thread/run_in_executor/run_in_threadpool
    args: tuple[ArgValue, ...] = ()
    kwargs: dict[str, ArgValue] = field(default_factory=dict)
    star_args: bool = False  # *args or **kwargs present
    locks_held: tuple[str, ...] = ()  # dotted lock expressions held (async with / with) here
    in_try: bool = False  # inside the body of a try that has handlers
    callee_is_call: str = ""  # for `get_client().post(...)`: dotted of the inner call
    discarded: bool = False  # the call is a whole expression statement: its result is dropped
    await_dropped: bool = False  # `await f(...)` is a whole expression statement: the awaited result is dropped
    used_as: str = ""  # "await", "async-with", "async-for" or "for" (a sync for/comprehension iterable)
    receiver: ArgValue = None  # for `(base / name).read_text()` (func ("()", "read_text")): the receiver's value
    depends: bool = False  # not a call in the code: FastAPI runs this `Depends()` provider for the function (model edge)
    # keywords whose value is the literal `None`: `kwargs` holds None for those and for any
    # expression it cannot represent (`timeout=None if x else 5`), which only this tells apart
    none_kwargs: frozenset[str] = frozenset()
    # positions in `args` written as the literal `None` (`httpx.Timeout(None)`), for the same reason
    none_args: frozenset[int] = frozenset()
    # each `**expr` argument as the dotted name of `expr` ("" when it is not a name chain, as in
    # `**{...}` or `**opts()`): which mapping hides the keywords that `star_args` says are hidden
    star_kwargs: tuple[str, ...] = ()
    # the value behind each `*expr` argument (`gather(*tasks)` names `tasks`), which `args` leaves out
    star_values: tuple[ArgValue, ...] = ()

    @property
    def name(self) -> str:
        return ".".join(self.func) if self.func else "<expr>"


@dataclass(slots=True)
class LockUse:
    """A `with`/`async with` on something that looks like a lock or semaphore."""

    expr: str
    line: int
    end_line: int
    is_async: bool
    held_outer: tuple[str, ...] = ()
    awaits_inside: int = 0


@dataclass(slots=True)
class Param:
    name: str
    kind: str  # "posonly", "pos", "vararg", "kwonly", "kwarg"
    has_default: bool = False
    annotation: str = ""  # dotted/text of the annotation, "" when missing
    default_call: str = ""  # dotted callee when the default is a call, e.g. "Depends"
    default_args: tuple[ArgValue, ...] = ()
    default: ArgValue = None  # the default when it is a constant (`rounds: int = 200_000`)
    line: int = 0  # the parameter's line; its default's when that is a call (the `Depends(...)` to cite)


@dataclass(slots=True)
class Decorator:
    func: str  # dotted, e.g. "router.get" or "staticmethod"
    line: int
    is_call: bool = False
    args: tuple[ArgValue, ...] = ()
    kwargs: dict[str, ArgValue] = field(default_factory=dict)


@dataclass(slots=True)
class FunctionFacts:
    """Summary of one function or method, computed in one pass."""

    qualname: str  # "DataManager.get_order", "outer.<locals>.inner"
    name: str
    line: int
    end_line: int
    is_async: bool
    class_name: str = ""  # qualname of the enclosing class for methods
    decorators: list[Decorator] = field(default_factory=list)
    params: list[Param] = field(default_factory=list)
    returns: str = ""  # annotation text, "" when missing
    has_docstring: bool = False
    calls: list[CallSite] = field(default_factory=list)
    locks: list[LockUse] = field(default_factory=list)
    awaits: int = 0
    loops: int = 0
    has_yield: bool = False
    is_nested: bool = False
    self_attrs: dict[str, ArgValue] = field(default_factory=dict)  # self.x = <value>
    local_types: dict[str, ArgValue] = field(default_factory=dict)  # x = <value> (first binding)
    returns_values: list[ArgValue] = field(default_factory=list)
    complexity: int = 1  # cyclomatic
    cognitive: int = 0
    code_lines: int = 0
    body_line: int = 0  # first line of the body (after decorators, signature, docstring)
    extra: dict[str, Any] = field(default_factory=dict)  # room for model extensions

    def bound_on(self, line: int) -> list[tuple[str, dict[str, Any]]]:
        """The locals whose (first) binding is on `line`, with what they are bound to
        (`resp = await client.post(...)` -> [("resp", {"call": ..., "line": ...})])."""
        return [(name, value) for name, value in self.local_types.items()
                if isinstance(value, dict) and value.get("line") == line]

    def call_line(self, name: str) -> int:
        """The line of the call whose result the local `name` holds (`rows = await repo.list()`),
        0 when it holds something else: rules read what that call does as the value's origin."""
        bound = self.local_types.get(name)
        return bound.get("line", 0) if isinstance(bound, dict) and "call" in bound else 0

    def names_bound_on(self, line: int) -> set[str]:
        """The locals bound on `line`, by their first binding or a later one (`conn = None` at the
        top, then `conn = await connect()` on `line`)."""
        names = {name for name, _value in self.bound_on(line)}
        names.update(name for name, lines in self.extra.get("rebound_lines", {}).items() if line in lines)
        return names


@dataclass(slots=True)
class ClassFacts:
    qualname: str
    name: str
    line: int
    end_line: int
    bases: list[str] = field(default_factory=list)
    decorators: list[Decorator] = field(default_factory=list)
    methods: list[str] = field(default_factory=list)
    class_attrs: dict[str, ArgValue] = field(default_factory=dict)
    annotations: dict[str, str] = field(default_factory=dict)
    has_docstring: bool = False
    keywords: list[str] = field(default_factory=list)  # class keywords as written, e.g. ["metaclass"]
    attr_lines: dict[str, int] = field(default_factory=dict)  # class attribute -> line assigned in the body


@dataclass(slots=True)
class ImportFact:
    """`import a.b as c` -> module="a.b", name="", alias="c"; `from .x import y` -> level=1."""

    module: str
    name: str
    alias: str
    line: int
    level: int = 0
    in_function: bool = False
    type_checking: bool = False
    main_guard: bool = False  # under a module-level `if __name__ == "__main__":` (script only)

    @property
    def bound(self) -> str:
        if self.alias:
            return self.alias
        if self.name:
            return self.name
        return self.module.split(".")[0]


@dataclass(slots=True)
class Assign:
    """A module-level binding `NAME = value` (or annotated)."""

    name: str
    line: int
    value: ArgValue
    annotation: str = ""
    mutable: bool = False  # value is a dict/list/set literal or constructor
    end_line: int = 0  # last line of the assigned value (0 when unknown)
    is_none: bool = False  # the value is the literal `None` (`value` is None for unknown expressions too)


@dataclass(slots=True)
class SqlText:
    """A string literal that reads as SQL, with the function it sits in."""

    line: int
    text: str
    function: str = ""
    end_line: int = 0  # last line of the literal (implicit concatenation spans lines without "\n")


@dataclass(slots=True)
class FileMetrics:
    lines: int = 0
    code: int = 0
    comment: int = 0
    blank: int = 0
    data: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class ModuleFacts:
    """Everything the model needs from one file."""

    path: str  # relative to the analysed root, "/" separators
    module: str  # dotted module name
    is_package: bool = False
    imports: list[ImportFact] = field(default_factory=list)
    functions: dict[str, FunctionFacts] = field(default_factory=dict)
    classes: dict[str, ClassFacts] = field(default_factory=dict)
    assigns: dict[str, Assign] = field(default_factory=dict)
    module_calls: list[CallSite] = field(default_factory=list)  # calls in top-level statements
    sql: list[SqlText] = field(default_factory=list)
    dunder_all: list[str] | None = None
    has_star_import: bool = False
    metrics: FileMetrics = field(default_factory=FileMetrics)
    extra: dict[str, Any] = field(default_factory=dict)
    # attribute chains (dotted, line, col, is_store): reads rooted at an imported name, and
    # every store except `self.x = ...` (kept in FunctionFacts.self_attrs)
    attr_refs: list[tuple[str, int, int, bool]] = field(default_factory=list)
    # module-level names bound other than by import/def/class/assignment (for/with targets,
    # walrus, `global` declarations in functions)
    other_bindings: list[str] = field(default_factory=list)
    # first use of each name outside a NameError guard: (line, col, in an annotation)
    name_uses: dict[str, tuple[int, int, bool]] = field(default_factory=dict)
    bound_names: set[str] = field(default_factory=set)  # every name bound anywhere in the module

    def postpones_annotations(self) -> bool:
        """`from __future__ import annotations` (PEP 563): no annotation is evaluated on import."""
        return any(imp.module == "__future__" and imp.name == "annotations" for imp in self.imports)
