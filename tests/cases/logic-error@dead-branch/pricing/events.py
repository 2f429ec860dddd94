REFUND_EVENTS = ("charge.refunded", "charge.dispute.lost")
OPEN_STATES = ["pending", "review"]  # a list: it may be changed at run time, so it proves nothing


async def handle(event: dict, order: dict, repo) -> None:
    kind = event["type"]
    if kind == "charge.succeeded" and order["status"] == "review":
        await repo.mark(order["id"], "paid")
    elif kind in REFUND_EVENTS and order["status"] != "refunded":
        await repo.mark(order["id"], "refunded")
    elif kind == "charge.refunded" and order["status"] == "paid":  # expect: logic-error
        await repo.unrank(order["id"])
    elif kind == "charge.failed":
        await repo.mark(order["id"], "failed")


async def handle_ordered(event: dict, order: dict, repo) -> None:
    # look-alike: the later test accepts a status the earlier one rejects
    kind = event["type"]
    if kind in REFUND_EVENTS and order["status"] != "refunded":
        await repo.mark(order["id"], "refunded")
    elif kind == "charge.refunded" and order["status"] == "refunded":
        await repo.note(order["id"], "already refunded")
    elif kind in ("charge.failed", "charge.expired") and order["status"] in OPEN_STATES:
        await repo.mark(order["id"], "failed")
    elif kind == "charge.failed" and order["status"] == "pending":
        await repo.note(order["id"], "list constant")
    elif kind == "charge.failed" and order["status"] == "paid":
        await repo.note(order["id"], "late failure")


def bucket(code: str, retries: int) -> str:
    if code in ("E1", "E2") and retries > 3:
        return "give-up"
    elif code == "E1" and retries > 5:  # expect: logic-error
        return "never"
    elif code == "E3" and retries > 5:
        return "other code"
    elif code == "E1" and retries >= 3:
        return "three is not above three"
    return "retry"
