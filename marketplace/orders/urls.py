from django.urls import path, register_converter

from . import views


class OrderNumberConverter:
    """An order number as Souk writes them (SK-2026-000123); anything else is a 404."""

    regex = "[A-Z]{2}-[0-9]{4}-[0-9]{6,18}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(OrderNumberConverter, "order_number")

app_name = "orders"

urlpatterns = [
    path("orders/", views.order_list, name="list"),
    path("orders/<order_number:number>/", views.order_detail, name="detail"),
    path("orders/<order_number:number>/cancel/", views.order_cancel, name="cancel"),
]
