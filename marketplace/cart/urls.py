from django.urls import path, register_converter

from . import views


class IdConverter:
    """A row id: digits that fit a 64-bit column (longer is a 404, not an overflow)."""

    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)


register_converter(IdConverter, "cart_id")

app_name = "cart"

urlpatterns = [
    path("cart/", views.detail, name="detail"),
    path("cart/add/", views.add, name="add"),
    path("cart/update/", views.update, name="update"),
    path("cart/remove/", views.remove, name="remove"),
    path("cart/clear/", views.clear, name="clear"),
    path("wishlist/", views.wishlist, name="wishlist"),
    path("wishlist/<cart_id:product_id>/toggle/", views.wishlist_toggle, name="wishlist_toggle"),
    path("wishlist/add/<cart_id:product_id>/", views.wishlist_add, name="wishlist_add"),
]
