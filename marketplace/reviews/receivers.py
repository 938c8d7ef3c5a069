"""Reviews deleted outside `reviews.services` (an account closed, which cascades to
its reviews; staff deleting a review in the admin) leave their product's rating exact.

`services.review_delete` recomputes the rating itself, under the product's lock,
and marks its own delete so that it is not recomputed twice. A product being
deleted takes its reviews with it and needs no rating.
"""

from django.db.models import QuerySet
from django.db.models.signals import post_delete
from django.dispatch import receiver

from marketplace.catalog.models import Product

from . import services
from .models import Review


@receiver(post_delete, sender=Review, dispatch_uid="reviews_rating_after_delete")
def review_deleted(sender, instance: Review, origin=None, **kwargs) -> None:
    origin_model = origin.model if isinstance(origin, QuerySet) else type(origin)
    if origin_model is Product or services.deleting_through_service():
        return
    services.product_rating_refresh(product_id=instance.product_id)
