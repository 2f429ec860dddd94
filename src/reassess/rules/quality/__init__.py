"""Code-quality rules: size, complexity, structure and duplication (RA801-RA849)."""
