"""Background work for the catalogue (django.tasks; enqueue on commit)."""

from django.tasks import task

from .images import make_renditions
from .models import ProductImage


@task
def make_product_image_renditions(image_id: int) -> dict[str, str] | None:
    """Write the WebP renditions of one product image; None when the image is gone."""
    image = ProductImage.objects.filter(pk=image_id).first()
    if image is None or not image.image:
        return None
    return make_renditions(image)
