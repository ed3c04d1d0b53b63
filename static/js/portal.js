// Progressive enhancement only: every form works without this file.
// On the filter form, choosing a facet with the mouse or by touch submits the form at once
// (keyboard users move through options without reloading, then press "Apply filters"),
// and empty fields are left out of the submitted URL so it stays clean and shareable.
(function () {
  "use strict";
  function dropEmpty(form) {
    Array.prototype.forEach.call(form.elements, function (el) {
      if (el.name && !el.disabled && (el.value || "").trim() === "") { el.disabled = true; }
    });
  }
  function enableAll(form) {
    Array.prototype.forEach.call(form.elements, function (el) { el.disabled = false; });
  }
  document.addEventListener("DOMContentLoaded", function () {
    var forms = document.querySelectorAll("form[data-autosubmit]");
    Array.prototype.forEach.call(forms, function (form) {
      var byKeyboard = false;
      form.addEventListener("keydown", function () { byKeyboard = true; });
      form.addEventListener("pointerdown", function () { byKeyboard = false; });
      form.addEventListener("submit", function () { dropEmpty(form); });
      form.addEventListener("change", function (event) {
        if (event.target.tagName === "SELECT" && !byKeyboard) {
          dropEmpty(form);
          form.submit();
        }
      });
      // Coming back through the history must find the form usable again.
      window.addEventListener("pageshow", function () { enableAll(form); });
    });
  });
})();
