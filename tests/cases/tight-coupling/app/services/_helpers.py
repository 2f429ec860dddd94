def _fmt(symbol: str) -> str:
    return symbol.strip().upper()
