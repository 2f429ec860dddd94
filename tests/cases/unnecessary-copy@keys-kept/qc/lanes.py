"""Per-lane read statistics of a sequencing run."""
from __future__ import annotations

import copy
from functools import lru_cache


@lru_cache(maxsize=None)
def histogram(counts: tuple[int, ...], bins: int = 20) -> list[int]:
    top = max(counts, default=0) or 1
    hist = [0] * bins
    for c in counts:
        hist[min(bins - 1, int(c / top * bins))] += 1
    return hist


def summarize(run_id: str, lanes: dict[int, dict[str, list[int]]]) -> dict:
    data = copy.deepcopy(lanes)  # expect: unnecessary-copy
    report: dict = {"run_id": run_id, "lanes": {}, "low": []}
    for lane, per_sample in sorted(data.items()):
        totals = sorted(sum(tiles) for tiles in per_sample.values())
        counts = tuple(c for tiles in per_sample.values() for c in tiles)
        report["lanes"][lane] = {"reads": sum(totals), "histogram": histogram(counts)}
        for sample, tiles in per_sample.items():
            if sum(tiles) < 1000:
                report["low"].append({"lane": lane, "sample": sample})
    return report


def summarize_tiles(run_id: str, lanes: dict[int, dict[str, list[int]]]) -> dict:
    # correct: the tile lists themselves go into the report the caller may change
    data = copy.deepcopy(lanes)
    report: dict = {"run_id": run_id, "tiles": {}}
    for lane, per_sample in data.items():
        for sample, tiles in per_sample.items():
            report["tiles"][(lane, sample)] = tiles
    return report
