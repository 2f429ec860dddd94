class Registry:  # expect: singleton-abuse
    _instance = None

    def __new__(cls):
        if cls._instance is None:
            cls._instance = super().__new__(cls)
            cls._instance.items = {}
        return cls._instance


class Singleton(type):  # expect: singleton-abuse
    _instances: dict = {}

    def __call__(cls, *args, **kwargs):
        if cls not in cls._instances:
            cls._instances[cls] = super().__call__(*args, **kwargs)
        return cls._instances[cls]


class Metrics(metaclass=Singleton):
    def __init__(self) -> None:
        self.counts: dict[str, int] = {}


class Settings:
    def __init__(self) -> None:
        self.debug = False


settings = Settings()
