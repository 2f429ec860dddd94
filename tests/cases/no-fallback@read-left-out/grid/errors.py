class GridError(Exception):
    pass


class WeatherDown(GridError):
    pass
