from django.contrib import admin

from .models import Cart, CartLine, WishlistItem


class CartLineInline(admin.TabularInline):
    model = CartLine
    autocomplete_fields = ["variant"]
    extra = 0


@admin.register(Cart)
class CartAdmin(admin.ModelAdmin):
    list_display = ["user", "created"]
    search_fields = ["user__email"]
    list_select_related = ["user"]
    autocomplete_fields = ["user"]
    readonly_fields = ["created"]
    inlines = [CartLineInline]


@admin.register(WishlistItem)
class WishlistItemAdmin(admin.ModelAdmin):
    list_display = ["user", "product", "created"]
    search_fields = ["user__email", "product__name_en", "product__name_fr", "product__name_ar"]
    autocomplete_fields = ["user", "product"]
    list_select_related = ["user", "product"]
    readonly_fields = ["created"]
