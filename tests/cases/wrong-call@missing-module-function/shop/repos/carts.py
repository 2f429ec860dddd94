class CartNotFound(Exception):
    pass


async def load_cart(pool, cart_id: int) -> dict:
    row = await pool.fetchrow("SELECT * FROM carts WHERE id = $1", cart_id)
    if row is None:
        raise CartNotFound(cart_id)
    return dict(row)


async def purge_expired_carts(pool, older_than_days: int) -> int:
    status = await pool.execute("DELETE FROM carts WHERE updated_at < now() - $1 * interval '1 day'", older_than_days)
    return int(status.split()[-1])
