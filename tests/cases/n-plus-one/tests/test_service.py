from app.db import Repo


async def test_products(repo: Repo) -> None:
    for product_id in (1, 2, 3, 4):
        assert await repo.get_product(product_id)
    ids = [1, 2, 3]
    for product_id in ids:
        assert await repo.get_product(product_id)
