"""Token shapes of source lines, the input of clone detection.

Each code line is reduced to its token shape: identifiers become `I`, strings `S`,
numbers `N`; keywords and operators stay; whitespace and comments go. Two blocks
with the same shapes line by line are copies that differ only in names and
literals. Regular expressions (not `tokenize`) keep this fast enough to run on
every file in the worker.
"""
from __future__ import annotations

import ast
import hashlib
import keyword
import re
from dataclasses import dataclass, field
from typing import Iterator

# A string literal (single or triple quoted) or a comment, in source order, so that a `#`
# inside a string and a quote inside a comment are both read correctly. Every branch starts
# with a quote or `#`, which lets the regex engine skip ahead; prefixes (f, rb, ...) are
# found by looking back from each match (`_prefix_start`).
_STRING_OR_COMMENT = re.compile(
    r"""\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''"""
    r"""|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|\#[^\n]*""",
    re.S,
)
_PLACEHOLDER = "\0"  # stands for a string literal after the first pass (files with NUL are not analysed)
_PREFIX_CHARS = frozenset("rRbBuUfF")
_KEYWORDS = frozenset(keyword.kwlist)


def _alternation(words: list[str]) -> str:
    """A regex matching exactly `words`, factored by first letters so that it fails fast."""
    groups: dict[str, list[str]] = {}
    for word in words:
        groups.setdefault(word[0], []).append(word[1:])
    parts = []
    for first, rests in sorted(groups.items()):
        tails = sorted((r for r in rests if r), key=len, reverse=True)
        optional = "" in rests
        body = "(?:%s)" % "|".join(map(re.escape, tails)) if tails else ""
        parts.append(re.escape(first) + (body + ("?" if optional else "") if tails else ""))
    return "(?:%s)" % "|".join(parts)


_NAME = re.compile(r"\b(?!%s\b)[^\W\d]\w*" % _alternation(sorted(_KEYWORDS)))
# Names are already `I` when this runs, so a digit here always starts a number.
_NUMBER = re.compile(r"0[xXoObB][\da-fA-F_]+|(?:\d[\d_]*\.?[\d_]*|\.\d[\d_]*)(?:[eE][+-]?\d[\d_]*)?[jJ]?")
_TOKEN = re.compile(
    r"[^\W\d]\w*"
    r"|0[xXoObB][\da-fA-F_]+|(?:\d[\d_]*\.?[\d_]*|\.\d[\d_]*)(?:[eE][+-]?\d[\d_]*)?[jJ]?"
    r"|\0"
    r"|\*\*=?|//=?|>>=?|<<=?|->|:=|\.\.\.|[-+*/%&|^@=!<>]=|[^\s\w]"
)
_SUBSTANCE = re.compile(r"\w")  # in a shape: a name, keyword, number or string (S), not lone punctuation

# Line kinds.
CODE, BLANK, IMPORT, PUNCT, CONTINUATION = range(5)


@dataclass(slots=True)
class TokenLine:
    """One physical line: its number, kind, raw tokens (strings as written) and shapes."""

    number: int
    kind: int
    raw: list[str] = field(default_factory=list)
    shapes: list[str] = field(default_factory=list)
    text: str = ""  # the line as written (only with keep_raw)


def _strip_strings(text: str, strings: list[str] | None) -> str:
    """Strings (with their prefix) become one placeholder, newlines kept so that line numbers
    hold; comments vanish. `strings` collects the literals as written, in order."""
    pieces: list[str] = []
    done = 0
    for match in _STRING_OR_COMMENT.finditer(text):
        start, end = match.span()
        found = match.group()
        if found[0] == "#":
            pieces.append(text[done:start])
        else:
            head = _prefix_start(text, start)
            if strings is not None:
                strings.append(text[head:start] + found)
            pieces.append(text[done:head])
            pieces.append(_PLACEHOLDER + "\n" * found.count("\n"))
        done = end
    pieces.append(text[done:])
    return "".join(pieces)


def _prefix_start(text: str, start: int) -> int:
    """Where the prefix (`f`, `rb`, ...) of the string literal at `start` begins: one or two
    prefix letters that do not end a longer name; `start` when there is none."""
    head = start
    while head > start - 2 and head > 0 and text[head - 1] in _PREFIX_CHARS:
        head -= 1
    if head == start or head == 0 or not (text[head - 1].isalnum() or text[head - 1] == "_"):
        return head
    return start


def _shaped(lines: list[str], strings: list[str] | None) -> tuple[str, list[str]]:
    """The text without strings and comments, and its shape lines: identifiers as I, numbers
    as N and strings as S, so that identical shapes are identical strings (all substitutions
    run in the regex engine, not per token)."""
    stripped = _strip_strings("\n".join(lines), strings)
    return stripped, _NUMBER.sub("N", _NAME.sub("I", stripped)).replace(_PLACEHOLDER, " S ").split("\n")


def _kinds(lines: list[str], shaped: list[str]) -> list[int]:
    """The kind of every line (CODE, BLANK, IMPORT, PUNCT, CONTINUATION) from its shape."""
    kinds: list[int] = []
    import_depth = 0
    continued = False
    for index, shape in enumerate(shaped):
        head = shape.lstrip()
        if not head:
            original = lines[index].strip() if index < len(lines) else ""
            kinds.append(CONTINUATION if original and original[0] != "#" else BLANK)
            continue
        if import_depth > 0 or continued or head.startswith(("import ", "from ")):
            import_depth = max(0, import_depth + shape.count("(") - shape.count(")"))
            continued = shape.rstrip().endswith("\\")
            kinds.append(IMPORT)
        elif _SUBSTANCE.search(head) is None:
            kinds.append(PUNCT)
        else:
            kinds.append(CODE)
    return kinds


def _classified(lines: list[str], strings: list[str] | None) -> Iterator[tuple[int, int, str, str]]:
    """(index, kind, line without strings and comments, shape text) for every line; the shape
    text is "" for blank and continuation lines."""
    stripped, shaped = _shaped(lines, strings)
    texts = stripped.split("\n")
    for index, kind in enumerate(_kinds(lines, shaped)):
        yield index, kind, texts[index], "" if kind in (BLANK, CONTINUATION) else shaped[index]


def token_lines(lines: list[str], first_number: int = 1, keep_raw: bool = False) -> list[TokenLine]:
    """Classify and tokenise every line; `keep_raw` also gives the raw tokens, strings as written."""
    strings: list[str] | None = [] if keep_raw else None
    out: list[TokenLine] = []
    string_index = 0
    for index, kind, text, shape in _classified(lines, strings):
        raw: list[str] = []
        if keep_raw and shape:
            raw = _TOKEN.findall(text)
            for position, token in enumerate(raw):
                if token == _PLACEHOLDER and strings and string_index < len(strings):
                    raw[position] = strings[string_index]
                    string_index += 1
        original = lines[index] if keep_raw and index < len(lines) else ""
        out.append(TokenLine(first_number + index, kind, raw, _TOKEN.findall(shape) if shape else [], original))
    return out


def _digest(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "big")


ROW, SIGNATURE = 1, 2  # flags of a code line


def is_row(shapes: list[str]) -> bool:
    """A row of a literal or an argument list (`"key": value,`, `name=value,`): repetitive by nature."""
    return shapes[-1] == "," or (len(shapes) > 1 and shapes[0] == "S" and shapes[1] == ":")


def _units(tree: ast.Module, size: int) -> tuple[list[int], bytearray]:
    """Per line: the unit it belongs to (the start line of its top-level function, method or
    class; 0 at module level) and whether it is a decorator/signature/docstring line."""
    unit = [0] * (size + 2)
    signature = bytearray(size + 2)

    def mark(node: ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef) -> None:
        start = min([node.lineno] + [d.lineno for d in node.decorator_list])
        end = min(node.end_lineno or node.lineno, size)
        unit[start:end + 1] = [start] * (end + 1 - start)
        body = node.body[1:] if ast.get_docstring(node, clean=False) is not None else node.body
        body_start = body[0].lineno if body else end + 1
        signature[start:body_start] = b"\1" * (body_start - start)

    statements = list(tree.body)
    while statements:  # module level, including `if`/`try` blocks around definitions
        node = statements.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            mark(node)
        elif isinstance(node, ast.ClassDef):
            mark(node)
            for child in node.body:
                if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    mark(child)
        elif isinstance(node, (ast.If, ast.Try, ast.TryStar, ast.With, ast.AsyncWith)):
            statements.extend(node.body + getattr(node, "orelse", []) + getattr(node, "finalbody", [])
                              + [s for h in getattr(node, "handlers", ()) for s in h.body])
    return unit, signature


def line_fingerprints(lines: list[str], tree: ast.Module | None = None) -> dict[str, list[int]]:
    """Per code line (blank, comment, import and lone-punctuation lines skipped): its number,
    the last line of its statement tail (closing brackets, string continuation), a stable
    64-bit hash of its shape, its token count, its flags (ROW, SIGNATURE) and its unit
    (clones are cut where the enclosing top-level function or method changes)."""
    if tree is not None:
        unit, signature = _units(tree, len(lines))
    else:
        unit, signature = [0] * (len(lines) + 2), bytearray(len(lines) + 2)
    numbers, ends, hashes, tokens, flags, units = columns = [], [], [], [], [], []
    out: dict[str, list[int]] = dict(zip(("lines", "ends", "hashes", "tokens", "flags", "units"), columns))
    _, shaped = _shaped(lines, None)
    known_shapes = _known_shapes
    for index, kind in enumerate(_kinds(lines, shaped)):
        number = index + 1
        if kind == CODE:
            body = shaped[index].strip()
            known = known_shapes.get(body) or _remember_shape(body)
            numbers.append(number)
            ends.append(number)
            hashes.append(known[0])
            tokens.append(known[2])
            flags.append(known[1] | SIGNATURE * signature[number])
            units.append(unit[number])
        elif kind in (PUNCT, CONTINUATION) and ends and ends[-1] == number - 1:
            ends[-1] = number
    return out


# A code line's shape text (stripped) -> (hash, ROW flag, token count). Shapes recur across
# the files of a worker (`return I`, `I = I . I ( I )`), so the tokens are split and hashed
# once per shape; the memo is dropped when it grows past `_MAX_SHAPES`.
_known_shapes: dict[str, tuple[int, int, int]] = {}
_MAX_SHAPES = 100_000


def _remember_shape(body: str) -> tuple[int, int, int]:
    if len(_known_shapes) >= _MAX_SHAPES:
        _known_shapes.clear()
    shapes = _TOKEN.findall(body)
    known = _known_shapes[body] = (_digest(" ".join(shapes)), ROW * is_row(shapes), len(shapes))
    return known


def file_fingerprints(tree: ast.Module, lines: list[str], as_written: bool = True) -> dict[str, object]:
    """What the metrics need from one file beyond its facts (computed in the worker). The body
    declarations are offered only for a tree parsed as written (`as_written`), not for one
    rewritten from syntax newer than the running Python: such a file's clones stay reported."""
    dup: dict[str, object] = {**line_fingerprints(lines, tree), "decl": declarations(tree.body) if as_written else []}
    return {"dup": dup, "module_docstring": ast.get_docstring(tree, clean=False) is not None}


Declaration = tuple[int, int, "tuple[str, ...] | None", "list[Declaration] | None"]


def declarations(body: list[ast.stmt]) -> list[Declaration]:
    """Per statement of a module or class body: its first and last line, the names it declares
    (`port = Integer(8000)` -> `("port",)`; `()` for `pass` or a docstring; None when it declares
    nothing) and, for a class, the same for its body. A clone whose copies only declare different
    names (one option each) is no duplicated logic: the duplicate-code rule reads this rather than
    parsing the file again."""
    return [(stmt.lineno, stmt.end_lineno or stmt.lineno, _declared(stmt),
             declarations(stmt.body) if isinstance(stmt, ast.ClassDef) else None) for stmt in body]


def _declared(stmt: ast.stmt) -> tuple[str, ...] | None:
    if isinstance(stmt, ast.Assign):
        return tuple(ast.unparse(t) for t in stmt.targets)
    if isinstance(stmt, ast.AnnAssign):
        return (ast.unparse(stmt.target),)
    if isinstance(stmt, ast.Pass) or isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant):
        return ()
    return None
