from fastapi import FastAPI

from shop.errors import ShopError, shop_error
from shop.routes import carts, orders

app = FastAPI()
app.add_exception_handler(ShopError, shop_error)
app.include_router(orders.router)
app.include_router(carts.router)
