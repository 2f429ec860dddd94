from __future__ import annotations

from functools import lru_cache

ABO_GROUPS = ("O", "A", "B", "AB")
RH_TYPES = ("+", "-")
ALL_GROUPS = tuple(f"{abo}{rh}" for abo in ABO_GROUPS for rh in RH_TYPES)
COMPONENT_KINDS = ("red_cells", "plasma", "platelets")

_RED_CELL_DONORS = {
    "O": {"O"},
    "A": {"A", "O"},
    "B": {"B", "O"},
    "AB": {"AB", "A", "B", "O"},
}
_PLASMA_DONORS = {
    "O": {"O", "A", "B", "AB"},
    "A": {"A", "AB"},
    "B": {"B", "AB"},
    "AB": {"AB"},
}


@lru_cache(maxsize=None)
def compatible_donor_groups(recipient_abo: str, recipient_rh: str, kind: str) -> frozenset[tuple[str, str]]:
    """(abo, rh) pairs a recipient may receive for a component kind."""
    table = _PLASMA_DONORS if kind == "plasma" else _RED_CELL_DONORS
    rh_ok = RH_TYPES if recipient_rh == "+" or kind == "plasma" else ("-",)
    return frozenset((abo, rh) for abo in table[recipient_abo] for rh in rh_ok)
