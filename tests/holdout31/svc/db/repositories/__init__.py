"""Repositories wrap one ``AsyncSession`` each; they never commit, the caller owns the transaction."""
