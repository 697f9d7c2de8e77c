#!/usr/bin/env python3
"""The dashboard in a real browser: Debian's chromium and chromedriver, driven by selenium.

    scripts/dashboard-browser-test.py [RUNNEL_BINARY] [SCREENSHOT_FOLDER]

Starts a real `runnel serve` on a scratch bare repository (pushed to from a clone, as a team
would), then checks: sign-in; the workflows page lists what was pushed; an invalid push shows
its diagnostic under the right line; a run started from the Run form reaches `completed` on
the open run page without a reload, its steps' colours and log lines arriving live; an
approval decided from the inbox resumes the run; a rollback from the versions page makes a
commit that `git log` shows; a read key sees no write buttons; a form without its CSRF token
is refused; no console errors; no request leaves 127.0.0.1. Saves a screenshot of each page
(default folder: docs/images/dashboard). Prints `N passed, M failed` and exits non-zero on a
failure.
"""
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import traceback
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RUNNEL = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, ".build/debug/runnel")
SHOTS = sys.argv[2] if len(sys.argv) > 2 else os.path.join(ROOT, "docs/images/dashboard")

HELLO = """name: Hello
description: Greets someone, a line at a time
tags: [demo]
inputs:
  who: {type: string, required: true, description: Whom to greet}
  times: {type: integer, default: 3}
on:
  schedule:
    - {id: nightly, cron: "0 3 * * *", inputs: {who: night}}
steps:
  - id: greet
    type: script
    config:
      env: {WHO: "${{ inputs.who }}", TIMES: "${{ inputs.times }}"}
      run: 'sleep 1.5; i=1; while [ $i -le $TIMES ]; do echo "hello $WHO ($i)"; sleep 0.6; i=$((i+1)); done; echo "said=hello $WHO" >> "$RUNNEL_OUTPUT"'
  - id: count
    type: script
    depends_on: [greet]
    config: {run: 'echo counted; sleep 0.5'}
  - id: report
    type: script
    depends_on: [greet, count]
    config: {run: 'echo reported'}
outputs:
  said: ${{ steps.greet.output.said }}
"""

GATED = """name: Gated
description: Waits for a person to approve
steps:
  - id: prepare
    type: script
    config: {run: 'echo prepared'}
  - id: gate
    type: approval
    depends_on: [prepare]
    config:
      message: "Ship it?"
      input_schema: {type: object, properties: {ticket: {type: string}}}
  - id: ship
    type: script
    depends_on: [gate]
    config: {run: 'echo shipped'}
"""

BROKEN = """name: Broken
steps:
  - id: first
    type: script
    config: {run: 'echo one'}
  - id: second
    type: script
    depends_on: [frist]
    config: {run: 'echo two'}
"""


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


class Run:
    def __init__(self):
        self.passed = []
        self.failed = []
        self.driver = None

    def check(self, name, fn):
        started = time.time()
        try:
            fn()
            self.passed.append(name)
            print(f"ok   {name} ({time.time() - started:.1f} s)", flush=True)
        except Exception as error:  # a failed check is reported, the others still run
            self.failed.append(name)
            print(f"FAIL {name}: {error}", flush=True)
            traceback.print_exc()
            if self.driver is not None:
                try:
                    print(f"  at {self.driver.current_url}: " + self.driver.find_element(By.TAG_NAME, "body").text[:800].replace("\n", " | "))
                except Exception:
                    pass


def main():
    scratch = tempfile.mkdtemp(prefix="runnel-browser-")
    os.makedirs(SHOTS, exist_ok=True)
    env = dict(os.environ, GIT_CONFIG_GLOBAL="/dev/null", GIT_CONFIG_NOSYSTEM="1")

    def git(*args, cwd=None):
        return subprocess.run(["git", "-c", "user.name=Dana Dev", "-c", "user.email=dana@example.com", "-c", "init.defaultBranch=main",
                               "-c", "commit.gpgsign=false", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True).stdout

    origin = os.path.join(scratch, "origin.git")
    clone = os.path.join(scratch, "clone")
    git("init", "-q", "--bare", origin)
    git("clone", "-q", origin, clone)
    os.makedirs(os.path.join(clone, "workflows"))

    def push(files, message):
        for path, text in files.items():
            with open(os.path.join(clone, path), "w") as f:
                f.write(text)
        git("add", "-A", cwd=clone)
        git("commit", "-qm", message, cwd=clone)
        git("push", "-q", "origin", "HEAD:main", cwd=clone)

    push({"workflows/hello.yaml": HELLO, "workflows/gated.yaml": GATED}, "Add hello and gated")
    keys = os.path.join(scratch, "keys.json")
    admin = subprocess.run([RUNNEL, "keys", "create", "dana", "--scopes", "admin", "--keys-file", keys],
                           check=True, capture_output=True, text=True).stdout.strip()
    reader = subprocess.run([RUNNEL, "keys", "create", "viewer", "--scopes", "read", "--keys-file", keys],
                            check=True, capture_output=True, text=True).stdout.strip()
    # Runs that wait for approval are started by another key: no one approves their own run.
    starter = subprocess.run([RUNNEL, "keys", "create", "ci", "--scopes", "run", "--keys-file", keys],
                             check=True, capture_output=True, text=True).stdout.strip()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = open(os.path.join(scratch, "serve.log"), "w")
    serve = subprocess.Popen([RUNNEL, "serve", "--repo", origin, "--state", os.path.join(scratch, "state"), "--keys-file", keys,
                              "--listen", f"127.0.0.1:{port}", "--poll-interval", "0.2"], stdout=log, stderr=subprocess.STDOUT)
    driver = None
    run = Run()
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(base + "/readyz", timeout=1)
                break
            except OSError:
                if serve.poll() is not None:
                    raise RuntimeError("runnel serve stopped: " + open(log.name).read())
                time.sleep(0.1)

        def api(method, path, body=None, key=admin):
            request = urllib.request.Request(base + path, method=method, data=json.dumps(body).encode() if body is not None else None,
                                             headers={"Authorization": f"Bearer {key}", "Content-Type": "application/json"})
            with urllib.request.urlopen(request, timeout=10) as response:
                return json.load(response)

        options = webdriver.ChromeOptions()
        options.binary_location = "/usr/bin/chromium"
        for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,900",
                         "--force-prefers-reduced-motion", "--no-first-run", "--disable-background-networking",
                         "--disable-component-update", "--disable-sync", "--disable-default-apps"]:
            options.add_argument(argument)
        options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
        driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
        driver.set_page_load_timeout(30)
        run.driver = driver
        wait = WebDriverWait(driver, 20)
        console = []
        requests = []

        def drain():
            console.extend(e for e in driver.get_log("browser") if e.get("level") == "SEVERE")
            for entry in driver.get_log("performance"):
                message = json.loads(entry["message"])["message"]
                if message.get("method") == "Network.requestWillBeSent":
                    requests.append(message["params"]["request"]["url"])

        def shot(name):
            driver.save_screenshot(os.path.join(SHOTS, name + ".png"))
            drain()

        def text(selector):
            return driver.find_element(By.CSS_SELECTOR, selector).text

        def attr(selector, name):
            # Read in one script: a live page swaps its fragment at any time.
            return driver.execute_script("var e = document.querySelector(arguments[0]); return e ? e.getAttribute(arguments[1]) : null",
                                         selector, name)

        def inner(selector):
            return driver.execute_script("var e = document.querySelector(arguments[0]); return e ? e.textContent : ''", selector)

        def present(selector):
            return len(driver.find_elements(By.CSS_SELECTOR, selector)) > 0

        def sign_in(key):
            driver.get(base + "/dashboard")
            wait.until(lambda d: present("#key"))
            driver.find_element(By.ID, "key").send_keys(key)
            driver.find_element(By.ID, "signin").click()
            wait.until(lambda d: present("#workflows") or present("#signin-error"))

        def signs_in():
            driver.get(base + "/dashboard")
            assert "/dashboard/signin" in driver.current_url, driver.current_url
            shot("signin")
            sign_in(admin)
            assert text("#viewer") == "dana", text("#viewer")
        run.check("sign in with an API key", signs_in)

        def lists_workflows():
            driver.get(base + "/dashboard/workflows")
            rows = [e.get_attribute("data-workflow") for e in driver.find_elements(By.CSS_SELECTOR, "tr[data-workflow]")]
            assert rows == ["gated", "hello"], rows
            assert "schedule" in text('tr[data-workflow="hello"]')
            shot("workflows")
        run.check("the workflows page lists what was pushed", lists_workflows)

        def shows_diagnostic():
            push({"workflows/broken.yaml": BROKEN}, "Add broken")
            line = BROKEN.split("\n").index("    depends_on: [frist]") + 1
            for _ in range(100):
                driver.get(base + "/dashboard/workflows/broken")
                if present(".diag"):
                    break
                time.sleep(0.2)
            diagnostic = driver.find_element(By.CSS_SELECTOR, ".diag")
            assert diagnostic.get_attribute("data-line") == str(line), diagnostic.get_attribute("data-line")
            assert "^" in diagnostic.text and "frist" in diagnostic.text, diagnostic.text
            # It stands right after its source line.
            previous = driver.execute_script("return arguments[0].previousElementSibling.id", diagnostic)
            assert previous == f"L{line}", previous
            shot("workflow-invalid")
        run.check("an invalid push shows its diagnostic under the right line", shows_diagnostic)

        def runs_live():
            driver.get(base + "/dashboard/workflows/hello")
            shot("workflow")
            driver.find_element(By.NAME, "input.who").send_keys("Ada")
            driver.find_element(By.ID, "run-button").click()
            wait.until(lambda d: present("#run-status"))
            assert "/dashboard/runs/" in driver.current_url
            driver.execute_script("window.__sameDocument = true")
            seen = set()
            deadline = time.time() + 30
            while time.time() < deadline:
                status = attr("#run-status", "data-status")
                seen.add(attr('svg.dag g[data-step="greet"]', "data-status"))
                if "hello Ada (1)" in inner('pre[data-log="greet"]') and status == "running":
                    seen.add("log while running")
                if status == "completed":
                    break
                time.sleep(0.1)
            assert driver.execute_script("return window.__sameDocument === true"), "the page was reloaded"
            assert status == "completed", status
            assert "running" in seen and "log while running" in seen, f"the greet node went {seen}"
            time.sleep(0.3)
            assert attr('svg.dag g[data-step="report"]', "data-status") == "completed"
            log = inner('pre[data-log="greet"]')
            assert "hello Ada (3)" in log, log
            assert present("svg.gantt rect.bar")
            shot("run")
        run.check("a run from the Run form completes live on its page", runs_live)

        def approves():
            started = api("POST", "/api/workflows/gated/run", {"input_data": {}}, key=starter)
            run_id = started["run_id"]
            for _ in range(100):
                if api("GET", f"/api/runs/{run_id}")["status"] == "awaiting_approval":
                    break
                time.sleep(0.1)
            driver.get(base + "/dashboard/approvals")
            section = driver.find_element(By.CSS_SELECTOR, f'section.approval[data-run="{run_id}"]')
            section.find_element(By.NAME, "note").send_keys("looks good")
            section.find_element(By.NAME, "input").clear()
            section.find_element(By.NAME, "input").send_keys('{"ticket": "OPS-7"}')
            shot("approvals")
            section.find_element(By.CSS_SELECTOR, 'button[value="approve"]').click()
            wait.until(lambda d: present("#run-status"))
            assert run_id in driver.current_url
            wait.until(lambda d: attr("#run-status", "data-status") == "completed")
            record = api("GET", f"/api/runs/{run_id}")
            gate = [s for s in record["step_runs"] if s["step_id"] == "gate"][0]
            assert gate["output"]["input"] == {"ticket": "OPS-7"} and gate["output"]["note"] == "looks good", gate
        run.check("an approval decided from the inbox resumes the run", approves)

        def rolls_back():
            push({"workflows/hello.yaml": HELLO.replace("Greets someone", "Greets anyone")}, "Reword hello")
            for _ in range(100):
                if len(api("GET", "/api/workflows/hello/versions")["versions"]) == 2:
                    break
                time.sleep(0.2)
            driver.get(base + "/dashboard/versions/hello?v1=1&v2=2")
            assert "description" in text("#diff-summary") or "description" in text("#patch"), text("#diff-summary")
            assert "Greets anyone" in text("#text-diff")
            shot("versions")
            driver.find_element(By.ID, "rollback-1-button").click()
            wait.until(lambda d: present("#flash"))
            assert "Rolled back" in text("#flash"), text("#flash")
            subject = git("--git-dir", origin, "log", "-1", "--format=%an|%s", "main")
            assert subject.startswith("dana|") and "hello" in subject.lower(), subject
        run.check("a rollback from the versions page makes a commit", rolls_back)

        def other_pages():
            driver.get(base + "/dashboard/runs")
            assert len(driver.find_elements(By.CSS_SELECTOR, "tr[data-run]")) >= 2
            shot("runs")
            driver.get(base + "/dashboard/runs?status=completed&workflow=gated")
            rows = driver.find_elements(By.CSS_SELECTOR, "tr[data-run]")
            assert len(rows) == 1, len(rows)
            driver.get(base + "/dashboard/status")
            assert present("#active-commit")
            assert "broken" in driver.find_element(By.TAG_NAME, "main").text
            shot("status")
        run.check("the runs and status pages", other_pages)

        def refuses_without_token():
            drain()
            before = api("GET", "/api/runs?workflow=hello")["total"]
            driver.get(base + "/dashboard/workflows/hello")
            driver.execute_script("document.querySelector('#run-form input[name=csrf]').remove()")
            driver.find_element(By.NAME, "input.who").send_keys("Mallory")
            driver.find_element(By.ID, "run-button").click()
            wait.until(lambda d: present("#problem"))
            assert "CSRF" in text("#problem"), text("#problem")
            assert api("GET", "/api/runs?workflow=hello")["total"] == before, "no run was started"
            # The refusal itself is the one console error expected (a 403 for the page).
            drain()
            console[:] = [e for e in console if "/dashboard/run/hello" not in e.get("message", "")]
        run.check("a form without its CSRF token is refused", refuses_without_token)

        def read_key():
            driver.get(base + "/dashboard/workflows")
            driver.find_element(By.ID, "signout").click()
            wait.until(lambda d: present("#key"))
            sign_in(reader)
            assert text("#viewer") == "viewer"
            driver.get(base + "/dashboard/workflows/hello")
            assert not present("#run-form")
            run_id = api("GET", "/api/runs?workflow=hello&limit=1")["runs"][0]["id"]
            driver.get(base + "/dashboard/runs/" + run_id)
            for button in ["#cancel", "#resume", "#rerun", "#delete"]:
                assert not present(button), button
            driver.get(base + "/dashboard/versions/hello")
            assert not present('button[id^="rollback-"]')
            driver.get(base + "/dashboard/runs")
            assert not present("#bulk-cancel")
        run.check("a read key sees no write button", read_key)

        def clean_console_and_network():
            drain()
            assert not console, console
            outside = [u for u in requests if not (u.startswith(base + "/") or u.startswith("data:") or u.startswith("about:"))]
            assert not outside, outside
            assert any(u.endswith("/events") for u in requests), "the run page opened its event stream"
        run.check("no console error, no request off 127.0.0.1", clean_console_and_network)
    finally:
        if driver is not None:
            driver.quit()
        serve.terminate()
        try:
            serve.wait(timeout=20)
        except subprocess.TimeoutExpired:
            serve.kill()
        if run.failed:
            print("--- runnel serve log (last 30 lines)")
            print("".join(open(log.name).readlines()[-30:]))
        shutil.rmtree(scratch, ignore_errors=True)
    print(f"{len(run.passed)} passed, {len(run.failed)} failed")
    return 1 if run.failed else 0


if __name__ == "__main__":
    sys.exit(main())
