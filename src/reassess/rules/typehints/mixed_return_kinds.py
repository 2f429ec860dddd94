"""RA857 dynamic-return-type: a function whose return statements give values of different kinds."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Iterator

from ...findings import Finding, Location
from ..api import ProjectContext, Rule, register
from ..quality.sizing import plural
from ._signatures import served_modules

if TYPE_CHECKING:
    from ...facts.types import FunctionFacts, ModuleFacts

# Kinds a return value can be proved to have, grouped into families that do not mix.
FAMILY = {"dict": "dict", "str": "str", "number": "number", "bool": "number", "sequence": "sequence",
          "list": "sequence", "tuple": "sequence", "set": "sequence"}
_LITERAL_KINDS = {"dict": "dict", "dictcomp": "dict", "list": "list", "listcomp": "list", "tuple": "tuple",
                  "set": "set", "setcomp": "set"}
_BUILTIN_CALLS = {"dict": "dict", "list": "list", "sorted": "list", "tuple": "tuple", "set": "set", "str": "str",
                  "repr": "str", "int": "number", "float": "number", "len": "number", "round": "number",
                  "bool": "bool", "json.dumps": "str"}
# Annotation words and the families they admit; any other word makes the annotation unknown.
_ADMITS = {
    "dict": {"dict"}, "Dict": {"dict"}, "Mapping": {"dict"}, "MutableMapping": {"dict"}, "OrderedDict": {"dict"},
    "defaultdict": {"dict"}, "str": {"str"}, "int": {"number"}, "float": {"number"}, "bool": {"number"},
    "Decimal": {"number"}, "complex": {"number"}, "list": {"sequence"}, "List": {"sequence"},
    "tuple": {"sequence"}, "Tuple": {"sequence"}, "set": {"sequence"}, "Set": {"sequence"},
    "frozenset": {"sequence"}, "FrozenSet": {"sequence"}, "Sequence": {"sequence", "str"},
    "Iterable": {"sequence", "str", "dict"}, "Collection": {"sequence", "str", "dict"},
    "Any": set(FAMILY.values()), "object": set(FAMILY.values()),
}
_NEUTRAL = {"None", "Optional", "Union", "typing", "t", "Literal", "Annotated", "collections", "abc", "decimal"}
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
MAX_RELATED = 20


def value_kind(value: Any, shadowed: set[str]) -> str:
    """The kind of a return value in its literal form, or "" when it cannot be proved."""
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "str"
    if isinstance(value, list):
        return "sequence"  # list, tuple or set of literals: which one is not kept
    if isinstance(value, dict):
        if "fstring" in value:
            return "str"
        if value.get("literal") in _LITERAL_KINDS:
            return _LITERAL_KINDS[value["literal"]]
        call = value.get("call")
        if isinstance(call, str) and call in _BUILTIN_CALLS and call.split(".")[0] not in shadowed:
            return _BUILTIN_CALLS[call]
    return ""


def admitted(annotation: str) -> set[str] | None:
    """Families the return annotation admits, or None when it names a type this rule cannot judge."""
    found: set[str] = set()
    for word in _WORD.findall(annotation.replace("typing.", "").replace("collections.abc.", "")):
        if word in _ADMITS:
            found |= _ADMITS[word]
        elif word not in _NEUTRAL:
            return None
    return found


@register
class MixedReturnKinds(Rule):
    """A function that returns a dict on one path and a string (or list, or number) on another.

    What it finds:
        Functions of the served code whose `return` statements give values of provably
        different kinds: dict, string, number (bool included) and sequence (list, tuple,
        set), judged from literals, f-strings, comprehensions and builtin constructors
        (`dict(...)`, `str(...)`, `len(...)`). Returns of names, calls of other functions
        and `None` are not judged, so `Optional` results never count. A function whose
        return annotation admits all the kinds it returns (`dict | str`, `Any`) is left
        alone; one whose annotation contradicts a return is reported at MEDIUM. Generators
        and test code are skipped. One finding per module.

    Why it matters:
        Every caller must test what came back before using it (`isinstance` or a
        `KeyError` waiting to happen); usually one branch is an error signalled by value
        (`return "not found"`) that callers forget to check, so the error travels on as
        data.

    Example:
        def parse_fill(payload):
            if "qty" not in payload:
                return "missing qty"
            return {"qty": int(payload["qty"])}

    Instead:
        def parse_fill(payload: dict[str, str]) -> Fill:
            if "qty" not in payload:
                raise ValueError("missing qty")
            return Fill(qty=int(payload["qty"]))
    """

    id = "RA857"
    name = "dynamic-return-type"
    category = "dynamic-return-type"
    severity = "LOW"
    scope = "project"
    base_effort = 1.0
    effort_per_location = 0.5

    def check(self, ctx: ProjectContext) -> Iterator[Finding]:
        checked = 0
        for facts in served_modules(ctx.model):
            hits = []
            for func in sorted(facts.functions.values(), key=lambda f: f.line):
                if func.has_yield or len(func.returns_values) < 2:
                    continue
                checked += 1
                kinds = _kinds(func, facts.bound_names)
                families = {FAMILY[k] for k in kinds}
                if len(families) < 2:
                    continue
                allowed = admitted(func.returns) if func.returns else set()
                if allowed is None or (func.returns and families <= allowed):
                    continue
                hits.append((func, kinds, bool(func.returns)))
            if hits:
                yield self._finding(facts, hits)
        ctx.examine("functions with several returns", checked)

    def _finding(self, facts: "ModuleFacts", hits: list) -> Finding:
        func, kinds, annotated = hits[0]
        listed = "; ".join(_text(f, k, a) for f, k, a in hits[:6]) + (" ..." if len(hits) > 6 else "")
        contradicted = any(a for _, _, a in hits)
        return self.finding(
            Location(facts.path, func.line, func.line),
            f"`{func.qualname}` returns {_kinds_text(kinds)}" if len(hits) == 1 else
            f"{plural(len(hits), 'function')} in `{facts.path}` return values of different kinds",
            f"{listed}. Callers must check which kind came back before using it.",
            recommendation=_recommendation(func, kinds),
            severity="MEDIUM" if contradicted else "LOW",
            related=[Location(facts.path, f.line, f.line, _text(f, k, a)) for f, k, a in hits[1:MAX_RELATED]],
            extra={"functions": len(hits)},
        )


def _kinds(func: "FunctionFacts", shadowed: set[str]) -> list[str]:
    """The distinct kinds of the function's returns, in the order they first appear."""
    out: list[str] = []
    for value in func.returns_values:
        kind = value_kind(value, shadowed)
        if kind and kind not in out:
            out.append(kind)
    return out


def _kinds_text(kinds: list[str]) -> str:
    names = {"dict": "a dict", "str": "a string", "number": "a number", "bool": "a bool", "sequence": "a sequence",
             "list": "a list", "tuple": "a tuple", "set": "a set"}
    words = [names[k] for k in kinds]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


def _text(func: "FunctionFacts", kinds: list[str], annotated: bool) -> str:
    declared = f", though it is annotated `-> {func.returns}`" if annotated else ", with no return annotation"
    return f"`{func.qualname}` (line {func.line}) returns {_kinds_text(kinds)}{declared}"


def _recommendation(func: "FunctionFacts", kinds: list[str]) -> str:
    prefix = "async def" if func.is_async else "def"
    kept = "dict" if "dict" in kinds else kinds[-1]
    main = {"dict": "dict[str, ...]", "str": "str", "number": "int | float", "bool": "bool"}.get(kept, "list[...]")
    others = [k for k in kinds if FAMILY[k] != FAMILY[kept]]
    return (f"Return one kind and signal failure by raising (or return `None` and annotate it `Optional`), so the "
            f"annotation tells callers what they get:\n\n```python\n{prefix} {func.name}(...) -> {main} | None:\n"
            f"    if ...:  # the branch that returns {_kinds_text(others)} today\n"
            f"        raise ValueError(...)  # or return None\n    ...\n```")
