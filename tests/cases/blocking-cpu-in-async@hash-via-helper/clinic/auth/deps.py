"""FastAPI dependency: the API client presents a secret checked against its bcrypt hash."""
from fastapi import Header, HTTPException

from clinic.auth.hashing import check_api_secret

CLIENTS: dict[str, bytes] = {}


async def api_client(x_client_id: str = Header(...), x_client_secret: str = Header(...)) -> str:
    stored = CLIENTS.get(x_client_id)
    if stored is None or not check_api_secret(x_client_secret, stored):  # expect: blocking-cpu-in-async
        raise HTTPException(401, "unknown client")
    return x_client_id
