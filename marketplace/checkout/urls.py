from django.urls import path, register_converter

from . import views


class OrderNumberConverter:
    """An order number as orders writes it: SK-<year>-<six or more digits>."""

    regex = "SK-[0-9]{4}-[0-9]{6,12}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


# Its own name: the order pages register an "order_number" converter of their own.
register_converter(OrderNumberConverter, "checkout_order_number")

app_name = "checkout"

urlpatterns = [
    path("", views.address, name="start"),
    path("shipping/", views.shipping, name="shipping"),
    path("payment/", views.payment, name="payment"),
    path("review/", views.review, name="review"),
    path("pay/<checkout_order_number:number>/", views.pay, name="pay"),
    path("pay/<checkout_order_number:number>/cash/", views.pay_on_delivery, name="pay_on_delivery"),
    path("done/<checkout_order_number:number>/", views.done, name="done"),
]
