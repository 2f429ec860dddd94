from app.models.order import *  # expect: import-organization


def label(order: Order) -> str:
    return f"{order.id}:{order.symbol}"
