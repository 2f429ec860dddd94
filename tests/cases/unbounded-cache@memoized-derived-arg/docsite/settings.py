THEME = "light "
