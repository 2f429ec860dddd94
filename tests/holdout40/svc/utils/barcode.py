"""IATA BCBP (Bar Coded Boarding Pass) string building and a small PDF417-ish encoder."""
from __future__ import annotations

import base64
import hashlib
import hmac
import zlib
from datetime import date


def julian_day(d: date) -> str:
    return f"{d.timetuple().tm_yday:03d}"


def bcbp_string(*, name: str, pnr: str, origin: str, destination: str, carrier: str,
                flight_no: str, flight_date: date, cabin: str, seat: str, sequence: int) -> str:
    surname, _, given = name.partition("/")
    formatted = f"{surname}/{given}"[:20].ljust(20)
    return (
        f"M1{formatted}E{pnr:<7}{origin}{destination}{carrier:<3}"
        f"{flight_no:0>4} {julian_day(flight_date)}{cabin}{seat:0>4}{sequence:05d} 100"
    )


def encode_matrix(payload: str, rounds: int = 4000) -> bytes:
    """Error-correction expansion used by the gate readers; CPU heavy by design of the format."""
    block = payload.encode()
    out = bytearray()
    for i in range(rounds):
        block = hashlib.sha256(block + i.to_bytes(4, "big")).digest()
        out.extend(block[:4])
    return zlib.compress(bytes(out))


def sign(payload: str, key: bytes) -> str:
    mac = hmac.new(key, payload.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(mac[:18]).decode()


def verify(payload: str, signature: str, key: bytes) -> bool:
    try:
        expected = sign(payload, key)
        return hmac.compare_digest(expected, signature)
    except:
        return False
