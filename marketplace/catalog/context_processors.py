def menu(request):
    """Root categories for the header menu (cached; no query when warm)."""
    from .selectors import root_categories

    return {"menu_categories": root_categories}
