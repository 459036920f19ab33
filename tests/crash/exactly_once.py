#!/usr/bin/env python3
"""Exactly once across kill -9, tested from outside (issue 14).

Each round starts `awardflow serve` on a copy of a demo data directory, sends keyed requests of
every kind from many client threads (submissions, dossier actions, ballots, council sessions,
opinion requests, comment answers, users and units), kills the server with SIGKILL at a random
moment, restarts it and sends every request again with its key and body, as clients do. Then,
reading the store itself: each request's effect exists exactly once; every answer acknowledged
before the kill is replayed identically (status and body) with Idempotent-Replayed: true; no
retry is answered 409 (no claim outlives a dead process); `awardflow audit verify` holds.
The CLI is killed the same way (`awardflow council open|users add --idempotency-key`).

usage: exactly_once.py AWARDFLOW_BINARY SOURCE_DIR [--rounds N] [--seed S]
Prints the figures (rounds, requests, acknowledged, effects twice) and exits 1 on any failure.
"""

import argparse
import json
import os
import random
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request

BOUNDARY = "awardflow-crash-boundary"
FILES_09 = ["pho-chau-2024-totrinh-231.pdf", "pho-chau-2024-bienban-binhxet-27.pdf"]
COUNCIL = ["hoi-dong-1", "hoi-dong-2", "hoi-dong-3"]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, binary, data, log):
        self.binary, self.data, self.log = binary, data, log
        self.proc = None
        self.port = None

    def start(self):
        self.port = free_port()
        self.proc = subprocess.Popen(
            [self.binary, "serve", "--data", self.data, "--listen", f"127.0.0.1:{self.port}"],
            stdout=self.log, stderr=self.log, start_new_session=True)
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/healthz", timeout=2):
                    return
            except OSError:
                if self.proc.poll() is not None:
                    raise RuntimeError("the server exited at start")
                time.sleep(0.1)
        raise RuntimeError("the server did not start")

    def kill(self):
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
        if self.proc:
            self.proc.wait()

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.kill()


def call(port, method, path, body, content_type, headers, timeout=60):
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=body, method=method)
    if content_type:
        request.add_header("Content-Type", content_type)
    for k, v in headers.items():
        request.add_header(k, v)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as r:
            return r.status, r.read(), dict(r.headers)
    except urllib.error.HTTPError as e:
        return e.code, e.read(), dict(e.headers)


def sign_in(port, login):
    status, body, headers = call(port, "POST", "/api/v1/session",
                                 json.dumps({"login": login,
                                             "password": f"demo-{login}-2026"}).encode(),
                                 "application/json", {})
    assert status == 200, (login, status, body)
    cookie = headers["Set-Cookie"].split(";")[0]
    csrf = json.loads(body)["csrfToken"]
    status, body, _ = call(port, "POST", "/api/v1/tokens",
                           json.dumps({"label": "crash test"}).encode(), "application/json",
                           {"Cookie": cookie, "X-CSRF-Token": csrf})
    assert status in (200, 201), (login, status, body)
    return json.loads(body)["token"]


def multipart(xml, source):
    parts = [("dossier", "dossier.xml", "application/xml", xml)]
    for f in FILES_09:
        with open(os.path.join(source, "samples/attachments", f), "rb") as fh:
            parts.append(("file", f, "application/pdf", fh.read()))
    out = b""
    for name, file, ctype, data in parts:
        out += (f"--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"; "
                f"filename=\"{file}\"\r\nContent-Type: {ctype}\r\n\r\n").encode() + data + b"\r\n"
    return out + f"--{BOUNDARY}--\r\n".encode()


class Request:
    """One keyed request: who sends it, what, and how to count its effect in the store."""

    def __init__(self, kind, login, method, path, body, content_type, key, effect):
        self.kind, self.login, self.method, self.path = kind, login, method, path
        self.body, self.content_type, self.key, self.effect = body, content_type, key, effect
        self.acknowledged = None  # (status, body) answered before a kill
        self.final = None


def plan_round(rnd, db, source, signed_xml):
    """The requests of round `rnd`, from what the store holds now."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    q = lambda sql, *a: con.execute(sql, a).fetchall()
    reqs = []
    tag = f"r{rnd}"
    for i in range(4):
        code = f"CRASH-{tag}-{i}".upper()
        reqs.append(Request("unit", "quan-tri", "POST", "/api/v1/units",
                            json.dumps({"code": code, "name": f"Đơn vị {code}",
                                        "level": "commune"}).encode(), "application/json",
                            f"unit-{tag}-{i}", ("SELECT COUNT(*) FROM units WHERE code = ?", code)))
        login = f"crash-{tag}-{i}"
        reqs.append(Request("user", "quan-tri", "POST", "/api/v1/users",
                            json.dumps({"login": login, "name": f"Người dùng {login}",
                                        "role": "standing-office", "unit": "UBND-HUONGSON",
                                        "password": "crash-password-123"}).encode(),
                            "application/json", f"user-{tag}-{i}",
                            ("SELECT COUNT(*) FROM users WHERE login = ?", login)))
    for i in range(4):
        title = f"Phiên thử sập {tag}-{i}"
        reqs.append(Request("council session", "thuong-truc", "POST", "/api/v1/council-sessions",
                            json.dumps({"title": title, "meetsOn": "2026-12-20",
                                        "members": COUNCIL}).encode(), "application/json",
                            f"session-{tag}-{i}",
                            ("SELECT COUNT(*) FROM council_sessions WHERE title = ?", title)))
    body = multipart(signed_xml, source)
    for i in range(4):
        # The same bytes under different keys are different dossiers: count by the key's answer.
        reqs.append(Request("submission", "pho-chau", "POST", "/api/v1/dossiers", body,
                            f"multipart/form-data; boundary={BOUNDARY}", f"submit-{tag}-{i}",
                            None))
    # Actions on the dossiers submitted in earlier rounds (receive, then start appraisal).
    for (dossier, state, version) in q(
            "SELECT id, state, version FROM dossiers WHERE state IN ('submitted', 'received') "
            "AND submitted_by IN ('pho-chau', 'son-tien') ORDER BY id LIMIT 8") + q(
            "SELECT id, state, version FROM dossiers WHERE state = 'appraisal' AND "
            "submitted_by IN ('pho-chau', 'son-tien') ORDER BY id DESC LIMIT 3"):
        action = {"submitted": "receive", "received": "start-appraisal"}.get(state)
        if action:
            reqs.append(Request("action", "thuong-truc", "POST",
                                f"/api/v1/dossiers/{dossier}/actions/{action}", b"{}",
                                "application/json", f"{action}-{dossier}-{tag}",
                                ("SELECT COUNT(*) FROM events WHERE subject = ? AND kind = ?",
                                 dossier, "dossier." + action)))
        # An opinion asked of another agency while it is appraised.
        if state == "appraisal":
            agency = f"CA-{tag}".upper()
            reqs.append(Request("opinion request", "thuong-truc", "POST",
                                f"/api/v1/dossiers/{dossier}/opinions",
                                json.dumps({"agency": agency,
                                            "agencyName": f"Công an xã {tag}",
                                            "question": "Chấp hành pháp luật?"}).encode(),
                                "application/json", f"opinion-{dossier}-{tag}",
                                ("SELECT COUNT(*) FROM opinions WHERE dossier_id = ? AND "
                                 "agency = ?", dossier, agency)))
    # Ballots on the demo's dossier in the council, once per member over the whole test.
    for (dossier,) in q("SELECT id FROM dossiers WHERE state = 'council-review' ORDER BY id LIMIT 1"):
        for member in COUNCIL:
            if q("SELECT 1 FROM ballot_participation p JOIN ballots b ON b.id = p.ballot_id "
                 "JOIN users u ON u.login = p.login WHERE b.dossier_id = ? AND p.login = ?",
                 dossier, member):
                continue
            reqs.append(Request("ballot", member, "POST", f"/api/v1/dossiers/{dossier}/ballot",
                                json.dumps({"choice": "approve"}).encode(), "application/json",
                                f"ballot-{dossier}-{member}",
                                ("SELECT COUNT(*) FROM ballot_participation p JOIN ballots b ON "
                                 "b.id = p.ballot_id WHERE b.dossier_id = ? AND p.login = ?",
                                 dossier, member)))
    # Answers to public comments the demo holds.
    for (dossier, comment) in q("SELECT dossier_id, id FROM public_comments WHERE "
                                "resolution IS NULL ORDER BY id LIMIT 2"):
        reqs.append(Request("comment answer", "thuong-truc", "PUT",
                            f"/api/v1/dossiers/{dossier}/comments/{comment}/resolution",
                            json.dumps({"resolution": f"Đã xác minh ({tag})"}).encode(),
                            "application/json", f"comment-{comment}-{tag}",
                            ("SELECT COUNT(*) FROM events WHERE subject = ? AND kind = "
                             "'comment.resolved' AND payload LIKE ?", dossier,
                             f'{{"comment":{comment},%({tag})%')))
    con.close()
    return reqs


def send(port, tokens, r, timeout=60):
    return call(port, r.method, r.path, r.body, r.content_type,
                {"Authorization": f"Bearer {tokens[r.login]}", "Idempotency-Key": r.key},
                timeout)


def http_round(rnd, args, data, log, signed_xml, posted, failures, figures):
    db = os.path.join(data, "awardflow.db")
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    (before,) = con.execute("SELECT COUNT(*) FROM events WHERE kind = 'dossier.submitted'").fetchone()
    con.close()
    server = Server(args.binary, data, log)
    server.start()
    logins = ["quan-tri", "thuong-truc", "pho-chau"] + COUNCIL
    tokens = {login: sign_in(server.port, login) for login in logins}
    # Two public comments on the posted list, for the office to answer under keys below.
    for i in range(2):
        status, body, _ = call(server.port, "POST", f"/api/v1/public/notices/{posted}/comments",
                               json.dumps({"author": f"Người dân {rnd}-{i}",
                                           "text": "Đề nghị xác minh thêm."}).encode(),
                               "application/json", {})
        if status != 201:
            failures.append(f"round {rnd}: a public comment was answered {status} {body[:200]}")
    reqs = plan_round(rnd, os.path.join(data, "awardflow.db"), args.source, signed_xml)
    random.shuffle(reqs)
    # Clients send until the kill; what they got back before it is acknowledged. The kill comes
    # once a random number of answers are in (none to all but one), a few milliseconds later,
    # so that it lands among requests in flight whatever the machine's speed.
    pending = list(reqs)
    lock = threading.Lock()
    answered = threading.Semaphore(0)

    def client():
        while True:
            with lock:
                if not pending:
                    return
                r = pending.pop()
            try:
                status, body, headers = send(server.port, tokens, r, timeout=30)
                r.acknowledged = (status, body)
                answered.release()
            except OSError:
                return  # the server died under this request: it is retried below

    threads = [threading.Thread(target=client) for _ in range(8)]
    for t in threads:
        t.start()
    for _ in range(random.randrange(len(reqs))):
        if not answered.acquire(timeout=30):
            break
    time.sleep(random.uniform(0.0, 0.02))
    server.kill()
    for t in threads:
        t.join()
    server.start()
    tokens = {login: sign_in(server.port, login) for login in logins}
    for r in reqs:
        status, body, headers = send(server.port, tokens, r)
        r.final = (status, body)
        if status == 409 and b"idempotency" in body.lower():
            failures.append(f"round {rnd}: {r.kind} {r.key} answered 409 after the restart")
        if r.acknowledged is not None:
            if r.acknowledged != r.final:
                failures.append(f"round {rnd}: {r.kind} {r.key}: acknowledged {r.acknowledged} "
                                f"but replayed {r.final}")
            elif headers.get("Idempotent-Replayed") != "true":
                failures.append(f"round {rnd}: {r.kind} {r.key}: replay not marked")
        if status >= 500:
            failures.append(f"round {rnd}: {r.kind} {r.key}: {status} {body[:200]}")
    server.stop()
    con = sqlite3.connect(f"file:{os.path.join(data, 'awardflow.db')}?mode=ro", uri=True)
    submitted_ids = set()
    for r in reqs:
        figures["requests"] += 1
        figures["kinds"][r.kind] = figures["kinds"].get(r.kind, 0) + 1
        figures["acknowledged"] += r.acknowledged is not None
        if r.kind == "submission":
            if r.final[0] == 201:
                submitted_ids.add(json.loads(r.final[1])["id"])
            continue
        if r.final[0] >= 400:
            continue  # a refusal (e.g. a comment already answered): no effect to count
        sql, *params = r.effect
        (n,) = con.execute(sql, params).fetchone()
        if n != 1:
            figures["twice"] += n > 1
            failures.append(f"round {rnd}: {r.kind} {r.key}: effect found {n} times")
    # Submissions: as many new dossiers as keyed requests answered 201, each its own.
    subs = [r for r in reqs if r.kind == "submission"]
    (after,) = con.execute("SELECT COUNT(*) FROM events WHERE kind = 'dossier.submitted'").fetchone()
    made = after - before
    if len(submitted_ids) != len(subs) or made != len(subs):
        figures["twice"] += made > len(subs)
        failures.append(f"round {rnd}: {len(subs)} submissions made {made} dossiers "
                        f"({len(submitted_ids)} distinct answers)")
    con.close()


def cli_round(rnd, args, data, failures, figures):
    env = dict(os.environ, AWARDFLOW_DATA=data)
    jobs = []
    for i in range(4):
        title = f"Phiên CLI {rnd}-{i}"
        jobs.append((["council", "open", "--as", "thuong-truc", "--title", title,
                      "--on", "2026-12-21", "--member", COUNCIL[0], "--member", COUNCIL[1],
                      "--member", COUNCIL[2], "--idempotency-key", f"cli-session-{rnd}-{i}"],
                     ("SELECT COUNT(*) FROM council_sessions WHERE title = ?", title)))
        login = f"cli-{rnd}-{i}"
        jobs.append((["users", "add", "--as", "quan-tri", "--login", login, "--name", login,
                      "--role", "archivist", "--unit", "UBND-HUONGSON", "--password-file",
                      os.path.join(data, "..", "password"),
                      "--idempotency-key", f"cli-user-{rnd}-{i}"],
                     ("SELECT COUNT(*) FROM users WHERE login = ?", login)))
    first = {}
    procs = [(subprocess.Popen([args.binary] + argv, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, start_new_session=True), argv)
             for argv, _ in jobs]
    # Each process killed at its own moment, from at once to past the time all of them took
    # together in an unkilled run (measured in main), so some die early, some mid-commit and
    # some after answering.
    started = time.monotonic()
    for at, (p, argv) in sorted(((random.uniform(0.0, 1.5 * args.cli_seconds), job)
                                 for job in procs), key=lambda t: t[0]):
        time.sleep(max(0.0, started + at - time.monotonic()))
        if p.poll() is None:
            os.killpg(p.pid, signal.SIGKILL)
    for p, argv in procs:
        out, _ = p.communicate()
        if p.returncode >= 0:
            first[tuple(argv)] = (p.returncode, out)
    con = None
    for argv, effect in jobs:
        done = subprocess.run([args.binary] + argv, env=env, capture_output=True)
        figures["requests"] += 1
        kind = "cli " + " ".join(argv[:2])
        figures["kinds"][kind] = figures["kinds"].get(kind, 0) + 1
        if tuple(argv) in first:
            figures["acknowledged"] += 1
            if first[tuple(argv)] != (done.returncode, done.stdout):
                failures.append(f"cli round {rnd}: {argv[:2]} replayed differently")
        if done.returncode != 0:
            failures.append(f"cli round {rnd}: {' '.join(argv[:2])} exit {done.returncode}: "
                            f"{done.stderr.decode()[:300]}")
            continue
        con = con or sqlite3.connect(f"file:{os.path.join(data, 'awardflow.db')}?mode=ro",
                                     uri=True)
        sql, *params = effect
        (n,) = con.execute(sql, params).fetchone()
        if n != 1:
            figures["twice"] += n > 1
            failures.append(f"cli round {rnd}: {' '.join(argv[:2])}: effect found {n} times")
    if con:
        con.close()


def post_for_comment(args, work, data):
    """A cultural-village dossier taken through the council to public posting; its id."""
    def run(*argv):
        data_args = [] if argv[0] == "sign" else ["--data", data]
        done = subprocess.run([args.binary, *argv, *data_args], capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(f"awardflow {' '.join(argv[:2])}: exit {done.returncode}: "
                               f"{done.stderr}")
        return done.stdout

    signed = os.path.join(work, "village.xml")
    run("sign", "--key", os.path.join(data, "demo-keys", "pho-chau.p12"), "--passphrase-file",
        os.path.join(work, "key-pass"),
        os.path.join(args.source, "samples/dossiers/valid/12-pho-chau-2024-cultural-village.xml"),
        "-o", signed)
    out = run("submit", signed, "--attachments", os.path.join(args.source, "samples/attachments"),
              "--as", "pho-chau")
    dossier = re.search(r"HS-[0-9]{4}-[0-9]{6}", out).group(0)
    session = run("council", "open", "--title", "Phiên công khai", "--on", "2026-12-19",
                  "--as", "thuong-truc").split("\n")[0].strip()
    run("act", dossier, "receive", "--as", "thuong-truc")
    run("act", dossier, "start-appraisal", "--as", "thuong-truc")
    run("act", dossier, "send-to-council", "--session", session, "--as", "thuong-truc")
    for member in COUNCIL:
        run("vote", dossier, "approve", "--as", member)
    run("act", dossier, "close-vote-and-post", "--as", "thuong-truc")
    return dossier


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("source")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seed", type=int, default=int(time.time()))
    args = parser.parse_args()
    random.seed(args.seed)
    work = tempfile.mkdtemp(prefix="awardflow-crash-")
    data = os.path.join(work, "data")
    failures = []
    figures = {"requests": 0, "acknowledged": 0, "twice": 0, "kinds": {}}
    try:
        with open(os.path.join(work, "password"), "w") as f:
            f.write("crash-password-123\n")
        subprocess.run([args.binary, "init", "--demo", "--data", data], check=True,
                       capture_output=True)
        signed = os.path.join(work, "signed.xml")
        with open(os.path.join(work, "key-pass"), "w") as f:
            f.write("demo-pho-chau-2026\n")
        subprocess.run([args.binary, "sign", "--key",
                        os.path.join(data, "demo-keys", "pho-chau.p12"), "--passphrase-file",
                        os.path.join(work, "key-pass"),
                        os.path.join(args.source,
                                     "samples/dossiers/valid/09-pho-chau-2024-advanced-worker.xml"),
                        "-o", signed], check=True, capture_output=True)
        with open(signed, "rb") as f:
            signed_xml = f.read()
        # One of the demo's dossiers under appraisal from the start, for opinion requests.
        con = sqlite3.connect(f"file:{os.path.join(data, 'awardflow.db')}?mode=ro", uri=True)
        (appraised,) = con.execute("SELECT id FROM dossiers WHERE submitted_by = 'son-tien' AND "
                                   "state = 'submitted'").fetchone()
        con.close()
        for action in ("receive", "start-appraisal"):
            subprocess.run([args.binary, "act", appraised, action, "--as", "thuong-truc",
                            "--data", data], check=True, capture_output=True)
        posted = post_for_comment(args, work, data)
        # How long eight CLI commands at once take here (sanitizer builds are slower).
        started = time.monotonic()
        procs = [subprocess.Popen([args.binary, "council", "list", "--as", "thuong-truc",
                                   "--data", data], stdout=subprocess.DEVNULL)
                 for _ in range(8)]
        for p in procs:
            p.wait()
        args.cli_seconds = max(0.05, time.monotonic() - started)
        with open(os.path.join(work, "server.log"), "w") as log:
            for rnd in range(1, args.rounds + 1):
                http_round(rnd, args, data, log, signed_xml, posted, failures, figures)
                cli_round(rnd, args, data, failures, figures)
        verify = subprocess.run([args.binary, "audit", "verify", "--data", data],
                                capture_output=True, text=True)
        if verify.returncode != 0:
            failures.append("audit verify: " + verify.stdout + verify.stderr)
    finally:
        if failures:
            print(f"kept for inspection: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    print(f"exactly once across kill -9 (seed {args.seed}): {args.rounds} rounds, "
          f"{figures['requests']} keyed requests, {figures['acknowledged']} acknowledged "
          f"before a kill, effects found twice: {figures['twice']}")
    print("  by kind: " + ", ".join(f"{k} {n}" for k, n in sorted(figures["kinds"].items())))
    for f in failures[:40]:
        print("FAIL:", f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
