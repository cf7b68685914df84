#!/usr/bin/env python3
"""Drive concierge shell. Extra directives:
  :join ROLE KEY NAME   -> staff makes /invite ROLE KEY, NAME opens it (/start payload)
"""
import sys, re, os, pexpect
script = open(sys.argv[1]).read().splitlines()
env = dict(os.environ, CONCIERGE_WEB_PORT=sys.argv[2] if len(sys.argv) > 2 else "18181")
p = pexpect.spawn("/work/main/.venv/bin/concierge", ["shell"], cwd="/tmp", env=env, encoding="utf-8", timeout=240, maxread=200000)
PROMPT = re.compile(r"\n?[^\n]* @ [^\n]*> $")
out = []
QUIET=[False]
def expect_prompt():
    p.expect(PROMPT)
    txt = p.before + p.after
    if not QUIET[0]: sys.stdout.write(txt); sys.stdout.flush()
    return txt
expect_prompt()
cur = "刘主任"
def send(line):
    p.sendline(line)
    return expect_prompt()
for line in script:
    if not line.strip() or line.startswith("#"):
        if line.startswith("#"): sys.stdout.write("\n>>> " + line + "\n")
        continue
    if line.startswith(":join "):
        _, role, key, name = line.split(maxsplit=3)
        QUIET[0]=True
        send(":as 刘主任"); send(":private")
        t = send(f"/invite {role} {key}")
        m = re.findall(r"start=(inv_[A-Za-z0-9_-]+)", t)
        send(f":as {name}"); send(":private")
        t=send(f"/start {m[-1]}")
        QUIET[0]=False
        sys.stdout.write("[joined %s as %s %s]\n" % (name, role, key))
        continue
    send(line)
p.sendline(":quit")
try: p.expect(pexpect.EOF, timeout=30)
except Exception: pass
sys.stdout.write(p.before or "")
