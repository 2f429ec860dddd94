import os


class Settings:
    API_PREFIX: str = "/v1"
    database_url: str = os.getenv("DATABASE_URL", "postgresql://localhost/app")


settings = Settings()
