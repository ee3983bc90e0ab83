// "Remember my name, email and website in this browser": kept in the reader's own
// browser, so the page itself stays the same for everyone and can be shared from the
// cache. Without JavaScript (or storage) the box stays hidden and the form is unchanged.
// Wrapped so its names stay out of the page's shared global scope.
(() => {
  const KEY = "newsdesk-comment-author";
  const FIELDS = ["name", "email", "website"];
  const form = document.getElementById("commentform");
  const box = document.getElementById("comment-remember");

  function storage() {
    try {
      return window.localStorage;
    } catch {
      return null; // Storage refused by the browser's settings: nothing to offer.
    }
  }

  function remembered(store) {
    try {
      return JSON.parse(store.getItem(KEY)) || null;
    } catch {
      return null;
    }
  }

  const store = storage();
  if (form && box && store) {
    const saved = remembered(store);
    if (saved) {
      for (const name of FIELDS) {
        const field = form.elements[name];
        if (field && !field.value && typeof saved[name] === "string") {
          field.value = saved[name];
        }
      }
      box.checked = true;
    }
    box.closest(".comment-form-remember").hidden = false;
    form.addEventListener("submit", () => {
      try {
        if (box.checked) {
          const details = {};
          for (const name of FIELDS) {
            details[name] = form.elements[name] ? form.elements[name].value.trim() : "";
          }
          store.setItem(KEY, JSON.stringify(details));
        } else {
          store.removeItem(KEY);
        }
      } catch {
        // A full or refused storage must never stop the comment being sent.
      }
    });
  }
})();
