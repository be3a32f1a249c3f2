/* reader: reading settings and read-along for the article page (no dependencies). */
(function () {
  "use strict";

  var root = document.documentElement;
  var SETTINGS = {
    pinyin: ["hard", "all", "off"],
    size: ["normal", "large", "xlarge"],
    theme: ["auto", "light", "dark", "contrast"],
    tones: ["off", "on"],
    follow: ["on", "off"],
  };
  var RATES = ["0.75", "1", "1.25", "1.5", "1.75", "2"];
  var STORE_PREFIX = "reader.";
  var RESUME_KEY = "resume:" + location.pathname;

  // Storage can throw (file:// in some browsers, private modes): settings then last a visit.
  function load(key) {
    try {
      return window.localStorage.getItem(STORE_PREFIX + key);
    } catch (error) {
      return null;
    }
  }
  function save(key, value) {
    try {
      if (value === null) window.localStorage.removeItem(STORE_PREFIX + key);
      else window.localStorage.setItem(STORE_PREFIX + key, value);
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
    var stored = load(key);
    if (stored) applySetting(key, stored);
  });
  root.classList.remove("no-js");
  root.classList.add("js");

  var listeners = {}; // setting name -> functions called after it changes
  function onSetting(key, callback) {
    (listeners[key] = listeners[key] || []).push(callback);
  }

  function initSettings() {
    Object.keys(SETTINGS).forEach(function (key) {
      var current = root.getAttribute("data-" + key);
      var inputs = document.querySelectorAll('input[name="' + key + '"]');
      Array.prototype.forEach.call(inputs, function (input) {
        input.checked = input.value === current;
        input.addEventListener("change", function () {
          if (input.checked && applySetting(key, input.value)) {
            save(key, input.value);
            (listeners[key] || []).forEach(function (callback) {
              callback(input.value);
            });
          }
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

  function reducedMotion() {
    return !!(window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches);
  }

  // Tone colours: each ruby gets t1…t5 from the tone mark of its pinyin (once, when first on).
  var TONE_MARKS = ["āēīōūǖĀĒĪŌŪǕ", "áéíóúǘÁÉÍÓÚǗ", "ǎěǐǒǔǚǍĚǏǑǓǙ", "àèìòùǜÀÈÌÒÙǛ"];
  var tonesTagged = false;
  function tagTones() {
    if (tonesTagged || root.getAttribute("data-tones") !== "on") return;
    tonesTagged = true;
    Array.prototype.forEach.call(document.querySelectorAll("rt[data-p]"), function (rt) {
      var pinyin = rt.getAttribute("data-p");
      var tone = 5;
      for (var t = 0; t < 4 && tone === 5; t++) {
        for (var i = 0; i < pinyin.length; i++) {
          if (TONE_MARKS[t].indexOf(pinyin.charAt(i)) >= 0) tone = t + 1;
        }
      }
      if (rt.parentNode) rt.parentNode.classList.add("t" + tone);
    });
  }

  function initGlosses(glosses) {
    var box = document.getElementById("gloss");
    if (!box) return { tap: function () { return false; }, forSentence: function () {} };
    var pinned = null;

    function wordOf(target) {
      return target && target.closest ? target.closest(".hw") : null;
    }
    function entry(word) {
      var text = word.textContent;
      if (!glosses[text]) return null;
      var line = document.createElement("p");
      var head = document.createElement("b");
      head.lang = "zh-CN";
      head.textContent = text;
      line.appendChild(head);
      line.appendChild(document.createTextNode(" " + (word.getAttribute("data-p") || "") + " — " + glosses[text]));
      return line;
    }
    function show(words, near) {
      box.textContent = "";
      words.forEach(function (word) {
        var line = entry(word);
        if (line) box.appendChild(line);
      });
      if (!box.firstChild) return hide();
      box.hidden = false;
      var rect = near.getBoundingClientRect();
      var height = box.offsetHeight;
      var width = box.offsetWidth;
      var top = rect.bottom + 6;
      if (top + height > window.innerHeight - 60) top = Math.max(4, rect.top - height - 6);
      box.style.top = top + "px";
      box.style.left = Math.max(4, Math.min(rect.left, window.innerWidth - width - 4)) + "px";
    }
    function hide() {
      box.hidden = true;
      pinned = null;
    }
    document.addEventListener("mouseover", function (event) {
      var word = wordOf(event.target);
      if (word && !pinned) show([word], word);
    });
    document.addEventListener("mouseout", function (event) {
      var word = wordOf(event.target);
      if (word && !pinned && wordOf(event.relatedTarget) !== word) hide();
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && !box.hidden) hide();
    });
    Array.prototype.forEach.call(document.querySelectorAll(".hw"), function (word) {
      if (glosses[word.textContent]) word.classList.add("g");
    });
    return {
      // A tap on a hard word shows its gloss (and keeps it until the next tap elsewhere).
      tap: function (target) {
        var word = wordOf(target);
        if (!word || !glosses[word.textContent]) {
          if (pinned) hide();
          return false;
        }
        show([word], word);
        pinned = word;
        return true;
      },
      // The glosses of a focused sentence's hard words; true when there are any.
      forSentence: function (sentence) {
        if (!sentence) return hide();
        show(Array.prototype.slice.call(sentence.querySelectorAll(".hw")), sentence);
        return !box.hidden;
      },
    };
  }

  function initReadAlong() {
    var dataElement = document.getElementById("reader-data");
    if (!dataElement) return;
    var data = JSON.parse(dataElement.textContent);
    var glossing = initGlosses(data.glosses || {});
    var episode = document.getElementById("episode");
    var players = data.sections.map(function (section, index) {
      return document.getElementById("player-" + index);
    });
    var allPlayers = [episode].concat(players).filter(Boolean);
    var bar = document.getElementById("nowbar");
    var el = function (id) {
      return document.getElementById(id) || document.createElement("button");
    };
    var playButton = el("nav-play");
    var backButton = el("nav-back");
    var barTitle = el("nowbar-title");

    // Every spoken sentence, in reading order and per section (by start time).
    var order = [];
    var bySection = data.sections.map(function () {
      return [];
    });
    Array.prototype.forEach.call(document.querySelectorAll(".s[data-start]"), function (element) {
      var section = Number(element.getAttribute("data-section"));
      if (!bySection[section]) return;
      var item = {
        element: element,
        section: section,
        start: parseFloat(element.getAttribute("data-start")),
        words: parseWords(element.getAttribute("data-w")),
        units: null,
      };
      element.setAttribute("role", "button");
      // Its name is the sentence as written (ruby would otherwise space out the characters).
      element.setAttribute("aria-label", element.textContent);
      element.tabIndex = -1;
      bySection[section].push(item);
    });
    bySection.forEach(function (list) {
      list.sort(function (a, b) {
        return a.start - b.start;
      });
      order = order.concat(list);
    });
    function itemOf(element) {
      for (var i = 0; i < order.length; i++) if (order[i].element === element) return order[i];
      return null;
    }

    // "t" or "u:t" per word: its first unit and its start in centiseconds into the sentence.
    function parseWords(text) {
      if (!text) return null;
      var unit = -1;
      return text.split(" ").map(function (entry) {
        var parts = entry.split(":");
        unit = parts.length > 1 ? Number(parts[0]) : unit + 1;
        return { unit: unit, time: Number(parts[parts.length - 1]) / 100 };
      });
    }
    // The units the words point at: each <ruby>, and each run of other text (wrapped here).
    function unitsOf(item) {
      if (item.units) return item.units;
      var units = [];
      (function walk(node) {
        Array.prototype.slice.call(node.childNodes).forEach(function (child) {
          if (child.nodeType === 3) {
            if (!child.data) return;
            var wrap = document.createElement("span");
            node.replaceChild(wrap, child);
            wrap.appendChild(child);
            units.push(wrap);
          } else if (child.nodeName === "RUBY") units.push(child);
          else if (child.nodeType === 1) walk(child);
        });
      })(item.element);
      item.units = units;
      return units;
    }

    // Roving focus: one sentence is in the Tab order (the spoken one, else the first).
    var tabStop = null;
    function makeTabStop(item) {
      if (!item || item === tabStop) return;
      if (tabStop) {
        tabStop.element.tabIndex = -1;
        tabStop.element.removeAttribute("aria-describedby");
      }
      tabStop = item;
      item.element.tabIndex = 0;
      item.element.setAttribute("aria-describedby", "sentence-help");
    }
    makeTabStop(order[0]);

    // Speed and volume belong to the page, not to one player: every hand-over keeps them.
    var rate = RATES.indexOf(load("rate")) >= 0 ? Number(load("rate")) : 1;
    var volume = 1;
    var muted = false;
    var rateSelect = document.getElementById("rate");
    function applyAudio(player) {
      player.defaultPlaybackRate = rate;
      if (player.playbackRate !== rate) player.playbackRate = rate;
      if (player.volume !== volume) player.volume = volume;
      if (player.muted !== muted) player.muted = muted;
    }
    function setRate(value) {
      if (!(value >= 0.25 && value <= 4) || value === rate) return;
      rate = value;
      save("rate", String(value));
      if (rateSelect) rateSelect.value = String(value);
      allPlayers.forEach(applyAudio);
    }
    if (rateSelect) {
      rateSelect.value = String(rate);
      rateSelect.addEventListener("change", function () {
        setRate(Number(rateSelect.value));
      });
    }
    allPlayers.forEach(function (player) {
      applyAudio(player);
      player.addEventListener("ratechange", function () {
        if (player.playbackRate !== rate) setRate(player.playbackRate);
      });
      player.addEventListener("volumechange", function () {
        if (player.volume === volume && player.muted === muted) return;
        volume = player.volume;
        muted = player.muted;
        allPlayers.forEach(applyAudio);
      });
    });

    var active = null; // the player the listener used last
    var current = null; // the sentence being read
    var nowUnits = [];
    var following = true; // false while the reader looks elsewhere

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
      return found;
    }

    function markWord(item, time) {
      var marked = [];
      if (item && item.words) {
        var units = unitsOf(item);
        var index = -1;
        for (var i = 0; i < item.words.length; i++) {
          if (item.start + item.words[i].time <= time + 0.001) index = i;
          else break;
        }
        if (index >= 0) {
          var end = index + 1 < item.words.length ? item.words[index + 1].unit : units.length;
          marked = units.slice(item.words[index].unit, end);
        }
      }
      if (marked.length === nowUnits.length && marked[0] === nowUnits[0]) return;
      nowUnits.forEach(function (unit) {
        unit.removeAttribute("data-now");
      });
      nowUnits = marked;
      nowUnits.forEach(function (unit) {
        unit.setAttribute("data-now", "");
      });
      if (marked.length) keepInView(marked[0], false);
    }

    // Scrolling: only while following; a sentence taller than the view shows its start, then
    // the word being said. The bar at the bottom is not part of the view.
    var ourScrollUntil = 0;
    function viewBounds() {
      var barHeight = bar && !bar.hidden ? bar.offsetHeight : 0;
      return { top: 8, bottom: window.innerHeight - barHeight - 8 };
    }
    function scrollBy(delta) {
      if (Math.abs(delta) < 1) return;
      ourScrollUntil = Date.now() + (reducedMotion() ? 150 : 900);
      window.scrollBy({ top: delta, behavior: reducedMotion() ? "auto" : "smooth" });
    }
    function keepInView(element, isSentence) {
      if (!element || !isFollowing()) return;
      var view = viewBounds();
      var box = element.getBoundingClientRect();
      var room = view.bottom - view.top;
      if (box.top >= view.top && box.bottom <= view.bottom) return;
      if (!isSentence || box.height > room * 0.8) scrollBy(box.top - (view.top + room * 0.25));
      else scrollBy(box.top - (view.top + (room - box.height) / 2));
    }
    function isFollowing() {
      return following && root.getAttribute("data-follow") !== "off";
    }
    function setFollowing(value) {
      following = value;
      backButton.hidden = !current || isFollowing();
    }

    function highlight(item) {
      if (item === current) return;
      if (current) {
        current.element.classList.remove("current");
        current.element.removeAttribute("aria-current");
      }
      markWord(null, 0);
      current = item;
      if (!item) return;
      item.element.classList.add("current");
      item.element.setAttribute("aria-current", "true");
      var focused = document.activeElement;
      var focusOnSentence = focused && focused.classList && focused.classList.contains("s");
      makeTabStop(item);
      // Focus follows the voice, so it never stays behind off screen.
      if (focusOnSentence && focused !== item.element && isFollowing()) {
        item.element.focus({ preventScroll: true });
      }
      keepInView(item.element, true);
      backButton.hidden = isFollowing();
    }

    var barSection = -1;
    function showState(player) {
      playButton.textContent = player && !player.paused ? "暂停" : "播放";
    }
    function titleBar(player, section) {
      if (section === barSection) return;
      barSection = section;
      var title = data.sections[section] ? data.sections[section].title : "";
      barTitle.textContent = (player === episode ? "全文 · " : "") + title;
    }

    var lastSaved = 0;
    function savePosition(player, now) {
      if (!now && Date.now() - lastSaved < 2000) return;
      lastSaved = Date.now();
      var where = locate(player);
      if (where.section < 0) return;
      var at = { section: where.section, time: Math.max(0, where.time), episode: player === episode };
      save(RESUME_KEY, JSON.stringify(at));
    }

    function sync(player) {
      if (player !== active) return;
      var where = locate(player);
      if (where.section < 0) return;
      titleBar(player, where.section);
      var item = sentenceAt(where.section, where.time);
      highlight(item);
      markWord(item, where.time);
      if (!player.paused) savePosition(player, false);
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
      applyAudio(player);
      var started = player.play();
      if (started && typeof started.catch === "function") {
        started.catch(function () {
          /* blocked autoplay: the position is set, the listener presses play */
        });
      }
    }

    allPlayers.forEach(function (player, index) {
      player.addEventListener("pause", function () {
        if (player !== active) return;
        showState(player);
        if (!player.ended) savePosition(player, true);
      });
      player.addEventListener("play", function () {
        active = player;
        barSection = -1;
        showState(player);
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
      player.addEventListener("ended", function () {
        if (next) {
          next.currentTime = 0;
          startPlaying(next);
        } else save(RESUME_KEY, null); // heard to the end: nothing to resume
      });
    });

    // The episode player covers every sentence; a section player only its own.
    function playAt(section, time, useEpisode) {
      var player = players[section];
      if (useEpisode || !player) {
        player = episode;
        time = data.sections[section].start + time;
      }
      if (!player) return;
      active = player;
      player.currentTime = time;
      startPlaying(player);
    }
    function playFrom(item) {
      if (!item) return;
      setFollowing(true);
      playAt(item.section, item.start, active === episode && !!episode);
      highlight(item);
    }
    function step(offset) {
      var index = current ? order.indexOf(current) : -1;
      if (index < 0) index = offset > 0 ? -1 : 1;
      playFrom(order[Math.max(0, Math.min(order.length - 1, index + offset))]);
    }

    // The bar's access keys, also where the browser does not hand Alt+letter to access keys.
    document.addEventListener("keydown", function (event) {
      if (!event.altKey || event.ctrlKey || event.metaKey || !event.key) return;
      var button = document.querySelector('.nowbar [accesskey="' + event.key.toLowerCase() + '"]');
      if (!button) return;
      event.preventDefault();
      button.click();
    });

    function on(id, callback) {
      var button = document.getElementById(id);
      if (button) button.addEventListener("click", callback);
    }
    on("nav-prev", function () {
      step(-1);
    });
    on("nav-next", function () {
      step(1);
    });
    on("nav-repeat", function () {
      playFrom(current || order[0]);
    });
    on("nav-play", function () {
      if (!active) return playFrom(current || order[0]);
      if (active.paused) startPlaying(active);
      else active.pause();
    });
    on("nav-back", function () {
      setFollowing(true);
      if (current) keepInView(current.element, true);
      backButton.hidden = true;
    });
    Array.prototype.forEach.call(document.querySelectorAll(".part-play"), function (button) {
      button.addEventListener("click", function () {
        playFrom(bySection[Number(button.getAttribute("data-section"))][0]);
      });
    });
    onSetting("follow", function () {
      setFollowing(true);
      if (current) keepInView(current.element, true);
    });
    onSetting("tones", tagTones);
    tagTones();

    // Reading elsewhere: a scroll the reader makes (wheel, touch, keys, scrollbar) while the
    // voice goes on stops the page from pulling back until "back to the spoken sentence".
    var readerMoved = 0;
    function mark() {
      readerMoved = Date.now();
    }
    ["wheel", "touchmove"].forEach(function (name) {
      window.addEventListener(name, mark, { passive: true });
    });
    document.addEventListener("mousedown", function (event) {
      if (event.target === root) mark(); // the scrollbar
    });
    document.addEventListener("keydown", function (event) {
      var keys = ["PageDown", "PageUp", "Home", "End", "ArrowDown", "ArrowUp", " "];
      if (keys.indexOf(event.key) >= 0 && !sentenceOf(event.target)) mark();
    });
    window.addEventListener(
      "scroll",
      function () {
        if (Date.now() < ourScrollUntil || Date.now() - readerMoved > 800) return;
        if (active && !active.paused && following) setFollowing(false);
      },
      { passive: true }
    );

    // Resume: the page remembers where listening stopped and offers to go on from there.
    var resume = document.getElementById("resume");
    var stored = null;
    try {
      stored = JSON.parse(load(RESUME_KEY) || "null");
    } catch (error) {
      stored = null;
    }
    if (resume && stored && data.sections[stored.section] && stored.time >= 1) {
      var minutes = Math.floor(stored.time / 60);
      var seconds = Math.floor(stored.time % 60);
      document.getElementById("resume-text").textContent =
        "上次听到「" + data.sections[stored.section].title + "」" +
        (minutes ? minutes + "分" : "") + seconds + "秒处。";
      resume.hidden = false;
      on("resume-go", function () {
        resume.hidden = true;
        setFollowing(true);
        playAt(stored.section, stored.time, stored.episode);
      });
      on("resume-no", function () {
        resume.hidden = true;
        save(RESUME_KEY, null);
      });
    }

    function sentenceOf(target) {
      return target && target.closest ? target.closest(".s[data-start]") : null;
    }
    document.addEventListener("click", function (event) {
      if (glossing.tap(event.target)) return; // a tapped hard word shows its meaning
      var element = sentenceOf(event.target);
      if (!element) return;
      var selection = window.getSelection ? String(window.getSelection()) : "";
      if (selection.length > 0) return; // selecting text, not asking to listen
      playFrom(itemOf(element));
    });
    document.addEventListener("keydown", function (event) {
      var element = sentenceOf(event.target);
      if (!element || element !== event.target || event.altKey || event.ctrlKey) return;
      var item = itemOf(element);
      var index = order.indexOf(item);
      var moves = { ArrowDown: 1, ArrowRight: 1, ArrowUp: -1, ArrowLeft: -1 };
      if (event.key === "Enter" || event.key === " " || event.key === "Spacebar") {
        event.preventDefault();
        playFrom(item);
      } else if (moves[event.key] && order[index + moves[event.key]]) {
        event.preventDefault();
        var target = order[index + moves[event.key]];
        makeTabStop(target);
        target.element.focus();
      }
    });
    document.addEventListener("focusin", function (event) {
      var element = sentenceOf(event.target);
      if (element) {
        makeTabStop(itemOf(element));
        // Screen readers hear the glosses too, after the sentence and the help.
        if (glossing.forSentence(element)) {
          element.setAttribute("aria-describedby", "sentence-help gloss");
        }
      }
    });
    document.addEventListener("focusout", function (event) {
      var element = sentenceOf(event.target);
      if (!element) return;
      glossing.forSentence(null);
      if (element.hasAttribute("aria-describedby")) {
        element.setAttribute("aria-describedby", "sentence-help");
      }
    });

    // The bar's height is kept free at the bottom of the page and of every scroll into view.
    if (bar && order.length) {
      bar.hidden = false;
      var measure = function () {
        root.style.setProperty("--bar-h", bar.offsetHeight + "px");
      };
      measure();
      if (window.ResizeObserver) new ResizeObserver(measure).observe(bar);
    }
  }

  function init() {
    initSettings();
    initReadAlong();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
