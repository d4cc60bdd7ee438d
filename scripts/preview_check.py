"""The live-preview check behind scripts/browser-check: `mixedmodels preview` in headless Chromium.

Starts the preview on a temporary copy of a small notebook folder on a free port, opens the page, edits the notebook
on disk and requires the open page to reload with the new output within 2 s (through the server-sent reload event:
the page must not poll), shows a block's error in the page, and stops the server with SIGINT. Every wait has a
timeout and every failure says what was expected; the server is killed (its whole process group) whatever happens.
"""
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

from browser_check import screenshot, start_browser, viewport

RELOAD_LIMIT = 2.0


class CheckFailed(Exception):
    pass


NOTEBOOK = """# Preview check

A page the preview check edits while it is open.

```mixedmodel
marker = "{marker}"
println("the marker is ", marker)
```
"""

FAILING = """# Preview check

```mixedmodel
undefined_in_preview_check + 1
```
"""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(what, condition, timeout, interval=0.02):
    """Polls `condition` (in this script, not in the page) until it is true; fails naming `what`."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(interval)
    raise CheckFailed(f"timed out after {timeout:g} s waiting for {what}")


def write_atomically(path, text):
    temporary = path + ".tmp"
    with open(temporary, "w") as f:
        f.write(text)
    os.replace(temporary, path)


class Preview:
    """The `mixedmodels preview` process, started in its own process group."""

    def __init__(self, binary, folder, port, datasets):
        self.log_path = os.path.join(folder, "preview.log")
        self.log = open(self.log_path, "w")
        self.process = subprocess.Popen(
            [binary, "preview", "notebooks", "--port", str(port), "--out", "site", "--datasets", datasets],
            cwd=folder, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True,
            env=dict(os.environ, OPENBLAS_NUM_THREADS="1"))

    def output(self):
        with open(self.log_path) as f:
            return f.read()

    def wait_until_serving(self, timeout=60):
        def serving():
            if self.process.poll() is not None:
                raise CheckFailed(f"preview exited with {self.process.returncode} before serving:\n{self.output()}")
            return "previewing" in self.output()
        wait_for("the preview to serve (its 'previewing … at http://…' line)", serving, timeout, 0.1)

    def kill(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)
        self.log.close()


def requests(driver):
    """The URLs the page requested since the last call (Chromium's network log)."""
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


def page_text(driver):
    return driver.execute_script("return document.body ? document.body.innerText : ''")


def check_reload(driver, notebook, screens):
    """Edits the notebook and times until the open page shows the new output, without having polled."""
    driver.execute_script("window.__previewCheck = 'before the edit'")
    opened = requests(driver)
    if not any(url.endswith("/__events") for url in opened):
        raise CheckFailed(f"the page did not open the /__events stream; its requests: {opened}")
    time.sleep(1.0)
    idle = requests(driver)
    if idle:
        raise CheckFailed(f"the page made requests while nothing changed (polling?): {idle}")
    started = time.monotonic()
    write_atomically(notebook, NOTEBOOK.format(marker="second version"))

    def reloaded():
        try:
            gone = driver.execute_script("return window.__previewCheck === undefined")
            return gone and "the marker is second version" in page_text(driver)
        except Exception:
            return False  # the page is between documents
    wait_for("the open page to reload and show 'the marker is second version'", reloaded, 10)
    elapsed = time.monotonic() - started
    screenshot(driver, os.path.join(screens, "preview-reloaded.png"), 1280)
    if elapsed > RELOAD_LIMIT:
        raise CheckFailed(f"the page showed the edit after {elapsed:.2f} s (limit {RELOAD_LIMIT:g} s)")
    return elapsed


def check_error(driver, notebook, screens):
    """A block that throws: the page reloads and shows the error where the output was."""
    write_atomically(notebook, FAILING)

    def shows_error():
        try:
            verdict = driver.execute_script(
                "const v = document.querySelector('section.block.failed .verdict'); return v ? v.innerText : ''")
            return verdict if "undefined_in_preview_check" in verdict else False
        except Exception:
            return False
    verdict = wait_for("the page to show the failing block's error (section.block.failed naming "
                       "undefined_in_preview_check)", shows_error, 10)
    screenshot(driver, os.path.join(screens, "preview-error.png"), 1280)
    return verdict


def check_stop(preview, port):
    preview.process.send_signal(signal.SIGINT)
    try:
        code = preview.process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        raise CheckFailed("the preview did not stop within 5 s of SIGINT")
    if code != 0:
        raise CheckFailed(f"the preview exited with {code} after SIGINT (expected 0):\n{preview.output()}")
    if "preview stopped" not in preview.output():
        raise CheckFailed(f"the preview did not say 'preview stopped' after SIGINT:\n{preview.output()}")
    with socket.socket() as s:
        if s.connect_ex(("127.0.0.1", port)) == 0:
            raise CheckFailed(f"port {port} still accepts connections after the preview stopped")


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    binary = os.path.abspath(os.environ.get("MIXEDMODELS", os.path.join(root, ".build/release/mixedmodels")))
    screens = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, "site/_screens"))
    if not os.access(binary, os.X_OK):
        print(f"preview-check: no mixedmodels binary at {binary}; build it (swift build -c release --product "
              f"mixedmodels) or set MIXEDMODELS", file=sys.stderr)
        return 1
    os.makedirs(screens, exist_ok=True)
    folder = tempfile.mkdtemp(prefix="preview-check-")
    os.makedirs(os.path.join(folder, "notebooks"))
    notebook = os.path.join(folder, "notebooks", "live.md")
    write_atomically(notebook, NOTEBOOK.format(marker="first version"))
    port = free_port()
    preview = Preview(binary, folder, port, os.path.join(root, "datasets"))
    driver = None
    try:
        preview.wait_until_serving()
        driver = start_browser(network_log=True)
        viewport(driver, 1280, 900)
        driver.set_page_load_timeout(10)
        driver.get(f"http://127.0.0.1:{port}/live.html")
        if "the marker is first version" not in page_text(driver):
            raise CheckFailed(f"the served page does not show the first output; it shows:\n{page_text(driver)[:500]}")
        elapsed = check_reload(driver, notebook, screens)
        print(f"ok     preview: the open page showed the edited output {elapsed:.2f} s after the save "
              f"(limit {RELOAD_LIMIT:g} s; reload event, no polling)")
        verdict = check_error(driver, notebook, screens)
        print(f"ok     preview: the failing block's error shows in the page: {verdict.splitlines()[0][:100]}")
        driver.quit()
        driver = None
        check_stop(preview, port)
        print("ok     preview: SIGINT stopped the server cleanly (exit 0, port closed)")
        return 0
    except CheckFailed as failure:
        print(f"FAILED preview: {failure}", file=sys.stderr)
        print(f"       the preview's output:\n{preview.output()}", file=sys.stderr)
        return 1
    finally:
        if driver is not None:
            driver.quit()
        preview.kill()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
