"""The shape of one long or complex function: its paragraphs, branches and nesting.

Used by the long-function and high-complexity rules to turn "too long" into a
concrete split: which lines form a step, what that step computes, where the
nesting is deepest and which if/elif chain is longest. Only flagged functions are
looked at, found by descending the statement tree along line ranges (no full walk).
"""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field

from ...facts.visitor import child_nodes, contains, descendants
from .responsibilities import VERBS

FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)
_COMPOUND = (ast.If, ast.For, ast.AsyncFor, ast.While, ast.Try, ast.TryStar, ast.With, ast.AsyncWith, ast.Match)
_NESTING = (ast.If, ast.For, ast.AsyncFor, ast.While, ast.Try, ast.TryStar, ast.With, ast.AsyncWith, ast.Match)
_WORD = re.compile(r"[a-z][a-z0-9]*")


def child_statements(node: ast.AST) -> list[ast.stmt]:
    """The statements directly inside a statement (bodies, branches, handlers, cases)."""
    out: list[ast.stmt] = []
    for name in ("body", "orelse", "finalbody"):
        value = getattr(node, name, None)
        if isinstance(value, list):
            out.extend(value)
    for handler in getattr(node, "handlers", ()):
        out.extend(handler.body)
    for case in getattr(node, "cases", ()):
        out.extend(case.body)
    return out


def find_function(tree: ast.Module, line: int) -> ast.FunctionDef | ast.AsyncFunctionDef | None:
    """The function whose `def` is on `line`, found by descending only the enclosing statements."""
    nodes: list[ast.stmt] = tree.body
    while nodes:
        for node in nodes:
            start = min([node.lineno] + [d.lineno for d in getattr(node, "decorator_list", ())])
            if start <= line <= (node.end_lineno or node.lineno):
                if isinstance(node, FUNCTIONS) and node.lineno == line:
                    return node
                nodes = child_statements(node)
                break
        else:
            return None
    return None


@dataclass
class Paragraph:
    """A run of body statements the author separated by blank lines or comments."""

    start: int
    end: int
    statements: list[ast.stmt] = field(default_factory=list)
    comment: str = ""  # the comment line right above it, if any

    @property
    def size(self) -> int:
        return self.end - self.start + 1

    def assigned(self) -> list[str]:
        """Names the paragraph binds at its top level, in order (what a helper would return)."""
        names: list[str] = []
        for stmt in self.statements:
            targets = stmt.targets if isinstance(stmt, ast.Assign) else (
                [stmt.target] if isinstance(stmt, (ast.AnnAssign, ast.AugAssign)) else [])
            for target in targets:
                for node in ast.walk(target):
                    if isinstance(node, ast.Name) and node.id not in names:
                        names.append(node.id)
        return names

    def awaits(self) -> bool:
        return contains(self.statements, (ast.Await, ast.AsyncFor, ast.AsyncWith))

    def nested_function(self) -> str:
        """The name of the function this paragraph defines, when that is all it does."""
        if len(self.statements) == 1 and isinstance(self.statements[0], (*FUNCTIONS, ast.ClassDef)):
            return self.statements[0].name
        return ""

    def returns(self) -> bool:
        return isinstance(self.statements[-1], ast.Return)

    def head(self, lines: list[str]) -> str:
        """The first line of its largest compound statement, or of its first statement."""
        compound = [s for s in self.statements if isinstance(s, _COMPOUND)]
        stmt = max(compound, key=lambda s: (s.end_lineno or s.lineno) - s.lineno) if compound else self.statements[0]
        text = lines[stmt.lineno - 1].strip() if stmt.lineno <= len(lines) else ""
        return text if len(text) <= 70 else text[:67] + "..."


def paragraphs(func: ast.FunctionDef | ast.AsyncFunctionDef, lines: list[str]) -> list[Paragraph]:
    """The body split at blank or comment lines between top-level statements (docstring left out)."""
    body = func.body[1:] if ast.get_docstring(func, clean=False) is not None and len(func.body) > 1 else func.body
    out: list[Paragraph] = []
    previous_end = 0
    for stmt in body:
        end = stmt.end_lineno or stmt.lineno
        between = lines[previous_end:stmt.lineno - 1] if previous_end else []
        separated = any(not text.strip() or text.strip().startswith("#") for text in between)
        if not out or separated:
            comment = between[-1].strip().lstrip("#").strip() if between and between[-1].strip().startswith("#") else ""
            out.append(Paragraph(stmt.lineno, end, [stmt], comment))
        else:
            out[-1].end = end
            out[-1].statements.append(stmt)
        previous_end = end
    if len(out) == 1:  # one block: split it at its top-level compound statements instead
        out = [Paragraph(s.lineno, s.end_lineno or s.lineno, [s]) for s in out[0].statements]
    return out


def helper_name(paragraph: Paragraph, lines: list[str], taken: set[str]) -> str:
    """A name for the helper a paragraph would become, from its comment, what it assigns or
    the loop it runs; made unique against `taken`."""
    words: list[str] = []
    if paragraph.comment and len(paragraph.comment.split()) <= 5:  # a label, not a sentence of prose
        words = [w for w in _WORD.findall(paragraph.comment.lower()) if w not in _FILLER][:3]
        if words and words[0] not in VERBS:
            words.insert(0, "load" if paragraph.awaits() else "compute")
    if not words:
        assigned = paragraph.assigned()
        verb = "load" if paragraph.awaits() else "compute"
        loop = next((s for s in paragraph.statements if isinstance(s, (ast.For, ast.AsyncFor))), None)
        if assigned:
            words = [verb, *_WORD.findall(assigned[0].lower())]
        elif loop is not None:
            words = ["handle", *_WORD.findall(_last_name(loop.iter))]
        else:
            subject = _first_name(paragraph.statements[0])
            words = ["finish" if paragraph.returns() else "update", *_WORD.findall(subject)] if subject else ["step"]
    name = "_" + "_".join(words)
    candidate, number = name, 2
    while candidate in taken:
        candidate, number = f"{name}_{number}", number + 1
    taken.add(candidate)
    return candidate


_FILLER = {"and", "or", "the", "a", "an", "of", "to", "for", "with", "then", "now", "all", "step", "first", "next",
           "finally", "here", "we"}
_SKIP_NAMES = {"self", "cls", "len", "str", "int", "float", "dict", "list", "set", "tuple", "sorted", "print"}


def _last_name(node: ast.expr) -> str:
    """`self.dm.positions(x)` -> "positions"; `items` -> "items"."""
    while isinstance(node, ast.Call):
        node = node.func
    if isinstance(node, ast.Attribute):
        return node.attr.lower()
    return node.id.lower() if isinstance(node, ast.Name) else ""


def _first_name(stmt: ast.stmt) -> str:
    """The first meaningful variable a statement reads (`if len(legs) > 20` -> "legs")."""
    names = [node for node in descendants([stmt])
             if isinstance(node, ast.Name) and node.id not in _SKIP_NAMES and not node.id[:1].isupper()]
    first = min(names, key=lambda n: (n.lineno, n.col_offset), default=None)
    return first.id.lower() if first is not None else ""


@dataclass
class BranchProfile:
    """Where a function's complexity comes from."""

    decisions: dict[str, int]
    deepest: int  # nesting depth of control structures
    deepest_line: int
    longest_chain: int  # branches of the longest if/elif chain
    chain_line: int


def branch_profile(func: ast.FunctionDef | ast.AsyncFunctionDef) -> BranchProfile:
    decisions = {"if": 0, "loop": 0, "except": 0, "boolean operator": 0, "match case": 0, "comprehension": 0}
    deepest = deepest_line = longest = chain_line = 0
    stack: list[tuple[ast.AST, int]] = [(stmt, 0) for stmt in func.body]
    elifs: set[int] = set()
    while stack:
        node, depth = stack.pop()
        if isinstance(node, (*FUNCTIONS, ast.ClassDef)):
            continue
        if isinstance(node, _NESTING) and id(node) not in elifs:
            depth += 1
            if depth > deepest:
                deepest, deepest_line = depth, node.lineno
        if isinstance(node, (ast.If, ast.IfExp)):
            decisions["if"] += 1
        elif isinstance(node, (ast.For, ast.AsyncFor, ast.While)):
            decisions["loop"] += 1
        elif isinstance(node, ast.ExceptHandler):
            decisions["except"] += 1
        elif isinstance(node, ast.BoolOp):
            decisions["boolean operator"] += len(node.values) - 1
        elif isinstance(node, ast.match_case):
            decisions["match case"] += 1
        elif isinstance(node, ast.comprehension):
            decisions["comprehension"] += 1 + len(node.ifs)
        if isinstance(node, ast.If) and id(node) not in elifs:
            length, current = 1, node
            while len(current.orelse) == 1 and isinstance(current.orelse[0], ast.If):
                current = current.orelse[0]
                elifs.add(id(current))
                length += 1
            if length > longest:
                longest, chain_line = length, node.lineno
        stack.extend((child, depth) for child in child_nodes(node))  # an elif stays at its `if`'s depth
    return BranchProfile({k: v for k, v in decisions.items() if v}, deepest, deepest_line, longest, chain_line)
