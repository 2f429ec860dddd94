from app.services import reexport


def make() -> object:
    return reexport.Order(id=2, symbol="X")
