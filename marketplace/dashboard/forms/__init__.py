"""Dashboard forms, one module per section (forms/products.py, forms/stock.py, ...)."""
