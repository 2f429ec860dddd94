from fastapi import FastAPI

from feeds.live import router

app = FastAPI()
app.include_router(router)
