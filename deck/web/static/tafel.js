// The kaarttafel: one card at a time, sized for a shared screen; draw, shuffle, next and previous,
// with the keyboard too. The card images come from the server; nothing else is fetched.
(function () {
  const table = document.getElementById("tafel");
  const names = table.dataset.kaarten.split(",");
  const base = table.dataset.basis;
  const image = document.getElementById("kaart");
  const state = document.getElementById("stand");
  let order = names.map((_, i) => i);
  let at = 0;

  function show() {
    image.src = base + names[order[at]];
    image.alt = "Kaart " + (order[at] + 1) + " van " + names.length;
    state.textContent = "Kaart " + (at + 1) + " van " + names.length + " (nummer " + (order[at] + 1) + ")";
  }
  function shuffle() {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    at = 0;
    show();
  }
  function draw() { at = Math.floor(Math.random() * order.length); show(); }
  function next() { at = (at + 1) % order.length; show(); }
  function previous() { at = (at - 1 + order.length) % order.length; show(); }

  document.getElementById("volgende").addEventListener("click", next);
  document.getElementById("vorige").addEventListener("click", previous);
  document.getElementById("schud").addEventListener("click", shuffle);
  document.getElementById("trek").addEventListener("click", draw);
  // the table alone on the screen, on a 16:9 stage: what an online session shares
  function fullScreen() {
    if (document.fullscreenElement) document.exitFullscreen();
    else table.requestFullscreen();
  }
  document.getElementById("scherm").addEventListener("click", fullScreen);
  document.addEventListener("keydown", (event) => {
    if (event.target.tagName === "INPUT") return;
    if (event.key === "ArrowRight") next();
    else if (event.key === "ArrowLeft") previous();
    else if (event.key === "s" || event.key === "S") shuffle();
    else if (event.key === "f" || event.key === "F") fullScreen();
    else if (event.key === " ") { event.preventDefault(); draw(); }
  });
})();
