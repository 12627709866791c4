"""The web shell: layout, navigation, home page, error pages and the middleware around them."""
