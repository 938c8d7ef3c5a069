"""What the catalogue tells the apps above it, which it cannot import."""

from django.dispatch import Signal

# sender=the seed_demo Command class, stdout=<OutputWrapper>, style=<Style>: the demo
# catalogue is in place (`manage.py seed_demo`); apps above add their own demo data
# (the dashboard: shop owners and a few weeks of orders) and print what they did.
# Sent outside any transaction; receivers must be idempotent, as seed_demo is.
demo_seeded = Signal()
