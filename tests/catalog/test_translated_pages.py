"""Every storefront page reads in French and in Arabic: no interface string is left in
English in what a shopper sees or hears (text, placeholders, labels for screen readers).

The content of the test catalogue is written in all three languages, so an English word
on a French or Arabic page can only come from the interface."""

import re
from decimal import Decimal
from html import unescape
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import translation

from marketplace.cart.models import WishlistItem
from marketplace.catalog.forms import RATING_CHOICES

pytestmark = pytest.mark.django_db

# Interface strings of the storefront (buttons, filters, headings, messages, the
# layout), as whole words in any case; none of them is also a French word or a name in
# the test catalogue.
ENGLISH = [
    "Add to cart",
    "Add to wishlist",
    "stars and up",
    "star and up",
    "Any rating",
    "Best rated",
    "Newest",
    "Relevance",
    "Price",
    "Search",
    "Sort",
    "Filters",
    "Filter",
    "Apply",
    "Cart",
    "Wishlist",
    "Sign in",
    "Sign up",
    "Sign out",
    "Password",
    "Forgot",
    "Remember me",
    "In stock",
    "Out of stock",
    "to your cart",
    "Rated",
    "out of 5",
    "Quantity",
    "Remove",
    "Checkout",
    "Subtotal",
    "Shipping",
    "Reviews",
    "Rating",
    "Home",
    "Categories",
    "Shops",
    "Shop",
    "Sold by",
    "Next",
    "Previous",
    "Language",
    "Skip to",
    "Your",
    "results",
    "and up",
    "Colour",
    "Size",
]
WORDS = re.compile(r"\b(?:" + "|".join(re.escape(word) for word in ENGLISH) + r")\b", re.IGNORECASE)
# What a shopper hears or reads besides the text: placeholders, screen-reader labels,
# tooltips, alternative texts, the value of a submit button.
SPOKEN_ATTRIBUTES = {"placeholder", "aria-label", "title", "alt"}


class VisibleText(HTMLParser):
    """The text of a page as shown or read aloud: no script, style or template."""

    HIDDEN = {"script", "style", "template", "noscript"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.HIDDEN:
            self.hidden += 1
            return
        attrs = dict(attrs)
        if tag == "meta" and attrs.get("name") in {"description"}:
            self.parts.append(attrs.get("content") or "")
        if tag == "input" and attrs.get("type") in {"submit", "button", "reset"}:
            self.parts.append(attrs.get("value") or "")
        self.parts.extend(attrs[name] or "" for name in SPOKEN_ATTRIBUTES if name in attrs)

    def handle_endtag(self, tag):
        if tag in self.HIDDEN and self.hidden:
            self.hidden -= 1

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = VisibleText()
    parser.feed(html)
    return " ".join(" ".join(unescape(part) for part in parser.parts).split())


@pytest.fixture
def storefront(settings, shop, categories, make_product):
    """A catalogue written in three languages, two pages of products."""
    settings.PRODUCTS_PER_PAGE = 1  # so that the pagination shows
    tagine = make_product(
        "Blue tagine",
        name_fr="Tajine bleu",
        name_ar="طاجين أزرق",
        description_en="A glazed tagine.",
        description_fr="Un tajine émaillé.",
        description_ar="طاجين مزجج.",
        variants=[
            {"size": "M", "colour": "blue", "stock": 5},
            {"size": "L", "colour": "blue", "stock": 0},
        ],
        rating_average=Decimal("4.5"),
        rating_count=3,
    )
    rug = make_product(
        "Wool rug", name_fr="Tapis en laine", name_ar="زربية صوف", category=categories["rugs"]
    )
    shop.story_en, shop.story_fr, shop.story_ar = (
        "Potters in Fes.",
        "Potiers à Fès.",
        "خزافون في فاس.",
    )
    shop.save()
    return {"tagine": tagine, "rug": rug, "shop": shop, "categories": categories}


def pages(storefront, code: str) -> dict[str, str]:
    with translation.override(code):
        products = reverse("catalog:product_list")
        return {
            "home": reverse("catalog:home"),
            "list": products,
            "list, page 2": products + "?page=2",
            "filtered list": products + "?rating=1&in_stock=1&sort=price_asc",
            "list with a bad filter": products + "?min_price=abc",
            "category": storefront["categories"]["pottery"].get_absolute_url(),
            "search": products + "?q=tajine",
            "search without results": products + "?q=zzzz",
            "product": storefront["tagine"].get_absolute_url(),
            "shop": storefront["shop"].get_absolute_url(),
            "cart": reverse("cart:detail"),
            "wishlist": reverse("cart:wishlist"),
        }


def english_on(client, url: str) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200, url
    text = visible_text(response.content.decode())
    return sorted({match.group(0) for match in WORDS.finditer(text)})


@pytest.mark.parametrize("code", ["fr", "ar"])
def test_storefront_pages_have_no_interface_string_left_in_english(client, user, storefront, code):
    client.force_login(user)
    WishlistItem.objects.create(user=user, product=storefront["rug"])
    with translation.override(code):
        # In the page's language: the "added to your cart" message shows on the next page.
        add = reverse("cart:add")
    variant = storefront["tagine"].variants.get(size="M")
    client.post(add, {"variant": variant.pk, "quantity": 1})
    found = {
        name: words
        for name, url in pages(storefront, code).items()
        if (words := english_on(client, url))
    }
    assert not found, f"English on /{code}/ pages: {found}"


@pytest.mark.parametrize("code", ["fr", "ar"])
def test_pages_for_visitors_who_are_not_signed_in_have_no_english(client, storefront, code):
    with translation.override(code):
        urls = [reverse("account_login"), reverse("account_signup"), reverse("cart:detail")]
    found = {url: words for url in urls if (words := english_on(client, url))}
    assert not found


def test_the_check_finds_english_on_english_pages(client, storefront):
    """The word list is not empty of meaning: the English pages show these words."""
    english = pages(storefront, "en")
    found = {
        word.lower() for name in ("list", "product") for word in english_on(client, english[name])
    }
    assert {"price", "sort", "add to cart", "stars and up", "star and up", "out of stock"} <= found


@pytest.mark.parametrize(
    ("code", "one", "four"),
    [
        ("en", "1 star and up", "4 stars and up"),
        ("fr", "1 étoile et plus", "4 étoiles et plus"),
        ("ar", "1 نجمة فأكثر", "4 نجوم فأكثر"),
    ],
)
def test_rating_filter_options_read_in_the_page_language_and_agree_with_their_number(
    code, one, four
):
    """Whatever language was active when the form was first imported."""
    labels = dict(RATING_CHOICES)
    with translation.override(code):
        assert (str(labels["1"]), str(labels["4"])) == (one, four)


def test_a_shops_city_and_region_are_joined_with_the_languages_comma(client, shop):
    shop.city = "Fès"
    shop.save()
    for code, joined in (("ar", "Fès، Fès-Meknès"), ("en", "Fès, Fès-Meknès")):
        with translation.override(code):
            url = shop.get_absolute_url()
        assert joined in visible_text(client.get(url).text)
