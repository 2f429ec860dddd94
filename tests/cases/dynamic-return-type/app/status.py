def order_status(order: dict) -> dict:  # expect: dynamic-return-type
    if order.get("cancelled"):
        return f"cancelled at {order['cancelled']}"
    return {"status": order["status"], "filled": order.get("filled", 0)}


def count_open(orders: list[dict]):
    if not orders:
        return 0
    return len([o for o in orders if o["open"]])


def as_json(order: dict) -> "OrderJSON":
    if not order:
        return "{}"
    return {"id": order["id"]}
