"""The customer pages: the list, the customer 360 page and its tabs, history and the trash."""
