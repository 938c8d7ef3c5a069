from django.contrib import admin

from .models import Cart, CartLine, WishlistItem


class CartLineInline(admin.TabularInline):
    model = CartLine
    raw_id_fields = ["variant"]
    extra = 0


@admin.register(Cart)
class CartAdmin(admin.ModelAdmin):
    list_display = ["user", "created"]
    search_fields = ["user__email"]
    raw_id_fields = ["user"]
    inlines = [CartLineInline]


@admin.register(WishlistItem)
class WishlistItemAdmin(admin.ModelAdmin):
    list_display = ["user", "product", "created"]
    search_fields = ["user__email"]
    raw_id_fields = ["user", "product"]
    list_select_related = ["user", "product"]
