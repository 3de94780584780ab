// The Huisstijl page: say the contrast of each chosen colour as it changes, in the words the
// server uses (deck/serve.py, _contrast_note): white or near-black text, whichever reads better.
(function () {
  "use strict";
  var INK = "#1d2327", MINIMUM = 4.5;

  function luminance(hex) {
    var channels = [1, 3, 5].map(function (i) {
      var v = parseInt(hex.substr(i, 2), 16) / 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2];
  }

  function contrast(a, b) {
    var x = luminance(a), y = luminance(b);
    return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
  }

  // white text only on the primary colour (the booklet's cover); elsewhere the better of the two
  function best(hex, whiteOnly) {
    var white = contrast(hex, "#ffffff"), black = contrast(hex, INK);
    return whiteOnly || white >= black ? { ratio: white, ink: "Wit" } : { ratio: black, ink: "Zwart" };
  }

  function note(found) {
    var verdict = found.ratio >= MINIMUM ? "goed leesbaar" : "te weinig: minstens 4,5:1 nodig";
    var shown = (Math.floor(found.ratio * 10) / 10).toFixed(1).replace(".", ",");  // down, as the server
    return found.ink + " op deze kleur: " + shown + ":1, " + verdict;
  }

  document.querySelectorAll("input[data-contrast]").forEach(function (input) {
    var output = document.getElementById(input.dataset.contrast);
    var update = function () {
      var found = best(input.value, "wit" in input.dataset);
      output.textContent = note(found);
      output.className = found.ratio >= MINIMUM ? "goed" : "slecht";
    };
    input.addEventListener("input", update);
    update();
  });
})();
