"""Read syntax newer than the running Python as its older equivalent, line numbers kept.

A backend written for Python 3.12+ uses `type` aliases and type parameters (PEP 695) and,
from 3.14, `except A, B:` without brackets (PEP 758). Run under 3.11, `ast` rejects every
such file, and everything in it (routes, services, queries) would drop out of the model.
These three forms have exact older spellings for what the analysis reads: `type X = v` binds
`X` like `X = v`; `def f[T](x: T)` is `def f(x: T)` with `T` a name the function may use;
`except A, B:` is `except (A, B):`. The rewrite works on tokens, one line at a time, never
adds or removes a line, and blanks type-parameter brackets with spaces so that columns stay
put; the names the brackets declared are returned, so that no rule calls them undefined.
PEP 701 f-strings (a replacement field that reuses the string's quote or holds a backslash)
are respelled first, by `fstrings`; other new f-string forms leave the file unparsed.
"""
from __future__ import annotations

import ast
import io
import tokenize
from dataclasses import dataclass, field

from .fstrings import older_fstrings

_STARTS = (tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT, tokenize.NL, tokenize.COMMENT, tokenize.ENCODING)


@dataclass
class Rewritten:
    tree: ast.Module
    type_params: set[str] = field(default_factory=set)  # names declared in type-parameter brackets
    lines: list[int] = field(default_factory=list)  # the lines that were rewritten


_TO_END = -1  # an edit's end: blank the rest of the line and end it with a backslash


@dataclass(frozen=True)
class _Edit:
    row: int
    start: int
    end: int
    text: str


def parse_newer(text: str, filename: str) -> Rewritten | SyntaxError | None:
    """The tree of `text` read with its newer syntax rewritten; the rewritten text's own
    syntax error when it still fails (a file may mix a `type` alias with a PEP 701 f-string:
    the error then names the line that really stops the parse), or None when there is
    nothing to rewrite or the rewrite cannot be parsed for another reason."""
    text, fstring_rows = older_fstrings(text)
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(text).readline))
    except (tokenize.TokenError, SyntaxError):
        return None
    edits, names = _edits(tokens)
    if not edits and not fstring_rows:
        return None
    try:
        tree = ast.parse(_apply(text, edits), filename=filename)
    except SyntaxError as exc:
        return exc
    except (ValueError, RecursionError, MemoryError):
        return None
    return Rewritten(tree, names, sorted({edit.row for edit in edits} | fstring_rows))


def rewritten_note(rewritten: dict[str, list[int]], running: str) -> str:
    """One note for every file read as its older equivalent: the same words for seventy
    files would bury the notes that tell of a file not analysed at all."""
    where = "; ".join(f"{path} ({', '.join(map(str, lines[:5]))}{' ...' if len(lines) > 5 else ''})"
                      for path, lines in sorted(rewritten.items()))
    count = f"{len(rewritten)} files use" if len(rewritten) > 1 else "1 file uses"
    return (f"{count} syntax newer than this run's Python {running}, analysed as its older equivalent "
            f"(`type X = v` as `X = v`, type parameters as names, `except A, B:` as `except (A, B):`, "
            f"a quote reused inside an f-string's replacement field as the other quote, an escape there as spaces), "
            f"line numbers kept: {where}")


def _edits(tokens: list[tokenize.TokenInfo]) -> tuple[list[_Edit], set[str]]:
    edits: list[_Edit] = []
    names: set[str] = set()
    for index, token in enumerate(tokens):
        if token.type != tokenize.NAME or not _statement_start(tokens, index):
            continue
        if token.string == "type":
            found = _type_alias(tokens, index, names)
        elif token.string in ("def", "class", "async"):
            found = _type_params(tokens, index, names)
        elif token.string == "except":
            found = _bare_tuple(tokens, index)
        else:
            found = []
        edits += found
    return edits, names


def _statement_start(tokens: list[tokenize.TokenInfo], index: int) -> bool:
    before = tokens[index - 1] if index else None
    return before is None or before.type in _STARTS or (before.type == tokenize.OP and before.string == ";")


def _type_alias(tokens: list[tokenize.TokenInfo], index: int, names: set[str]) -> list[_Edit]:
    """`type X[T] = v` -> `X = v`: the keyword (with its space) and the brackets go."""
    name = _at(tokens, index + 1)
    after = _at(tokens, index + 2)
    if name is None or name.type != tokenize.NAME or after is None or after.string not in ("=", "["):
        return []
    token = tokens[index]
    edits = [_Edit(token.start[0], token.start[1], name.start[1], "")]
    if after.string == "[":
        group = _bracket_group(tokens, index + 2, names)
        if group is None or group[0] != after.start[0]:
            return []
        edits.append(_Edit(after.start[0], after.start[1], group[1], ""))
    return edits if all(edit.row == token.start[0] for edit in edits) else []


def _type_params(tokens: list[tokenize.TokenInfo], index: int, names: set[str]) -> list[_Edit]:
    """`def f[T](...)` / `class C[T](...)` -> the same with the brackets blanked."""
    keyword = index + 1 if tokens[index].string == "async" else index
    if tokens[keyword].string not in ("def", "class"):
        return []
    name, opener = _at(tokens, keyword + 1), _at(tokens, keyword + 2)
    if name is None or name.type != tokenize.NAME or opener is None or opener.string != "[":
        return []
    end = _bracket_group(tokens, keyword + 2, names)
    if end is None:
        return []
    (row, col), (end_row, end_col) = opener.start, end
    if row == end_row:
        return [_Edit(row, col, end_col, " " * (end_col - col))]
    # brackets over several lines: blanked, the lines joined with backslashes
    return ([_Edit(row, col, _TO_END, "")] + [_Edit(r, 0, _TO_END, "") for r in range(row + 1, end_row)]
            + [_Edit(end_row, 0, end_col, " " * end_col)])


def _bare_tuple(tokens: list[tokenize.TokenInfo], index: int) -> list[_Edit]:
    """`except A, B:` -> `except (A, B):` (PEP 758 forbids `as` in this form)."""
    depth, comma, first = 0, False, _at(tokens, index + 1)
    if first is None or first.string in ("*", ":", "("):
        return []
    for token in tokens[index + 1:]:
        depth += _nesting(token)
        if token.type in (tokenize.NEWLINE, tokenize.NL) or (depth == 0 and token.string == "as"):
            return []
        if depth == 0 and token.string == ",":
            comma = True
        elif depth == 0 and token.string == ":":
            if not comma or token.start[0] != first.start[0]:
                return []
            return [_Edit(token.start[0], token.start[1], token.start[1], ")"),
                    _Edit(first.start[0], first.start[1], first.start[1], "(")]
    return []


def _bracket_group(tokens: list[tokenize.TokenInfo], opener: int, names: set[str]) -> tuple[int, int] | None:
    """Where the `]` closing the bracket at `opener` ends (row, column), and the parameter
    names in it (`T`, `*Ts`, `**P`, `T: bound`, `T = default`)."""
    depth, expect_name = 0, True
    for token in tokens[opener:]:
        if token.type == tokenize.COMMENT or token.type == tokenize.NL:
            continue
        step = _nesting(token)
        depth += step
        if step > 0:
            expect_name = depth == 1
        elif step < 0:
            if depth == 0:
                return token.end
        elif depth == 1 and token.string == ",":
            expect_name = True
        elif depth == 1 and token.string in ("*", "**"):
            continue
        elif depth == 1 and expect_name and token.type == tokenize.NAME:
            names.add(token.string)
            expect_name = False
        else:
            expect_name = False
    return None


def _nesting(token: tokenize.TokenInfo) -> int:
    """+1 for an opening bracket, -1 for a closing one, else 0."""
    if token.type != tokenize.OP:
        return 0
    return 1 if token.string in ("(", "[", "{") else -1 if token.string in (")", "]", "}") else 0


def _at(tokens: list[tokenize.TokenInfo], index: int) -> tokenize.TokenInfo | None:
    return tokens[index] if index < len(tokens) else None


def _apply(text: str, edits: list[_Edit]) -> str:
    """The text with every edit made, right to left on each line so columns stay valid."""
    lines = text.splitlines(keepends=True)
    for edit in sorted(edits, key=lambda e: (e.row, e.start), reverse=True):
        line = lines[edit.row - 1]
        if edit.end == _TO_END:
            content = line.rstrip("\r\n")
            line = content[:edit.start] + " " * (len(content) - edit.start) + " \\" + line[len(content):]
        else:
            line = line[:edit.start] + edit.text + line[edit.end:]
        lines[edit.row - 1] = line
    return "".join(lines)
