from __future__ import annotations

import heapq
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Candidate:
    bed_id: int
    ward_id: int
    room_is_shared: bool


@dataclass(frozen=True)
class PendingRequest:
    request_id: int
    priority: int  # 1 = most urgent
    requested_at: datetime
    target_ward_id: int | None
    needs_single_room: bool


def match_requests(requests: list[PendingRequest], beds: list[Candidate]) -> dict[int, int]:
    """Greedy match of pending requests (most urgent first) to ready beds."""
    ordered = sorted(requests, key=lambda r: (r.priority, r.requested_at))
    taken: list[Candidate] = []
    matches: dict[int, int] = {}
    for request in ordered:
        for bed in beds:
            if bed.bed_id in [t.bed_id for t in taken]:
                continue
            if request.target_ward_id is not None and bed.ward_id != request.target_ward_id:
                continue
            if request.needs_single_room and bed.room_is_shared:
                continue
            matches[request.request_id] = bed.bed_id
            taken.append(bed)
            break
    return matches


def next_requests(requests: list[PendingRequest], count: int) -> list[PendingRequest]:
    return heapq.nsmallest(count, requests, key=lambda r: (r.priority, r.requested_at))


def drain_in_priority_order(requests: list[PendingRequest]) -> list[int]:
    queue = list(requests)
    served: list[int] = []
    while queue:
        queue.sort(key=lambda r: (r.priority, r.requested_at))
        served.append(queue.pop(0).request_id)
    return served


def ward_lookup(beds: list[Candidate]) -> dict[int, list[Candidate]]:
    by_ward: dict[int, list[Candidate]] = {}
    for bed in beds:
        by_ward.setdefault(bed.ward_id, []).append(bed)
    return by_ward
