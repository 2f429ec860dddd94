class Account:
    email: str = ""
