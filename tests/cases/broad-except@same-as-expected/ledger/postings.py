import asyncpg


class InsufficientFunds(Exception):
    pass


class TransferRejected(Exception):
    pass


async def move(pool: asyncpg.Pool, source: int, target: int, cents: int) -> None:
    async with pool.acquire() as conn:
        try:
            await conn.execute("SELECT ledger_move($1, $2, $3)", source, target, cents)
        except asyncpg.CheckViolationError:
            raise TransferRejected("insufficient funds")
        except BaseException:  # expect: broad-except
            raise TransferRejected("insufficient funds")


async def move_with_cause(pool: asyncpg.Pool, source: int, target: int, cents: int) -> None:
    """Look-alike: the catch-all raises a distinct error and chains the cause."""
    async with pool.acquire() as conn:
        try:
            await conn.execute("SELECT ledger_move($1, $2, $3)", source, target, cents)
        except asyncpg.CheckViolationError:
            raise TransferRejected("insufficient funds")
        except Exception as exc:
            raise RuntimeError("ledger unavailable") from exc


def parse_amount(text: str) -> int:
    """Look-alike: nothing awaited; only bad input fails here."""
    try:
        return int(text)
    except ValueError:
        raise InsufficientFunds("bad amount")
    except Exception:
        raise InsufficientFunds("bad amount")
