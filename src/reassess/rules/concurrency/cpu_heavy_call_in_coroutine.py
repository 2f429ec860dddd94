"""RA302 blocking-cpu-in-async: a coroutine reaches CPU-heavy work, directly or through sync helpers."""
from __future__ import annotations

from ...knowledge.blocking import Blocking, cpu_heavy
from ..api import register
from ._blocking import Boundary
from ._entries import EntryIndex
from .blocking_call_in_coroutine import BlockingCallInCoroutine


@register
class CpuHeavyCallInCoroutine(BlockingCallInCoroutine):
    """A coroutine that runs CPU-heavy work on the event loop: password hashing and key
    derivation (bcrypt, passlib, argon2, hashlib.pbkdf2_hmac/scrypt), key generation,
    data frames (pandas readers, merges, group-bys), image and document processing.

    What it finds:
        Calls of those functions made in an `async def`, or in sync helpers it calls, that
        are not handed to `asyncio.to_thread`, `loop.run_in_executor` or `run_in_threadpool`.
        The finding sits on the coroutine's call and lists the hops down to the heavy call.
        Sync `def` endpoints (FastAPI's threadpool) and startup-only code are not reported.

    Why it matters:
        A bcrypt check costs 100-300 ms of CPU by design, a data-frame pass over request data
        can cost seconds. For that long the event loop serves nothing else: every request,
        websocket and background task of the process waits, and a burst of logins serialises.

    Example:
        @router.post("/login")
        async def login(form: LoginForm):
            user = await users.get(form.email)
            if not pwd_context.verify(form.password, user.password_hash):
                raise HTTPException(401)

    Instead:
        Run it in a worker thread (bcrypt and hashlib release the GIL), or a process pool:

            ok = await asyncio.to_thread(pwd_context.verify, form.password, user.password_hash)
    """

    id = "RA302"
    name = "cpu-heavy-call-in-coroutine"
    category = "blocking-cpu-in-async"
    severity = "HIGH"
    examined_key = "coroutines reaching CPU-heavy calls"

    def classify(self, name: str) -> Blocking | None:
        return cpu_heavy(name)

    def configured(self, name: str) -> Blocking | None:
        return None

    @staticmethod
    def _severity(index: EntryIndex, boundary: Boundary) -> str:
        heavy = boundary.seed.blocking.label in ("password hashing", "a key-derivation function", "key generation")
        return "HIGH" if heavy and index.is_serving(boundary.function) else "MEDIUM"
