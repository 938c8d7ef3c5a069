"""The staff groups and what each may do in the admin. A data migration creates
them (analytics/migrations); `sync_staff_groups` sets their permissions to exactly
these, so running it again after a change to this table brings them in line.

- Moderators look after shops, products and reviews: approve, reject and suspend
  shops, hide products, hide and restore reviews. They cannot touch orders or money.
- Support looks after orders, refunds and payouts: cancel orders, refund card
  payments, pay the shops their balances, read the buyers' accounts. They cannot
  approve shops or moderate the catalogue.
Superusers have every permission; other staff get what their groups give.
"""

MODERATORS = "Moderators"
SUPPORT = "Support"

GROUPS: dict[str, dict[str, list[str]]] = {
    MODERATORS: {
        "vendors": [
            "view_vendor",
            "change_vendor",
            "view_vendormember",
            "view_memberinvitation",
        ],
        "catalog": [
            "view_category",
            "view_product",
            "change_product",
            "view_variant",
            "view_productimage",
            "view_stockmovement",
        ],
        "reviews": [
            "view_review",
            "change_review",
            "view_reviewreply",
            "view_reviewreport",
            "change_reviewreport",
        ],
    },
    SUPPORT: {
        "orders": ["view_order", "cancel_order", "view_shoporder", "view_orderline"],
        "payments": ["view_payment", "refund_payment", "view_refund", "view_stripeevent"],
        "earnings": [
            "view_payout",
            "add_payout",
            "view_ledgerentry",
            "view_buyerrefund",
            "view_shopbalance",
        ],
        "accounts": ["view_user", "view_address"],
        "vendors": ["view_vendor"],
        "catalog": ["view_product", "view_stockmovement"],
    },
}


def sync_staff_groups(apps, verbosity: int = 0) -> None:
    """Create the groups and give each exactly its permissions (creating the
    permissions first: in a migration they may not exist yet)."""
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=verbosity)
        app_config.models_module = None
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    for name, by_app in GROUPS.items():
        group, _created = group_model.objects.get_or_create(name=name)
        wanted = [
            permission_model.objects.get(content_type__app_label=app, codename=codename)
            for app, codenames in by_app.items()
            for codename in codenames
        ]
        group.permissions.set(wanted)
