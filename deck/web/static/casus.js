// The casus form: of the rows for events and people, show the filled ones and a few empty ones,
// and a button that shows one more. Without this script every row is shown.
(function () {
  "use strict";
  var SHOWN_EMPTY = 3;

  function filled(row) {
    return Array.prototype.some.call(row.querySelectorAll("input"), function (input) { return input.value.trim() !== ""; });
  }

  document.querySelectorAll("[data-herhaal]").forEach(function (group) {
    var rows = Array.prototype.slice.call(group.querySelectorAll(".herhaal"));
    var last = -1;
    rows.forEach(function (row, index) { if (filled(row)) { last = index; } });
    var shown = Math.max(last + 1, SHOWN_EMPTY);
    rows.forEach(function (row, index) { row.hidden = index >= shown; });
    var button = document.createElement("button");
    button.type = "button";
    button.className = "stil";
    button.textContent = group.dataset.herhaal;
    button.hidden = shown >= rows.length;
    button.addEventListener("click", function () {
      var next = rows.filter(function (row) { return row.hidden; })[0];
      if (next) {
        next.hidden = false;
        next.querySelector("input").focus();
      }
      button.hidden = !rows.some(function (row) { return row.hidden; });
    });
    group.appendChild(button);
  });
})();
