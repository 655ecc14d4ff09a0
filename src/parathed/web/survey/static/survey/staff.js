// Copy buttons for ready-made texts and a print button; the pages work without it.
document.addEventListener("click", function (event) {
  var button = event.target.closest("[data-copy], [data-print]");
  if (!button) return;
  if (button.hasAttribute("data-print")) { window.print(); return; }
  var field = document.getElementById(button.getAttribute("data-copy"));
  if (!field) return;
  var done = function () {
    var status = document.getElementById(button.getAttribute("data-status"));
    if (status) status.textContent = button.getAttribute("data-copied");
  };
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(field.value).then(done, function () {});
  } else {
    field.select();
    if (document.execCommand("copy")) done();
  }
});
