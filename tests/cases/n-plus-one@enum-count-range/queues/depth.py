"""Queue depths across the priority lanes of a redis-backed task queue."""
from enum import IntEnum

from redis import Redis

LANE_SEP = "\x06\x16"


class Lane(IntEnum):
    URGENT = 0
    NORMAL = 1
    BULK = 2


def lane_key(queue: str, lane: int) -> str:
    return queue if lane == 0 else f"{queue}{LANE_SEP}{lane}"


def queue_depth(queue: str, r: Redis) -> int:
    total = 0
    # look-alike: one LLEN per lane, and the lanes are the members of an Enum (fixed)
    for lane in range(len(Lane)):
        total += int(r.llen(lane_key(queue, lane)))
    return total


def depths(queues: list[str], r: Redis) -> dict[str, int]:
    out = {}
    for index in range(len(queues)):
        out[queues[index]] = int(r.llen(queues[index]))  # expect: n-plus-one
    return out
