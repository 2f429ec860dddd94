"""Token-based clone detection over the whole project, computed once per run.

The worker stores each file's line fingerprints (`tokens.line_fingerprints`). Here
windows of `min_lines` consecutive line shapes are hashed into buckets; each bucket
with two or more windows seeds a candidate pair, which is extended both ways into a
maximal clone (tolerating a substitution of at most `MAX_GAP` lines when at least
`RESUME` matching lines follow). Clones are kept when they have `min_lines` lines,
`min_tokens` tokens and are not a trivially repetitive shape (a run of `x = y`,
literal rows, keyword-argument rows). A clone stays inside one top-level function,
method or module-level run on each side. Each seed is paired with the first window
of its bucket only, which keeps the work linear in the number of lines; overlapping
clones then form groups: one group is one block of code that exists in several places.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable
from weakref import WeakKeyDictionary

from .tokens import ROW, SIGNATURE

if TYPE_CHECKING:
    from ..model.project import ProjectModel

MAX_GAP = 2  # differing lines a clone may bridge
RESUME = 3  # matching lines needed after a gap


@dataclass(frozen=True, slots=True)
class Span:
    """A copy: physical lines start..end of a file; `first`..`last` index its code lines."""

    path: str
    start: int
    end: int
    first: int
    last: int

    def text(self) -> str:
        return f"{self.path}:{self.start}-{self.end}"


@dataclass(frozen=True, slots=True)
class Clone:
    a: Span
    b: Span
    lines: int  # matching code lines
    tokens: int
    gaps: int  # differing code lines bridged


@dataclass(slots=True)
class CloneGroup:
    """One block found in several places; copies sorted by (path, start)."""

    copies: list[Span]
    lines: int
    tokens: int
    pairs: list[Clone] = field(default_factory=list)

    @property
    def same_block(self) -> bool:
        """Every copy is one block of the same length: "the same N lines appear K times" holds.
        Otherwise overlapping pairs chained copies of different lengths into the group, and
        only "blocks of up to N lines" is true."""
        sizes = {c.lines + c.gaps for c in self.pairs}
        return len(sizes) == 1 and all(s.last - s.first + 1 in sizes for s in self.copies)


@dataclass(slots=True)
class CloneIndex:
    pairs: list[Clone]
    groups: list[CloneGroup]
    covered: dict[str, list[tuple[int, int]]]  # path -> merged duplicated line ranges


@dataclass(frozen=True, slots=True)
class _File:
    path: str
    numbers: list[int]
    ends: list[int]
    hashes: list[int]
    tokens: list[int]
    flags: list[int]
    units: list[int]


_CACHE: "WeakKeyDictionary[ProjectModel, dict[tuple[int, int], CloneIndex]]" = WeakKeyDictionary()


def find_clones(model: "ProjectModel", min_lines: int, min_tokens: int) -> CloneIndex:
    """All clones of the project (cached per model and thresholds)."""
    per_model = _CACHE.setdefault(model, {})
    key = (max(2, int(min_lines)), max(1, int(min_tokens)))
    if key not in per_model:
        files = _files(model)
        pairs = _clone_pairs(files, *key)
        per_model[key] = CloneIndex(pairs, _groups(pairs), _covered(pairs))
    return per_model[key]


def _files(model: "ProjectModel") -> list[_File]:
    files = []
    for path in sorted(model.by_path):
        dup = model.by_path[path].metrics.data.get("dup")
        if dup and dup.get("hashes"):
            files.append(_File(path, dup["lines"], dup["ends"], dup["hashes"], dup["tokens"], dup["flags"],
                               dup["units"]))
    return files


def varied(hashes: list[int], flags: list[int]) -> bool:
    """Not a trivially repetitive shape: at least 3 different line shapes, none on more than
    half of the lines, and at most half of the lines literal or argument rows."""
    size = len(hashes)
    shapes = set(hashes)
    if len(shapes) < min(3, size):
        return False
    if len(shapes) < size and 2 * max(map(hashes.count, shapes)) > size:
        return False
    return 2 * (flags.count(ROW) + flags.count(ROW | SIGNATURE)) <= size


def _clone_pairs(files: list[_File], k: int, min_tokens: int) -> list[Clone]:
    covered: dict[tuple[int, int, int], int] = {}  # (file a, file b, offset) -> last line of a's last run
    clones = []
    for (fa, i), (fb, j) in _candidates(files, k):
        key = (fa, fb, i - j)
        if covered.get(key, -1) >= i + k - 1:
            continue  # inside a run already found
        found = _extend(files[fa], files[fb], i, j, k)
        if found is None:
            continue
        covered[key] = found[1]
        start, end = _trim(files[fa], files[fb], *found, j - i)
        clone = _clone(files[fa], files[fb], start, end, j - i)
        if clone.tokens >= min_tokens and _substantial(files[fa], files[fb], start, end, j - i, k):
            clones.append(clone)
    clones.sort(key=lambda c: (-c.lines, c.a.path, c.a.start, c.b.path, c.b.start))
    return clones


def _candidates(files: list[_File], k: int) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """Seed pairs ((file, index), (file, index)), sorted: every window of `k` varied lines inside
    one unit, paired with the first window of the same shape (which keeps this linear)."""
    buckets: dict[int, list[tuple[int, int]]] = {}
    for index, file in enumerate(files):
        hashes, units = file.hashes, file.units
        for i in range(len(hashes) - k + 1):
            if units[i] != units[i + k - 1]:
                continue  # a copy never spans two top-level functions (see `_extend`)
            buckets.setdefault(hash(tuple(hashes[i:i + k])), []).append((index, i))
    candidates = []
    is_varied = _varied_windows(files, k)
    for entries in buckets.values():
        if len(entries) < 2:
            continue  # a shape seen once seeds nothing: most windows end here, untested
        entries = [entry for entry in entries if is_varied(entry)]
        if not entries:
            continue
        first, *others = entries
        candidates.extend((first, other) for other in others if other[0] != first[0] or other[1] - first[1] >= k)
    return sorted(candidates)


def _varied_windows(files: list[_File], k: int) -> Callable[[tuple[int, int]], bool]:
    """`varied` of the window at (file, index), answered once per distinct window (copied
    code repeats the same windows many times)."""
    seen: dict[tuple[tuple[int, ...], tuple[int, ...]], bool] = {}

    def test(entry: tuple[int, int]) -> bool:
        file, i = files[entry[0]], entry[1]
        key = (tuple(file.hashes[i:i + k]), tuple(file.flags[i:i + k]))
        if key not in seen:
            seen[key] = varied(file.hashes[i:i + k], file.flags[i:i + k])
        return seen[key]
    return test


def _extend(a: _File, b: _File, i: int, j: int, k: int) -> tuple[int, int] | None:
    """The maximal matching run through the seed (i in a, j in b), as code-line indexes of a.

    A run stays inside the top-level function (or method, or module-level code) of its seed
    on both sides: the end of one function and the start of the next are not one block to
    extract, and periodic generated code cannot grow runs across the whole file."""
    ha, hb, offset = a.hashes, b.hashes, j - i
    if ha[i:i + k] != hb[j:j + k] or b.units[j] != b.units[j + k - 1]:
        return None  # a hash-bucket collision, or a window that spans two functions in b
    cap = offset if a.path == b.path else len(ha)  # copies in one file must not overlap
    unit_a, unit_b = a.units[i], b.units[j]

    def same(x: int) -> bool:
        return (0 <= x < len(ha) and 0 <= x + offset < len(hb) and ha[x] == hb[x + offset]
                and a.units[x] == unit_a and b.units[x + offset] == unit_b)

    def step(x: int, direction: int) -> int:
        """How far the run can move past x (0 = stop), bridging a short gap."""
        if same(x):
            return 1
        for gap in range(1, MAX_GAP + 1):
            if all(same(x + direction * (gap + n)) for n in range(RESUME)):
                return gap + RESUME
        return 0

    first, last = i, i + k - 1
    while last - first + 1 < cap:
        moved = 1 if same(last + 1) else step(last + 1, 1)  # (the common case without a second call)
        if not moved or last + moved - first + 1 > cap:
            break
        last += moved
    while last - first + 1 < cap:
        moved = 1 if same(first - 1) else step(first - 1, -1)
        if not moved or last - (first - moved) + 1 > cap:
            break
        first -= moved
    return first, last


def _trim(a: _File, b: _File, first: int, last: int, offset: int) -> tuple[int, int]:
    """A run never starts or ends on a differing line."""
    while first < last and a.hashes[first] != b.hashes[first + offset]:
        first += 1
    while last > first and a.hashes[last] != b.hashes[last + offset]:
        last -= 1
    return first, last


def _clone(a: _File, b: _File, first: int, last: int, offset: int) -> Clone:
    span_a = Span(a.path, a.numbers[first], a.ends[last], first, last)
    span_b = Span(b.path, b.numbers[first + offset], b.ends[last + offset], first + offset, last + offset)
    matched = [x for x in range(first, last + 1) if a.hashes[x] == b.hashes[x + offset]]
    return Clone(span_a, span_b, len(matched), sum(a.tokens[x] for x in matched), last - first + 1 - len(matched))


def _substantial(a: _File, b: _File, first: int, last: int, offset: int, k: int) -> bool:
    """Varied, with at least `k` matching lines of statements (not decorators, signatures or rows)."""
    statements = sum(1 for x in range(first, last + 1) if not a.flags[x] and a.hashes[x] == b.hashes[x + offset])
    return statements >= k and varied(a.hashes[first:last + 1], a.flags[first:last + 1])


def _overlap(x: Span, y: Span) -> bool:
    """Same code: at least half of the shorter span shared."""
    shared = min(x.end, y.end) - max(x.start, y.start) + 1
    return shared > 0 and 2 * shared >= min(x.end - x.start, y.end - y.start) + 1


def _groups(pairs: list[Clone]) -> list[CloneGroup]:
    """Pairs sharing a copy (the same or mostly overlapping lines) form one group."""
    ids: dict[tuple[str, int, int], int] = {}
    spans: list[Span] = []
    for clone in pairs:
        for span in (clone.a, clone.b):
            if (span.path, span.start, span.end) not in ids:
                ids[(span.path, span.start, span.end)] = len(spans)
                spans.append(span)
    parent = list(range(len(spans)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(x: int, y: int) -> None:
        parent[find(x)] = find(y)

    def key(span: Span) -> int:
        return ids[(span.path, span.start, span.end)]

    for clone in pairs:
        union(key(clone.a), key(clone.b))
    active: list[int] = []
    for n in sorted(range(len(spans)), key=lambda n: (spans[n].path, spans[n].start, spans[n].end)):
        span = spans[n]
        active = [m for m in active if spans[m].path == span.path and spans[m].end >= span.start]
        for m in active:
            if _overlap(spans[m], span):
                union(m, n)
        active.append(n)
    members: dict[int, list[Clone]] = {}
    for clone in pairs:
        members.setdefault(find(key(clone.a)), []).append(clone)
    groups = []
    for group_pairs in members.values():
        copies = _merge_copies([span for clone in group_pairs for span in (clone.a, clone.b)])
        if len(copies) < 2:
            continue
        group_pairs.sort(key=lambda c: (-c.lines, c.a.path, c.a.start))
        groups.append(CloneGroup(copies, max(c.lines for c in group_pairs), max(c.tokens for c in group_pairs),
                                 group_pairs))
    groups.sort(key=lambda g: (-g.lines * (len(g.copies) - 1), g.copies[0].path, g.copies[0].start))
    return groups


def _merge_copies(spans: list[Span]) -> list[Span]:
    """Overlapping spans of one file are one copy."""
    merged: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.path, s.start, s.end)):
        if merged and merged[-1].path == span.path and span.start <= merged[-1].end:
            top = merged[-1]
            merged[-1] = Span(top.path, top.start, max(top.end, span.end), top.first, max(top.last, span.last))
        else:
            merged.append(span)
    return merged


def _covered(pairs: list[Clone]) -> dict[str, list[tuple[int, int]]]:
    ranges: dict[str, list[tuple[int, int]]] = {}
    for clone in pairs:
        for span in (clone.a, clone.b):
            ranges.setdefault(span.path, []).append((span.start, span.end))
    out = {}
    for path, items in sorted(ranges.items()):
        merged: list[tuple[int, int]] = []
        for start, end in sorted(items):
            if merged and start <= merged[-1][1] + 1:
                merged[-1] = (merged[-1][0], max(merged[-1][1], end))
            else:
                merged.append((start, end))
        out[path] = merged
    return out
