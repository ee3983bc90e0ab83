"""A browser tab at the live server that notices anything a hostile payload makes happen.

It records every call of the marker ``__xss(n)`` the payloads make, every
dialog (``alert``, ``confirm``, ``prompt``), every request that leaves the
site, every popup or navigation away, and every Content-Security-Policy
violation. Nothing is blocked except those foreign requests (and pictures and
fonts, which only cost time), so a payload that got in would run.

Pages are shown in two ways. ``visit`` is an ordinary navigation. ``render``
writes an answer the test fetched from the site (through Django's test client,
so a request costs what the view costs) into the tab's document: the same HTML
parser, scripts and event handlers as a navigation, with the
Content-Security-Policy of the page first visited still in force, and an audit
of the result, at a fraction of a navigation's cost. The suites ``render``
hundreds of answers and ``visit`` the pages that show stored comments.
"""

from urllib.parse import urlsplit

from newsdesk.conftest_browser import TIMEOUT_MS

SKIPPED_RESOURCES = {"image", "media", "font"}

WATCH_SCRIPT = """
(() => {
  const report = (kind, detail) => window.__hostileReport(kind, String(detail));
  Object.defineProperty(window, "__xss", {
    value: (...args) => report("marker", `__xss(${args.join(", ")}) ran`),
    writable: false,
    configurable: false,
  });
  // document.open() forgets listeners, so render() calls this again after it.
  Object.defineProperty(window, "__hostileWatchPolicy", {
    value: () => document.addEventListener("securitypolicyviolation", (event) =>
      report("csp", `${event.violatedDirective} blocked ${event.blockedURI} ${event.sample}`)),
  });
  window.__hostileWatchPolicy();
})();
"""

# Every element and attribute, every event handler and every script-capable
# address in the document; and the text or attribute of a few chosen elements.
AUDIT_SCRIPT = """
(reads) => {
  const HTML = "http://www.w3.org/1999/xhtml";
  const ADDRESSES = new Set(["href", "src", "action", "formaction", "data", "poster",
    "background", "xlink:href", "codebase", "srcdoc", "lowsrc", "dynsrc", "ping"]);
  const shapes = {};
  const problems = [];
  for (const element of document.querySelectorAll("*")) {
    const names = [...element.attributes].map((attribute) => attribute.name).sort();
    const tag = element.namespaceURI === HTML
      ? element.localName : `${element.namespaceURI}:${element.localName}`;
    const shape = `${tag}[${names.join(" ")}]`;
    shapes[shape] = (shapes[shape] || 0) + 1;
    for (const attribute of element.attributes) {
      const name = attribute.name.toLowerCase();
      if (name.startsWith("on")) {
        problems.push(`<${tag}> has the event handler ${name}="${attribute.value}"`);
      }
      const address = attribute.value.replace(/[\\u0000-\\u0020\\u007f]/g, "").toLowerCase();
      if (ADDRESSES.has(name) && /^(javascript|vbscript|data|livescript|mocha):/.test(address)) {
        problems.push(`<${tag}> has ${name}="${attribute.value}"`);
      }
    }
  }
  const values = {};
  for (const [key, [selector, what]] of Object.entries(reads || {})) {
    const elements = [...document.querySelectorAll(selector)];
    values[key] = elements.map((element) =>
      what === "text" ? element.textContent : element.getAttribute(what));
  }
  return {url: location.href, shapes, problems, values};
}
"""


# Write the answer, wait for it to load, and audit it, in one round trip.
RENDER_SCRIPT = f"""
async ([html, reads]) => {{
  document.open();
  window.__hostileWatchPolicy();
  document.write(html);
  document.close();
  if (document.readyState !== "complete") {{
    await new Promise((resolve) => window.addEventListener("load", resolve, {{once: true}}));
  }}
  // Let handlers queued by the load (ontoggle, onfocus, onbegin) run before the audit.
  await new Promise((resolve) => setTimeout(resolve, 0));
  return ({AUDIT_SCRIPT})(reads);
}}
"""


class WatchedTab:
    """One tab in its own browser profile, and everything suspicious seen in it so far."""

    def __init__(self, browser, origin):
        self.origin = origin
        self.host = urlsplit(origin).netloc
        self.showing = ""
        self.events = []
        self.context = browser.new_context(base_url=origin)
        self.context.set_default_timeout(TIMEOUT_MS)
        self.context.expose_binding("__hostileReport", self._reported)
        self.context.add_init_script(WATCH_SCRIPT)
        self.context.route("**/*", self._request)
        self.page = self.context.new_page()
        self.page.on("dialog", self._dialog)
        self.context.on("page", lambda popup: self._note("popup", popup.url))

    def _note(self, kind, detail):
        self.events.append(f"{kind}: {detail} (showing {self.showing})")

    def _reported(self, _source, kind, detail):
        self._note(kind, detail)

    def _dialog(self, dialog):
        self._note("dialog", f"{dialog.type}({dialog.message!r})")
        dialog.dismiss()

    def _request(self, route):
        request = route.request
        if urlsplit(request.url).netloc != self.host:
            self._note("request", f"{request.resource_type} {request.url}")
            route.abort()
        elif request.resource_type in SKIPPED_RESOURCES:
            route.abort()
        else:
            route.continue_()

    def visit(self, path):
        """Navigate to ``path``; returns the HTTP status."""
        self.showing = path
        return self.page.goto(path).status

    def render(self, html, showing, reads=None):
        """Parse ``html`` in this tab's document, then return its ``audit(reads)``.

        ``showing`` names the answer in the events. A payload that navigated the
        tab away is noted, and the tab goes back to where it was.
        """
        self.showing = showing
        start = self.page.url
        audit = self.page.evaluate(RENDER_SCRIPT, [html, reads or {}])
        if self.page.url != start:
            self._note("navigation", self.page.url)
            self.page.goto(start)
        return audit

    def audit(self, reads=None):
        """Shapes, problems and the chosen values of the document now showing.

        ``reads`` maps a name to ``(selector, "text" or an attribute name)``;
        each value comes back as the list of what every matching element holds.
        """
        return self.page.evaluate(AUDIT_SCRIPT, reads or {})

    def take_events(self):
        """The events seen since the last call, then forgotten."""
        events, self.events = self.events, []
        return events

    def close(self):
        self.context.close()
