from fastapi import FastAPI

from app.ws import chat, feeds, orders

app = FastAPI()
app.include_router(chat.router)
app.include_router(feeds.router)
app.include_router(orders.router)
