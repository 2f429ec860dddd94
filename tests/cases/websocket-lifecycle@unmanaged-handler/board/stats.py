"""Read models shown on the boards."""


async def board_totals(board_id: int) -> dict[str, int]:
    return {"board_id": board_id, "cards": 0}


async def sales_summary() -> list[dict[str, int]]:
    return []


async def ticker() -> dict[str, float]:
    return {"index": 1.0}
