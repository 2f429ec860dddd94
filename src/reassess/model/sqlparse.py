"""A small SQL reader: enough of PostgreSQL (and the common subset of MySQL/SQLite) to know
which tables a statement touches, which columns its WHERE/JOIN/ORDER BY use and how, and
which tables, keys and indexes DDL declares.

Hand-written on one regular-expression tokenizer so that thousands of statements cost
milliseconds; it never raises on odd input (f-string holes read as `{}` placeholders,
unknown syntax is skipped) and never guesses: what it cannot place stays unknown.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

_TOKEN = re.compile(r"""
    (?P<space>\s+)
  | (?P<comment>--[^\n]*|/\*.*?(?:\*/|\Z))
  | (?P<dollar>\$(?P<tag>[A-Za-z_]\w*)?\$.*?(?:\$(?P=tag)?\$|\Z))
  | (?P<str>[EeBbXxNn]?'(?:[^']|'')*(?:'|\Z))
  | (?P<qword>"(?:[^"]|"")*"|`[^`]*`|\[[A-Za-z_][^\]]*\])
  | (?P<param>\$\d+|%\(\w+\)s|%s|\?\d*|(?<!:):[A-Za-z_]\w*|\{\w*\})
  | (?P<num>\d+(?:\.\d*)?(?:[eE][-+]?\d+)?|\.\d+)
  | (?P<word>[A-Za-z_][\w$]*)
  | (?P<op>::|<>|!=|<=|>=|\|\||->>|->|\#>>|\#>|@>|<@|&&|!~~\*|!~~|~~\*|~~|!~\*|~\*|!~|[-+*/%<>=~!@&|^\#])
  | (?P<punct>[(),.;\[\]])
""", re.VERBOSE | re.DOTALL)

CLAUSE_END = frozenset({
    "GROUP", "ORDER", "LIMIT", "OFFSET", "RETURNING", "HAVING", "WINDOW", "FOR", "UNION", "INTERSECT",
    "EXCEPT", "FETCH", "ON", "WHERE", "SET", "VALUES", "FROM", "JOIN", "INNER", "LEFT", "RIGHT", "FULL",
    "CROSS", "NATURAL", "USING", "LATERAL", "INTO", "DO", "SELECT",
})
KEYWORDS = frozenset({
    "SELECT", "FROM", "WHERE", "AND", "OR", "NOT", "NULL", "TRUE", "FALSE", "IS", "IN", "LIKE", "ILIKE",
    "BETWEEN", "EXISTS", "AS", "ON", "JOIN", "INNER", "LEFT", "RIGHT", "FULL", "OUTER", "CROSS", "NATURAL",
    "USING", "GROUP", "ORDER", "BY", "HAVING", "LIMIT", "OFFSET", "FETCH", "FIRST", "NEXT", "ROWS", "ROW",
    "ONLY", "UNION", "ALL", "DISTINCT", "INTERSECT", "EXCEPT", "CASE", "WHEN", "THEN", "ELSE", "END",
    "INSERT", "INTO", "VALUES", "UPDATE", "SET", "DELETE", "RETURNING", "WITH", "RECURSIVE", "FOR",
    "ASC", "DESC", "NULLS", "LAST", "ANY", "SOME", "ARRAY", "INTERVAL", "LATERAL", "WINDOW", "OVER",
    "PARTITION", "DO", "NOTHING", "CONFLICT", "CAST", "SIMILAR", "ESCAPE", "COLLATE", "AT", "TIME",
    "ZONE", "CURRENT_DATE", "CURRENT_TIMESTAMP", "NOW", "DEFAULT", "SKIP", "LOCKED", "NOWAIT", "SHARE",
    "KEY", "OF", "MATERIALIZED", "ISNULL", "NOTNULL", "TABLE", "IF",
})
# Keywords only right after the given word (`AT TIME ZONE`); elsewhere a column of that name.
_CONTEXTUAL = {"ZONE": "TIME"}
COMPARE = frozenset({"=", "<", ">", "<=", ">=", "<>", "!=", "~~", "~~*", "!~~", "!~~*", "~", "~*", "!~", "!~*",
                     "@>", "<@", "&&"})
RANGE_OPS = frozenset({"<", ">", "<=", ">="})
AGGREGATES = frozenset({"COUNT", "SUM", "AVG", "MIN", "MAX", "BOOL_AND", "BOOL_OR", "ARRAY_AGG",
                        "STRING_AGG", "JSON_AGG", "JSONB_AGG", "EXISTS", "COALESCE", "PERCENTILE_CONT"})
# predicates an ordinary b-tree index can serve
INDEXABLE_OPS = frozenset({"=", "<", ">", "<=", ">=", "range", "in", "any", "between", "like-prefix", "is-null"})


@dataclass(slots=True)
class Token:
    kind: str  # word, qword, str, dollar, param, num, op, punct
    text: str
    pos: int
    upper: str = ""
    depth: int = 0


@dataclass(slots=True)
class Predicate:
    """One column test: `o.status = $1` -> qualifier "o", column "status", op "="."""

    qualifier: str
    column: str
    op: str  # "=", "<", ..., "in", "any", "between", "like-prefix", "like-leading", "like", "bool", "is-null", "<>"
    pos: int
    clause: str = "where"  # "where", "join", "having"
    wrapped: str = ""  # function or cast around the column: "lower", "::date", "coalesce"
    nested: bool = False  # inside parentheses below the clause (an OR group, a subquery...)
    other: str = ""  # for join predicates: "qualifier.column" of the other side
    table: str = ""  # resolved table, "" when the statement leaves it ambiguous
    candidates: tuple[str, ...] = ()  # tables of the query block an unqualified column may belong to
    subquery: bool = False  # `id IN (SELECT ...)`: matched against a subquery's rows, not given values


@dataclass(slots=True)
class ColumnRef:
    qualifier: str
    column: str
    pos: int


@dataclass
class TableDDL:
    """CREATE TABLE: columns in order, with the keys declared inline or as table constraints."""

    name: str
    columns: dict[str, int] = field(default_factory=dict)  # name -> offset
    column_types: dict[str, str] = field(default_factory=dict)
    keys: list[tuple[str, tuple[str, ...], int]] = field(default_factory=list)  # ("primary"/"unique", cols, pos)
    references: list[tuple[str, str, int]] = field(default_factory=list)  # (column, table, pos)
    like: str = ""
    like_indexes: bool = False


@dataclass
class IndexDDL:
    """CREATE INDEX or a key added by ALTER TABLE."""

    name: str
    table: str
    columns: tuple[str, ...]  # plain names, or an expression like "lower(email)"
    unique: bool
    partial: bool
    pos: int
    method: str = ""
    kind: str = "index"  # "index", "primary", "unique"


@dataclass
class ParsedSql:
    kind: str  # select, insert, update, delete, create_table, create_index, alter_table, other
    tables: dict[str, str] = field(default_factory=dict)  # alias or name -> table (lowercase, no schema)
    table_depth: dict[int, list[str]] = field(default_factory=dict)  # paren depth -> tables named there
    main_table: str = ""
    table_pos: dict[str, int] = field(default_factory=dict)
    predicates: list[Predicate] = field(default_factory=list)
    order_by: list[ColumnRef] = field(default_factory=list)
    random_order_pos: int = -1  # `ORDER BY random()` at the top level
    has_or: bool = False
    limit: bool = False
    offset_pos: int = -1  # OFFSET with a non-zero or parameter value, top level
    star_pos: int = -1  # `SELECT *` at the top level
    aggregate_only: bool = False
    group_by: bool = False
    distinct: bool = False
    for_update: bool = False
    dynamic: bool = False  # has `{}` holes from an f-string or format()
    ctes: set[str] = field(default_factory=set)
    ddl_tables: list[TableDDL] = field(default_factory=list)
    ddl_indexes: list[IndexDDL] = field(default_factory=list)
    pos: int = 0  # offset of the statement in the text it came from
    end: int = 0

    def table_of(self, qualifier: str) -> str:
        """The table a qualifier names; "" when it is ambiguous or unknown."""
        if qualifier:
            return self.tables.get(qualifier.lower(), "")
        real = set(self.tables.values())
        return next(iter(real)) if len(real) == 1 else ""


def tokenize(text: str) -> list[Token]:
    tokens: list[Token] = []
    depth = 0
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup or ""
        if kind in ("space", "comment"):
            continue
        if kind == "tag":
            kind = "dollar"
        value = match.group()
        if kind == "qword":
            value = value[1:-1]
        if value == ")":
            depth = max(0, depth - 1)
        tokens.append(Token(kind, value, match.start(), value.upper() if kind == "word" else value, depth))
        if value == "(":
            depth += 1
    return tokens


def split_statements(text: str) -> list[tuple[int, int, list[Token]]]:
    """(start offset, end offset, tokens) of each `;`-separated statement."""
    out: list[tuple[int, int, list[Token]]] = []
    current: list[Token] = []
    for token in tokenize(text):
        if token.text == ";" and token.depth == 0:
            if current:
                out.append((current[0].pos, token.pos, current))
            current = []
        else:
            current.append(token)
    if current:
        last = current[-1]
        out.append((current[0].pos, last.pos + len(last.text), current))
    return out


def parse(text: str) -> list[ParsedSql]:
    """Every statement in `text`, parsed. The results are shared between callers (the app
    model, the data model and rules parse the same strings), so they must not be mutated."""
    return list(_parse_text(text))


@lru_cache(maxsize=16384)
def _parse_text(text: str) -> tuple[ParsedSql, ...]:
    out = []
    for start, end, tokens in split_statements(text):
        parsed = _Parser(tokens).parse()
        parsed.pos, parsed.end = start, end
        out.append(parsed)
    return tuple(out)


def parse_one(text: str) -> ParsedSql:
    """The first statement of `text` (what a driver call runs), or an empty `other`."""
    found = parse(text)
    return found[0] if found else ParsedSql("other")


def normalise_table(name: str) -> str:
    return name.strip('"`[]').split(".")[-1].strip('"`[]').lower()


class _Parser:
    def __init__(self, tokens: list[Token]) -> None:
        self.t = tokens
        self.n = len(tokens)
        self.out = ParsedSql("other")

    # ----- helpers -----------------------------------------------------------------------
    def up(self, i: int) -> str:
        return self.t[i].upper if 0 <= i < self.n else ""

    def text(self, i: int) -> str:
        return self.t[i].text if 0 <= i < self.n else ""

    def is_name(self, i: int) -> bool:
        if not 0 <= i < self.n:
            return False
        tok = self.t[i]
        keyword_after = _CONTEXTUAL.get(tok.upper) if tok.kind == "word" else None
        if keyword_after and self.up(i - 1) != keyword_after:
            return True  # `zone = $1`: a column, not the `ZONE` of `AT TIME ZONE`
        return tok.kind == "qword" or (tok.kind == "word" and tok.upper not in KEYWORDS)

    def close_of(self, i: int) -> int:
        """Index of the `)` matching the `(` at i (or the end)."""
        depth = self.t[i].depth
        for j in range(i + 1, self.n):
            if self.t[j].text == ")" and self.t[j].depth == depth:
                return j
        return self.n - 1

    def is_word(self, i: int) -> bool:
        """Any identifier, keyword or not (`public.user`, a column named `key`)."""
        return 0 <= i < self.n and self.t[i].kind in ("word", "qword")

    def dotted_at(self, i: int) -> tuple[str, int]:
        """`schema.table` starting at i -> (text, index after it)."""
        parts = [self.text(i)]
        j = i + 1
        while self.text(j) == "." and self.is_word(j + 1):
            parts.append(self.text(j + 1))
            j += 2
        return ".".join(parts), j

    # ----- statements --------------------------------------------------------------------
    def parse(self) -> ParsedSql:
        out = self.out
        out.dynamic = any(t.kind == "param" and t.text.startswith("{") for t in self.t)
        first = self.up(0)
        if first == "CREATE":
            self._create()
        elif first == "ALTER" and self.up(1) == "TABLE":
            out.kind = "alter_table"
            self._alter_table()
        else:
            if first == "WITH":
                self._ctes()
            out.kind = self._dml_kind()
            self._tables()
            self._clauses()
            self._top_level()
        return out

    def _dml_kind(self) -> str:
        for tok in self.t:
            if tok.depth == 0 and tok.kind == "word" and tok.upper in ("SELECT", "INSERT", "UPDATE", "DELETE"):
                return tok.upper.lower()
        return "other"

    def _ctes(self) -> None:
        i = 1
        if self.up(i) == "RECURSIVE":
            i += 1
        while i < self.n and self.is_name(i):
            name = self.text(i).lower()
            j = i + 1
            if self.text(j) == "(":
                j = self.close_of(j) + 1
            if self.up(j) != "AS":
                return
            j += 1
            while self.up(j) in ("NOT", "MATERIALIZED"):
                j += 1
            if self.text(j) != "(":
                return
            self.out.ctes.add(name)
            j = self.close_of(j) + 1
            if self.text(j) != ",":
                return
            i = j + 1

    def _tables(self) -> None:
        """Tables after FROM / JOIN / UPDATE / INTO / DELETE FROM / USING, at any depth."""
        for i, tok in enumerate(self.t):
            if tok.kind != "word":
                continue
            word = tok.upper
            if word in ("FROM", "JOIN", "INTO", "USING") or (word == "UPDATE" and self.up(i - 1) != "FOR" and
                                                            self.up(i - 1) != "DO"):
                if word == "FROM" and self._is_function_from(i):
                    continue
                self._table_list(i + 1, allow_list=(word == "FROM"), depth=tok.depth, into=(word == "INTO"))

    def _is_function_from(self, i: int) -> bool:
        """`extract(epoch FROM x)`, `substring(a FROM 2)`, `trim(BOTH FROM x)`: not a table."""
        depth = self.t[i].depth
        if depth == 0:
            return False
        for j in range(i - 1, -1, -1):
            if self.t[j].text == "(" and self.t[j].depth == depth - 1:
                return self.up(j - 1) in ("EXTRACT", "SUBSTRING", "TRIM", "OVERLAY", "POSITION")
        return False

    def _table_list(self, i: int, allow_list: bool, depth: int, into: bool) -> None:
        while i < self.n:
            while self.up(i) in ("ONLY", "LATERAL"):
                i += 1
            if self.text(i) == "(":
                i = self.close_of(i) + 1
            elif self.is_name(i) or (self.t[i].kind == "word" and self.up(i + 1) == "."):
                i = self._table_ref(i, depth, into)
                if into:
                    return
            else:
                return
            if self.text(i) == "(":  # the column list of an alias: `AS t(a, b)`
                i = self.close_of(i) + 1
            if allow_list and self.text(i) == ",":
                i += 1
                continue
            return

    def _table_ref(self, i: int, depth: int, into: bool) -> int:
        """Record the table named at `i` (and its alias); the index after them. A function
        call there (`unnest(...)`) is a set-returning function, not a table."""
        out = self.out
        name, j = self.dotted_at(i)
        if self.text(j) == "(" and not into:
            return self.close_of(j) + 1
        table = normalise_table(name)
        if table not in out.ctes:
            out.tables.setdefault(table, table)
            out.table_pos.setdefault(table, self.t[i].pos)
            out.table_depth.setdefault(depth, []).append(table)
            out.main_table = out.main_table or table
        if into:
            return j
        alias = self._alias(j)
        if not alias:
            return j
        if table not in out.ctes:
            out.tables[alias.lower()] = table
        return j + (2 if self.up(j) == "AS" else 1)

    def _alias(self, i: int) -> str:
        if self.up(i) == "AS" and self.is_name(i + 1):
            return self.text(i + 1)
        if self.is_name(i) and self.up(i) not in CLAUSE_END:
            return self.text(i)
        return ""

    # ----- clauses -----------------------------------------------------------------------
    def _clauses(self) -> None:
        for i, tok in enumerate(self.t):
            if tok.kind != "word":
                continue
            if tok.upper == "WHERE":
                if not (self.text(i - 1) == "(" and self.up(i - 2) == "FILTER"):
                    self._predicates(i + 1, tok.depth, "where")
            elif tok.upper == "HAVING":
                self._predicates(i + 1, tok.depth, "having")
            elif tok.upper == "ON" and self.up(i - 1) != "DO" and self.text(i + 1) != "CONFLICT" and \
                    self.up(i + 1) != "CONFLICT":
                self._predicates(i + 1, tok.depth, "join")
            elif tok.upper == "ORDER" and self.up(i + 1) == "BY" and tok.depth == 0:
                self._order_by(i + 2)

    def _region_end(self, i: int, depth: int) -> int:
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

    def _predicates(self, start: int, depth: int, clause: str) -> None:
        end = self._region_end(start, depth)
        i = start
        term_start = start
        while i < end:
            tok = self.t[i]
            if tok.text == "(" and (self.up(i + 1) in ("SELECT", "WITH") or self.is_name(i - 1) or
                                   self.up(i - 1) in ("ANY", "SOME", "ALL", "IN", "EXISTS", "ARRAY", "COALESCE")):
                i = self.close_of(i) + 1  # a subquery or a call: its own clauses are read separately
                continue
            if tok.kind == "word" and tok.upper in ("AND", "OR") and not self._in_between(i, term_start):
                if tok.upper == "OR" and tok.depth == depth and clause == "where":
                    self.out.has_or = True
                self._bare_boolean(term_start, i, depth, clause)
                term_start = i + 1
            elif tok.text == "(":
                self._bare_boolean(term_start, i, depth, clause)
                term_start = i + 1
            elif tok.text == ")":
                self._bare_boolean(term_start, i, depth, clause)
                term_start = i + 1
            else:
                op = self._operator(i)
                if op:
                    self._comparison(i, op, depth, clause)
            i += 1
        self._bare_boolean(term_start, end, depth, clause)

    def _in_between(self, i: int, term_start: int) -> bool:
        """The AND of `x BETWEEN a AND b`."""
        if self.up(i) != "AND":
            return False
        for j in range(i - 1, max(term_start, i - 12) - 1, -1):
            if self.up(j) == "BETWEEN" and self.t[j].depth == self.t[i].depth:
                return True
            if self.up(j) in ("AND", "OR"):
                return False
        return False

    def _operator(self, i: int) -> str:
        tok = self.t[i]
        if tok.kind == "op" and tok.text in COMPARE:
            return tok.text
        if tok.kind == "word" and tok.upper in ("LIKE", "ILIKE", "IN", "BETWEEN", "IS", "SIMILAR"):
            if tok.upper == "IS" and self.up(i + 1) == "NOT" and self.up(i + 2) == "DISTINCT":
                return "<>"
            return tok.upper.lower()
        return ""

    def _comparison(self, i: int, op: str, depth: int, clause: str) -> None:
        left = self._operand_before(i)
        right = self._operand_after(i)
        negated = self.up(i - 1) == "NOT"
        if negated and left is None:
            left = self._operand_before(i - 1)
        kind = self._classify(op, i, negated)
        if left is not None and right is not None and clause == "join":
            self._add(left, kind, depth, clause, other=right)
            self._add(right, kind, depth, clause, other=left)
            return
        col = left if left is not None else right
        if col is None:
            return
        if col is right and op in RANGE_OPS:  # `$1 < created_at` is `created_at > $1`
            kind = "range"
        self._add(col, kind, depth, clause)
        if kind == "in" and self.text(i + 1) == "(" and self.up(i + 2) in ("SELECT", "WITH"):
            self.out.predicates[-1].subquery = True

    def _add(self, col: tuple[str, str, int, str, int], kind: str, depth: int, clause: str,
             other: tuple | None = None) -> None:
        qualifier, column, pos, wrapped, at_depth = col
        other_text = f"{other[0]}.{other[1]}" if other else ""
        self.out.predicates.append(self._placed(Predicate(qualifier.lower(), column.lower(), kind, pos, clause,
                                                          wrapped, at_depth > depth, other_text), depth))

    def _placed(self, pred: Predicate, depth: int) -> Predicate:
        """Resolve the predicate's table: by qualifier, else the one table of its query block."""
        block = tuple(dict.fromkeys(self.out.table_depth.get(depth, ())))
        pred.candidates = block
        if pred.qualifier:
            pred.table = self.out.tables.get(pred.qualifier, "")
        elif len(block) == 1:
            pred.table = block[0]
        return pred

    def _classify(self, op: str, i: int, negated: bool) -> str:
        if op in ("like", "ilike", "~~", "~~*", "similar"):
            if negated:
                return "<>"
            pattern = self._like_pattern(i + 1)
            if pattern == "leading":
                return "like-leading"
            if op in ("like", "~~") and pattern == "prefix":
                return "like-prefix"
            return "like"
        if op in ("!~~", "!~~*", "!~", "!~*", "<>", "!="):
            return "<>"
        if op == "in":
            return "<>" if negated else "in"
        if op == "is":
            if self.up(i + 1) == "NULL":
                return "is-null"
            return "<>" if self.up(i + 1) == "NOT" else "is"
        if op == "between":
            return "<>" if negated else "between"
        if op == "=" and self.up(i + 1) in ("ANY", "SOME"):
            return "any"
        if op in ("<>", "!=") and self.up(i + 1) == "ALL":
            return "<>"
        if op in RANGE_OPS:
            return "range"
        return op

    def _like_pattern(self, i: int) -> str:
        """"leading" for '%x', '%' || $1, concat('%', ...); "prefix" for 'x%'; "" when unknown."""
        tok = self.t[i] if i < self.n else None
        if tok is None:
            return ""
        if tok.text == "(":
            return self._like_pattern(i + 1)
        if tok.kind == "word" and tok.upper == "CONCAT" and self.text(i + 1) == "(":
            return self._like_pattern(i + 2)
        if tok.kind == "str":
            body = tok.text.split("'", 1)[1] if "'" in tok.text else tok.text
            if body.startswith(("%", "_")):
                return "leading"
            return "prefix" if not tok.text.endswith("||") else ""
        return ""

    def _operand_before(self, i: int) -> tuple[str, str, int, str, int] | None:
        """A column (maybe qualified, maybe wrapped in a function or cast) ending at i - 1."""
        j = i - 1
        wrapped = ""
        if j >= 1 and self.t[j - 1].text == "::":  # col::date
            wrapped = "::" + self.text(j).lower()
            j -= 2
        if j >= 0 and self.t[j].text == ")":
            open_at = self._open_of(j)
            func = self.up(open_at - 1) if open_at > 0 else ""
            if wrapped and (not func or func in KEYWORDS) and self.up(open_at + 1) != "SELECT":
                func = ""  # `(starts_at AT TIME ZONE $2)::date`: a cast of an expression on the column
            elif not func or func in KEYWORDS and func not in ("COALESCE",):
                return None
            inner = self._first_column(open_at + 1, j)
            if inner is None:
                return None
            return inner[0], inner[1], inner[2], wrapped or func.lower(), self.t[j].depth
        return self._column_at_end(j, wrapped)

    def _column_at_end(self, j: int, wrapped: str) -> tuple[str, str, int, str, int] | None:
        if not self.is_name(j) or self.text(j + 1) == "(":
            return None
        if self.text(j - 1) == "." and self.is_word(j - 2):
            return self.text(j - 2), self.text(j), self.t[j - 2].pos, wrapped, self.t[j].depth
        if self.text(j - 1) == "::":
            return None
        return "", self.text(j), self.t[j].pos, wrapped, self.t[j].depth

    def _operand_after(self, i: int) -> tuple[str, str, int, str, int] | None:
        j = i + 1
        while self.up(j) in ("NOT", "ANY", "SOME", "ALL"):
            j += 1
        if not self.is_name(j) or self.text(j + 1) == "(":
            return None
        if self.text(j + 1) == "." and self.is_name(j + 2):
            return self.text(j), self.text(j + 2), self.t[j].pos, "", self.t[j].depth
        return "", self.text(j), self.t[j].pos, "", self.t[j].depth

    def _open_of(self, j: int) -> int:
        depth = self.t[j].depth
        for k in range(j - 1, -1, -1):
            if self.t[k].text == "(" and self.t[k].depth == depth:
                return k
        return 0

    def _first_column(self, start: int, end: int) -> tuple[str, str, int] | None:
        for k in range(start, end):
            if self.is_name(k) and self.text(k + 1) != "(":
                if self.text(k + 1) == "." and self.is_name(k + 2):
                    return self.text(k), self.text(k + 2), self.t[k].pos
                if self.text(k - 1) == "." or self.text(k - 1) == "::":
                    continue
                return "", self.text(k), self.t[k].pos
        return None

    def _bare_boolean(self, start: int, end: int, depth: int, clause: str) -> None:
        """`WHERE is_active` or `NOT a.archived`: a column used as the whole test."""
        toks = [k for k in range(start, end)]
        if toks and self.up(toks[0]) == "NOT":
            toks = toks[1:]
        if len(toks) == 1 and self.is_name(toks[0]):
            k = toks[0]
            self.out.predicates.append(self._placed(Predicate("", self.text(k).lower(), "bool", self.t[k].pos,
                                                              clause, nested=self.t[k].depth > depth), depth))
        elif len(toks) == 3 and self.is_name(toks[0]) and self.text(toks[1]) == "." and self.is_name(toks[2]):
            k = toks[0]
            self.out.predicates.append(self._placed(Predicate(self.text(k).lower(), self.text(toks[2]).lower(),
                                                              "bool", self.t[k].pos, clause,
                                                              nested=self.t[k].depth > depth), depth))

    def _order_by(self, i: int) -> None:
        end = self._region_end(i, 0)
        item_start = i
        for k in range(i, end + 1):
            if k == end or (self.text(k) == "," and self.t[k].depth == 0):
                col = self._item_column(item_start, k)
                if col is not None:
                    self.out.order_by.append(col)
                elif self._random_item(item_start, k):
                    self.out.random_order_pos = self.t[item_start].pos
                item_start = k + 1

    def _random_item(self, start: int, end: int) -> bool:
        """`random()` / `rand()` as a whole ORDER BY item: the rows are shuffled, not sorted by a key."""
        toks = [self.text(k) for k in range(start, end)]
        return len(toks) == 3 and self.up(start) in ("RANDOM", "RAND") and toks[1:] == ["(", ")"]

    def _item_column(self, start: int, end: int) -> ColumnRef | None:
        toks = [k for k in range(start, end) if self.up(k) not in ("ASC", "DESC", "NULLS", "FIRST", "LAST")]
        if len(toks) == 1 and self.is_name(toks[0]):
            return ColumnRef("", self.text(toks[0]).lower(), self.t[toks[0]].pos)
        if len(toks) == 3 and self.is_name(toks[0]) and self.text(toks[1]) == "." and self.is_name(toks[2]):
            return ColumnRef(self.text(toks[0]).lower(), self.text(toks[2]).lower(), self.t[toks[0]].pos)
        return None

    def _top_level(self) -> None:
        out = self.out
        select_at = -1
        for i, tok in enumerate(self.t):
            if tok.depth != 0 or tok.kind != "word":
                continue
            word = tok.upper
            if word == "SELECT" and select_at < 0:
                select_at = i
            elif word in ("LIMIT", "FETCH"):
                out.limit = out.limit or not (word == "LIMIT" and self.up(i + 1) == "ALL")
            elif word == "OFFSET" and self.text(i + 1) not in ("", "0"):
                out.offset_pos = tok.pos
            elif word == "GROUP" and self.up(i + 1) == "BY":
                out.group_by = True
            elif word == "FOR" and self.up(i + 1) in ("UPDATE", "SHARE", "NO", "KEY"):
                out.for_update = True
        if select_at >= 0 and out.kind == "select":
            self._select_list(select_at + 1)

    def _select_list(self, i: int) -> None:
        out = self.out
        if self.up(i) == "DISTINCT":
            out.distinct = True
            i += 1
            if self.up(i) == "ON" and self.text(i + 1) == "(":
                i = self.close_of(i + 1) + 1
        elif self.up(i) == "ALL":
            i += 1
        items: list[list[int]] = [[]]
        while i < self.n:
            tok = self.t[i]
            if tok.depth == 0 and (tok.upper in ("FROM", "INTO", "WHERE", "GROUP", "ORDER", "LIMIT", "UNION")
                                   and tok.kind == "word"):
                break
            if tok.depth == 0 and tok.text == ",":
                items.append([])
            else:
                items[-1].append(i)
            i += 1
        for item in items:
            if len(item) == 1 and self.text(item[0]) == "*":
                out.star_pos = self.t[item[0]].pos
            elif len(item) == 3 and self.text(item[2]) == "*" and self.text(item[1]) == ".":
                out.star_pos = self.t[item[0]].pos
        if items and all(item and self.up(item[0]) in AGGREGATES and self.text(item[0] + 1) == "(" for item in items):
            out.aggregate_only = not out.group_by

    # ----- DDL ---------------------------------------------------------------------------
    def _create(self) -> None:
        i = 1
        unique = False
        while self.up(i) in ("OR", "REPLACE", "TEMP", "TEMPORARY", "UNLOGGED", "GLOBAL", "LOCAL", "UNIQUE"):
            unique = unique or self.up(i) == "UNIQUE"
            i += 1
        if self.up(i) == "TABLE":
            self.out.kind = "create_table"
            self._create_table(i + 1)
        elif self.up(i) == "INDEX":
            self.out.kind = "create_index"
            self._create_index(i + 1, unique)

    def _skip_if_not_exists(self, i: int) -> int:
        if self.up(i) == "IF" and self.up(i + 1) == "NOT" and self.up(i + 2) == "EXISTS":
            return i + 3
        if self.up(i) == "IF" and self.up(i + 1) == "EXISTS":
            return i + 2
        return i

    def _create_table(self, i: int) -> None:
        i = self._skip_if_not_exists(i)
        if not self.is_word(i):
            return
        name, i = self.dotted_at(i)
        table = TableDDL(normalise_table(name))
        self.out.ddl_tables.append(table)
        self.out.main_table = table.name
        if self.text(i) != "(":
            return
        close = self.close_of(i)
        for start, end in self._elements(i + 1, close):
            self._table_element(table, start, end)

    def _elements(self, start: int, end: int) -> list[tuple[int, int]]:
        depth = self.t[start].depth if start < self.n else 0
        parts, item = [], start
        for k in range(start, end + 1):
            if k == end or (self.text(k) == "," and self.t[k].depth == depth):
                if k > item:
                    parts.append((item, k))
                item = k + 1
        return parts

    def _names_in_parens(self, i: int) -> tuple[tuple[str, ...], int]:
        if self.text(i) != "(":
            return (), i
        close = self.close_of(i)
        names = tuple(self.text(k).lower() for k in range(i + 1, close)
                      if (self.is_name(k) or self.t[k].kind == "word") and self.t[k].depth == self.t[i].depth + 1
                      and self.text(k - 1) in ("(", ","))
        return names, close + 1

    def _table_element(self, table: TableDDL, start: int, end: int) -> None:
        i = start
        if self.up(i) == "CONSTRAINT":
            i += 2
        word = self.up(i)
        pos = self.t[start].pos
        if word == "PRIMARY" and self.up(i + 1) == "KEY":
            cols, _ = self._names_in_parens(i + 2)
            table.keys.append(("primary", cols, pos))
        elif word == "UNIQUE":
            j = i + 1
            if self.up(j) == "NULLS":
                j += 3 if self.up(j + 1) == "NOT" else 2
            cols, _ = self._names_in_parens(j)
            table.keys.append(("unique", cols, pos))
        elif word == "LIKE":
            name, j = self.dotted_at(i + 1)
            table.like = normalise_table(name)
            rest = {self.up(k) for k in range(j, end)}
            table.like_indexes = "INCLUDING" in rest and ("INDEXES" in rest or "ALL" in rest)
        elif word in ("FOREIGN", "CHECK", "EXCLUDE"):
            return
        elif self.is_name(i) or self.t[i].kind == "word":
            column = self.text(i).lower()
            table.columns.setdefault(column, pos)
            table.column_types[column] = self.up(i + 1) if i + 1 < end else ""
            for k in range(i + 1, end):
                if self.t[k].depth != self.t[i].depth:
                    continue
                if self.up(k) == "PRIMARY" and self.up(k + 1) == "KEY":
                    table.keys.append(("primary", (column,), pos))
                elif self.up(k) == "UNIQUE":
                    table.keys.append(("unique", (column,), pos))
                elif self.up(k) == "REFERENCES" and k + 1 < end:
                    ref, _ = self.dotted_at(k + 1)
                    table.references.append((column, normalise_table(ref), pos))

    def _create_index(self, i: int, unique: bool) -> None:
        if self.up(i) == "CONCURRENTLY":
            i += 1
        i = self._skip_if_not_exists(i)
        name = ""
        if self.up(i) != "ON":
            name = self.text(i)
            i += 1
        if self.up(i) != "ON":
            return
        i += 1
        if self.up(i) == "ONLY":
            i += 1
        table_name, i = self.dotted_at(i)
        method = ""
        if self.up(i) == "USING":
            method = self.text(i + 1).lower()
            i += 2
        if self.text(i) != "(":
            return
        close = self.close_of(i)
        columns = tuple(self._index_element(s, e) for s, e in self._elements(i + 1, close))
        partial = any(self.up(k) == "WHERE" and self.t[k].depth == 0 for k in range(close, self.n))
        self.out.main_table = normalise_table(table_name)
        self.out.ddl_indexes.append(IndexDDL(name, normalise_table(table_name), columns, unique, partial,
                                             self.t[0].pos, method))

    def _index_element(self, start: int, end: int) -> str:
        if self.text(start) == "(":
            inner = self._first_column(start + 1, self.close_of(start))
            return f"({inner[1].lower()})" if inner else "(expr)"
        if self.is_name(start) and self.text(start + 1) == "(":
            inner = self._first_column(start + 2, self.close_of(start + 1))
            return f"{self.text(start).lower()}({inner[1].lower() if inner else ''})"
        return self.text(start).lower()

    def _alter_table(self) -> None:
        i = self._skip_if_not_exists(2)
        if self.up(i) == "ONLY":
            i += 1
        if i >= self.n:
            return
        name, i = self.dotted_at(i)
        table = normalise_table(name)
        self.out.main_table = table
        for start, end in self._elements(i, self.n):
            k = start
            if self.up(k) != "ADD":
                continue
            k += 1
            if self.up(k) == "CONSTRAINT":
                k += 2
            pos = self.t[start].pos
            if self.up(k) == "PRIMARY" and self.up(k + 1) == "KEY":
                cols, _ = self._names_in_parens(k + 2)
                self.out.ddl_indexes.append(IndexDDL("", table, cols, True, False, pos, kind="primary"))
            elif self.up(k) == "UNIQUE":
                cols, _ = self._names_in_parens(k + 1)
                self.out.ddl_indexes.append(IndexDDL("", table, cols, True, False, pos, kind="unique"))
            elif self.up(k) == "COLUMN" or self.is_name(k):
                k += 1 if self.up(k) == "COLUMN" else 0
                k = self._skip_if_not_exists(k)
                column = self.text(k).lower()
                words = {self.up(x) for x in range(k + 1, end)}
                if "PRIMARY" in words:
                    self.out.ddl_indexes.append(IndexDDL("", table, (column,), True, False, pos, kind="primary"))
                elif "UNIQUE" in words:
                    self.out.ddl_indexes.append(IndexDDL("", table, (column,), True, False, pos, kind="unique"))
