from __future__ import annotations

import hashlib
import hmac
import secrets

KI_ITERATIONS = 310_000


def iccid_fingerprint(iccid: str, pepper: str) -> str:
    digest = hashlib.pbkdf2_hmac("sha256", iccid.encode(), pepper.encode(), KI_ITERATIONS)
    return digest.hex()


def derive_activation_code(eid: str, iccid: str, pepper: str) -> str:
    digest = hashlib.pbkdf2_hmac("sha256", f"{eid}:{iccid}".encode(), pepper.encode(), KI_ITERATIONS)
    return "LPA:1$smdp.example.net$" + digest.hex()[:32].upper()


def verify_signature(secret: str, body: bytes, signature: str) -> bool:
    expected = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, signature)


def new_otp() -> str:
    return f"{secrets.randbelow(1_000_000):06d}"
