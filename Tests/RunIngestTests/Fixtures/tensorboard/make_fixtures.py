#!/usr/bin/env python3
"""Writes the TensorBoard event-file fixtures in this folder with real writers.

    pip install tensorboard==2.21.0 tensorboardX==2.6.5
    python3 make_fixtures.py          # from this folder; rewrites the run folders below

The values are synthetic (a power-law-ish loss), the bytes are the writers' own:

* tensorboardx-lm/      tensorboardX SummaryWriter: simple_value scalars (train/loss,
                        train/learning_rate, tokens, eval/loss), the hparams plugin written
                        into the same file (as Lightning does), a text summary (DT_STRING),
                        a histogram, one event carrying two values, and a NaN loss at step 33.
* pytorch-new-style/    TensorBoard's own EventFileWriter (the one torch.utils.tensorboard
                        uses) with PyTorch's new-style scalars: file 1 float_val losses for
                        steps 0-24; file 2, opened later as a resumed job would (purge_step=15
                        marker events), double_val losses for steps 15-29 (the step rewinds).
* tf-tensor-content/    TF2-style scalars as tf.summary writes them through the C++ writer:
                        DT_FLOAT with raw tensor_content, empty shape, the "scalars" plugin
                        and data_class named only on a tag's first value; a Keras model JSON
                        as a DT_STRING tensor, a graph_def event, and hparams through
                        tensorboard's hparams_pb.

Clock, host name and pid are fixed so the files are the same on every run, except the
order of the hparams map entries, which protobuf serializes in hash order.
"""
import math
import os
import shutil
import socket
import struct
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
T0 = 1_700_000_000.0

# Deterministic names and wall times: a frozen clock the script advances by hand.
_clock = [T0]
time.time = lambda: _clock[0]
socket.gethostname = lambda: "fixture-host"
os.getpid = lambda: 4242


def loss_at(step):
    return 2.0 + 8.0 * (step + 1) ** -0.3


def lr_at(step):
    return 6e-4 * min(1.0, (step + 1) / 10)


def fresh(name):
    path = os.path.join(HERE, name)
    shutil.rmtree(path, ignore_errors=True)
    os.makedirs(path)
    return path


def tensorboardx_lm():
    from tensorboardX import SummaryWriter
    from tensorboardX.proto.summary_pb2 import Summary
    from tensorboardX.summary import hparams

    path = fresh("tensorboardx-lm")
    _clock[0] = T0
    writer = SummaryWriter(path, flush_secs=10_000)
    config = {"n_params": 25_000_000, "batch_size": 64, "seq_len": 1024, "lr": 6e-4,
              "optimizer": "adamw", "tied_embeddings": True}
    for summary in hparams(config, {}):
        writer._get_file_writer().add_summary(summary)
    writer.add_text("notes", "synthetic run for scaletop's tests", 0, walltime=T0)
    for step in range(1, 41):
        wall = T0 + 10 * step
        loss = float("nan") if step == 33 else loss_at(step)
        if step == 40:
            # One event, two values (TF1 style).
            summary = Summary(value=[Summary.Value(tag="train/loss", simple_value=loss),
                                     Summary.Value(tag="train/learning_rate", simple_value=lr_at(step))])
            writer._get_file_writer().add_summary(summary, step, walltime=wall)
        else:
            writer.add_scalar("train/loss", loss, step, walltime=wall)
            writer.add_scalar("train/learning_rate", lr_at(step), step, walltime=wall)
        writer.add_scalar("tokens", step * 64 * 1024, step, walltime=wall)
        if step % 10 == 0:
            writer.add_scalar("eval/loss", loss_at(step) + 0.1, step, walltime=wall + 1)
            writer.add_histogram("weights", np.linspace(-1, 1, 50) * step, step, walltime=wall)
    writer.close()


def new_style_scalar(tag, value, double):
    from tensorboard.compat.proto.summary_pb2 import Summary, SummaryMetadata
    from tensorboard.compat.proto.tensor_pb2 import TensorProto

    # What torch.utils.tensorboard.summary.scalar(new_style=True[, double_precision=True]) builds.
    if double:
        tensor = TensorProto(double_val=[value], dtype="DT_DOUBLE")
    else:
        tensor = TensorProto(float_val=[value], dtype="DT_FLOAT")
    metadata = SummaryMetadata(plugin_data=SummaryMetadata.PluginData(plugin_name="scalars"))
    return Summary(value=[Summary.Value(tag=tag, tensor=tensor, metadata=metadata)])


def event(step, wall, **fields):
    from tensorboard.compat.proto.event_pb2 import Event
    return Event(step=step, wall_time=wall, **fields)


def pytorch_new_style():
    from tensorboard.compat.proto.event_pb2 import SessionLog
    from tensorboard.summary.writer.event_file_writer import EventFileWriter

    path = fresh("pytorch-new-style")
    _clock[0] = T0
    first = EventFileWriter(path, flush_secs=10_000)
    for step in range(0, 25):
        wall = T0 + 5 * step
        first.add_event(event(step, wall, summary=new_style_scalar("loss", loss_at(step), double=False)))
        first.add_event(event(step, wall, summary=new_style_scalar("lr", lr_at(step), double=True)))
    first.close()

    # The job resumes from a checkpoint at step 15 in a new writer (SummaryWriter(purge_step=15)).
    _clock[0] = T0 + 1000
    second = EventFileWriter(path, flush_secs=10_000)
    second.add_event(event(15, T0 + 1000, file_version="brain.Event:2"))
    second.add_event(event(15, T0 + 1000, session_log=SessionLog(status=SessionLog.START)))
    for step in range(15, 30):
        wall = T0 + 1000 + 5 * step
        second.add_event(event(step, wall, summary=new_style_scalar("loss", loss_at(step) - 0.01, double=True)))
        second.add_event(event(step, wall, summary=new_style_scalar("lr", lr_at(step), double=True)))
    second.close()


def tf_tensor_content():
    from tensorboard.compat.proto.summary_pb2 import DATA_CLASS_SCALAR, Summary, SummaryMetadata
    from tensorboard.compat.proto.tensor_pb2 import TensorProto
    from tensorboard.compat.proto.tensor_shape_pb2 import TensorShapeProto
    from tensorboard.plugins.hparams import summary_v2 as hp
    from tensorboard.summary.writer.event_file_writer import EventFileWriter

    path = fresh("tf-tensor-content")
    _clock[0] = T0 + 5000
    writer = EventFileWriter(path, flush_secs=10_000)
    writer.add_event(event(0, T0 + 5000, summary=hp.hparams_pb(
        {"num_params": 1.2e8, "global_batch_size": 256, "seq_length": 2048, "dropout": 0.1,
         "activation": "gelu"}, start_time_secs=T0 + 5000)))
    model = TensorProto(dtype="DT_STRING", tensor_shape=TensorShapeProto(), string_val=[b'{"class_name": "Sequential"}'])
    keras_meta = SummaryMetadata(plugin_data=SummaryMetadata.PluginData(plugin_name="graph_keras_model"))
    writer.add_event(event(0, T0 + 5000, summary=Summary(value=[Summary.Value(tag="keras", tensor=model, metadata=keras_meta)])))
    writer.add_event(event(0, T0 + 5000, graph_def=b"\x0a\x03\x0a\x01x" * 100))
    seen = set()
    for step in range(0, 12):
        wall = T0 + 5000 + 30 * step
        for tag, value in (("epoch_loss", loss_at(10 * step)), ("epoch_learning_rate", lr_at(10 * step))):
            tensor = TensorProto(dtype="DT_FLOAT", tensor_shape=TensorShapeProto(), tensor_content=struct.pack("<f", value))
            value_pb = Summary.Value(tag=tag, tensor=tensor)
            if tag not in seen:
                # TF names a tag's plugin only on its first value in a file.
                value_pb.metadata.CopyFrom(SummaryMetadata(
                    plugin_data=SummaryMetadata.PluginData(plugin_name="scalars"), data_class=DATA_CLASS_SCALAR))
                seen.add(tag)
            writer.add_event(event(step, wall, summary=Summary(value=[value_pb])))
    writer.close()


def rename_by_creation(folder):
    """Writers put pid and a process-wide counter in the name; keep the timestamp, fix the rest."""
    path = os.path.join(HERE, folder)
    for i, name in enumerate(sorted(os.listdir(path))):
        stamp = name.split(".")[3]
        os.rename(os.path.join(path, name), os.path.join(path, f"events.out.tfevents.{stamp}.fixture-host.{i}"))


if __name__ == "__main__":
    tensorboardx_lm()
    pytorch_new_style()
    tf_tensor_content()
    for folder in ("tensorboardx-lm", "pytorch-new-style", "tf-tensor-content"):
        rename_by_creation(folder)
