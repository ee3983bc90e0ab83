// A newsletter's page and an edition's preview: the progress of an edition being
// sent, asked for every two seconds until the sending is over.
(function () {
  "use strict";

  const EVERY = 2000;

  function show(area, data) {
    area.querySelectorAll("[data-count]").forEach((cell) => {
      cell.textContent = data[cell.dataset.count];
    });
    const bar = area.querySelector("progress");
    if (bar) {
      bar.max = data.total || 1;
      bar.value = data.done;
      bar.textContent = data.percent + "%";
    }
    const figure = area.querySelector("[data-field='percent']");
    if (figure) {
      figure.textContent = data.percent + "%";
    }
  }

  function watch(area) {
    fetch(area.dataset.editionProgress, {
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    })
      .then((response) => (response.ok ? response.json() : Promise.reject(response.status)))
      .then((data) => {
        show(area, data);
        if (data.status === "sending") {
          window.setTimeout(() => watch(area), EVERY);
        }
      })
      .catch(() => window.setTimeout(() => watch(area), EVERY * 5));
  }

  document.querySelectorAll("[data-edition-progress]").forEach((area) => {
    window.setTimeout(() => watch(area), EVERY);
  });
})();
