from app.services.orders import place_order
