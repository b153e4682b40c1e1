#!/usr/bin/env python3
"""Reference reading of TensorBoard event files, for scaletop's comparison test.

Prints, for each file named on the command line, the scalars TensorBoard's own reader
finds and the hyperparameters of any hparams session_start_info, as JSON:

    {"<path>": {"scalars": [{"step": 0, "wall_time": "1628697775.5", "tag": "epoch_loss",
                             "value": "2.5"}, ...],
                "hparams": {"batch_size": "8.0", ...}}}

Numbers are printed as Python's repr (shortest round-trip text; "nan", "inf") so the Swift
side reads them back exactly. Needs the `tensorboard` package (pip install tensorboard);
it uses TensorBoard's loader, which migrates old-style simple_value scalars to tensors the
way the TensorBoard UI does, and its tensor_util to decode every tensor encoding.
"""
import json
import sys

from tensorboard.backend.event_processing import event_file_loader
from tensorboard.plugins.hparams import plugin_data_pb2
from tensorboard.util import tensor_util


def read(path):
    scalars = []
    hparams = {}
    # TensorFlow writers name a tag's plugin only on its first value in a file; TensorBoard
    # remembers it per tag, and so do we.
    plugin_by_tag = {}
    for event in event_file_loader.EventFileLoader(path).Load():
        if not event.HasField("summary"):
            continue
        for value in event.summary.value:
            if value.HasField("metadata") and value.metadata.HasField("plugin_data"):
                plugin_by_tag[value.tag] = value.metadata.plugin_data.plugin_name
            plugin = plugin_by_tag.get(value.tag)
            if plugin == "hparams":
                if not value.metadata.HasField("plugin_data"):
                    continue
                data = plugin_data_pb2.HParamsPluginData.FromString(value.metadata.plugin_data.content)
                if data.HasField("session_start_info"):
                    for key, v in data.session_start_info.hparams.items():
                        kind = v.WhichOneof("kind")
                        if kind == "number_value":
                            hparams[key] = repr(v.number_value)
                        elif kind == "string_value":
                            hparams[key] = v.string_value
                        elif kind == "bool_value":
                            hparams[key] = "true" if v.bool_value else "false"
                continue
            if plugin != "scalars" or not value.HasField("tensor"):
                continue
            array = tensor_util.make_ndarray(value.tensor)
            if array.size != 1:
                continue
            scalars.append({
                "step": event.step,
                "wall_time": repr(event.wall_time),
                "tag": value.tag,
                "value": repr(float(array.item())),
            })
    return {"scalars": scalars, "hparams": hparams}


if __name__ == "__main__":
    json.dump({path: read(path) for path in sys.argv[1:]}, sys.stdout, indent=1, sort_keys=True)
    sys.stdout.write("\n")
