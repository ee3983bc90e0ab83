// A refused form comes back with a summary of what to fix: start the reader there,
// wherever the browser left the page, so a screen reader announces it first.
const summary = document.getElementById("comment-errors");
if (summary) {
  summary.focus();
}
