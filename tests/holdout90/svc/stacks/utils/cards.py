from __future__ import annotations

import functools
import hashlib
import hmac


def luhn_ok(card_number: str) -> bool:
    digits = [int(c) for c in card_number if c.isdigit()]
    checksum = 0
    for i, digit in enumerate(reversed(digits)):
        if i % 2 == 1:
            digit *= 2
            if digit > 9:
                digit -= 9
        checksum += digit
    return checksum % 10 == 0


@functools.lru_cache(maxsize=256)
def branch_prefix(card_number: str) -> str:
    return card_number[:5]


@functools.lru_cache(maxsize=None)
def normalise_card(raw: str) -> str:
    return "".join(c for c in raw if c.isdigit()).zfill(14)


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def sign_staff_token(secret: str, staff_id: str) -> str:
    mac = hmac.new(secret.encode(), staff_id.encode(), hashlib.sha256).hexdigest()
    return f"{staff_id}.{mac}"


def verify_staff_token(secret: str, token: str) -> str | None:
    staff_id, _, mac = token.partition(".")
    expected = hmac.new(secret.encode(), staff_id.encode(), hashlib.sha256).hexdigest()
    return staff_id if hmac.compare_digest(mac, expected) else None
