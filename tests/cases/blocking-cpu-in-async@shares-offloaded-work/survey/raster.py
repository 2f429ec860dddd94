"""Raster work: pure Python per-pixel loops."""


def shade(grid: list[list[float]], height: int, width: int) -> list[list[int]]:
    out = [[0] * width for _ in range(height)]
    for y in range(height):
        for x in range(width):
            out[y][x] = 255 if grid[y][x] > 0.5 else 0
    return out


def tally(rows: list[list[str]]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for row in rows[:50]:
        for cell in row:
            counts[cell] = counts.get(cell, 0) + 1
    return counts


def label(name: str) -> str:
    return name.strip().title()


def full_render(grid: list[list[float]], name: str, rows: list[list[str]]) -> tuple[str, list[list[int]], dict]:
    """Run in the process pool."""
    return label(name), shade(grid, len(grid), len(grid[0])), tally(rows)


def thumbnail(grid: list[list[float]]) -> list[list[int]]:
    small = grid[::8]
    return shade(small, len(small), len(small[0]))


def caption(name: str, rows: list[list[str]]) -> str:
    return label(name) + f" ({len(tally(rows))} labels)"
