from shop.repos import carts


async def purge(pool, days: int) -> dict:
    removed = await carts.purge_expired(pool, days)  # expect: wrong-call
    return {"removed": removed}


async def show(pool, cart_id: int) -> dict:
    # look-alikes: functions and the exception class the module defines
    try:
        return await carts.load_cart(pool, cart_id)
    except carts.CartNotFound:
        return {}


async def purge_all(pool) -> int:
    return await carts.purge_expired_carts(pool, 0)


async def show_again(pool, cart_id: int) -> dict:
    # a misspelt name (not another function): reported as an undefined name
    return await carts.loadcart(pool, cart_id)  # expect: undefined-name
