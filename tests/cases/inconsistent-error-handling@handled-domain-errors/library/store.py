from library.errors import BookMissing, HoldConflict, LoanLimitReached


class Store:
    def __init__(self) -> None:
        self.loans: dict[int, list[int]] = {}
        self.holds: dict[int, int] = {}
        self.books = {1: "Dune"}

    async def lend(self, member: int, book: int) -> int:
        if book not in self.books:
            raise BookMissing(f"no book {book}")
        taken = self.loans.setdefault(member, [])
        if len(taken) >= 5:
            raise LoanLimitReached(f"member {member} has 5 loans")
        taken.append(book)
        return len(taken)

    async def hold(self, member: int, book: int) -> None:
        if self.holds.get(book, member) != member:
            raise HoldConflict(f"book {book} is held")
        self.holds[book] = member

    async def related(self, book: int) -> list[str]:
        if book not in self.books:
            raise BookMissing(f"no book {book}")
        return list(self.books.values())
