"""Voucher checks for the kiosk."""
from __future__ import annotations

from dataclasses import dataclass


class VoucherRejected(Exception):
    pass


@dataclass
class Voucher:
    code: str
    remaining_uses: int | None
    owner: "Owner | None" = None


@dataclass
class Owner:
    blocked: bool


def check_voucher(voucher: Voucher) -> None:
    if voucher.remaining_uses is not None or voucher.remaining_uses < 1:  # expect: logic-error
        raise VoucherRejected("voucher used up")


def check_owner(voucher: Voucher) -> bool:
    owner = voucher.owner
    return owner is None and owner.blocked  # expect: logic-error


def uses_left(voucher: Voucher) -> bool:
    # correct: unlimited vouchers (None) pass, counted ones need a use left
    return voucher.remaining_uses is None or voucher.remaining_uses > 0


def owner_blocked(voucher: Voucher) -> bool:
    # correct: the attribute is read only once the owner is known
    return voucher.owner is not None and voucher.owner.blocked


def label(voucher: Voucher) -> str:
    # correct: the second operand does not need the guarded value
    return voucher.owner is not None or voucher.code == "" and "anonymous" or "named"
