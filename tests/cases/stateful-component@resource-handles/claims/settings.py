class Settings:
    WAREHOUSE_DB = "reports"
    WAREHOUSE_HOST = "warehouse"


settings = Settings()
