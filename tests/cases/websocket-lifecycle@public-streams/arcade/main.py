from fastapi import FastAPI

from arcade import routes

app = FastAPI()
app.include_router(routes.router)
