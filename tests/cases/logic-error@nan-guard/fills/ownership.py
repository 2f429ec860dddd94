"""Who may amend an order."""
from __future__ import annotations


class AmendRejected(Exception):
    pass


def check_owner(order, request) -> None:
    if order.account_id != order.account_id:  # expect: logic-error
        raise AmendRejected("order belongs to another account")


def same_venue(order, route) -> str:
    return "direct" if order.venue == order.venue else "smart-routed"  # expect: logic-error
