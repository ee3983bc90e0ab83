// A live story's first page takes new updates without a reload. It checks the
// story's update check (a cached answer) every few seconds, with jitter so open
// pages do not check in step, more slowly while nothing changes, and not at all
// while the tab is hidden. New updates wait behind a button, so the reader's
// place never moves under them; edits and withdrawals are applied in place.
(function () {
  "use strict";

  var stream = document.querySelector("[data-live-check]");
  if (!stream || !window.fetch) return;

  var checkUrl = stream.dataset.liveCheck;
  var interval = (Number(stream.dataset.liveSeconds) || 15) * 1000;
  var list = stream.querySelector("[data-live-updates]");
  var notice = stream.querySelector("[data-live-notice]");
  var delay = interval;
  var timer = null;
  var busy = false;
  var lastAnswer = null;
  var waiting = [];
  var stopped = false;

  var refresh = notice.querySelector(".live-refresh");
  if (refresh) refresh.hidden = true;
  var button = document.createElement("button");
  button.type = "button";
  button.className = "live-new-updates";
  button.hidden = true;
  button.addEventListener("click", showWaiting);
  notice.appendChild(button);

  function fromHtml(html) {
    var holder = document.createElement("template");
    holder.innerHTML = html;
    return holder.content.firstElementChild;
  }

  function onPage(id) {
    return document.getElementById("update-" + id);
  }

  // Edited, pinned, unpinned or withdrawn updates the reader has: replaced in place.
  function refreshShown(updates) {
    updates.forEach(function (update) {
      var shown = onPage(update.id);
      if (!shown) return;
      var fresh = fromHtml(update.html);
      if (!shown.isEqualNode(fresh)) shown.replaceWith(fresh);
    });
  }

  function offer(updates) {
    waiting = updates.filter(function (update) {
      return !onPage(update.id) && !update.withdrawn;
    });
    var count = waiting.length;
    button.textContent = count === 1 ? "1 new update" : count + " new updates";
    button.hidden = count === 0;
  }

  // Pinned updates stay first: new pinned ones go on top, the others below the pinned.
  function showWaiting() {
    var empty = list.querySelector("[data-live-empty]");
    if (empty) empty.remove();
    var firstUnpinned = list.querySelector(".live-update:not(.live-update-pinned)");
    waiting.forEach(function (update) {
      var fresh = fromHtml(update.html);
      if (onPage(update.id)) return;
      if (update.pinned) list.insertBefore(fresh, list.firstElementChild);
      else list.insertBefore(fresh, firstUnpinned);
    });
    waiting = [];
    button.hidden = true;
    // The button goes; the reader's focus goes to the newest update, where it was.
    var first = list.querySelector(".live-update");
    if (first) {
      first.tabIndex = -1;
      first.addEventListener("blur", function () { first.removeAttribute("tabindex"); }, { once: true });
      first.focus({ preventScroll: true });
    }
  }

  function ended(at) {
    var status = document.querySelector("[data-live-status]");
    var text = "Live coverage has ended";
    if (status) {
      status.className = "live-status live-status-ended";
      status.textContent = text;
      if (at) {
        var time = document.createElement("time");
        time.dateTime = at;
        time.textContent = new Date(at).toLocaleString("en-GB", {
          day: "numeric", month: "long", year: "numeric", hour: "2-digit", minute: "2-digit",
        });
        status.append(" ", time);
      }
    }
    var note = document.createElement("p");
    note.className = "live-ended-note";
    note.textContent = text;
    notice.appendChild(note);
  }

  function apply(answer) {
    refreshShown(answer.updates);
    offer(answer.updates);
    if (!answer.running) {
      stopped = true;
      ended(answer.ended_at);
    }
  }

  function check() {
    timer = null;
    busy = true;
    fetch(checkUrl, { headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) throw new Error("Update check answered " + response.status);
        return response.text();
      })
      .then(function (text) {
        var changed = text !== lastAnswer;
        lastAnswer = text;
        if (changed) apply(JSON.parse(text));
        return changed;
      })
      .catch(function () {
        return false; // A failed check is tried again, backing off as if nothing changed.
      })
      .then(function (changed) {
        busy = false;
        delay = changed ? interval : Math.min(delay * 1.5, interval * 4);
        schedule();
      });
  }

  function schedule() {
    if (stopped || busy || timer !== null || document.hidden) return;
    timer = setTimeout(check, delay * (0.8 + Math.random() * 0.4));
  }

  document.addEventListener("visibilitychange", function () {
    if (document.hidden) {
      clearTimeout(timer);
      timer = null;
    } else if (!stopped && !busy && timer === null) {
      delay = interval;
      check();
    }
  });

  schedule();
})();
