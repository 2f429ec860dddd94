import hashlib
import hmac

from gate.db import pool

SIGNING_KEY = b"k"


def verify_signature(code: str) -> str | None:
    body, _, mac = code.rpartition(".")
    good = hmac.new(SIGNING_KEY, body.encode(), hashlib.sha256).hexdigest()
    return body if hmac.compare_digest(good, mac) else None


class PassService:
    async def redeem(self, code: str, turnstile: str) -> bool:
        body = verify_signature(code)
        if body is None:
            return False
        async with pool().acquire() as conn:
            await conn.execute("UPDATE passes SET used_at = now(), turnstile = $2 WHERE code = $1", body, turnstile)
        return True
