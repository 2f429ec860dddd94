"""Persistence for the shop: one class that grew to hold every query."""
from __future__ import annotations


class ShopStore:  # expect: god-object
    def __init__(self, pool, timeout: float = 5.0) -> None:
        self.pool = pool
        self.timeout = timeout

    async def close(self) -> None:
        await self.pool.close()

    async def get_customer(self, customer_id: int):
        return await self.pool.fetchrow("SELECT * FROM customers WHERE id = $1", customer_id)

    async def find_customer_by_email(self, email: str):
        return await self.pool.fetchrow("SELECT * FROM customers WHERE email = $1", email)

    async def create_customer(self, email: str, name: str) -> int:
        return await self.pool.fetchval("INSERT INTO customers (email, name) VALUES ($1, $2) RETURNING id", email, name)

    async def get_order(self, order_id: int):
        return await self.pool.fetchrow("SELECT * FROM orders WHERE id = $1", order_id)

    async def list_orders(self, customer_id: int):
        return await self.pool.fetch("SELECT * FROM orders WHERE customer_id = $1", customer_id)

    async def cancel_order(self, order_id: int) -> None:
        await self.pool.execute("UPDATE orders SET status = 'cancelled' WHERE id = $1", order_id)

    async def get_product(self, product_id: int):
        return await self.pool.fetchrow("SELECT * FROM products WHERE id = $1", product_id)

    async def search_products(self, text: str):
        return await self.pool.fetch("SELECT * FROM products WHERE name ILIKE $1", f"%{text}%")

    async def update_product_stock(self, product_id: int, delta: int) -> None:
        await self.pool.execute("UPDATE products SET stock = stock + $2 WHERE id = $1", product_id, delta)

    async def add_review(self, product_id: int, customer_id: int, text: str) -> None:
        await self.pool.execute(
            "INSERT INTO reviews (product_id, customer_id, body) VALUES ($1, $2, $3)", product_id, customer_id, text
        )
