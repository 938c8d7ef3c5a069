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
    path("stock/<int:variant_id>/", stock.edit, name="stock_edit"),
    path(
        "stock/<int:variant_id>/movements/", stock.variant_movements, name="stock_variant_movements"
    ),
    path("stock/movements/", stock.movements, name="stock_movements"),
    path("stock/export/", stock.export, name="stock_export"),
    path("stock/import/", stock.import_file, name="stock_import"),
    path("stock/import/report/", stock.import_report, name="stock_import_report"),
]

# --- orders: the shop's orders, their actions, packing slips
urlpatterns += [
    path("orders/", orders.index, name="orders"),
]

# --- earnings: ledger, balance, payouts, statement CSV
urlpatterns += [
    path("earnings/", earnings.index, name="earnings"),
]

# --- settings: the shop's profile, shipping, policies, vacation
urlpatterns += [
    path("settings/", settings.index, name="settings"),
]
