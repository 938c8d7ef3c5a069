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
    path("orders/<int:pk>/", orders.detail, name="order_detail"),
    path("orders/<int:pk>/accept/", orders.accept, name="order_accept"),
    path("orders/<int:pk>/ship/", orders.ship, name="order_ship"),
    path("orders/<int:pk>/deliver/", orders.deliver, name="order_deliver"),
    path("orders/<int:pk>/cancel/", orders.cancel, name="order_cancel"),
    path("orders/<int:pk>/collect-cash/", orders.collect_cash, name="order_collect_cash"),
    path("orders/<int:pk>/packing-slip/", orders.packing_slip, name="order_packing_slip"),
]

# --- earnings: ledger, balance, payouts, statement CSV
urlpatterns += [
    path("earnings/", earnings.index, name="earnings"),
]

# --- settings: the shop's profile, shipping, policies, vacation
urlpatterns += [
    path("settings/", settings.index, name="settings"),
    path("settings/save/", settings.save, name="settings_save"),
]
