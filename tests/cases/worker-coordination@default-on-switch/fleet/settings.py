from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    database_url: str = "postgresql://db/fleet"
    start_background_jobs: bool = True  # on in every replica unless a deployment turns it off
    run_scheduler: bool = False  # given to one node only


settings = Settings()
