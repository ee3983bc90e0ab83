// A refused sign-up comes back with a summary of what to fix: start the reader there,
// so a screen reader announces it first.
const summary = document.getElementById("signup-errors");
if (summary) {
  summary.focus();
}
