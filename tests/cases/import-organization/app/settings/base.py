DEBUG = False
DATABASE_URL = "postgresql://localhost/app"
