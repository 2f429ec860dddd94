"""The shared position over one statement's tokens: what every clause reader asks (the word
at an index, whether it names something, where a parenthesis closes or a clause ends).

Out-of-range indexes read as "" so that readers can look ahead and behind without bounds
checks; the statement being filled travels with the tokens so readers need no other state.
"""
from __future__ import annotations

from .sqlparsed import ParsedSql
from .sqltokens import CLAUSE_END, CONTEXTUAL, KEYWORDS, Token


class Cursor:
    """The tokens of one statement and the `ParsedSql` the readers fill from them."""

    __slots__ = ("n", "out", "t")

    def __init__(self, tokens: list[Token]) -> None:
        self.t = tokens
        self.n = len(tokens)
        self.out = ParsedSql("other")

    def up(self, i: int) -> str:
        return self.t[i].upper if 0 <= i < self.n else ""

    def text(self, i: int) -> str:
        return self.t[i].text if 0 <= i < self.n else ""

    def is_name(self, i: int) -> bool:
        if not 0 <= i < self.n:
            return False
        tok = self.t[i]
        keyword_after = CONTEXTUAL.get(tok.upper) if tok.kind == "word" else None
        if keyword_after and self.up(i - 1) != keyword_after:
            return True  # `zone = $1`: a column, not the `ZONE` of `AT TIME ZONE`
        return tok.kind == "qword" or (tok.kind == "word" and tok.upper not in KEYWORDS)

    def is_word(self, i: int) -> bool:
        """Any identifier, keyword or not (`public.user`, a column named `key`)."""
        return 0 <= i < self.n and self.t[i].kind in ("word", "qword")

    def close_of(self, i: int) -> int:
        """Index of the `)` matching the `(` at i (or the end)."""
        depth = self.t[i].depth
        for j in range(i + 1, self.n):
            if self.t[j].text == ")" and self.t[j].depth == depth:
                return j
        return self.n - 1

    def open_of(self, j: int) -> int:
        """Index of the `(` matching the `)` at j (or the start)."""
        depth = self.t[j].depth
        for k in range(j - 1, -1, -1):
            if self.t[k].text == "(" and self.t[k].depth == depth:
                return k
        return 0

    def dotted_at(self, i: int) -> tuple[str, int]:
        """`schema.table` starting at i -> (text, index after it)."""
        parts = [self.text(i)]
        j = i + 1
        while self.text(j) == "." and self.is_word(j + 1):
            parts.append(self.text(j + 1))
            j += 2
        return ".".join(parts), j

    def first_column(self, start: int, end: int) -> tuple[str, str, int] | None:
        """The first column named in [start, end): (qualifier, column, offset)."""
        for k in range(start, end):
            if self.is_name(k) and self.text(k + 1) != "(":
                if self.text(k + 1) == "." and self.is_name(k + 2):
                    return self.text(k), self.text(k + 2), self.t[k].pos
                if self.text(k - 1) == "." or self.text(k - 1) == "::":
                    continue
                return "", self.text(k), self.t[k].pos
        return None

    def elements(self, start: int, end: int) -> list[tuple[int, int]]:
        """The comma-separated items of [start, end) at the depth of `start`."""
        depth = self.t[start].depth if start < self.n else 0
        parts, item = [], start
        for k in range(start, end + 1):
            if k == end or (self.text(k) == "," and self.t[k].depth == depth):
                if k > item:
                    parts.append((item, k))
                item = k + 1
        return parts

    def names_in_parens(self, i: int) -> tuple[tuple[str, ...], int]:
        """`(a, b)` at i -> the lowercase names and the index after the `)`."""
        if self.text(i) != "(":
            return (), i
        close = self.close_of(i)
        names = tuple(self.text(k).lower() for k in range(i + 1, close)
                      if (self.is_name(k) or self.t[k].kind == "word") and self.t[k].depth == self.t[i].depth + 1
                      and self.text(k - 1) in ("(", ","))
        return names, close + 1

    def skip_if_not_exists(self, i: int) -> int:
        if self.up(i) == "IF" and self.up(i + 1) == "NOT" and self.up(i + 2) == "EXISTS":
            return i + 3
        if self.up(i) == "IF" and self.up(i + 1) == "EXISTS":
            return i + 2
        return i

    def region_end(self, i: int, depth: int) -> int:
        """Where the clause starting at i ends: the next clause keyword at its depth, the `)`
        closing its block, or the end of the statement."""
        j = i
        while j < self.n:
            tok = self.t[j]
            if tok.depth < depth or (tok.text == ")" and tok.depth == depth - 1):
                return j
            if tok.depth == depth and tok.kind == "word" and tok.upper in CLAUSE_END and not (
                    tok.upper == "ON" and self.up(j + 1) == "CONFLICT"):
                if tok.upper in ("FROM", "SELECT") and j > 0 and self.t[j - 1].text == "(":
                    j += 1
                    continue
                return j
            if tok.text == ";":
                return j
            j += 1
        return j
