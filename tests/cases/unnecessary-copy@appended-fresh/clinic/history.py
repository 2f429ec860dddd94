from __future__ import annotations

import copy


async def timeline(visits: list, vaccinations: list) -> list[dict]:
    entries: list[dict] = []
    for v in visits:
        entries.append({"kind": "visit", "at": v.at, "reason": v.reason})
    for v in vaccinations:
        entries.append({"kind": "vaccination", "at": v.at, "vaccine": v.vaccine})
    snapshot = copy.deepcopy(entries)  # expect: unnecessary-copy
    snapshot.sort(key=lambda e: e["at"], reverse=True)
    return snapshot


async def shared_timeline(visits: list, extra: list[dict]) -> list[dict]:
    # look-alike: items the caller holds were appended, so the copy keeps them apart
    entries: list[dict] = []
    for v in visits:
        entries.append({"kind": "visit", "at": v.at})
    for item in extra:
        entries.append(item)
    snapshot = copy.deepcopy(entries)
    for entry in snapshot:
        entry["at"] = entry["at"].isoformat()
    return snapshot


async def kept_timeline(visits: list) -> tuple[list[dict], list[dict]]:
    # look-alike: the original is still used after the copy
    entries: list[dict] = []
    for v in visits:
        entries.append({"kind": "visit", "at": v.at})
    snapshot = copy.deepcopy(entries)
    snapshot[0]["at"] = None
    return entries, snapshot
