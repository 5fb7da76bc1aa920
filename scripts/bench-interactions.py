#!/usr/bin/env python3
"""The window's own timings at a large supplier's size, in the real window over WebDriver: a key
typed in the inbox search to the frame that shows its rows, a screen chosen to the frame that
shows it, an order opened to the frame that shows its detail. The page takes each time itself
(ui/src/shared/timings) and keeps it in `window.__deskTimings`; this script makes the actions,
one at a time, and reads them back.

usage: bench-interactions.py DRIVER_URL APP DATA_DIR PORTAL_URL USER PASSWORD

Prints three rows of the table of scripts/bench.sh (p50 and p95 of each)."""

import statistics
import sys

from webdriver import Window, wait_for

# Searches as people type them: an order number's beginning, a participant's name, a serial.
TYPED = ["SO-2026-0001", "Ахмет", "Серик", "KZ", "2026-00042", "Иван", "WC-"]
BACKSPACE = "\ue003"
ESCAPE = "\ue00c"
SCREENS = ["today", "inbox", "mywork", "offerings", "money", "reports", "warranty", "inbox"]


def count(window, kind):
    return window.script(f"return window.__deskTimings.{kind}.length")


def timed(window, kind, act):
    """Does `act`, waits until the page has taken its time, and returns it."""
    before = count(window, kind)
    act()
    wait_for(f"a {kind} timing", lambda: count(window, kind) > before, 30)
    return window.script(f"return window.__deskTimings.{kind}[window.__deskTimings.{kind}.length - 1]")


def row(figure, times, target):
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return (f"| {figure} (real window, {len(times)} times) | p50 {statistics.median(times):.0f} ms, "
            f"p95 {p95:.0f} ms | | | {target} |")


def main():
    driver, app, data_dir, portal, user, password = sys.argv[1:7]
    window = Window(driver, app, ["--data-dir", data_dir, "--portal", portal])
    try:
        window.resize(1280, 800)
        window.sign_in(user, password)
        window.click("#tab-inbox")
        window.wait("[data-testid=inbox-row]", 120)
        search = window.wait("#inbox-search")
        window.call("POST", f"/element/{search}/click", {})
        for text in TYPED:
            for ch in text:
                timed(window, "search", lambda: window.call("POST", f"/element/{search}/value", {"text": ch}))
            for _ in text:
                timed(window, "search", lambda: window.call("POST", f"/element/{search}/value", {"text": BACKSPACE}))
        by_screen = {}
        for _ in range(4):
            for screen in SCREENS:
                if window.script(f"return document.getElementById('tab-{screen}')?.getAttribute('aria-selected')") == "true":
                    continue
                ms = timed(window, "screen", lambda: window.click(f"#tab-{screen}"))
                by_screen.setdefault(screen, []).append(ms)
        window.click("#tab-inbox")
        window.wait("[data-testid=inbox-row]")
        for i in range(1, 21):
            opener = f"[data-testid=inbox-row]:nth-child({i}) [data-testid=open-order]"
            timed(window, "order", lambda: window.click(opener))
            window.call("POST", f"/element/{window.find('[data-testid=order-detail]')}/value", {"text": ESCAPE})
            wait_for("the order's dialog to close",
                     lambda: not window.script("return document.querySelector('[data-testid=order-detail]') !== null"),
                     10)
        timings = window.script("return window.__deskTimings")
        orders = window.script("const t = document.querySelector('[data-testid=inbox-total]');"
                               "return t ? t.textContent.trim() : '?'")
        print(row(f"a key typed in the inbox search to its rows painted (the open orders, {orders})", timings["search"],
                  "p95 ≤ 50 ms"))
        slowest = ", ".join(f"{name} {max(times):.0f}" for name, times in
                            sorted(by_screen.items(), key=lambda item: -max(item[1]))[:3])
        print(row(f"a screen chosen in the rail to the frame that shows it (slowest: {slowest} ms)", timings["screen"],
                  "p95 ≤ 100 ms"))
        print(row("an order opened from the inbox to the frame that shows its detail", timings["order"], "p95 ≤ 100 ms"))
    finally:
        window.close()


if __name__ == "__main__":
    main()
