// The dashboard's product pages (templates/dashboard/products/). htmx leaves error
// responses out of the page by default; the photo forms and the product list answer
// a refused upload or a bad filter with a 400 that carries the form and its message,
// so those are swapped in like any other answer. Nothing else here: every page works
// without this file.
document.addEventListener("htmx:beforeSwap", (event) => {
  const status = event.detail.xhr.status;
  const target = event.detail.target;
  if (status === 400 && target && target.closest("[data-swap-errors]")) {
    event.detail.shouldSwap = true;
    event.detail.isError = false;
  }
});
