from shop.guards import app_locks


async def checkout(user_id: int, store) -> None:
    async with app_locks.for_user(user_id):
        async with app_locks.catalog:
            await store.place_order(user_id)


async def wishlist(user_id: int, store) -> None:
    async with app_locks.for_user(user_id):
        await store.save_wishlist(user_id)
