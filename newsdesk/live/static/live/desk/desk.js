// The live desk's form: Post never sends less than the reporter typed.
//
// Draftail copies what was typed into the form a quarter second after the last
// key (its stateSaveInterval). A reporter who presses Post sooner would post the
// update without its last words, so the form waits for that copy first.
(() => {
  const DRAFTAIL_SAVE_MS = 250;
  const MARGIN_MS = 100;

  const form = document.querySelector("[data-live-desk-form]");
  if (!form) return;
  let lastTyped = 0;
  const typed = () => {
    lastTyped = Date.now();
  };
  form.addEventListener("keydown", typed, true);
  form.addEventListener("input", typed, true);
  form.addEventListener("paste", typed, true);
  form.addEventListener("submit", (event) => {
    const wait = lastTyped + DRAFTAIL_SAVE_MS + MARGIN_MS - Date.now();
    if (wait <= 0) return;
    event.preventDefault();
    window.setTimeout(() => form.requestSubmit(), wait);
  });
})();
