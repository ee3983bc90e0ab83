"""The site's Content-Security-Policy, with the one exception the admin's preview needs."""

from csp.middleware import CSPMiddleware

# The editor shows a page's preview in a frame of its own admin, on the same origin.
PREVIEW_FRAMING = {"frame-ancestors": ["'self'"]}


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's policy; a Wagtail preview may be framed by the site's own pages.

    Wagtail renders a preview by sending a made-up request for the page's own
    address through the whole middleware chain, so the reader pages' policy,
    ``frame-ancestors 'none'``, lands on the preview too and the editor's preview
    panel stays blank. Only that directive changes, and only on previews: the
    rest of the policy still holds there, and every reader page refuses framing.
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if getattr(request, "is_preview", False):
            parts.replace = {**(parts.replace or {}), **PREVIEW_FRAMING}
        return parts
