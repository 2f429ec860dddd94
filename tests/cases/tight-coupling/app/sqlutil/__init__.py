"""SQL helpers shared by the packages; the underscore names are part of the exported API."""
from app.sqlutil.idents import _quote_ident, _vector_column

__all__ = ["_quote_ident", "_vector_column"]
