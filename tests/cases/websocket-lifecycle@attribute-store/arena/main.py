from fastapi import FastAPI

from arena.routes import router

app = FastAPI()
app.include_router(router)
