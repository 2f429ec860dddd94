def area(boundary: dict) -> float:
    ring = boundary["coordinates"][0]
    return abs(sum(a[0] * b[1] - b[0] * a[1] for a, b in zip(ring, ring[1:]))) / 2


def center(boundary: dict) -> tuple[float, float]:
    ring = boundary["coordinates"][0]
    return sum(p[1] for p in ring) / len(ring), sum(p[0] for p in ring) / len(ring)
