"""Login, registration and API-key derivation."""
import asyncio
import hashlib

from fastapi import APIRouter, HTTPException

from app import security

router = APIRouter(prefix="/auth")
USERS: dict[str, str] = {}


@router.post("/login")
async def login(email: str, password: str) -> dict:
    hashed = USERS.get(security.normalise_email(email))
    if hashed is None or not security.verify_password(password, hashed):  # expect: blocking-cpu-in-async
        raise HTTPException(401, "invalid credentials")
    return {"ok": True}


@router.post("/register")
async def register(email: str, password: str) -> dict:
    hashed = await asyncio.to_thread(security.hash_password, password)
    USERS[security.normalise_email(email)] = hashed.decode()
    return {"ok": True}


@router.post("/password")
def change_password(email: str, password: str) -> dict:
    USERS[security.normalise_email(email)] = security.hash_password(password).decode()
    return {"ok": True}


@router.get("/fingerprint")
async def fingerprint(token: str) -> dict:
    digest = hashlib.pbkdf2_hmac("sha256", token.encode(), b"fingerprint", 1000)
    return {"fingerprint": digest.hex()}


@router.post("/api-key")
async def derive_api_key(secret: str) -> dict:
    key = hashlib.pbkdf2_hmac("sha256", secret.encode(), b"api-key", 600_000)  # expect: blocking-cpu-in-async
    return {"key": key.hex()}
