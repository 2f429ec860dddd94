"""Contract rows and their status transitions."""
import asyncpg


class Conflict(Exception):
    pass


class ContractRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def sign(self, contract_id: int) -> None:
        async with self._pool.acquire() as conn:
            status = await conn.fetchval("SELECT status FROM contracts WHERE id = $1", contract_id)
            if status == "signed":  # expect: race-condition
                raise Conflict("already signed")
            await conn.execute("UPDATE contracts SET status = 'signed', signed_at = now() WHERE id = $1", contract_id)

    async def void(self, contract_id: int) -> None:
        async with self._pool.acquire() as conn:
            row = await conn.fetchrow("SELECT id, status, owner_id FROM contracts WHERE id = $1", contract_id)
            if row["status"] not in ("draft", "sent"):  # expect: race-condition
                raise Conflict("only open contracts can be voided")
            await conn.execute(
                "UPDATE contracts SET status = 'void', voided_at = now() WHERE id = $1",
                contract_id,
            )

    async def approve(self, contract_id: int) -> None:
        """The UPDATE re-tests the state: a concurrent approval matches no row."""
        async with self._pool.acquire() as conn:
            status = await conn.fetchval("SELECT status FROM contracts WHERE id = $1", contract_id)
            if status != "sent":
                raise Conflict("not awaiting approval")
            moved = await conn.fetchval(
                "UPDATE contracts SET status = 'approved' WHERE id = $1 AND status = 'sent' RETURNING id",
                contract_id,
            )
            if moved is None:
                raise Conflict("approved concurrently")

    async def archive(self, contract_id: int) -> None:
        """The row is locked for the transaction: the check cannot go stale."""
        async with self._pool.acquire() as conn, conn.transaction():
            status = await conn.fetchval("SELECT status FROM contracts WHERE id = $1 FOR UPDATE", contract_id)
            if status == "archived":
                raise Conflict("already archived")
            await conn.execute("UPDATE contracts SET status = 'archived' WHERE id = $1", contract_id)

    async def retitle(self, contract_id: int, user_id: int, title: str) -> None:
        """An ownership check, not a state: the owner does not change under the request."""
        async with self._pool.acquire() as conn:
            row = await conn.fetchrow("SELECT owner_id FROM contracts WHERE id = $1", contract_id)
            if row is None or row["owner_id"] != user_id:
                raise Conflict("not yours")
            await conn.execute("UPDATE contracts SET title = $2 WHERE id = $1", contract_id, title)

    async def mark_viewed(self, contract_id: int) -> None:
        """The state gates a timestamp, not the state itself: repeating it is harmless."""
        async with self._pool.acquire() as conn:
            status = await conn.fetchval("SELECT status FROM contracts WHERE id = $1", contract_id)
            if status == "void":
                raise Conflict("void contracts cannot be viewed")
            await conn.execute("UPDATE contracts SET last_viewed_at = now() WHERE id = $1", contract_id)

    async def send(self, contract_id: int) -> None:
        """One statement moves the state and reports whether it did."""
        async with self._pool.acquire() as conn:
            done = await conn.execute(
                "UPDATE contracts SET status = 'sent' WHERE id = $1 AND status = 'draft'", contract_id)
            if done == "UPDATE 0":
                raise Conflict("not a draft")
