from shop.guards import app_locks


async def reprice(user_id: int, store) -> None:
    async with app_locks.catalog:
        async with app_locks.for_user(user_id):  # expect: deadlock
            await store.reprice_cart(user_id)


async def refresh_catalog(store) -> None:
    async with app_locks.catalog:
        await store.reload()
