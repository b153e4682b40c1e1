#!/usr/bin/env python3
"""Writes the Hugging Face fixtures the way transformers does: trainer_state.json via
json.dumps(asdict(state), indent=2, sort_keys=True) + "\n" (NaN written as Python writes it),
and two config.json files (GPT-2 small, a small LLaMA) for the parameter count.
Run from this folder: python3 make_fixtures.py"""
import json

log_history = [
    {"epoch": 0.1, "grad_norm": 1.5, "learning_rate": 5e-05, "loss": 3.25, "step": 10, "num_input_tokens_seen": 40960},
    {"epoch": 0.2, "grad_norm": 1.25, "learning_rate": 4.5e-05, "loss": 2.875, "step": 20, "num_input_tokens_seen": 81920},
    {"epoch": 0.2, "eval_loss": 2.9, "eval_runtime": 1.5, "eval_samples_per_second": 10.0, "step": 20},
    {"epoch": 0.2, "predict_loss": 2.95, "predict_runtime": 1.7},
    {"epoch": 0.3, "grad_norm": float("nan"), "learning_rate": 4e-05, "loss": float("nan"), "step": 30, "num_input_tokens_seen": 122880},
    {"epoch": 0.4, "grad_norm": 1.0, "learning_rate": 3.5e-05, "loss": 2.5, "step": 40, "num_input_tokens_seen": 163840},
    {"epoch": 0.4, "eval_loss": 2.6, "eval_runtime": 1.5, "eval_samples_per_second": 10.0, "step": 40},
    {"epoch": 0.4, "step": 40, "total_flos": 1.0e15, "train_loss": 2.9, "train_runtime": 100.0},
]
state = {
    "best_metric": None, "best_model_checkpoint": None, "epoch": 0.4, "eval_steps": 20, "global_step": 40,
    "is_hyper_param_search": False, "is_local_process_zero": True, "is_world_process_zero": True,
    "log_history": log_history, "logging_steps": 10, "max_steps": 100, "num_input_tokens_seen": 163840,
    "num_train_epochs": 1, "save_steps": 20, "total_flos": 1.0e15, "train_batch_size": 8,
    "trial_name": None, "trial_params": None,
}
with open("trainer_state.json", "w") as f:
    f.write(json.dumps(state, indent=2, sort_keys=True) + "\n")

gpt2 = {"model_type": "gpt2", "architectures": ["GPT2LMHeadModel"], "n_embd": 768, "n_layer": 12, "n_head": 12,
        "n_positions": 1024, "n_ctx": 1024, "n_inner": None, "vocab_size": 50257}
with open("config_gpt2.json", "w") as f:
    f.write(json.dumps(gpt2, indent=2, sort_keys=True) + "\n")

llama = {"model_type": "llama", "architectures": ["LlamaForCausalLM"], "hidden_size": 4096, "num_hidden_layers": 32,
         "intermediate_size": 11008, "num_attention_heads": 32, "num_key_value_heads": 32, "vocab_size": 32000,
         "max_position_embeddings": 4096, "tie_word_embeddings": False, "rms_norm_eps": 1e-05}
with open("config_llama.json", "w") as f:
    f.write(json.dumps(llama, indent=2, sort_keys=True) + "\n")
