"""Carbon Intensity Indicator (IMO MEPC.352/353) helpers."""
from __future__ import annotations

import math
from functools import lru_cache

CF = {"HFO": 3.114, "VLSFO": 3.151, "MGO": 3.206}

# (a, c) reference line parameters by ship type, capacity = DWT
REFERENCE = {
    "bulk_carrier": (4745.0, 0.622),
    "tanker": (5247.0, 0.610),
    "container": (1984.0, 0.489),
    "general_cargo": (31948.0, 0.792),
}
REDUCTION = {2023: 0.05, 2024: 0.07, 2025: 0.09, 2026: 0.11}


def co2_tonnes(hfo_t: float, vlsfo_t: float, mgo_t: float) -> float:
    return hfo_t * CF["HFO"] + vlsfo_t * CF["VLSFO"] + mgo_t * CF["MGO"]


@lru_cache(maxsize=256)
def reference_line(vessel_type: str, dwt: int) -> float:
    a, c = REFERENCE[vessel_type]
    return a * math.pow(dwt, -c)


def required_cii(vessel_type: str, dwt: int, year: int) -> float:
    return reference_line(vessel_type, dwt) * (1 - REDUCTION.get(year, 0.11))


def attained_cii(co2_t: float, dwt: int, distance_nm: float) -> float:
    if distance_nm <= 0:
        return 0.0
    return co2_t * 1_000_000 / (dwt * distance_nm)


@lru_cache(maxsize=None)
def weather_correction(lat: float, lon: float, ts_epoch: float) -> float:
    band = abs(lat) // 10
    seasonal = math.cos(2 * math.pi * ((ts_epoch / 86400.0) % 365.25) / 365.25)
    return 1.0 + 0.01 * band * (0.5 + 0.5 * seasonal) + 0.0 * lon


def rating(attained: float, required: float) -> str:
    ratio = attained / required
    if ratio <= 0.86:
        return "A"
    if ratio <= 0.94:
        return "B"
    if ratio <= 1.06:
        return "C"
    if ratio <= 1.18:
        return "D"
    return "E"
