#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The fleet monitoring files in data/monitoring/ against the real thing.

promtool checks and unit-tests the alert rules; the application runs with
its status endpoint on 127.0.0.1 and a token; promtool lints a real scrape;
a real Prometheus server, configured from data/monitoring/prometheus.yml,
scrapes it with the token (and fails with a wrong one), loads the rules
and answers every query of the Grafana dashboard. Everything listens on
127.0.0.1 and every wait has a deadline.

usage: test-monitoring.py SRCDIR KM_BINARY PROMTOOL PROMETHEUS
"""

import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

srcdir, binary, promtool, prometheus = sys.argv[1:5]
monitoring = os.path.join(srcdir, "data", "monitoring")
rules = os.path.join(monitoring, "khojaly-memorial.rules.yml")
dashboard_path = os.path.join(monitoring, "khojaly-memorial-dashboard.json")
example_config = os.path.join(monitoring, "prometheus.yml")

n = 0
failed = False


def ok(cond, what, diag=None):
    global n, failed
    n += 1
    print(("ok" if cond else "not ok") + f" {n} - {what}", flush=True)
    if not cond:
        failed = True
        for line in str(diag or "").splitlines()[-25:]:
            print("# " + line)
    return cond


def finish():
    print(f"1..{n}")
    sys.exit(1 if failed else 0)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http_get(url, token=None, timeout=3):
    req = urllib.request.Request(url)
    if token is not None:
        req.add_header("Authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, r.headers.get("Content-Type", ""), r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.headers.get("Content-Type", ""), e.read().decode(errors="replace")


def run(cmd, stdin=None, timeout=60):
    try:
        p = subprocess.run(cmd, input=stdin, capture_output=True, text=True, timeout=timeout)
        return p.returncode, p.stdout + p.stderr
    except (OSError, subprocess.TimeoutExpired) as e:
        return -1, str(e)


def stop(proc):
    if proc is None or proc.poll() is not None:
        return
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)


def tail(path):
    try:
        with open(path, errors="replace") as f:
            return f.read()[-3000:]
    except OSError as e:
        return str(e)


# Metric names a PromQL expression reads: identifiers that are not
# functions, keywords, label names (inside {}, by (), on () ...) or strings.
PROMQL_WORDS = {
    "by", "without", "on", "ignoring", "group_left", "group_right", "bool",
    "and", "or", "unless", "offset", "sum", "count", "avg", "min", "max",
    "topk", "bottomk", "quantile", "stddev", "stdvar", "count_values", "group",
    "inf", "nan",
}


def metric_names(expr):
    e = re.sub(r'"(?:[^"\\]|\\.)*"', "", expr)
    e = re.sub(r"\{[^}]*\}", "", e)
    e = re.sub(r"\[[^\]]*\]", "", e)
    e = re.sub(r"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)", "", e)
    names = set()
    for m in re.finditer(r"[A-Za-z_:][A-Za-z0-9_:]*", e):
        word = m.group(0)
        rest = e[m.end():].lstrip()
        if rest.startswith("(") or word.lower() in PROMQL_WORDS:
            continue
        names.add(word)
    return names


print("TAP version 13")

# 1. The rules: syntax, then what each alert does on made-up series.
rc, out = run([promtool, "check", "rules", rules])
ok(rc == 0 and "SUCCESS: 6 rules found" in out, "promtool check rules: the 6 alert rules are valid", out)
rc, out = run([promtool, "test", "rules", os.path.join(srcdir, "tests", "monitoring", "rules-test.yml")])
ok(rc == 0 and "SUCCESS" in out, "promtool test rules: every alert fires when and only when it should", out)

with open(dashboard_path) as f:
    try:
        dashboard = json.load(f)
    except ValueError as e:
        dashboard = None
        dash_error = str(e)
ok(dashboard is not None, "the Grafana dashboard is JSON", None if dashboard else dash_error)
exprs = []
for panel in (dashboard or {}).get("panels", []):
    for target in panel.get("targets", []):
        if target.get("expr"):
            exprs.append((panel.get("title", "?"), target["expr"]))
titles = {t for t, _ in exprs}
wanted = ["Kiosks up", "Content version per kiosk", "Visits per hour",
          "Languages on screen", "Content update failures in a row"]
ok(len(exprs) >= 5 and all(w in titles for w in wanted),
   f"the dashboard has {len(exprs)} queries, in the panels {', '.join(wanted)}", sorted(titles))

tmp = tempfile.TemporaryDirectory(prefix="km-monitoring-")
app = prom = None
try:
    # 2. The application, with its status endpoint on a free port.
    token = secrets.token_hex(24)
    app_port = free_port()
    config_home = os.path.join(tmp.name, "config")
    os.makedirs(os.path.join(config_home, "glib-2.0", "settings"))
    with open(os.path.join(config_home, "glib-2.0", "settings", "keyfile"), "w") as f:
        f.write("[io/github/KhojalyMemorial/Exhibition]\n"
                "status-server-enabled=true\n"
                "status-server-address='127.0.0.1'\n"
                f"status-server-port={app_port}\n"
                f"status-server-token='{token}'\n")
    env = dict(os.environ, GSETTINGS_BACKEND="keyfile", XDG_CONFIG_HOME=config_home,
               XDG_DATA_HOME=os.path.join(tmp.name, "data"), XDG_CACHE_HOME=os.path.join(tmp.name, "cache"))
    app_log = os.path.join(tmp.name, "app.log")
    with open(app_log, "w") as log:
        app = subprocess.Popen([binary], env=env, stdout=log, stderr=subprocess.STDOUT,
                               stdin=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{app_port}"
    status = None
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline and app.poll() is None:
        try:
            status, ctype, scrape = http_get(base + "/metrics", token)
            if status == 200:
                break
        except OSError:
            pass
        time.sleep(0.5)
    if not ok(status == 200, f"the application answers GET /metrics with its token on 127.0.0.1:{app_port}",
              f"status {status}, exit {app.poll()}\n" + tail(app_log)):
        finish()
    ok(ctype.startswith("text/plain") and "km_info{" in scrape and "km_content_version " in scrape,
       "the scrape is Prometheus text with km_info and km_content_version", ctype + "\n" + scrape)
    unauthorized, _, _ = http_get(base + "/metrics", "not-" + token)
    ok(unauthorized == 401, "a wrong token gets 401", f"status {unauthorized}")

    rc, out = run([promtool, "check", "metrics"], stdin=scrape)
    ok(rc == 0 and out.strip() == "", "promtool check metrics finds nothing to lint in a real scrape", out)

    scraped = set(re.findall(r"^([A-Za-z_:][A-Za-z0-9_:]*)(?:\{| )", scrape, re.M))
    queried = set()
    for _, expr in exprs:
        queried |= metric_names(expr)
    # up is written by Prometheus for each target, not by the kiosk.
    missing = sorted(queried - scraped - {"up"})
    ok(queried and not missing, f"every metric the dashboard queries is in the scrape ({', '.join(sorted(queried))})",
       "missing: " + ", ".join(missing))

    # 3. A real Prometheus server, configured from the example
    # prometheus.yml with only the paths, targets and intervals changed.
    token_file = os.path.join(tmp.name, "khojaly-memorial.token")
    with open(token_file, "w") as f:
        f.write(token + "\n")
    wrong_file = os.path.join(tmp.name, "wrong.token")
    with open(wrong_file, "w") as f:
        f.write("wrong-" + token + "\n")
    with open(example_config) as f:
        config = f.read()
    replacements = [
        ("/etc/prometheus/khojaly-memorial.rules.yml", rules),
        ("/etc/prometheus/khojaly-memorial.token", token_file),
        ("scrape_interval: 30s", "scrape_interval: 1s"),
        ("evaluation_interval: 30s", "evaluation_interval: 1s"),
        ("scrape_timeout: 10s", "scrape_timeout: 1s"),
    ]
    changed = True
    for old, new in replacements:
        changed = changed and config.count(old) == 1
        config = config.replace(old, new)
    config, targets = re.subn(r"(\n\s+- targets:\n)(\s+- \S+\n)+",
                              rf"\g<1>          - 127.0.0.1:{app_port}\n", config)
    config += ("  # Added by the test: the same kiosk with a wrong token.\n"
               "  - job_name: wrong-token\n"
               "    authorization:\n"
               "      type: Bearer\n"
               f"      credentials_file: {wrong_file}\n"
               "    static_configs:\n"
               f"      - targets: ['127.0.0.1:{app_port}']\n")
    config_path = os.path.join(tmp.name, "prometheus.yml")
    with open(config_path, "w") as f:
        f.write(config)
    ok(changed and targets == 1, "data/monitoring/prometheus.yml has the rule file, token file, intervals and targets to adapt",
       config)
    rc, out = run([promtool, "check", "config", config_path])
    ok(rc == 0, "promtool check config on the example configuration", out)

    prom_port = free_port()
    prom_log = os.path.join(tmp.name, "prometheus.log")
    with open(prom_log, "w") as log:
        prom = subprocess.Popen([prometheus, "--config.file=" + config_path,
                                 "--storage.tsdb.path=" + os.path.join(tmp.name, "tsdb"),
                                 f"--web.listen-address=127.0.0.1:{prom_port}",
                                 "--log.level=warn"],
                                stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    api = f"http://127.0.0.1:{prom_port}/api/v1/"

    def query(q):
        try:
            status, _, body = http_get(api + "query?" + urllib.parse.urlencode({"query": q}))
            data = json.loads(body)
        except (OSError, ValueError) as e:
            return None, str(e)
        return (data["data"]["result"] if data.get("status") == "success" else None), body

    def wait_for(check, seconds=60):
        deadline = time.monotonic() + seconds
        last = None
        while time.monotonic() < deadline and prom.poll() is None:
            good, last = check()
            if good:
                return True, last
            time.sleep(0.5)
        return False, f"{last}\nprometheus exit {prom.poll()}\n" + tail(prom_log)

    def up_is(job, value):
        result, body = query(f'up{{job="{job}"}}')
        return bool(result) and result[0]["value"][1] == value, body

    good, diag = wait_for(lambda: up_is("khojaly-memorial", "1"))
    ok(good, "Prometheus scrapes the kiosk with the token file: up == 1", diag)
    good, diag = wait_for(lambda: up_is("wrong-token", "0"))
    ok(good, "with a wrong token the same kiosk is down: up == 0", diag)

    result, body = query('km_content_version{job="khojaly-memorial"}')
    ok(bool(result) and result[0]["metric"].get("instance") == f"127.0.0.1:{app_port}"
       and result[0]["value"][1] == "0",
       "the query API returns the kiosk's km_content_version (0, the bundled exhibition)", body)

    def rules_loaded():
        try:
            _, _, body = http_get(api + "rules")
            groups = json.loads(body)["data"]["groups"]
        except (OSError, ValueError, KeyError) as e:
            return False, str(e)
        rules_ = [r for g in groups for r in g["rules"]]
        return len(rules_) == 6 and all(r.get("health") == "ok" for r in rules_), body
    good, diag = wait_for(rules_loaded)
    ok(good, "Prometheus loaded and evaluated the 6 alert rules without errors", diag)

    for title, expr in exprs:
        good, diag = wait_for(lambda: (bool(query(expr)[0]), query(expr)[1]), 75)
        ok(good, f"dashboard panel “{title}”: {expr} returns series", diag)

    ok(app.poll() is None, "the application still runs", tail(app_log))
finally:
    stop(prom)
    stop(app)
    tmp.cleanup()

finish()
