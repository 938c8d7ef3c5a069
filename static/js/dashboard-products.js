// The dashboard's product pages (templates/dashboard/products/). Every page works
// without this file; it only smooths two things htmx leaves as they are.
//
// 1. htmx keeps error responses out of the page. The photo forms and the product list
//    answer a refused upload or a bad filter with a 400 (a refused deletion with a
//    409) that carries the form and its message: inside [data-swap-errors], those
//    are swapped in like any other answer.
// 2. After a photo is moved, made main or deleted, the button that was pressed may be
//    gone (a photo moved first has no "Move earlier"); the keyboard focus then goes to
//    that photo's heading, or to the photos' heading, instead of the top of the page.
document.addEventListener("htmx:beforeSwap", (event) => {
  const target = event.detail.target;
  const status = event.detail.xhr.status;
  if ((status === 400 || status === 409) && target && target.closest("[data-swap-errors]")) {
    event.detail.shouldSwap = true;
    event.detail.isError = false;
  }
});

document.addEventListener("htmx:beforeRequest", (event) => {
  const photo = event.detail.elt.closest(".product-photo");
  document.body.dataset.lastPhoto = photo ? photo.id : "";
});

document.addEventListener("htmx:afterSettle", (event) => {
  if (event.detail.target.id !== "product-images") return;
  const active = document.activeElement;
  if (active && active !== document.body && document.contains(active)) return;
  const photo = document.getElementById(document.body.dataset.lastPhoto || "");
  const heading =
    (photo && photo.querySelector("h3")) || document.getElementById("photos-heading");
  if (heading) heading.focus();
});
