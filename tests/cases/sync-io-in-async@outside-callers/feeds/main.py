from fastapi import FastAPI

from feeds.routes import router

app = FastAPI()
app.include_router(router)
