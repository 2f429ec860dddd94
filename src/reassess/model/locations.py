"""Where things are written: the text of the files the model was built from (decoded on first use
only, since most files are never quoted) and the file and line of each call-graph step, for the
locations and the evidence findings cite."""
from __future__ import annotations

from pathlib import Path

from ..facts.types import FunctionFacts, ModuleFacts
from ..source import decode, split_lines
from .edges import Edge, Hop


class SourceLocations:
    """Source lines of the project's files (its raw bytes, `_sources`) and of the non-Python files
    rules cite, read from `root`; the site of a call edge in them."""

    _sources: dict[str, bytes]
    root: Path | None
    _lines: dict[str, list[str]]
    functions: dict[str, tuple[ModuleFacts, FunctionFacts]]

    def lines(self, path: str) -> list[str]:
        """Source lines of a file (decoded once, on first use)."""
        if path not in self._lines:
            data = self._sources.get(path)
            if data is None:
                data = self._read_other(path)
            if data is None:
                return []
            text, _ = decode(data)
            self._lines[path] = split_lines(text)
        return self._lines[path]

    def _read_other(self, path: str) -> bytes | None:
        """Non-Python files rules cite (SQL migrations): read from the root, never outside it."""
        if self.root is None or ".." in path.split("/"):
            return None
        full = self.root / path
        try:
            if full.is_symlink() or not full.is_file() or full.stat().st_size > 5_000_000:
                return None
            return full.read_bytes()
        except OSError:
            return None

    def line_text(self, path: str, line: int) -> str:
        lines = self.lines(path)
        return lines[line - 1].strip() if 0 < line <= len(lines) else ""

    def hop(self, edge: Edge) -> Hop:
        path = self.site_path(edge)
        return Hop(edge.caller, path, edge.site.line, self.line_text(path, edge.site.line))

    def site_path(self, edge: Edge) -> str:
        """The file an edge's site is written in: the caller's, or where a router, `include_router`
        or the app declares the `Depends()` (`Edge.path`)."""
        return edge.path or self.functions[edge.caller][0].path
