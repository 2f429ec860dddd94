from fastapi import APIRouter

from . import admin, customers, health, inspections, reservations, search, vehicles

api_router = APIRouter()
for module in (health, search, reservations, vehicles, inspections, customers, admin):
    api_router.include_router(module.router)
