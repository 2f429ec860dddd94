"""SpendLens: multi-cloud cost visibility, budgets and optimisation."""

__version__ = "2.14.0"
