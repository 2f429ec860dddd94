"""Map tile rendering: pure Python pixel work."""


def rasterize(points: list[tuple[float, float]], size: int = 512) -> bytes:
    grid = bytearray(size * size)
    for x, y in points:
        for dx in range(-3, 4):
            for dy in range(-3, 4):
                px, py = int(x * size) + dx, int(y * size) + dy
                if 0 <= px < size and 0 <= py < size:
                    grid[py * size + px] = 255
    return bytes(grid)


def tile_name(z: int, x: int, y: int) -> str:
    return f"{z}/{x}/{y}.raw"


class RouteScorer:
    def score_all(self, routes: list[list[tuple[float, float]]]) -> list[float]:
        scores = []
        for route in routes:
            total = 0.0
            for (x1, y1), (x2, y2) in zip(route, route[1:]):
                total += ((x2 - x1) ** 2 + (y2 - y1) ** 2) ** 0.5
            scores.append(total)
        return scores


def rebuild_cache(points: list[tuple[float, float]]) -> bytes:
    """Run by the nightly CLI, in its own thread."""
    return rasterize(points)
