"""Error-handling rules: what `except` clauses catch, hide and chain."""
