#!/usr/bin/env python3
"""Reference reader: TensorBoard's own event file loader, keeping every scalar."""
import sys

from tensorboard.backend.event_processing.event_file_loader import EventFileLoader
from tensorboard.util import tensor_util

scalars = 0
for event in EventFileLoader(sys.argv[1]).Load():
    for value in event.summary.value:
        if value.HasField("tensor") or value.HasField("simple_value"):
            scalars += 1
print(scalars)
