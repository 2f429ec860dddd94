"""CSV export guarded by a busy flag."""
_exporting = False  # expect: global-mutable-state


async def export_ledger(account: int) -> bool:
    global _exporting
    if _exporting:
        return False
    _exporting = True
    try:
        await write_csv(account)
    finally:
        _exporting = False
    return True


async def write_csv(account: int) -> None:
    return None
