from fastapi import FastAPI

from hooks.routes import router

app = FastAPI()
app.include_router(router)
