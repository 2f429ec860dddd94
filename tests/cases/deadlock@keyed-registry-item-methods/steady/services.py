from steady.coordination import locks


async def assign(order_id: int, courier_id: int, repo) -> None:
    async with locks.order(order_id):
        async with locks.courier(courier_id):
            await repo.assign(order_id, courier_id)


async def unassign(order_id: int, courier_id: int, repo) -> None:
    async with locks.order(order_id):
        async with locks.courier(courier_id):
            await repo.unassign(order_id, courier_id)


async def archive(order_id: int, repo) -> None:
    async with locks.get(f"order:{order_id}"):
        await repo.archive(order_id)
