def _quote_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _vector_column(dimension: int) -> str:
    return f"vector({dimension})"
