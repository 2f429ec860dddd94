"""Reading annotation text (`Optional[Session]`, `dict[str, Printer]`, `Callable[[A], R]`) without
evaluating it: the resolver types names by what their annotations say."""
from __future__ import annotations

from functools import lru_cache

from ..facts.types import FunctionFacts

_MAPPINGS = frozenset({"dict", "Dict", "defaultdict", "DefaultDict", "OrderedDict", "Mapping", "MutableMapping",
                       "typing.Dict", "typing.Mapping", "collections.defaultdict", "collections.OrderedDict"})
_SEQUENCES = frozenset({"list", "List", "Sequence", "MutableSequence", "deque", "Deque", "typing.List",
                        "typing.Sequence", "collections.deque"})
CALLABLES = frozenset({"Callable", "typing.Callable", "collections.abc.Callable", "abc.Callable"})


def callable_param_result(func: FunctionFacts | None, name: str) -> str:
    """The return type a parameter's `Callable[[...], R]` annotation declares, when `name` is that
    parameter ("" otherwise)."""
    if func is None or "." in name:
        return ""
    param = next((p for p in func.params if p.name == name), None)
    head, args = subscript(param.annotation.strip().strip("'\"") if param is not None else "")
    return args[1].strip() if head in CALLABLES and len(args) == 2 else ""


def element_annotation(annotation: str) -> str:
    """The item type a container annotation declares: the value type of `dict[K, V]`, the item
    type of `list[T]` / `deque[T]`, through `Optional[...]` and `... | None`; "" otherwise."""
    text = annotation.strip().strip("'\"")
    if text.startswith("Optional[") and text.endswith("]"):
        text = text[len("Optional["):-1]
    head, args = subscript(top_level(text, "|")[0].strip())
    if head in _MAPPINGS and len(args) == 2:
        return args[1].strip()
    if head in _SEQUENCES and len(args) == 1:
        return args[0].strip()
    return ""


@lru_cache(maxsize=4096)
def annotation_name(annotation: str) -> tuple[str, ...]:
    """The dotted name an annotation's instances are typed by, as its parts (`Optional[Session]`,
    `Annotated[Session, Depends(db)]`, `asyncio.Queue[int] | None` -> `asyncio`, `Queue`); () when
    it names none. Kept per text: the same few annotations are read for every parameter."""
    text = annotation.strip().strip("'\"")
    for wrapper in ("Optional", "Annotated"):
        head, args = subscript(text)
        if head == wrapper and args:
            text = args[0].strip().strip("'\"")
    text = top_level(text, "|")[0].strip().split("[", 1)[0]  # `asyncio.Queue[int]` -> asyncio.Queue
    parts = tuple(text.split("."))
    return parts if text and all(part.isidentifier() for part in parts) else ()


def subscript(text: str) -> tuple[str, list[str]]:
    """(`Head`, its top-level arguments) of a subscripted annotation `Head[A, B]`; no
    arguments when `text` is not subscripted."""
    head, bracket, rest = text.partition("[")
    if not bracket or not rest.endswith("]"):
        return head, []
    return head, top_level(rest[:-1], ",")


def annotated_type(annotation: str) -> str:
    """The type an `Annotated[T, metadata...]` annotation declares (`T`, whatever brackets and
    commas it holds: `Annotated[dict[str, int], Depends(f)]`); other annotations unchanged."""
    head, args = subscript(annotation.strip())
    return args[0].strip() if head == "Annotated" and args else annotation


def top_level(text: str, separator: str) -> list[str]:
    """`text` split at `separator` where it is not inside brackets (`Callable[[A, B], C] | None`
    splits at the `|` only; `dict[str, int], None` at the second comma only)."""
    parts, depth, start = [], 0, 0
    for index, char in enumerate(text):
        if char == "[":
            depth += 1
        elif char == "]":
            depth -= 1
        elif char == separator and depth == 0:
            parts.append(text[start:index])
            start = index + 1
    return parts + [text[start:]]


_GENERATORS = frozenset({"AsyncIterator", "AsyncGenerator", "Iterator", "Generator", "AsyncIterable", "Iterable"})


def generator_item(annotation: str) -> str:
    """The yielded type of a generator annotation (`AsyncIterator[Connection]`,
    `Generator[Session, None, None]`), or ""."""
    head, args = subscript(annotation.strip().strip("'\""))
    return args[0].strip() if args and head.rsplit(".", 1)[-1] in _GENERATORS else ""
