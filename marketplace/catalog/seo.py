"""Structured data for product pages (schema.org JSON-LD)."""

from django.conf import settings

from marketplace.core.origin import absolute_url


def product_json_ld(product, variants, images) -> dict:
    """Every URL in it is on the canonical origin: the data is cached and shared."""
    prices = [v.price for v in variants] or [product.price]
    in_stock = any(v.stock > 0 for v in variants)
    data = {
        "@context": "https://schema.org",
        "@type": "Product",
        "name": product.name,
        "description": product.seo_description or product.description[:300],
        "sku": variants[0].sku if len(variants) == 1 else None,
        "image": [absolute_url(image.src(1280)) for image in images],
        "brand": {"@type": "Brand", "name": product.vendor.name},
        "offers": {
            "@type": "AggregateOffer" if len(set(prices)) > 1 else "Offer",
            "priceCurrency": settings.CURRENCY,
            "availability": "https://schema.org/InStock"
            if in_stock
            else "https://schema.org/OutOfStock",
            "url": absolute_url(product.get_absolute_url()),
            "seller": {"@type": "Organization", "name": product.vendor.name},
        },
    }
    if len(set(prices)) > 1:
        data["offers"] |= {
            "lowPrice": str(min(prices)),
            "highPrice": str(max(prices)),
            "offerCount": len(variants),
        }
    else:
        data["offers"]["price"] = str(prices[0])
    if product.rating_count:
        data["aggregateRating"] = {
            "@type": "AggregateRating",
            "ratingValue": str(product.rating_average),
            "reviewCount": product.rating_count,
        }
    return {key: value for key, value in data.items() if value is not None}
