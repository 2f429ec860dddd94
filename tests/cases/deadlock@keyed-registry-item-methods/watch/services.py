from watch.coordination import locks


async def track(product_id: int, user_id: int, repo) -> None:
    async with locks.product(product_id):
        async with locks.user(user_id):
            await repo.track(product_id, user_id)


async def notify(product_id: int, user_id: int, repo) -> None:
    async with locks.user(user_id):
        async with locks.product(product_id):  # expect: deadlock
            await repo.notify(product_id, user_id)
