"""Billing export lines, and partner groups kept in the directory."""
from decimal import Decimal, InvalidOperation

from .mapping import Member, to_member


def billing_rows(records: list[dict]) -> list[dict]:
    rows = []
    for record in records:
        try:
            cost = Decimal(record["cost"])
        except (KeyError, InvalidOperation):  # expect: swallowed-exception
            continue
        rows.append({"sku": record.get("sku"), "cost": cost})
    return rows


def group_members(raws: list[dict]) -> list[Member]:
    members = []
    for raw in raws:
        if raw.get("kind") == "group":
            try:
                members.append(to_member(raw))
            except (KeyError, ValueError):  # expect: swallowed-exception
                pass
    return members


def quantities(values: list[str]) -> list[int]:
    """Look-alike: plain values parsed, not records (no field looked up)."""
    out = []
    for value in values:
        try:
            number = int(value)
        except ValueError:
            continue
        out.append(number)
    return out


def members_with_rank(raws: list[dict]) -> list[Member]:
    """Look-alike: an optional field defaulted with `pass`; the item is still collected."""
    members = []
    for raw in raws:
        rank = 0
        try:
            rank = int(raw["rank"])
        except (KeyError, ValueError):
            pass
        if rank >= 0:
            members.append(to_member(raw))
    return members
