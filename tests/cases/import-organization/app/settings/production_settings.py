from app.settings.base import *

DEBUG = False
