"""Household preference schema."""
from pydantic import BaseModel


class Preferences(BaseModel):
    comfort_min: float = 19.0
    comfort_max: float = 23.0
    auto_opt_in: bool = False
