"""Rules about code organisation: naming, imports and docstrings."""
