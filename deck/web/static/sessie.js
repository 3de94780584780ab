// The Sessie plannen page: show only the fields a part needs, move parts up and down, and keep
// the agenda and the minutes left up to date while the user chooses. The server checks and
// schedules the plan again when a PDF is made (deck/plan.py); this is the same arithmetic.
(function () {
  "use strict";
  var form = document.getElementById("plan");
  var rows = Array.prototype.slice.call(form.querySelectorAll(".onderdeel"));
  var agenda = document.getElementById("agenda");

  function field(row, name) { return row.querySelector("[name^='" + name + "-']"); }

  function chosen(row) {
    var select = row.querySelector(".keuze");
    return select.options[select.selectedIndex];
  }

  function show(row) {
    var value = chosen(row).value, kind = value.split(":")[0], per = Number(chosen(row).dataset.per || 0);
    row.querySelector(".tekst").hidden = kind !== "onderdeel";
    row.querySelector(".minuten").hidden = !(kind === "onderdeel" || kind === "werkkaart");
    row.querySelector(".aantal").hidden = !(kind === "oefening" && per > 0);
    row.classList.toggle("leeg", value === "");
  }

  function minutes(row) {
    var option = chosen(row), kind = option.value.split(":")[0];
    if (kind === "oefening") {
      var per = Number(option.dataset.per || 0), count = Number(field(row, "aantal").value || 0);
      if (per && !count) { return null; }
      return Number(option.dataset.vast) + per * count;
    }
    var given = Number(field(row, "minuten").value || 0);
    return given > 0 ? given : null;
  }

  function title(row) {
    var option = chosen(row);
    if (option.value === "onderdeel") { return field(row, "tekst").value || "(eigen onderdeel zonder naam)"; }
    return option.dataset.titel;
  }

  function clock(total) {
    var hours = Math.floor(total / 60) % 24, mins = total % 60;
    return (hours < 10 ? "0" : "") + hours + ":" + (mins < 10 ? "0" : "") + mins;
  }

  function element(tag, text) {
    var node = document.createElement(tag);
    node.textContent = text;
    return node;
  }

  function update() {
    rows.forEach(show);
    var start = form.elements.start.value.split(":"), available = Number(form.elements.beschikbaar.value || 0);
    var now = Number(start[0]) * 60 + Number(start[1] || 0), used = 0, missing = [];
    var table = document.createElement("table"), body = document.createElement("tbody");
    var head = document.createElement("tr");
    ["Tijd", "Onderdeel", "Minuten"].forEach(function (name) { head.appendChild(element("th", name)); });
    table.appendChild(document.createElement("thead")).appendChild(head);
    table.appendChild(body);
    rows.forEach(function (row, index) {
      if (chosen(row).value === "") { return; }
      var length = minutes(row), line = document.createElement("tr");
      if (length === null) { missing.push(index + 1); }
      line.appendChild(element("td", length === null ? "?" : clock(now + used) + "–" + clock(now + used + length)));
      line.appendChild(element("td", title(row)));
      line.appendChild(element("td", length === null ? "vul in" : String(length)));
      body.appendChild(line);
      used += length || 0;
    });
    agenda.textContent = "";
    if (!body.children.length) {
      agenda.appendChild(element("p", "Kies onderdelen; de agenda verschijnt hier."));
      return;
    }
    agenda.appendChild(table);
    var left = available - used, rest;
    if (left >= 0) {
      rest = "Klaar om " + clock(now + used) + ": " + used + " van de " + available + " minuten gepland, nog " + left + " over.";
    } else {
      rest = "Klaar om " + clock(now + used) + ": " + (-left) + " minuten te lang voor de " + available + " beschikbare minuten.";
    }
    if (missing.length) { rest += " Nog niet ingevuld: de tijd van onderdeel " + missing.join(", ") + "."; }
    var note = element("p", rest);
    note.className = left >= 0 ? "rest" : "rest te-lang";
    agenda.appendChild(note);
  }

  function swap(a, b) {
    a.querySelectorAll("select, input").forEach(function (input) {
      var other = b.querySelector("[name^='" + input.name.replace(/-\d+$/, "") + "-']");
      var value = input.value;
      input.value = other.value;
      other.value = value;
    });
  }

  rows.forEach(function (row, index) {
    var buttons = document.createElement("div");
    buttons.className = "schuif";
    [["Omhoog", -1], ["Omlaag", 1]].forEach(function (pair) {
      var button = element("button", pair[0]);
      button.type = "button";
      button.className = "stil";
      button.setAttribute("aria-label", "Onderdeel " + (index + 1) + " " + pair[0].toLowerCase());
      button.addEventListener("click", function () {
        var other = rows[index + pair[1]];
        if (other) { swap(row, other); update(); other.querySelector(".keuze").focus(); }
      });
      buttons.appendChild(button);
    });
    row.appendChild(buttons);
  });
  form.addEventListener("input", update);
  form.addEventListener("change", update);
  update();
})();
