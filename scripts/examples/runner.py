"""Runs glossary code blocks for `npm run glossary:examples`.

Reads one JSON request per line on stdin, {"id", "code", "timeout"}, and answers one JSON line
per request: {"id", "exit", "timedOut", "ms", "stdout", "stderr", "claims"}.

Each block runs in its own process, forked from this clean interpreter after the heavy
libraries are imported once, so a block sees a fresh `__main__`, fresh globals and its own
stdout; nothing it does reaches the next one. With --fresh every block starts a new interpreter.
`claims` pairs each top-level `print(...)  # comment` with what that print wrote.
"""
import ast
import builtins
import io
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import tokenize
import traceback
import types

PRELOAD = ["numpy", "scipy", "scipy.stats", "sklearn", "sklearn.linear_model", "sklearn.model_selection",
           "sklearn.metrics", "torch", "torch.nn", "transformers", "jax", "jax.numpy"]


def preload():
    for name in PRELOAD:
        try:
            __import__(name)
        except Exception:  # a missing library only means a slower or failing block
            pass


def claimed_prints(src):
    """{line: (first_line, last_line, comment)} for top-level print statements with a trailing comment."""
    try:
        tree = ast.parse(src)
        comments = {}
        for tok in tokenize.generate_tokens(io.StringIO(src).readline):
            if tok.type == tokenize.COMMENT:
                comments[tok.start[0]] = tok.string[1:].strip()
    except (SyntaxError, tokenize.TokenError):
        return {}
    found = {}
    for stmt in tree.body:
        call = stmt.value if isinstance(stmt, ast.Expr) else None
        if isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id == "print":
            comment = comments.get(stmt.end_lineno)
            if comment:
                found[stmt.lineno] = (stmt.lineno, stmt.end_lineno, comment)
    return found


def run_child(src, path, result_path):
    """Runs in the forked child: executes the block as __main__, then writes the claims."""
    claims = claimed_prints(src)
    printed = {}
    module_code = compile(src, path, "exec")
    real_print = builtins.print

    def tracking_print(*args, **kwargs):
        frame = sys._getframe(1)
        if frame.f_code is module_code and kwargs.get("file") in (None, sys.stdout):
            line = frame.f_lineno
            for first, (lo, hi, _) in claims.items():
                if lo <= line <= hi:
                    buf = io.StringIO()
                    real_print(*args, **{**kwargs, "file": buf})
                    printed[first] = printed.get(first, "") + buf.getvalue()
                    break
        real_print(*args, **kwargs)

    main = types.ModuleType("__main__")
    main.__file__ = path
    main.__builtins__ = builtins
    main.print = tracking_print
    sys.modules["__main__"] = main
    sys.argv = [path]
    status = 0
    try:
        exec(module_code, main.__dict__)
    except SystemExit as e:
        status = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
    except BaseException as e:
        # Drop this runner's own frame, so the traceback starts in the block.
        traceback.print_exception(type(e), e, e.__traceback__.tb_next)
        status = 1
    sys.stdout.flush()
    sys.stderr.flush()
    with open(result_path, "w") as f:
        json.dump([{"line": k, "comment": claims[k][2], "output": printed.get(k, "")} for k in sorted(claims)], f)
    return status


def run_one(req, fresh):
    src = req["code"]
    timeout = float(req.get("timeout", 60))
    tmp = tempfile.mkdtemp(prefix="mllens-example-")
    path = os.path.join(tmp, "example.py")
    with open(path, "w") as f:
        f.write(src)
    out_path, err_path, result_path = (os.path.join(tmp, n) for n in ("stdout", "stderr", "claims.json"))
    start = time.monotonic()
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        if fresh:
            proc = subprocess.Popen([sys.executable, __file__, "--one", path, result_path],
                                    stdout=out, stderr=err, stdin=subprocess.DEVNULL, cwd=tmp, start_new_session=True)
            pid = proc.pid
        else:
            pid = os.fork()
            if pid == 0:
                status = 1
                try:
                    os.setsid()
                    os.chdir(tmp)
                    devnull = os.open(os.devnull, os.O_RDONLY)
                    os.dup2(devnull, 0)
                    os.dup2(out.fileno(), 1)
                    os.dup2(err.fileno(), 2)
                    sys.stdin = open(os.devnull)
                    sys.stdout = io.TextIOWrapper(os.fdopen(1, "wb", closefd=False), line_buffering=True)
                    sys.stderr = io.TextIOWrapper(os.fdopen(2, "wb", closefd=False), line_buffering=True)
                    signal.signal(signal.SIGINT, signal.SIG_DFL)
                    status = run_child(src, path, result_path)
                finally:
                    os._exit(status if isinstance(status, int) and 0 <= status < 256 else 1)
        timed_out = False
        deadline = start + timeout
        status = None
        while status is None:
            done, raw = os.waitpid(pid, os.WNOHANG)
            if done:
                status = os.waitstatus_to_exitcode(raw)
                break
            if time.monotonic() > deadline:
                timed_out = True
                try:
                    os.killpg(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            time.sleep(0.005)
    # A block may leave children behind; they must not outlive it.
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    ms = round((time.monotonic() - start) * 1000)

    def read(p, limit=20000):
        try:
            with open(p, "rb") as f:
                data = f.read()
        except OSError:
            return ""
        text = data.decode("utf-8", "replace")
        return text if len(text) <= limit else text[:limit // 2] + "\n…\n" + text[-limit // 2:]

    try:
        with open(result_path) as f:
            claims = json.load(f)
    except (OSError, ValueError):
        claims = []
    answer = {"id": req.get("id"), "exit": status, "timedOut": timed_out, "ms": ms,
              "stdout": read(out_path), "stderr": read(err_path), "claims": claims}
    for name in os.listdir(tmp):
        try:
            os.remove(os.path.join(tmp, name))
        except OSError:
            pass
    try:
        os.rmdir(tmp)
    except OSError:
        pass
    return answer


def main():
    if len(sys.argv) >= 4 and sys.argv[1] == "--one":
        with open(sys.argv[2]) as f:
            src = f.read()
        sys.exit(run_child(src, sys.argv[2], sys.argv[3]))
    fresh = "--fresh" in sys.argv
    if not fresh:
        preload()
    print(json.dumps({"ready": True, "python": sys.version.split()[0]}), flush=True)
    for line in sys.stdin:
        if not line.strip():
            continue
        try:
            req = json.loads(line)
            answer = run_one(req, fresh)
        except Exception:
            answer = {"id": None, "exit": 1, "timedOut": False, "ms": 0, "stdout": "", "stderr": traceback.format_exc(), "claims": []}
        print(json.dumps(answer), flush=True)


if __name__ == "__main__":
    main()
