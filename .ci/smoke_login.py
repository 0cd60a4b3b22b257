"""Sign in through the login page as each demo user that `make run` printed, and check
that each lands on their own dashboard. Standard library only."""

import http.cookiejar
import re
import sys
import urllib.parse
import urllib.request
from pathlib import Path

base, log_path = sys.argv[1], sys.argv[2]
log = Path(log_path).read_text(encoding="utf-8")
logins = re.findall(r"^\s+(demo-[\w-]+)\s+password: (\S+)", log, flags=re.MULTILINE)
assert len(logins) >= 5, f"make run printed no demo credentials:\n{log}"

for username, password in logins:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(f"{base}/accounts/login/").read().decode()
    assert "Sign in to Lantern" in page, page[:500]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    form = urllib.parse.urlencode(
        {"username": username, "password": password, "csrfmiddlewaretoken": token, "next": "/"}
    ).encode()
    request = urllib.request.Request(
        f"{base}/accounts/login/", data=form, headers={"Referer": f"{base}/accounts/login/"}
    )
    dashboard = opener.open(request).read().decode()
    assert f"Welcome, {username}" in dashboard, f"{username} did not reach the dashboard"
    print(f"signed in as {username}: dashboard OK")
print(f"make run serves Lantern: {len(logins)} demo users signed in")
