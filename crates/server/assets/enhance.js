// Progressive enhancement only: every page works without this script.
//  - A refused form's error summary takes the focus, so a screen reader reads it first.
//  - The notice and consultation checkers answer as dates are typed.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var summary = document.querySelector("[data-focus]");
    if (summary) { summary.focus(); }

    document.querySelectorAll("[data-checker]").forEach(function (section) {
      var kind = section.getAttribute("data-checker");
      var result = section.querySelector("[data-result]");
      if (!result) { return; }
      var timer = null;
      var update = function () {
        var params = new URLSearchParams();
        section.querySelectorAll("input, select, textarea").forEach(function (field) {
          if (field.name && field.value && field.type !== "hidden") {
            var name = field.name.replace(/^(notice|consultation)\./, "");
            params.append(name, field.value);
          }
        });
        params.append("fragment", kind);
        fetch("/check?" + params.toString(), { headers: { "Accept": "text/html" } })
          .then(function (response) { return response.ok ? response.text() : null; })
          .then(function (html) { if (html !== null) { result.innerHTML = html; } })
          .catch(function () { /* the form still works without the live answer */ });
      };
      section.addEventListener("input", function () {
        window.clearTimeout(timer);
        timer = window.setTimeout(update, 300);
      });
      section.addEventListener("change", update);
    });
  });
}());
