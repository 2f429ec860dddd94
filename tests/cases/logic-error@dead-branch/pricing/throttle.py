class Throttle:
    def factor(self, spent: float, budget: float) -> float:
        ratio = spent / budget
        if ratio > 1.0:
            return 0.5
        elif ratio > 1.5:  # expect: logic-error
            return 0.0
        elif ratio < 0.5:
            return 1.5
        return 1.0

    def factor_fixed(self, spent: float, budget: float) -> float:
        # look-alike: the narrower threshold is tested first
        ratio = spent / budget
        if ratio > 1.5:
            return 0.0
        elif ratio > 1.0:
            return 0.5
        elif ratio >= 1.0:
            return 0.8
        return 1.0
