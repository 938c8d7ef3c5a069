// Dashboard, orders: the packing slip's Print button (hidden without JavaScript,
// where the browser's own Print does the same).
document.addEventListener("DOMContentLoaded", () => {
  for (const button of document.querySelectorAll("[data-print]")) {
    button.hidden = false;
    button.addEventListener("click", () => window.print());
  }
});
