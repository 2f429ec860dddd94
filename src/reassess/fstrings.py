"""PEP 701 f-strings spelled so that Python 3.11 can parse them, every column kept.

Python 3.12 lets a replacement field reuse the f-string's own quote
(`f'{d['key']}'`) and hold a backslash (`f"{'\\n'.join(rows)}"`); 3.11 rejects the
whole file. Two same-length edits give an older spelling with the same tree for what the
analysis reads: a nested string's quotes become the other quote character (its value is
unchanged), and an escape inside a string nested in a replacement field becomes two
spaces (that string's value changes, but it only feeds an f-string, whose value the
analysis never knows). Anything else (a comment or a line break inside a field, a quote
that cannot be swapped) leaves the file as it was: it then stays unparsed, with its note.
"""
from __future__ import annotations

from dataclasses import dataclass, field

_PREFIX = set("rRbBuUfF")
_QUOTES = ("'", '"')


class _Unfixable(Exception):
    """The f-string needs more than a same-length edit."""


@dataclass
class _Scan:
    text: str
    edits: dict[int, str] = field(default_factory=dict)  # index -> replacement character

    def string(self, start: int, enclosing: tuple[str, ...]) -> int:
        """Read the literal whose prefix starts at `start`; the index after it. Inside a
        replacement field (`enclosing` holds the outer delimiters) it is respelled when
        3.11 would read it as the end of an outer string or reject its escapes."""
        pos = start
        while self.text[pos] in _PREFIX:
            pos += 1
        prefix = self.text[start:pos].lower()
        quote = self.text[pos] * 3 if self.text.startswith(self.text[pos] * 3, pos) else self.text[pos]
        body = pos + len(quote)
        end = self.fstring(body, quote, "r" in prefix, enclosing) if "f" in prefix else self.plain(body, quote)
        if enclosing:
            self.respell(pos, body, end, quote, enclosing)
        return end

    def plain(self, pos: int, quote: str) -> int:
        """The index after a plain literal's closing quote."""
        text = self.text
        while pos < len(text):
            if text[pos] == "\\":
                pos += 2
            elif text.startswith(quote, pos):
                return pos + len(quote)
            elif text[pos] == "\n" and len(quote) == 1:
                raise _Unfixable
            else:
                pos += 1
        raise _Unfixable

    def fstring(self, pos: int, quote: str, raw: bool, enclosing: tuple[str, ...]) -> int:
        """The index after an f-string's closing quote, its replacement fields read."""
        text, inner = self.text, enclosing + (quote,)
        while pos < len(text):
            if text.startswith(quote, pos):
                return pos + len(quote)
            if text[pos] == "\\" and not raw:
                pos += 2
            elif text.startswith("{{", pos) or text.startswith("}}", pos):
                pos += 2
            elif text[pos] == "{":
                pos = self.field(pos + 1, inner)
            elif text[pos] == "\n" and len(quote) == 1:
                raise _Unfixable
            else:
                pos += 1
        raise _Unfixable

    def field(self, pos: int, enclosing: tuple[str, ...]) -> int:
        """The index after a replacement field's closing brace (format spec included)."""
        text, depth = self.text, 0
        while pos < len(text):
            char = text[pos]
            if char in _QUOTES or (char in _PREFIX and _starts_string(text, pos)):
                pos = self.string(pos, enclosing)
                continue
            if char in "#\\\n":
                raise _Unfixable
            if char in "([{":
                depth += 1
            elif char in ")]" or char == "}" and depth:
                depth -= 1
            elif char == "}" or char == ":" and not depth:
                return pos + 1 if char == "}" else self.spec(pos + 1, enclosing)
            pos += 1
        raise _Unfixable

    def spec(self, pos: int, enclosing: tuple[str, ...]) -> int:
        """The index after a format spec's closing brace; nested fields read."""
        text = self.text
        while pos < len(text):
            if text[pos] == "}":
                return pos + 1
            if text[pos] == "{":
                pos = self.field(pos + 1, enclosing)
            elif text[pos] in _QUOTES or text[pos] in "\\\n":
                raise _Unfixable
            else:
                pos += 1
        raise _Unfixable

    def respell(self, opening: int, body: int, end: int, quote: str, enclosing: tuple[str, ...]) -> None:
        """Swap a nested literal's quotes when an outer delimiter uses them, and blank its
        escapes (3.11 takes no backslash in a field)."""
        closing = end - len(quote)
        for pos in range(body, closing):
            if self.text[pos] == "\\" and pos not in self.edits:
                self.edits[pos] = self.edits[pos + 1] = " "
        if not any(quote[0] == outer[0] for outer in enclosing):
            return
        other = '"' if quote[0] == "'" else "'"
        inside = (self.edits.get(pos, self.text[pos]) for pos in range(body, closing))
        if len(quote) == 3 or any(other == outer[0] for outer in enclosing) or other in inside:
            raise _Unfixable
        self.edits[opening] = self.edits[closing] = other


def _starts_string(text: str, pos: int) -> bool:
    """A string prefix (`f'`, `rb"`) starts at `pos`, not an identifier's letters."""
    if pos and (text[pos - 1].isalnum() or text[pos - 1] == "_"):
        return False
    end = pos
    while end < len(text) and text[end] in _PREFIX and end - pos < 2:
        end += 1
    return end < len(text) and text[end] in _QUOTES


def older_fstrings(text: str) -> tuple[str, set[int]]:
    """The text with every PEP 701 f-string respelled for 3.11, and the line numbers
    changed; the text unchanged (and no lines) when one cannot be."""
    scan, pos = _Scan(text), 0
    try:
        while pos < len(text):
            char = text[pos]
            if char == "#":
                newline = text.find("\n", pos)
                pos = len(text) if newline < 0 else newline
            elif char in _QUOTES or (char in _PREFIX and _starts_string(text, pos)):
                pos = scan.string(pos, ())
            else:
                pos += 1
    except (_Unfixable, IndexError):
        return text, set()
    if not scan.edits:
        return text, set()
    chars = list(text)
    for index, char in scan.edits.items():
        chars[index] = char
    return "".join(chars), {text.count("\n", 0, index) + 1 for index in scan.edits}
