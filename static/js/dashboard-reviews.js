// Dashboard, reviews: a reply the server refuses (400, 409) comes back as the review's
// card with its errors; htmx leaves error responses unswapped unless told to, so the
// forms marked data-swap-errors are swapped anyway.
document.addEventListener("htmx:beforeSwap", (event) => {
  const source = event.detail.elt;
  const status = event.detail.xhr.status;
  if (source && source.closest("[data-swap-errors]") && (status === 400 || status === 409)) {
    event.detail.shouldSwap = true;
    event.detail.isError = false;
  }
});
