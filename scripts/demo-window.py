#!/usr/bin/env python3
"""The headless proof of `scripts/run.sh`: drives the real window over WebDriver (WebKitWebDriver,
already listening) through the demo account's sign-in to the inbox, waits until the first sync
has filled it with orders, and saves a screenshot.

usage: demo-window.py DRIVER_URL APP DATA_DIR USER PASSWORD SCREENSHOT

Prints "window shows the inbox with N orders …" and exits 0, or says where it stopped and exits 1.
Standard library only: it runs before anything is installed for the tests.
"""

import sys
import time

from webdriver import WebDriverError, Window, wait_for


def main():
    driver, app, data_dir, user, password, shot = sys.argv[1:7]
    window = Window(driver, app, ["--data-dir", data_dir])
    try:
        # The window's size as a person's laptop has it.
        window.resize(1280, 800)
        window.sign_in(user, password)
        window.click("#tab-inbox")
        # The bundled portal sandbox starts with its demo data; the first sync brings it in.
        rows = wait_for("orders in the inbox",
                        lambda: window.script("return document.querySelectorAll('[data-testid=inbox-row]').length"),
                        120)
        time.sleep(1)  # let the last paint land
        window.screenshot(shot)
        total = window.script("const t = document.querySelector('[data-testid=inbox-total]');"
                              "return t ? t.textContent.trim() : ''")
        print(f"window shows the inbox with {rows} orders on its first page, {total} in all")
    finally:
        window.close()


if __name__ == "__main__":
    try:
        main()
    except (WebDriverError, TimeoutError) as e:
        print(f"the demo run stopped: {e}", file=sys.stderr)
        sys.exit(1)
