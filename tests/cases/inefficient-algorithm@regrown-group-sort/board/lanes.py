def lanes_by_owner(rows: list[dict]) -> dict[int, list[dict]]:
    lanes: dict[int, list[dict]] = {}
    for row in rows:
        lane = lanes.setdefault(row["owner"], [])
        lane.append(row)
        lane.sort(key=lambda r: r["due"])  # expect: inefficient-algorithm
    return lanes


def lanes_sorted_once(rows: list[dict]) -> dict[int, list[dict]]:
    # look-alike: each group sorted once after the loop
    lanes: dict[int, list[dict]] = {}
    for row in rows:
        lanes.setdefault(row["owner"], []).append(row)
    for lane in lanes.values():
        lane.sort(key=lambda r: r["due"])
    return lanes


def first_due(rows: list[dict]) -> list[dict]:
    # look-alike: the loop reads each group's order (its earliest item) on every pass
    lanes: dict[int, list[dict]] = {}
    heads = []
    for row in rows:
        lane = lanes.setdefault(row["owner"], [])
        lane.append(row)
        lane.sort(key=lambda r: r["due"])
        heads.append(lane[0])
    return heads
