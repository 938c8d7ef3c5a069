from django.urls import path

from . import views

app_name = "reviews"

urlpatterns = [
    path("products/<int:product_id>/reviews/", views.product_reviews, name="product"),
    path("products/<int:product_id>/reviews/new/", views.review_new, name="new"),
    path("reviews/<int:pk>/edit/", views.review_edit, name="edit"),
    path("reviews/<int:pk>/delete/", views.review_delete, name="delete"),
    path("reviews/<int:pk>/report/", views.review_report, name="report"),
]
