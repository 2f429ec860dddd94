"""A docker-compose file's services, read from its lines: image, build context, command,
environment and replicas, with the line each is written on.

Only the shapes compose files use for these keys are read (block mappings, `- item` lists,
flow lists, folded scalars); anything else is left out, never guessed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ._commands import tokens_of

COMPOSE_FILE = re.compile(r"^(docker-)?compose([.\-][\w.\-]+)?\.ya?ml$")
_BLOCK_MARKERS = frozenset({"", ">", "|", ">-", "|-", ">+", "|+"})


@dataclass
class Entry:
    """`key: value` in a service, with the more indented lines under it."""

    line: int
    value: str
    children: list[tuple[int, str]] = field(default_factory=list)


@dataclass
class Service:
    name: str
    line: int
    keys: dict[str, Entry] = field(default_factory=dict)

    def text(self, key: str) -> str:
        entry = self.keys.get(key)
        return _unquote(entry.value) if entry is not None else ""

    def command(self) -> tuple[list[str], int, int]:
        """The command's words and its first and last lines (entrypoint words first, as Docker
        joins them)."""
        words: list[str] = []
        first = last = 0
        for key in ("entrypoint", "command"):
            entry = self.keys.get(key)
            if entry is not None:
                words += _words(entry)
                first = entry.line
                last = entry.children[-1][0] if entry.children else entry.line
        return words, first, last

    def environment(self) -> dict[str, str]:
        entry = self.keys.get("environment")
        if entry is None:
            return {}
        found: dict[str, str] = {}
        for _line, text in entry.children:
            item = text[2:].strip() if text.startswith("- ") else text
            key, sep, value = item.partition("=" if text.startswith("- ") else ":")
            if sep:
                found[_unquote(key.strip())] = _unquote(value.strip())
        return found

    def build_context(self) -> str | None:
        entry = self.keys.get("build")
        if entry is None:
            return None
        if _unquote(entry.value):
            return _unquote(entry.value)
        for _line, text in entry.children:
            if text.startswith("context:"):
                return _unquote(text.partition(":")[2].strip())
        return "."

    def dockerfile(self) -> str:
        """The Dockerfile the build uses, relative to the build context."""
        entry = self.keys.get("build")
        for _line, text in entry.children if entry is not None else ():
            if text.startswith("dockerfile:"):
                return _unquote(text.partition(":")[2].strip())
        return "Dockerfile"

    def replicas(self) -> tuple[int, int]:
        """(replicas, line) from `deploy: replicas:` or `scale:`; (1, 0) when not written."""
        entry = self.keys.get("scale")
        if entry is not None and _unquote(entry.value).isdigit():
            return int(_unquote(entry.value)), entry.line
        deploy = self.keys.get("deploy")
        for line, text in deploy.children if deploy is not None else ():
            key, _, value = text.partition(":")
            if key.strip() == "replicas" and _unquote(value.strip()).isdigit():
                return int(_unquote(value.strip())), line
        return 1, 0


def services(lines: list[str]) -> list[Service]:
    """The services of a compose file, in file order."""
    found: list[Service] = []
    inside, service_indent = False, -1
    items: list[tuple[int, int, str]] = []
    for number, raw in enumerate(lines, 1):
        stripped = raw.strip()
        if not stripped or stripped.startswith("#"):
            continue
        indent = len(raw) - len(raw.lstrip(" "))
        if indent == 0:
            if found and items:
                found[-1].keys = _keys(items)
            inside, items = stripped == "services:", []
            continue
        if not inside:
            continue
        if service_indent < 0:
            service_indent = indent
        if indent == service_indent and stripped.endswith(":"):
            if found and items:
                found[-1].keys = _keys(items)
            found.append(Service(_unquote(stripped[:-1]), number))
            items = []
        elif found and indent > service_indent:
            items.append((number, indent, stripped))
    if found and items:
        found[-1].keys = _keys(items)
    return found


def _keys(items: list[tuple[int, int, str]]) -> dict[str, Entry]:
    if not items:
        return {}
    base = min(indent for _, indent, _ in items)
    keys: dict[str, Entry] = {}
    current: Entry | None = None
    for line, indent, text in items:
        if indent == base and not text.startswith("-") and ":" in text:
            key, _, value = text.partition(":")
            current = keys[key.strip()] = Entry(line, _strip_comment(value.strip()))
        elif current is not None:
            current.children.append((line, _strip_comment(text)))
    return keys


def _words(entry: Entry) -> list[str]:
    value = entry.value.strip()
    if value not in _BLOCK_MARKERS:
        return tokens_of(_unquote(value)) if not value.startswith("[") else tokens_of(value)
    texts = [text for _, text in entry.children]
    if texts and all(t.startswith("- ") or t == "-" for t in texts):
        return [_unquote(t[2:].strip()) for t in texts]
    return tokens_of(" ".join(texts))


def _strip_comment(text: str) -> str:
    return re.sub(r"\s+#.*$", "", text) if "'" not in text and '"' not in text else text


def _unquote(text: str) -> str:
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        return text[1:-1]
    return text
