"""Install what the browser tests of `deck serve` need and pip cannot give: Debian's Chromium and
its driver (tests/test_browser.py drives them; no test downloads a browser). Part of the README's
test command, so that one command sets up and runs the whole suite on a fresh Debian machine.

    python -m tests.setup_browser
"""

import os
import shutil
import subprocess
import sys

PACKAGES = ["chromium", "chromium-driver"]


def main() -> int:
    if shutil.which("chromium") and shutil.which("chromedriver"):
        return 0
    if not shutil.which("apt-get"):
        print(
            "De browsertests hebben Chromium en chromedriver nodig; installeer die (Debian: chromium, chromium-driver)."
        )
        return 1
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    environment = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run([*sudo, "apt-get", "update", "-qq"], check=True, env=environment, stdout=subprocess.DEVNULL)
    install = [*sudo, "apt-get", "install", "-y", "-qq", *PACKAGES]
    subprocess.run(install, check=True, env=environment, stdout=subprocess.DEVNULL)
    return 0


if __name__ == "__main__":
    sys.exit(main())
