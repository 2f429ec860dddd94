from decimal import Decimal


async def recent_orders(repo, customer_id: int) -> list[dict]:
    orders = await repo.orders_of(customer_id)
    reversed(orders)  # expect: logic-error
    return [o.summary() for o in orders[:20]]


def settle(amount: float, fee: float) -> float:
    total = amount - fee
    round(total, 2)  # expect: logic-error
    return total


async def ranked(repo, board_id: int) -> list[str]:
    scores = list(await repo.scores(board_id))
    sorted(scores, key=lambda s: s.points, reverse=True)  # expect: logic-error
    return [s.player for s in scores]


async def ranked_right(repo, board_id: int) -> list[str]:
    scores = sorted(await repo.scores(board_id), key=lambda s: s.points, reverse=True)
    scores.sort(key=lambda s: s.player)
    return [s.player for s in scores]
