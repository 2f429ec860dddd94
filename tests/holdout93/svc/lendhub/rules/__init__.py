from .engine import RuleEngine, RuleResult

__all__ = ["RuleEngine", "RuleResult"]
