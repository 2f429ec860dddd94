"""Redis key layout. Every key is namespaced by account so tenants never share entries."""


def customer_key(account_id: int, customer_id: int) -> str:
    return f"fo:{account_id}:customer:{customer_id}"


def tech_schedule_key(account_id: int, technician_id: int, day: str) -> str:
    return f"fo:{account_id}:schedule:{technician_id}:{day}"


def stock_key(location_id: int, part_id: int) -> str:
    return f"fo:stock:{location_id}:{part_id}"


def board_channel(account_id: int) -> str:
    return f"fo:{account_id}:board"


def tech_location_key(account_id: int) -> str:
    return f"fo:{account_id}:tech-locations"


def rate_key(client_id: str, window: int) -> str:
    return f"fo:rl:{client_id}:{window}"


CONTRACT_LOCK = "fo:lock:contract-generator"
CATALOG_LOCK = "fo:lock:catalog-sync"
