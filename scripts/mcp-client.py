#!/usr/bin/env python3
"""Drives Runnel's MCP server with a real external client, Python's `mcp` package (PyPI):
`runnel mcp` over stdio (on a local repository) and `POST /mcp` on a real `runnel serve`
(Streamable HTTP, with API keys). On each: list the tools, create a workflow from a template,
trigger it and wait for its outputs, call the workflow as its own tool; on HTTP also see the
scope error a read-only key gets, on stdio the tools/list_changed a push sends, and
`runnel mcp --api` in front of the same daemon (its answers carry the scope checks).
    scripts/mcp-client.py RUNNEL_BINARY
Prints one line per check and exits non-zero on the first failure.
"""
import asyncio
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

from mcp import ClientSession, StdioServerParameters, types
from mcp.client.stdio import stdio_client

from mcp.client.streamable_http import streamable_http_client
from mcp.shared._httpx_utils import create_mcp_http_client

RUNNEL = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else ".build/debug/runnel")

# The template both transports install (the Swift in-memory tests install it too).
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "mcp-echo-template.yaml"), encoding="utf-8") as f:
    TEMPLATE = f.read()

HELLO = """name: Hello
steps:
  - id: say
    type: script
    config: {run: 'echo "said=hello" >> "$RUNNEL_OUTPUT"'}
outputs:
  said: ${{ steps.say.output.said }}
"""


def check(condition, what, detail=""):
    if not condition:
        print(f"FAIL: {what} {detail}", flush=True)
        sys.exit(1)
    print(f"ok: {what}", flush=True)


def git(repo, *args):
    subprocess.run(["git", "-c", "user.name=MCP test", "-c", "user.email=mcp@runnel.invalid", "-c", "init.defaultBranch=main",
                    "-c", "commit.gpgsign=false", *args], cwd=repo, check=True, capture_output=True)


def make_repo(folder):
    repo = os.path.join(folder, "repo")
    os.makedirs(os.path.join(repo, "workflows"))
    os.makedirs(os.path.join(repo, "templates"))
    with open(os.path.join(repo, "templates", "echo.yaml"), "w") as f:
        f.write(TEMPLATE)
    with open(os.path.join(repo, "workflows", "hello.yaml"), "w") as f:
        f.write(HELLO)
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "initial")
    return repo


def result_json(result):
    text = result.content[0].text if result.content else ""
    try:
        return json.loads(text)
    except ValueError:
        return {"_text": text}


async def exercise(session, label, name):
    """The walk both transports share; returns the run id."""
    await session.initialize()
    tools = {t.name: t for t in (await session.list_tools()).tools}
    for tool in ["list_workflows", "get_workflow", "validate_workflow", "list_workflow_templates", "create_workflow_from_template",
                 "trigger_workflow", "get_run", "cancel_run", "list_runs", "list_approvals"]:
        check(tool in tools, f"{label}: tools/list has {tool}")
    check(tools["list_workflows"].annotations.read_only_hint is True, f"{label}: list_workflows is read-only")
    check(tools["cancel_run"].annotations.destructive_hint is True, f"{label}: cancel_run is destructive")
    templates = result_json(await session.call_tool("list_workflow_templates", {}))
    check(any(t["id"] == "echo" for t in templates.get("templates", [])), f"{label}: the repository's template is listed")
    created = await session.call_tool("create_workflow_from_template", {"template_slug": "echo", "workflow_id": name, "inputs": {"word": "hey"}})
    answer = result_json(created)
    check(not created.is_error and answer.get("path") == f"workflows/{name}.yaml" and len(answer.get("commit", "")) == 40,
          f"{label}: create_workflow_from_template commits workflows/{name}.yaml", json.dumps(answer))
    started = result_json(await session.call_tool("trigger_workflow", {"workflow_id": name, "payload": {"text": "there"}, "wait_seconds": 30}))
    check(started.get("status") == "completed" and started.get("outputs", {}).get("said") == "hey there",
          f"{label}: trigger_workflow waits for the outputs", json.dumps(started))
    report = result_json(await session.call_tool("get_run", {"run_id": started["run_id"], "tail_lines": 5}))
    check(report.get("trigger", {}).get("type") == "mcp", f"{label}: the run records trigger: mcp", json.dumps(report))
    tools = [t.name for t in (await session.list_tools()).tools]
    check(name in tools, f"{label}: the new workflow is a tool of its own", str(tools))
    direct = result_json(await session.call_tool(name, {"text": "again"}))
    check(direct.get("outputs", {}).get("said") == "hey again", f"{label}: calling the workflow's tool runs it", json.dumps(direct))
    resource = await session.read_resource(f"runnel://workflows/{name}")
    check("Echo hey" in resource.contents[0].text, f"{label}: runnel://workflows/{name} is the file")
    return started["run_id"]


async def stdio(folder):
    repo = make_repo(os.path.join(folder, "stdio"))
    params = StdioServerParameters(command=RUNNEL, args=["mcp", "--repo", repo, "--state", os.path.join(folder, "stdio-state"),
                                                         "--tool-poll-interval", "0.2"])
    changed = asyncio.Event()

    async def on_message(message):
        if isinstance(message, types.ToolListChangedNotification):
            changed.set()

    async with stdio_client(params) as (read, write):
        async with ClientSession(read, write, message_handler=on_message) as session:
            await exercise(session, "stdio", "echo")
            changed.clear()
            # A push from outside (git, not a tool) that adds a workflow tool.
            with open(os.path.join(repo, "workflows", "more.yaml"), "w") as f:
                f.write(TEMPLATE.replace("${{ params.word }}", "more").replace("parameters:\n  word: {type: string, required: true}\n", ""))
            git(repo, "add", "-A")
            git(repo, "commit", "-qm", "add more")
            try:
                await asyncio.wait_for(changed.wait(), 20)
            except asyncio.TimeoutError:
                pass
            check(changed.is_set(), "stdio: a push that adds a workflow tool sends tools/list_changed")


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


async def http(folder):
    repo = make_repo(os.path.join(folder, "http"))
    keys = os.path.join(folder, "keys.json")
    writer = subprocess.run([RUNNEL, "keys", "create", "agent", "--scopes", "write,run", "--keys-file", keys],
                            check=True, capture_output=True, text=True).stdout.strip()
    reader = subprocess.run([RUNNEL, "keys", "create", "reader", "--scopes", "read", "--keys-file", keys],
                            check=True, capture_output=True, text=True).stdout.strip()
    port = free_port()
    log = open(os.path.join(folder, "serve.log"), "w")
    serve = subprocess.Popen([RUNNEL, "serve", "--repo", repo, "--state", os.path.join(folder, "http-state"), "--keys-file", keys,
                              "--listen", f"127.0.0.1:{port}"], stdout=log, stderr=subprocess.STDOUT)
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=1)
                break
            except OSError:
                if serve.poll() is not None:
                    check(False, "runnel serve started", open(os.path.join(folder, "serve.log")).read())
                time.sleep(0.1)
        url = f"http://127.0.0.1:{port}/mcp"
        async with streamable_http_client(url, http_client=create_mcp_http_client(headers={"Authorization": f"Bearer {writer}"})) as streams:
            async with ClientSession(streams[0], streams[1]) as session:
                await exercise(session, "http", "web-echo")
        async with streamable_http_client(url, http_client=create_mcp_http_client(headers={"Authorization": f"Bearer {reader}"})) as streams:
            async with ClientSession(streams[0], streams[1]) as session:
                await session.initialize()
                listed = result_json(await session.call_tool("list_workflows", {}))
                check(listed.get("total", 0) >= 1, "http: a read key lists the workflows")
                refused = await session.call_tool("trigger_workflow", {"workflow_id": "hello"})
                text = refused.content[0].text if refused.content else ""
                check(refused.is_error and "lacks the 'run' scope" in text, "http: a read key gets a scope error on trigger_workflow", text)
        # `runnel mcp --api`: stdio in front of the same daemon; the daemon's answers carry its scope checks.
        for key, label in [(writer, "write,run"), (reader, "read")]:
            params = StdioServerParameters(command=RUNNEL, args=["mcp", "--api", f"http://127.0.0.1:{port}"],
                                           env={**os.environ, "RUNNEL_API_KEY": key})
            async with stdio_client(params) as (read, write):
                async with ClientSession(read, write) as session:
                    await session.initialize()
                    started = await session.call_tool("trigger_workflow", {"workflow_id": "hello", "wait_seconds": 20})
                    text = started.content[0].text if started.content else ""
                    if label == "read":
                        check(started.is_error and "lacks the 'run' scope" in text, "--api: a read key gets the daemon's scope error", text)
                    else:
                        check(not started.is_error and result_json(started).get("outputs", {}).get("said") == "hello",
                              "--api: a run key runs a workflow through the daemon", text)
    finally:
        serve.terminate()
        try:
            serve.wait(20)
        except subprocess.TimeoutExpired:
            serve.kill()
        log.close()


async def main():
    with tempfile.TemporaryDirectory(prefix="runnel-mcp-") as folder:
        await stdio(folder)
        await http(folder)
    print("mcp client: all checks passed", flush=True)


if __name__ == "__main__":
    asyncio.run(main())
