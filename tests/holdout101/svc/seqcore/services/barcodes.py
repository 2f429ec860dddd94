from __future__ import annotations

import itertools

from seqcore.schemas import SampleRowIn
from seqcore.utils.seq import combined_index, hamming, reverse_complement

MIN_DISTANCE = 3
MAX_POOL_SIZE = 384


class BarcodeService:
    def find_collisions(self, rows: list[SampleRowIn], min_distance: int = MIN_DISTANCE) -> list[tuple[str, str]]:
        problems: list[tuple[str, str]] = []
        duplicates = [r.sample_name for r in rows if [x.sample_name for x in rows].count(r.sample_name) > 1]
        problems.extend((name, name) for name in sorted(set(duplicates)))
        # Pairwise distance is the check itself; pools are capped at MAX_POOL_SIZE rows.
        for a, b in itertools.combinations(rows[:MAX_POOL_SIZE], 2):
            if hamming(combined_index(a.index_i7, a.index_i5), combined_index(b.index_i7, b.index_i5)) < min_distance:
                problems.append((a.sample_name, b.sample_name))
        return problems

    def i5_orientation(self, i5: str, workflow: str) -> str:
        # Forward-strand workflows (NovaSeq v1.5 reagents) read the reverse complement.
        return reverse_complement(i5) if workflow == "forward" else i5

    def suggest(self, existing: list[str], length: int = 8, count: int = 24) -> list[str]:
        existing = [e[:length] for e in existing]
        picked: list[str] = []
        for candidate in itertools.product("ACGT", repeat=length):
            seq = "".join(candidate)
            if seq.count("G") > length // 2:
                continue
            if all(hamming(seq, other) >= MIN_DISTANCE for other in existing + picked):
                picked.append(seq)
                if len(picked) == count:
                    break
        return picked
