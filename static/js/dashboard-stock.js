// The stock table's inline edits (templates/dashboard/stock/index.html).
// A refused edit answers 400 (invalid values) or 409 (the stock moved meanwhile)
// with the row and its errors; htmx does not swap error responses by default, so
// forms marked data-swap-errors let those two through.
(function () {
  "use strict";
  document.addEventListener("htmx:beforeSwap", function (event) {
    var status = event.detail.xhr.status;
    var source = event.detail.requestConfig && event.detail.requestConfig.elt;
    if ((status === 400 || status === 409) && source && source.closest("[data-swap-errors]")) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });
})();
