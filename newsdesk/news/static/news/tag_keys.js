/*
 * Enter, comma and Tab commit the tag being typed, even while suggestions show.
 *
 * Wagtail's tag field (jQuery tag-it with jQuery UI's autocomplete) ignores those
 * keys while its suggestion list is open, so the typed words stayed in the box.
 * Closing the list first lets tag-it's own handler, which runs next, commit the
 * words; closing also drops a suggestion request still on its way, so the list
 * does not reopen for words that are already a tag.
 */
(() => {
  "use strict";

  const COMMIT_KEYS = new Set(["Enter", ",", "Tab"]);

  document.addEventListener(
    "keydown",
    (event) => {
      const input = event.target;
      if (!COMMIT_KEYS.has(event.key) || !(input instanceof HTMLInputElement)) return;
      if (!input.closest("ul.tagit") || !input.value.trim()) return;
      const field = window.jQuery(input);
      if (field.autocomplete("instance")) field.autocomplete("close");
    },
    // Capturing: this runs before the field's own handlers.
    true,
  );
})();
