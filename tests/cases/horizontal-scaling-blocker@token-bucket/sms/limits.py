import time
from dataclasses import dataclass, field


@dataclass
class Budget:
    capacity: int
    refill_every: float
    left: int
    last: float = field(default_factory=time.time)

    def draw(self) -> bool:
        if time.time() - self.last >= self.refill_every:
            self.left, self.last = self.capacity, time.time()
        if self.left == 0:
            return False
        self.left -= 1
        return True


class OtpLimiter:
    def __init__(self) -> None:
        self.budgets: dict[str, Budget] = {}

    def try_send(self, phone: str) -> bool:
        if phone not in self.budgets:
            self.budgets[phone] = Budget(3, 600.0, 3)
        budget = self.budgets[phone]
        return budget.draw()
