from functools import wraps
from typing import Any, Awaitable, Callable, Concatenate, ParamSpec, TypeVar

import httpx

P = ParamSpec("P")
R = TypeVar("R")


def ledger_client() -> httpx.AsyncClient:
    return httpx.AsyncClient(base_url="http://ledger", timeout=5)


def with_ledger(
    func: Callable[Concatenate[httpx.AsyncClient, P], Awaitable[R]],
) -> Callable[P, Awaitable[R]]:
    """Supplies the ledger client as the first argument."""

    @wraps(func)
    async def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        return await func(ledger_client(), *args, **kwargs)

    return wrapper


@with_ledger
async def post_charge(client: httpx.AsyncClient, account: str, cents: int, memo: str = "") -> Any:
    response = await client.post(f"/accounts/{account}/charges", json={"cents": cents, "memo": memo})
    return response.json()


@with_ledger
async def read_balance(client: httpx.AsyncClient, account: str) -> int:
    response = await client.get(f"/accounts/{account}/balance")
    return response.json()["cents"]
