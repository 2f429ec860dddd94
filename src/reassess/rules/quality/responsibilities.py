"""Group functions or methods by what they are about, to propose how to split a class or module.

The subject of a method is the table its SQL touches first, else the noun of its
name (`get_open_orders` -> order), choosing among a name's nouns the one most
methods share. Methods with no subject (`__init__`, `close`, `ping`) are the shared
plumbing that stays behind.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

_TABLE = re.compile(r"\b(?:FROM|JOIN|INTO|UPDATE|TABLE)\s+(?:IF\s+(?:NOT\s+)?EXISTS\s+)?\"?([A-Za-z_][\w.]*)", re.I)
_CTE = re.compile(r"(?:\bWITH\s+(?:RECURSIVE\s+)?|,\s*)([A-Za-z_]\w*)\s+AS\s*\(", re.I)
_CAMEL = re.compile(r"[A-Z]+(?=[A-Z][a-z]|\d|\b)|[A-Z]?[a-z]+|\d+")
_SQL_WORDS = {"select", "lateral", "unnest", "only", "set", "values", "generate_series", "json_to_recordset"}
# Words that say what a function does or qualify the subject, never what it is about.
VERBS = frozenset("""
get set list create update delete remove add fetch find load save insert upsert count is has mark cancel close
open build make compute calculate check validate handle process send publish subscribe unsubscribe apply adjust
archive expire search autocomplete export import log record register ensure init start stop run ping parse format
to from sync refresh reset clear deactivate activate fill release reserve notify emit render read write bulk batch
try do on with by for of and or all new old active recent latest last first many one ids id page before after since
stale in at as the a an async sum total summary stats info details detail data raw map dict item items value values
lookup query exists require resolve prepare serialize deserialize convert collect
""".split())


def sql_tables(texts: list[str]) -> list[str]:
    """Tables named in SQL texts, in order of appearance, CTE names left out."""
    found: list[str] = []
    for text in texts:
        for table in _text_tables(text):
            if table not in found:
                found.append(table)
    return found


@lru_cache(maxsize=4096)
def _text_tables(text: str) -> tuple[str, ...]:
    """The tables of one SQL text, in order (memoised: a class's texts are read once per method
    and once for the whole class)."""
    ctes = {name.lower() for name in _CTE.findall(text)}
    tables = (name.split(".")[-1].lower() for name in _TABLE.findall(text))
    return tuple(table for table in tables if table not in ctes and table not in _SQL_WORDS)


def singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ses", "xes", "ches", "shes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        return word[:-1]
    return word


def name_words(name: str) -> list[str]:
    """Subject candidates of a function name: its nouns, singular, verbs and qualifiers left out."""
    words = []
    for part in name.strip("_").split("_"):
        for word in _CAMEL.findall(part) or [part]:
            word = singular(word.lower())
            if word and word not in VERBS and not word.isdigit() and word not in words:
                words.append(word)
    return words


@dataclass(frozen=True)
class Member:
    name: str
    tables: tuple[str, ...] = ()
    lines: int = 0


@dataclass
class Grouping:
    groups: dict[str, list[Member]]  # subject -> members, largest first
    single: list[Member]  # members with a subject no other member shares
    plumbing: list[Member]  # dunders and members with no subject at all (connection handling)


def group_by_subject(members: list[Member]) -> Grouping:
    """Members grouped by subject; see the module docstring."""
    candidates = {m.name: [singular(t) for t in m.tables] or name_words(m.name) for m in members}
    frequency = Counter(word for words in candidates.values() for word in set(words))
    groups: dict[str, list[Member]] = {}
    single: list[Member] = []
    plumbing: list[Member] = []
    for member in members:
        words = candidates[member.name]
        shared = [w for w in words if frequency[w] > 1]
        if member.name.startswith("__") or not words:
            plumbing.append(member)
        elif not shared:
            single.append(member)
        else:
            subject = max(shared, key=lambda w: (frequency[w], -shared.index(w)))
            groups.setdefault(subject, []).append(member)
    for subject in [s for s, items in groups.items() if len(items) < 2]:
        single.extend(groups.pop(subject))
    ordered = dict(sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0])))
    return Grouping(ordered, sorted(single, key=lambda m: m.name), sorted(plumbing, key=lambda m: m.name))


def camel(word: str) -> str:
    return "".join(part.capitalize() for part in re.split(r"[_\W]+", word) if part)
