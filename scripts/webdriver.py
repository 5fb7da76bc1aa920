"""A small WebDriver client (standard library only) for the scripts that drive the real window
through WebKitWebDriver: `demo-window.py` (the headless proof of run.sh) and
`bench-interactions.py` (the window's timings in scripts/bench.sh)."""

import base64
import json
import time
import urllib.error
import urllib.request


class WebDriverError(RuntimeError):
    pass


def request(driver, method, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(driver + path, data=data, method=method,
                                 headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=120) as answer:
            value = json.load(answer).get("value")
    except urllib.error.HTTPError as e:
        value = json.load(e).get("value")
    if isinstance(value, dict) and "error" in value:
        raise WebDriverError(f"{method} {path}: {value['error']}: {value.get('message', '')}")
    return value


def wait_for(what, check, seconds):
    """Polls `check` until it answers something true (a WebDriver error counts as not yet)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            found = check()
        except WebDriverError:
            found = None
        if found:
            return found
        time.sleep(0.05)
    raise TimeoutError(f"{what} did not happen within {seconds} s")


class Window:
    """The app's window in a WebDriver session: WebKitWebDriver starts `app` with `args`."""

    def __init__(self, driver, app, args):
        self.driver = driver
        for _ in range(100):
            try:
                request(driver, "GET", "/status")
                break
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.1)
        caps = {"capabilities": {"alwaysMatch": {"webkitgtk:browserOptions": {"binary": app, "args": args}}}}
        self.session = "/session/" + request(driver, "POST", "/session", caps)["sessionId"]

    def call(self, method, path, body=None):
        return request(self.driver, method, self.session + path, body)

    def script(self, code, *args):
        return self.call("POST", "/execute/sync", {"script": code, "args": list(args)})

    def find(self, css):
        found = self.call("POST", "/element", {"using": "css selector", "value": css})
        return next(iter(found.values()))

    def wait(self, css, seconds=60):
        return wait_for(css, lambda: self.find(css), seconds)

    def click(self, css):
        self.call("POST", f"/element/{self.wait(css)}/click", {})

    def type_into(self, css, text, clear=True):
        element = self.wait(css)
        if clear:
            self.call("POST", f"/element/{element}/clear", {})
        self.call("POST", f"/element/{element}/value", {"text": text})

    def resize(self, width, height):
        self.call("POST", "/window/rect", {"width": width, "height": height, "x": 0, "y": 0})

    def screenshot(self, path):
        with open(path, "wb") as f:
            f.write(base64.b64decode(self.call("GET", "/screenshot")))

    def sign_in(self, user, password):
        self.type_into("#session-username", user)
        self.type_into("#session-password", password)
        self.click("[data-testid=session-submit]")
        self.wait("[data-testid=session-user]")

    def close(self):
        try:
            request(self.driver, "DELETE", self.session)
        except (WebDriverError, urllib.error.URLError):
            pass
