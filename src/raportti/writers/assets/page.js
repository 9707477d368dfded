(function () {
  "use strict";
  var root = document.documentElement;

  function notify(text) {
    var box = document.getElementById("ilmoitus");
    if (!box) return;
    box.textContent = text;
    box.classList.add("nakyy");
    clearTimeout(notify.timer);
    notify.timer = setTimeout(function () { box.classList.remove("nakyy"); }, 2200);
  }

  // The clipboard API needs a secure context (localhost and file: are); the older
  // way works elsewhere, e.g. in a mailed file opened from a network drive.
  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      document.body.removeChild(area);
      if (ok) { resolve(); } else { reject(new Error("copy")); }
    });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("button.kopioi") : null;
    if (!button) return;
    var card = button.closest(".kysymys");
    copyText(card.getAttribute("data-plain")).then(function () {
      button.classList.add("tehty");
      button.textContent = "Kopioitu ✓";
      notify("Vastaus kopioitu – liitä se verkkolomakkeen kenttään.");
      setTimeout(function () { button.classList.remove("tehty"); button.textContent = "Kopioi"; }, 2000);
    }, function () {
      notify("Kopiointi ei onnistunut: valitse teksti ja kopioi se itse (Ctrl+C).");
    });
  });

  // Figures and their sources: the choice is kept over reloads of the page.
  var KEY = "raportti-nayta-luvut";
  function showFigures(on) {
    document.body.classList.toggle("nayta-luvut", on);
    var box = document.getElementById("nayta-luvut");
    if (box) box.checked = on;
  }
  try { showFigures(sessionStorage.getItem(KEY) === "1"); } catch (e) { /* storage may be off */ }
  document.addEventListener("change", function (event) {
    if (event.target.id !== "nayta-luvut") return;
    showFigures(event.target.checked);
    try { sessionStorage.setItem(KEY, event.target.checked ? "1" : "0"); } catch (e) { /* ignore */ }
  });

  if (!root.hasAttribute("data-live") || !window.EventSource) return;

  // Live preview: the server says when the page changed; the new page replaces the
  // parts that change, and the reader stays where they were.
  var updating = false;
  var pending = false;
  function swap(fresh, id) {
    var old = document.getElementById(id);
    var now = fresh.getElementById(id);
    if (old && now) old.replaceWith(document.importNode(now, true));
  }
  function update() {
    if (updating) { pending = true; return; }
    updating = true;
    fetch(location.pathname, { cache: "no-store" }).then(function (response) {
      return response.text();
    }).then(function (text) {
      var fresh = new DOMParser().parseFromString(text, "text/html");
      var x = window.scrollX, y = window.scrollY;
      // The reader's choice to open or close the list of problems stays, unless errors
      // came or went (then the list opens or closes as the page decides).
      var before = document.querySelector("#ongelmat details");
      var after = fresh.querySelector("#ongelmat details");
      var wasErrors = !!document.querySelector("#ongelmat.virheita");
      var isErrors = !!fresh.querySelector("#ongelmat.virheita");
      if (before && after && wasErrors === isErrors) after.open = before.open;
      ["tila", "yhteenveto", "ongelmat-alue", "sisalto"].forEach(function (id) { swap(fresh, id); });
      root.setAttribute("data-version", fresh.documentElement.getAttribute("data-version"));
      document.title = fresh.title;
      showFigures(document.getElementById("nayta-luvut").checked || document.body.classList.contains("nayta-luvut"));
      window.scrollTo(x, y);
    }).catch(function () { /* the next event tries again */ }).then(function () {
      updating = false;
      if (pending) { pending = false; update(); }
    });
  }
  var events = new EventSource("/events");
  events.addEventListener("version", function (event) {
    var tila = document.getElementById("tila");
    if (tila) tila.classList.remove("katki");
    if (event.data !== root.getAttribute("data-version")) update();
  });
  events.onerror = function () {
    var tila = document.getElementById("tila");
    if (!tila) return;
    tila.classList.add("katki");
    var text = tila.querySelector(".tilateksti");
    if (text) text.textContent = "Ei yhteyttä esikatseluun – onko se käynnissä?";
  };
})();
