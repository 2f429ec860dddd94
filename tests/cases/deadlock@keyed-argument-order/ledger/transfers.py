from ledger.locking import lock_table, wallet_lock


async def move_points(source: int, target: int, points: int, db) -> None:
    async with lock_table.acquire_key(f"acct:{source}"):
        async with lock_table.acquire_key(f"acct:{target}"):  # expect: deadlock
            await db.move(source, target, points)


async def move_points_ordered(source: int, target: int, points: int, db) -> None:
    low, high = sorted((source, target))
    async with lock_table.acquire_key(f"acct:{low}"):
        async with lock_table.acquire_key(f"acct:{high}"):
            await db.move(source, target, points)


async def tag_account(account: int, tag: str, db) -> None:
    async with lock_table.acquire_key(f"acct:{account}"):
        async with lock_table.acquire_key(f"tag:{tag}"):
            await db.tag(account, tag)


async def merge_wallets(keep: int, drop: int, db) -> None:
    async with wallet_lock(keep):
        async with wallet_lock(drop):  # expect: deadlock
            await db.merge(keep, drop)


async def top_up(wallet: int, amount: int, db) -> None:
    async with wallet_lock(wallet):
        await db.top_up(wallet, amount)
