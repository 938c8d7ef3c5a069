from django.urls import path

from . import views

app_name = "catalog"

urlpatterns = [
    path("", views.home, name="home"),
    path("products/", views.product_list, name="product_list"),
    path("c/<slug:slug>/", views.category_detail, name="category"),
    path("shops/<slug:slug>/", views.shop_detail, name="shop"),
    # <str:slug>: product slugs may be Arabic (Unicode).
    path("p/<str:slug>/", views.product_detail, name="product"),
]
