/*
 * A tag is what the editor commits: with Enter, comma or Tab, or by saving.
 *
 * Wagtail's tag field (jQuery tag-it with jQuery UI's autocomplete) ignored those
 * keys while its suggestion list was open, so the typed words stayed in the box;
 * leaving the box then turned them into a tag, which autosave stored. Here the
 * keys close the list first, so that tag-it's own handler, which runs next,
 * commits the words (closing also drops a suggestion request still on its way);
 * leaving the box keeps unfinished words in it, uncommitted; and Save draft or
 * Publish commits words still in the box, as the editor meant them.
 */
(() => {
  "use strict";

  const COMMIT_KEYS = new Set(["Enter", ",", "Tab"]);

  // Words taken out of a box while it loses focus, until they are put back.
  const unfinished = new WeakMap();

  const typedTag = (element) =>
    element instanceof HTMLInputElement &&
    element.closest("ul.tagit") !== null &&
    element.value.trim() !== "";

  // Capturing listeners on the document run before the field's own handlers.
  document.addEventListener(
    "keydown",
    (event) => {
      if (!COMMIT_KEYS.has(event.key) || !typedTag(event.target)) return;
      const field = window.jQuery(event.target);
      if (field.autocomplete("instance")) field.autocomplete("close");
    },
    true,
  );

  document.addEventListener(
    "blur",
    (event) => {
      const input = event.target;
      if (!typedTag(input)) return;
      // tag-it commits on blur whatever it holds; hand it an empty box, then put
      // the words back for the editor to finish.
      unfinished.set(input, input.value);
      input.value = "";
      setTimeout(() => {
        if (input.value === "") input.value = unfinished.get(input) ?? "";
        unfinished.delete(input);
      });
    },
    true,
  );

  document.addEventListener(
    "submit",
    (event) => {
      // Clicking Publish took the focus from the box a moment ago.
      for (const input of event.target.querySelectorAll("ul.tagit input")) {
        const words = input.value.trim() || (unfinished.get(input) ?? "").trim();
        unfinished.delete(input);
        if (words === "") continue;
        const field = input.closest("ul.tagit").previousElementSibling;
        window.jQuery(field).tagit("createTag", words);
      }
    },
    true,
  );
})();
