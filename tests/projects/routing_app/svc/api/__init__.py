from fastapi import APIRouter, Depends

from svc.api import orders, users
from svc.db import verify_token

api_router = APIRouter(prefix="/api", dependencies=[Depends(verify_token)])
api_router.include_router(orders.router)
api_router.include_router(users.router, prefix="/users")
