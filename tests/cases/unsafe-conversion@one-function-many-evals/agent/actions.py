"""Parse the coordinates a vision model writes into its reply."""
import ast


def parse_click(reply: dict) -> tuple[float, float]:
    box = str(reply.get("box", "[0, 0, 0, 0]"))
    x1, y1, x2, y2 = eval(box)  # expect: unsafe-conversion
    return (x1 + x2) / 2, (y1 + y2) / 2


def parse_drag(reply: dict) -> tuple[tuple[float, float], tuple[float, float]]:
    start, end = reply.get("start"), reply.get("end")
    sx1, sy1, sx2, sy2 = eval(start)  # expect: unsafe-conversion
    ex1, ey1, ex2, ey2 = eval(end)
    if reply.get("snap"):
        ex1, ey1, ex2, ey2 = eval(reply["snap"])
    return ((sx1 + sx2) / 2, (sy1 + sy2) / 2), ((ex1 + ex2) / 2, (ey1 + ey2) / 2)


def parse_drag_safely(reply: dict) -> tuple[float, float, float, float]:
    start, end = reply.get("start"), reply.get("end")
    sx1, sy1, _, _ = ast.literal_eval(start)
    ex1, ey1, _, _ = ast.literal_eval(end)
    return sx1, sy1, ex1, ey1
