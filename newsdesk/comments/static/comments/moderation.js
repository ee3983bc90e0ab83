// Keyboard shortcuts for the comment queue: with focus anywhere in a row, a key
// presses that row's one-click button carrying the same data-shortcut.
// The buttons are plain forms; without this file they work the same.
document.addEventListener("keydown", (event) => {
  if (event.ctrlKey || event.metaKey || event.altKey || event.repeat) return;
  const focused = document.activeElement;
  if (!focused || focused.matches("input, textarea, select, [contenteditable]")) return;
  const row = focused.closest("tr, [data-comment-one-click-scope]");
  if (!row) return;
  const button = row.querySelector(
    `[data-comment-one-click] [data-shortcut="${CSS.escape(event.key.toLowerCase())}"]`,
  );
  if (!button) return;
  event.preventDefault();
  button.click();
});
