#!/usr/bin/env python3
"""Writes stdout-log fixtures with the exact print/format strings of each trainer
(shared/log-formats.md §6, read from nanoGPT train.py/model.py, litgpt pretrain.py,
Megatron-LM training.py, torchtitan metrics.py). Values are synthetic.
Run from this folder: python3 make_fixtures.py"""
import datetime


def nanogpt():
    out = []
    tokens_per_iter = 12 * 40 * 1024
    out.append(f"tokens per iteration will be: {tokens_per_iter:,}")
    out.append("number of parameters: %.2fM" % (123653376 / 1e6,))
    out.append("[2023-04-14 09:55:30,333] torch._inductor.utils: [WARNING] make_fallback(aten.addmv): a fallback")
    for it in range(0, 50, 10):
        if it == 20:
            out.append(f"step {it}: train loss {4.1:.4f}, val loss {4.2:.4f}")
        loss = float("nan") if it == 30 else 10.0 - 0.1 * it
        mfu = -100.0 if it == 0 else 10.73
        out.append(f"iter {it}: loss {loss:.4f}, time {1389.25:.2f}ms, mfu {mfu:.2f}%")
    return "\n".join(out) + "\n"


def litgpt():
    out = [f"Total parameters: {1234567:,}"]
    val = "n/a"
    for it, step in [(1, 1), (2, 1), (3, 2), (4, 2)]:
        loss = 7.0 - 0.25 * it
        accumulating = it % 2 == 1
        out.append(f"Epoch {1} | iter {it} step {step} | loss train: {loss:.3f}, val: {val} | iter time: {412.5:.2f} ms"
                   f"{' (step)' if not accumulating else ''} remaining time: 0:01:02")
    out.append(f"iter {4}: val loss {6.1:.4f}, val time: {99.0:.2f} ms")
    out.append(f"Final evaluation | val loss: {6.05:.3f} | val ppl: {424.1:.3f}")
    return "\r\n".join(out) + "\r\n"   # CRLF, as a Windows console capture


def megatron():
    # megatron/training/arguments.py _print_args: '  {} {} {}'.format(arg, '.' * (48 - len(arg)), value)
    out = ["------------------------ arguments ------------------------"]
    out += ["  {} {} {}".format(arg, "." * (48 - len(arg)), v) for arg, v in
            [("global_batch_size", 1008), ("seq_length", 4096), ("train_iters", 242204)]]
    out += [" > number of parameters on (tensor, pipeline) model parallel rank (0, 0): 400000000",
           " > number of parameters on (tensor, pipeline) model parallel rank (1, 0): 400000000",
           " > number of parameters on (tensor, pipeline) model parallel rank (0, 0): 400000000"]
    for it in (50, 100):
        ts = datetime.datetime(2025, 3, 31, 5, 54, 7, 123456).strftime("%Y-%m-%d %H:%M:%S.%f")
        log = f" [{ts}] iteration {it:8d}/{242204:8d} |"
        log += f" consumed samples: {it * 1008:12d} |"
        log += f" elapsed time per iteration (ms): {1552.8:.1f} |"
        log += f" throughput per GPU (TFLOP/s/GPU): {134.0:.1f} |"
        log += f" learning rate: {8e-06 * it / 50:.6E} |"
        log += f" global batch size: {1008:5d} |"
        log += f" lm loss: {6.258318 - it / 1000:.6E} |"
        log += f" loss scale: {1.0:.1f} |"
        log += f" grad norm: {1.52:.3f} |"
        log += f" number of skipped iterations: {0:3d} |"
        log += f" number of nan iterations: {0:3d} |"
        out.append(log)
    out.append(f" validation loss at iteration 100 | lm loss value: {6.1:.6E} | lm loss PPL: {450.0:.6E} | ")
    return "\n".join(out) + "\n"


def torchtitan():
    red, green, orange, turquoise, blue, cyan, magenta, yellow, reset = (
        "\033[31m", "\033[32m", "\033[33m", "\033[36m", "\033[34m", "\033[36m", "\033[35m", "\033[33m", "\033[39m")
    prefix = "[rank0]:[titan] 2025-06-04 08:51:58,557 - root - INFO - "
    out = [prefix + f"{blue}Model llama3 debugmodel {red}size: {6139136:,} total parameters{reset}"]
    for step in (1, 2, 3):
        loss, g, gib, pct, tps, tflops, mfu = 10.7069 - step, 1.25, 30.99, 32.62, 7034, 407.35, 41.19
        out.append(prefix + f"{red}step: {step:2}  {green}loss: {loss:8.5f}  {orange}grad_norm: {g:7.4f}  "
                   f"{turquoise}memory: {gib:5.2f}GiB({pct:.2f}%)  {blue}tps: {round(tps):,}  "
                   f"{cyan}tflops: {tflops:,.2f}  {magenta}mfu: {mfu:.2f}%{reset}")
    out.append(prefix + f"{yellow}validate step: {3:2}  {green}loss: {9.1:7.4f}{reset}")
    # a tqdm-style bar redrawn with bare CRs between two log lines
    bar = "".join(f"\r {p:3d}%|{'#' * (p // 10):<10}| {p}/100" for p in (10, 50, 100))
    return "\n".join(out[:2]) + "\n" + bar + "\n" + "\n".join(out[2:]) + "\n"


def user():
    return "".join(f"train | it={s} seen={s * 4096:,} lr={3e-4:.1e} ce={5.0 - s / 100:.3f}\n" for s in range(100, 400, 100))


for name, text in [("nanogpt.log", nanogpt()), ("litgpt.log", litgpt()), ("megatron.log", megatron()),
                   ("torchtitan.log", torchtitan()), ("user.log", user())]:
    with open(name, "w", newline="") as f:
        f.write(text)
