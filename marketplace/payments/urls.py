"""Payments' URLs: the card confirmation under the language prefix (namespace
`payments`), and Stripe's webhook outside it (`webhook_urlpatterns`, mounted by
marketplace/urls.py at /payments/stripe/webhook/, name `stripe_webhook`)."""

from django.urls import path

from . import views

app_name = "payments"

urlpatterns = [
    path("payments/<str:number>/confirm/", views.confirm, name="confirm"),
]

webhook_urlpatterns = [
    path("payments/stripe/webhook/", views.stripe_webhook, name="stripe_webhook"),
]
