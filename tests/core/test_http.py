"""core.http.safe_next: where a form's `next` may send the visitor after a POST."""

import pytest

from marketplace.core.http import safe_next


@pytest.mark.parametrize(
    "value", ["/", "/en/products/?page=2&sort=price", "/ar/p/%D8%B2%D8%B1%D8%A8%D9%8A%D8%A9/"]
)
def test_a_local_absolute_path_is_kept(rf, value):
    assert safe_next(rf.get("/"), value) == value


@pytest.mark.parametrize(
    "value",
    [
        None,
        "",
        "abc",  # a bare word: redirect() would try it as a URL name
        "en/products/",  # relative: resolves against the page being left
        "//evil.example",
        "///evil.example",
        "/\\evil",
        "\\\\evil.example",
        "https://evil.example/",
        "http://testserver/en/",  # absolute, even on this host: only paths are accepted
        "javascript:alert(1)",
        "/\t/evil.example",  # browsers drop the tab and read //evil.example
        "\x00/en/",
    ],
)
def test_anything_but_a_local_path_is_refused(rf, value):
    assert safe_next(rf.get("/"), value) is None
