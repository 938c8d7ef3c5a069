"""The vendor dashboard, /<lang>/dashboard/. Each section has its views module
(views/<section>.py) and its block of routes below; every name lives in the
`dashboard` namespace."""

from django.urls import path

from .views import earnings, orders, overview, products, settings, stock

app_name = "dashboard"

urlpatterns = [
    path("", overview.overview, name="overview"),
]

# --- products: list, editor, variants, images, publishing
urlpatterns += [
    path("products/", products.index, name="products"),
]

# --- stock: quick table, CSV import and export, movements
urlpatterns += [
    path("stock/", stock.index, name="stock"),
]

# --- orders: the shop's orders, their actions, packing slips
urlpatterns += [
    path("orders/", orders.index, name="orders"),
]

# --- earnings: ledger, balance, payouts, statement CSV
urlpatterns += [
    path("earnings/", earnings.index, name="earnings"),
    path("earnings/statement.csv", earnings.statement_csv, name="earnings_csv"),
]

# --- settings: the shop's profile, shipping, policies, vacation
urlpatterns += [
    path("settings/", settings.index, name="settings"),
]
