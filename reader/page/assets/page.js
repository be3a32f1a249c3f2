/* reader: reading settings and read-along for the article page (no dependencies). */
(function () {
  "use strict";

  var root = document.documentElement;
  var SETTINGS = {
    pinyin: ["hard", "all", "off"],
    size: ["normal", "large", "xlarge"],
    theme: ["auto", "light", "dark", "contrast"],
  };
  var STORE_PREFIX = "reader.";

  // Storage can throw (file:// in some browsers, private modes): settings then last a visit.
  function loadSetting(key) {
    try {
      return window.localStorage.getItem(STORE_PREFIX + key);
    } catch (error) {
      return null;
    }
  }
  function saveSetting(key, value) {
    try {
      window.localStorage.setItem(STORE_PREFIX + key, value);
    } catch (error) {
      /* not remembered, still applied */
    }
  }
  function applySetting(key, value) {
    if (SETTINGS[key].indexOf(value) < 0) return false;
    root.setAttribute("data-" + key, value);
    return true;
  }

  // Applied while the head is parsed, so the page never flashes the wrong theme or size.
  Object.keys(SETTINGS).forEach(function (key) {
    var stored = loadSetting(key);
    if (stored) applySetting(key, stored);
  });
  root.classList.remove("no-js");
  root.classList.add("js");

  function initSettings() {
    Object.keys(SETTINGS).forEach(function (key) {
      var current = root.getAttribute("data-" + key);
      var inputs = document.querySelectorAll('input[name="' + key + '"]');
      Array.prototype.forEach.call(inputs, function (input) {
        input.checked = input.value === current;
        input.addEventListener("change", function () {
          if (input.checked && applySetting(key, input.value)) saveSetting(key, input.value);
        });
      });
    });
    var form = document.querySelector("form.settings");
    if (form) {
      form.addEventListener("submit", function (event) {
        event.preventDefault();
      });
    }
  }

  function prefersReducedMotion() {
    return !!(window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches);
  }

  function initReadAlong() {
    var dataElement = document.getElementById("reader-data");
    if (!dataElement) return;
    var data = JSON.parse(dataElement.textContent);
    var episode = document.getElementById("episode");
    var players = data.sections.map(function (section, index) {
      return document.getElementById("player-" + index);
    });
    var bySection = data.sections.map(function () {
      return [];
    });
    var elements = document.querySelectorAll(".s[data-start]");
    Array.prototype.forEach.call(elements, function (element) {
      var list = bySection[Number(element.getAttribute("data-section"))];
      if (!list) return;
      list.push({
        element: element,
        start: parseFloat(element.getAttribute("data-start")),
        end: parseFloat(element.getAttribute("data-end")),
      });
    });
    bySection.forEach(function (list) {
      list.sort(function (a, b) {
        return a.start - b.start;
      });
    });

    var active = null; // the player the listener used last
    var current = null; // the highlighted sentence element

    // Where a player is, as a section and a time within that section's own file.
    function locate(player) {
      var time = player.currentTime;
      if (player !== episode) return { section: players.indexOf(player), time: time };
      var section = 0;
      for (var i = 0; i < data.sections.length; i++) {
        if (data.sections[i].start <= time + 0.001) section = i;
      }
      return { section: section, time: time - data.sections[section].start };
    }

    // The sentence being spoken; in the pause after a sentence it stays highlighted.
    function sentenceAt(section, time) {
      var list = bySection[section] || [];
      var found = null;
      for (var i = 0; i < list.length; i++) {
        if (list[i].start <= time + 0.001) found = list[i];
        else break;
      }
      return found ? found.element : null;
    }

    function keepInView(element) {
      var box = element.getBoundingClientRect();
      var height = window.innerHeight || document.documentElement.clientHeight;
      if (box.top >= height * 0.15 && box.bottom <= height * 0.85) return;
      element.scrollIntoView({
        block: "center",
        inline: "nearest",
        behavior: prefersReducedMotion() ? "auto" : "smooth",
      });
    }

    function highlight(element) {
      if (element === current) return;
      if (current) {
        current.classList.remove("current");
        current.removeAttribute("aria-current");
      }
      current = element;
      if (!element) return;
      element.classList.add("current");
      element.setAttribute("aria-current", "true");
      keepInView(element);
    }

    var bar = document.getElementById("nowbar");
    var barToggle = document.getElementById("nowbar-toggle");
    var barTitle = document.getElementById("nowbar-title");
    var barSection = -1;

    function showBar(player) {
      if (!bar) return;
      bar.hidden = false;
      barToggle.textContent = player.paused ? "继续" : "暂停";
    }

    function titleBar(player, section) {
      if (!bar || section === barSection) return;
      barSection = section;
      var title = data.sections[section] ? data.sections[section].title : "";
      barTitle.textContent = (player === episode ? "全文 · " : "") + title;
    }

    function sync(player) {
      if (player !== active) return;
      var where = locate(player);
      if (where.section < 0) return;
      titleBar(player, where.section);
      highlight(sentenceAt(where.section, where.time));
    }

    function follow(player) {
      if (player === active && !player.paused && !player.ended) {
        sync(player);
        window.requestAnimationFrame(function () {
          follow(player);
        });
      }
    }

    function startPlaying(player) {
      var started = player.play();
      if (started && typeof started.catch === "function") {
        started.catch(function () {
          /* blocked autoplay: the position is set, the listener presses play */
        });
      }
    }

    var allPlayers = [episode].concat(players).filter(Boolean);
    allPlayers.forEach(function (player, index) {
      player.addEventListener("pause", function () {
        if (player === active) showBar(player);
      });
      player.addEventListener("play", function () {
        active = player;
        barSection = -1;
        showBar(player);
        allPlayers.forEach(function (other) {
          if (other !== player && !other.paused) other.pause();
        });
        follow(player);
      });
      // Moving a player's position (its slider, or a script) makes it the one to follow.
      player.addEventListener("seeking", function () {
        active = player;
        sync(player);
      });
      ["timeupdate", "seeked"].forEach(function (name) {
        player.addEventListener(name, function () {
          sync(player);
        });
      });
      // A section that ends hands over to the next one, so listening does not stop.
      var next = player === episode ? null : allPlayers[index + 1];
      if (next) {
        player.addEventListener("ended", function () {
          next.currentTime = 0;
          startPlaying(next);
        });
      }
    });

    // The episode player covers every sentence; a section player only its own.
    function playFrom(element) {
      var section = Number(element.getAttribute("data-section"));
      var start = parseFloat(element.getAttribute("data-start"));
      var player = players[section];
      var time = start;
      if ((active === episode && episode) || !player) {
        player = episode;
        time = data.sections[section].start + start;
      }
      if (!player) return;
      active = player;
      player.currentTime = time;
      highlight(element);
      startPlaying(player);
    }

    if (barToggle) {
      barToggle.addEventListener("click", function () {
        if (!active) return;
        if (active.paused) startPlaying(active);
        else active.pause();
      });
    }

    function sentenceOf(target) {
      return target && target.closest ? target.closest(".s[data-start]") : null;
    }

    document.addEventListener("click", function (event) {
      var element = sentenceOf(event.target);
      if (!element) return;
      var selection = window.getSelection ? String(window.getSelection()) : "";
      if (selection.length > 0) return; // selecting text, not asking to listen
      playFrom(element);
    });
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Enter" && event.key !== " " && event.key !== "Spacebar") return;
      var element = sentenceOf(event.target);
      if (!element || element !== event.target) return;
      event.preventDefault();
      playFrom(element);
    });
  }

  function init() {
    initSettings();
    initReadAlong();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
