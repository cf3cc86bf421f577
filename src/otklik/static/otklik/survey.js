/* Otklik survey page: nothing acknowledged is lost on a weak network.
 *
 * The form works without this script. With it, an answer is first kept in this
 * browser's storage, then sent; if the network is down it is sent again when the
 * connection returns. Every answer carries the idempotency key the server issued with
 * the form, so a retry is never counted twice.
 */
(function () {
  "use strict";
  var QUEUE = "otklik.pendingAnswers";
  var RETRY_MS = 15000;
  var form = document.getElementById("survey-form");
  var statusLine = document.getElementById("survey-status");

  function load() {
    try { return JSON.parse(window.localStorage.getItem(QUEUE) || "[]"); } catch (e) { return []; }
  }
  function store(items) {
    try { window.localStorage.setItem(QUEUE, JSON.stringify(items)); } catch (e) { /* private mode */ }
  }
  function forget(id) {
    store(load().filter(function (item) { return item.id !== id; }));
  }
  function remember(item) {
    store(load().filter(function (other) { return other.id !== item.id; }).concat([item]));
  }
  function send(item) {
    return fetch(item.url, {
      method: "POST",
      headers: { "Accept": "application/json", "Content-Type": "application/x-www-form-urlencoded" },
      body: item.body,
      credentials: "omit",
      cache: "no-store"
    }).then(function (response) {
      return response.json().then(function (data) { return { code: response.status, data: data }; },
                                  function () { return { code: response.status, data: {} }; });
    });
  }
  // Stored (201), stored before (200) or refused for good (other 4xx but 429): done with it.
  function settled(code) {
    return code === 200 || code === 201 || (code >= 400 && code < 500 && code !== 429);
  }
  function flush() {
    var items = load();
    if (!items.length) { return Promise.resolve(null); }
    var item = items[0];
    return send(item).then(function (result) {
      if (!settled(result.code)) { return null; }
      forget(item.id);
      return flush();
    }, function () { return null; });
  }

  function say(text) { if (statusLine) { statusLine.textContent = text; } }

  if (form && window.fetch && window.URLSearchParams && window.FormData) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var key = form.elements.idempotency_key.value;
      var item = {
        id: key,
        url: form.getAttribute("action") || (window.location.pathname + window.location.search),
        body: new URLSearchParams(new FormData(form)).toString()
      };
      remember(item);
      say(form.dataset.sending);
      var button = form.querySelector("button[type=submit]");
      if (button) { button.disabled = true; }
      var attempt = function () {
        return send(item).then(function (result) {
          if (result.code === 200 || result.code === 201) {
            forget(key);
            window.location.assign(result.data.thanks);
          } else if (result.code === 400 && result.data.status === "invalid") {
            // Let the server show what to correct, exactly as without this script.
            forget(key);
            form.submit();
          } else if (settled(result.code)) {
            forget(key);
            say(result.data.message || "");
            if (button) { button.disabled = false; }
          } else {
            say(form.dataset.pending);
            window.setTimeout(attempt, RETRY_MS);
          }
        }, function () {
          say(form.dataset.pending);
          window.setTimeout(attempt, RETRY_MS);
        });
      };
      window.addEventListener("online", attempt, { once: true });
      attempt();
    });
  }
  // Answers left over from an earlier visit go out as soon as a page of ours is open.
  window.addEventListener("online", flush);
  flush();
}());
