from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from ..models import RATING_MAX

register = template.Library()


@register.simple_tag
def review_stars(rating: int):
    """One review's stars, read out as "Rated 4 out of 5"."""
    rating = max(0, min(int(rating or 0), RATING_MAX))
    return format_html(
        '<span class="rating" role="img" aria-label="{}"><span aria-hidden="true" '
        'class="rating-stars">{}</span></span>',
        _("Rated %(rating)d out of 5") % {"rating": rating},
        "★" * rating + "☆" * (RATING_MAX - rating),
    )


@register.filter
def reviewer_name(user) -> str:
    """How a buyer signs their reviews: first name and initial ("Amina I."), never
    their e-mail address."""
    words = (getattr(user, "full_name", "") or "").split()
    if not words:
        return _("A buyer")
    if len(words) == 1:
        return words[0]
    return f"{words[0]} {words[-1][0]}."
