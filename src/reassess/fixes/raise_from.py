"""Chain the caught exception: `raise X(...)` in `except E as exc:` becomes `raise X(...) from exc`."""
from __future__ import annotations

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider

PARITY = ("Only `__cause__` of the raised exception changes (the traceback now shows the original "
          "error); the exception type, its arguments, the response and the control flow are the same.")


class _Chain(cst.CSTTransformer):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(self, lines: set[int]) -> None:
        super().__init__()
        self.lines = lines
        self.handlers: list[str | None] = []
        self.changed = False

    def visit_ExceptHandler(self, node: cst.ExceptHandler) -> None:
        name = node.name.name.value if node.name and isinstance(node.name.name, cst.Name) else None
        self.handlers.append(name)

    def leave_ExceptHandler(self, original: cst.ExceptHandler, updated: cst.ExceptHandler) -> cst.ExceptHandler:
        self.handlers.pop()
        return updated

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.handlers.append(None)  # a nested function does not see the handler's name as its own

    def leave_FunctionDef(self, original: cst.FunctionDef, updated: cst.FunctionDef) -> cst.FunctionDef:
        self.handlers.pop()
        return updated

    def leave_Raise(self, original: cst.Raise, updated: cst.Raise) -> cst.Raise:
        line = self.get_metadata(PositionProvider, original).start.line
        name = self.handlers[-1] if self.handlers else None
        if line not in self.lines or not name or updated.exc is None or updated.cause is not None:
            return updated
        if isinstance(updated.exc, cst.Name) and updated.exc.value == name:
            return updated  # `raise exc`: re-raising the caught object
        self.changed = True
        return updated.with_changes(cause=cst.From(item=cst.Name(name)))


def apply(source: str, lines: set[int]) -> str | None:
    """The new source, or None when nothing on those lines can be chained safely."""
    try:
        module = cst.parse_module(source)
    except (cst.ParserSyntaxError, RecursionError):
        return None
    transformer = _Chain(lines)
    new = MetadataWrapper(module).visit(transformer)
    return new.code if transformer.changed else None
