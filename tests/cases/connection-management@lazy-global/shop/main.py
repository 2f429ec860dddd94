from fastapi import FastAPI

from shop.analytics import router

app = FastAPI()
app.include_router(router)
