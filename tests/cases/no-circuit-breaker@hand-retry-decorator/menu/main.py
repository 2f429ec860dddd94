"""Menu API: one route per dependency."""
from fastapi import FastAPI

from menu.clients import AllergenClient, KitchenClient

app = FastAPI()
kitchen = KitchenClient("http://kitchen")
allergens = AllergenClient("http://allergens")


@app.get("/tables/{table}/ticket")
async def ticket(table: str) -> dict:
    return await kitchen.ticket(table)


@app.get("/dishes/{dish}/allergens")
async def dish_allergens(dish: str) -> dict:
    return await allergens.lookup(dish)
