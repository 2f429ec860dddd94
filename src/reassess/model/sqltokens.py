"""SQL tokens: the one regular-expression tokenizer every statement reader works on, the
keyword sets that decide what a word is, and table-name normalising.

Kept apart from the readers so that the statement split and the rules that only look at
tokens (a requeue's `UPDATE ... SET`) never pull the whole parser in.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

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
CONTEXTUAL = {"ZONE": "TIME"}
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



def normalise_table(name: str) -> str:
    return name.strip('"`[]').split(".")[-1].strip('"`[]').lower()

