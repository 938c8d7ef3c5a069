"""The vendor dashboard, /<lang>/dashboard/. Each section has its views module
(views/<section>.py) and its block of routes below; every name lives in the
`dashboard` namespace."""

from django.urls import path

from .views import earnings, orders, overview, products, reviews, settings, stock

app_name = "dashboard"

urlpatterns = [
    path("", overview.overview, name="overview"),
]

# --- products: list, editor, variants, images, publishing
urlpatterns += [
    path("products/", products.index, name="products"),
    path("products/new/", products.create, name="product_create"),
    path("products/<int:pk>/", products.edit, name="product_edit"),
    path("products/<int:pk>/preview/", products.preview, name="product_preview"),
    path("products/<int:pk>/publish/", products.publish, name="product_publish"),
    path("products/<int:pk>/unpublish/", products.unpublish, name="product_unpublish"),
    path("products/<int:pk>/duplicate/", products.duplicate, name="product_duplicate"),
    path("products/<int:pk>/archive/", products.archive, name="product_archive"),
    path("products/<int:pk>/photos/", products.image_upload, name="product_image_upload"),
    path(
        "products/<int:pk>/photos/<int:image_pk>/",
        products.image_update,
        name="product_image_update",
    ),
    path(
        "products/<int:pk>/photos/<int:image_pk>/move/",
        products.image_move,
        name="product_image_move",
    ),
    path(
        "products/<int:pk>/photos/<int:image_pk>/delete/",
        products.image_delete,
        name="product_image_delete",
    ),
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
    path("earnings/statement.csv", earnings.statement_csv, name="earnings_csv"),
]

# --- settings: the shop's profile, shipping, policies, vacation
urlpatterns += [
    path("settings/", settings.index, name="settings"),
    path("settings/save/", settings.save, name="settings_save"),
]

# --- reviews: the shop's reviews and its replies
urlpatterns += [
    path("reviews/", reviews.index, name="reviews"),
    path("reviews/<int:pk>/reply/", reviews.reply, name="review_reply"),
]
